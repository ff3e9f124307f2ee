import type { TSurveyItem } from '../../../shared/src/survey/definition';
import { focusElement, h } from '../common/dom';
import type { TUiStrings } from '../../../shared/src/i18n';
import { buildSteps, isStepShown, linkIdsIn, resolveStep, stepKey } from './steps';

/**
 * Below this width the form shows one step at a time with its progress; wider screens show the
 * whole form, which is quicker to scan and to review there than pages would be.
 */
const SMALL_SCREEN = '(max-width: 47.9375em)';

export type TPager = {
  steps: TSurveyItem[][];
  /** The step in view: its key, kept in the draft so a reload resumes there. */
  current: () => string | null;
  /** Whether the form shows one step at a time right now. */
  paged: () => boolean;
  isLastStep: () => boolean;
  /** Every linkId of the step in view. */
  currentLinkIds: () => Set<string>;
  /** New elements for a fresh render: the progress (text and bar) and the Back button. */
  render: (strings: TUiStrings, back: () => void) => { progress: HTMLElement; back: HTMLButtonElement };
  /** Shows the step in view and hides the others, for the questions `visible` now. */
  refresh: (questions: HTMLElement, visible: Set<string>, strings: TUiStrings) => void;
  /** Moves `delta` shown steps (refresh afterwards). */
  go: (delta: number, visible: Set<string>) => void;
  /** After a move: to the top, with focus on the progress so that it is read out. */
  focusProgress: () => void;
  /** Makes the step holding `linkId` the one in view (error summary links may point elsewhere). */
  reveal: (linkId: string) => void;
  /** Calls `onChange` when the screen crosses the small-screen width, while `alive()` holds. */
  watch: (alive: () => boolean, onChange: () => void) => void;
};

export function createPager(items: TSurveyItem[], initial: string | null): TPager {
  const steps = buildSteps(items);
  const smallScreen = window.matchMedia(SMALL_SCREEN);
  let step = initial;
  let shown: string[] = steps.map(stepKey);
  let progress = h('div');
  let progressText = h('p');
  let progressBar = h('progress');
  let backButton = h('button');

  const paged = (): boolean => smallScreen.matches && steps.length > 1;
  const indexOf = (): number => Math.max(0, shown.indexOf(step ?? ''));
  const showOn = (visible: Set<string>): void => {
    shown = steps.filter((s) => isStepShown(s, visible)).map(stepKey);
    step = resolveStep(steps, shown, step);
  };

  return {
    steps,
    current: () => step,
    paged,
    isLastStep: () => !paged() || indexOf() >= shown.length - 1,
    currentLinkIds: () => linkIdsIn(steps.find((s) => stepKey(s) === step) ?? []),
    render(strings, back) {
      progressText = h('p', { class: 'progress-text', id: 'progress-text', tabindex: '-1' });
      progressBar = h('progress', { 'aria-labelledby': 'progress-text' });
      progress = h('div', { class: 'progress' }, progressText, progressBar);
      backButton = h('button', { type: 'button', class: 'secondary', onclick: back }, strings.back);
      return { progress, back: backButton };
    },
    refresh(questions, visible, strings) {
      showOn(visible);
      const isPaged = paged();
      for (const el of questions.querySelectorAll<HTMLElement>('.step')) {
        el.hidden = isPaged && el.dataset.step !== step;
      }
      const index = indexOf();
      progress.hidden = !isPaged;
      progressText.textContent = strings.progress(index + 1, shown.length);
      progressBar.max = shown.length;
      progressBar.value = index + 1;
      backButton.hidden = !isPaged || index === 0;
    },
    go(delta, visible) {
      showOn(visible);
      step = shown[Math.min(shown.length - 1, Math.max(0, indexOf() + delta))] ?? null;
    },
    focusProgress() {
      window.scrollTo(0, 0);
      focusElement(progressText);
    },
    reveal(linkId) {
      const found = steps.find((s) => linkIdsIn(s).has(linkId));
      if (found && paged()) step = stepKey(found);
    },
    watch(alive, onChange) {
      const listener = (): void => {
        if (alive()) onChange();
        else smallScreen.removeEventListener('change', listener);
      };
      smallScreen.addEventListener('change', listener);
    },
  };
}
