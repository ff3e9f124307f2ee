import type { TTaxonomyVersion } from '../../../../shared/src/api/taxonomies';
import type { TInvalidParam } from '../../../../shared/src/errors';
import { focusElement, h, replace } from '../../common/dom';
import { ApiError, describeError } from '../../common/http';
import { api, type TTaxonomyVersionSummary } from '../api';
import { messageArea } from '../forms';
import { dataTable, messageBox, renderPage } from '../layout';
import { setLeaveGuard } from '../router';
import { currentUser, userIs } from '../session';
import { themeEditor, type TDefinition, type TPlacedProblem } from './friction-theme-editor';

const TITLE = 'Friction themes';

let dirtyCheck: (() => boolean) | null = null;
window.addEventListener('beforeunload', (event) => {
  if (dirtyCheck?.()) event.preventDefault();
});

/** A moment, to the minute, where the reader is. */
function formatMoment(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * The clinician-friction taxonomy: every staff member may read it; administrators and quality
 * leads who cover the whole organisation edit it (the server's rule too, since the themes are the
 * organisation's). Each save is a new version; the version loaded is sent back as `baseVersion`, so
 * a save over someone else's newer version is refused rather than silently undoing theirs.
 */
export async function showFrictionThemes(): Promise<void> {
  dirtyCheck = null;
  renderPage(TITLE, h('p', { class: 'loading' }, 'Loading friction themes…'));
  const [currentResult, versionsResult] = await Promise.allSettled([
    api.getFrictionTaxonomy(),
    api.listFrictionTaxonomyVersions(),
  ]);
  if (currentResult.status === 'rejected') {
    renderPage(TITLE, messageBox('error', describeError(currentResult.reason)));
    return;
  }
  let current = currentResult.value;
  const canEdit = userIs('admin', 'quality_lead') && currentUser()?.scope.level === 'organisation';

  const status = messageArea();
  const versionInfo = h('p', { class: 'version-info' });
  const historyArea = h('div');
  const drawVersion = (): void => replace(versionInfo, describeVersion(current));
  const drawHistory = (versions: PromiseSettledResult<{ items: TTaxonomyVersionSummary[] }>): void =>
    replace(
      historyArea,
      versions.status === 'fulfilled'
        ? historyTable(versions.value.items)
        : messageBox('error', describeError(versions.reason)),
    );

  const intro = [
    h(
      'p',
      {},
      'Friction themes sort what clinicians report about their workflow. A comment gets a theme when ',
      'it contains one of the theme’s terms or phrases; upper and lower case do not matter.',
    ),
    h(
      'p',
      {},
      'Saved changes apply to new comments at once; comments analysed with an older version are brought ',
      'up to date when an operator runs ',
      h('code', {}, 'npm run reanalyse'),
      '.',
    ),
  ];
  const history = h(
    'section',
    { 'aria-labelledby': 'history-heading' },
    h('h2', { id: 'history-heading' }, 'Version history'),
    historyArea,
  );

  if (!canEdit) {
    const main = renderPage(
      TITLE,
      intro,
      versionInfo,
      h(
        'p',
        { class: 'hint' },
        'Only administrators and quality leads who cover the whole organisation can change these themes.',
      ),
      h(
        'section',
        { 'aria-labelledby': 'themes-heading' },
        h('h2', { id: 'themes-heading' }, 'Themes'),
        themeList(current.definition),
      ),
      history,
    );
    main.classList.add('friction-page');
    drawVersion();
    drawHistory(versionsResult);
    return;
  }

  const editor = themeEditor(current.definition, status);
  let savedJson = JSON.stringify(editor.read());
  const isDirty = (): boolean => JSON.stringify(editor.read()) !== savedJson;
  const messages = messageArea();
  const saveButton = h('button', { type: 'submit', class: 'primary', form: 'themes-form' }, 'Save themes');
  const form = h(
    'form',
    { id: 'themes-form', 'aria-labelledby': 'themes-heading', novalidate: true },
    h('h2', { id: 'themes-heading' }, 'Themes'),
    h(
      'p',
      { id: 'terms-help' },
      'Put one term or phrase on each line. A term ending in * matches every word that begins with it: ',
      h('code', {}, 'click*'),
      ' matches “click”, “clicks” and “clicking”.',
    ),
    editor.list,
  );
  let busy = false;

  async function save(): Promise<void> {
    if (busy) return;
    editor.clearProblems();
    messages.replaceChildren();
    status.replaceChildren();
    const local = editor.check();
    if (local.length > 0) {
      showProblems('Some themes need your attention before they can be saved.', local);
      return;
    }
    busy = true;
    saveButton.disabled = true;
    const definition = editor.read();
    try {
      current = await api.saveFrictionTaxonomy({ baseVersion: current.version, definition });
      savedJson = JSON.stringify(definition);
      drawVersion();
      replace(
        status,
        messageBox(
          'success',
          `Saved as version ${current.version}. New comments are analysed with it from now on.`,
        ),
      );
      const [versions] = await Promise.allSettled([api.listFrictionTaxonomyVersions()]);
      if (versions) drawHistory(versions);
    } catch (error) {
      showSaveError(error);
    } finally {
      busy = false;
      saveButton.disabled = false;
    }
  }

  /** The refusal sits above the Save bar, maybe off screen: focus brings it into view and reads it. */
  function showSaveError(error: unknown): void {
    showSaveRefusal(error);
    if (!(error instanceof ApiError && error.invalidParams.length > 0)) {
      focusElement(messages.querySelector<HTMLElement>('.message'));
    }
  }

  function showSaveRefusal(error: unknown): void {
    if (error instanceof ApiError && error.status === 409) {
      replace(
        messages,
        messageBox(
          'error',
          h(
            'p',
            {},
            'Someone else saved a newer version of the themes while you were editing, so your changes were ',
            'not saved. Load their version, then make your changes again.',
          ),
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => reload() },
            'Load the latest version',
          ),
        ),
      );
    } else if (error instanceof ApiError && error.invalidParams.length > 0) {
      showProblems(describeError(error), error.invalidParams);
    } else if (error instanceof ApiError && error.status === 401) {
      replace(
        messages,
        messageBox(
          'error',
          'You were signed out, so nothing was saved. Sign in again, then save; your edits are still here.',
        ),
      );
    } else {
      replace(messages, messageBox('error', describeError(error)));
    }
  }

  /** Each problem by its field and, as links to them, in an alert at the top; focus on the first. */
  function showProblems(detail: string, params: TInvalidParam[]): void {
    const { placed, unplaced } = editor.showProblems(params);
    replace(messages, problemSummary(detail, placed, unplaced));
    const first = placed[0]?.target;
    if (first instanceof HTMLFieldSetElement) first.querySelector('input')?.focus();
    else if (first) first.focus();
    else focusElement(messages.querySelector<HTMLElement>('.message'));
  }

  function reload(): void {
    dirtyCheck = null;
    setLeaveGuard(null);
    void showFrictionThemes();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });

  const main = renderPage(
    TITLE,
    intro,
    versionInfo,
    form,
    editor.addForm,
    messages,
    h('div', { class: 'theme-save' }, saveButton, status),
    history,
  );
  main.classList.add('friction-page');
  drawVersion();
  drawHistory(versionsResult);
  dirtyCheck = isDirty;
  setLeaveGuard(() => {
    const leave = !isDirty() || confirm('You have unsaved changes to the themes. Leave without saving?');
    if (leave) dirtyCheck = null;
    return leave;
  });
}

function describeVersion(current: TTaxonomyVersion): string {
  if (current.version === 0 || !current.createdAt) {
    return 'Version 0: the themes CareLoop comes with. Nobody here has changed them yet.';
  }
  return `Version ${current.version}, saved ${formatMoment(current.createdAt)}.`;
}

/** The alert at the top after a refused save: what went wrong, each problem a link to its field. */
function problemSummary(detail: string, placed: TPlacedProblem[], unplaced: TInvalidParam[]): HTMLElement {
  return messageBox(
    'error',
    h('p', {}, detail),
    h(
      'ul',
      {},
      placed.map((problem) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              // The router owns the hash, so follow the link by moving focus rather than the address.
              href: `#${problem.target.id}`,
              onclick: (event: Event) => {
                event.preventDefault();
                const target = problem.target;
                if (target instanceof HTMLFieldSetElement) target.querySelector('input')?.focus();
                else target.focus();
              },
            },
            problem.text,
          ),
        ),
      ),
      unplaced.map((param) => h('li', {}, `${param.name}: ${param.reason}`)),
    ),
  );
}

function themeList(definition: TDefinition): HTMLElement {
  if (definition.themes.length === 0) return h('p', {}, 'There are no themes yet.');
  return h(
    'ul',
    { class: 'plain theme-list' },
    definition.themes.map((theme) =>
      h(
        'li',
        { class: 'card' },
        h('h3', {}, theme.label),
        h('p', { class: 'hint' }, 'Key: ', h('code', {}, theme.key)),
        theme.terms.length === 0
          ? h('p', {}, 'No terms yet.')
          : h(
              'ul',
              { class: 'terms', 'aria-label': `Terms and phrases of ${theme.label}` },
              theme.terms.map((term) => h('li', {}, term)),
            ),
      ),
    ),
  );
}

function historyTable(versions: TTaxonomyVersionSummary[]): HTMLElement {
  const me = currentUser()?.id;
  return dataTable(
    'Version history',
    ['Version', 'Saved', 'Saved by'],
    [
      ...versions.map((v) => [
        String(v.version),
        formatMoment(v.createdAt),
        v.createdBy === me ? 'You' : 'A colleague',
      ]),
      ['0', 'Comes with CareLoop', '—'],
    ],
    'history-table',
  );
}
