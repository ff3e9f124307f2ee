import type { TSurvey } from '../../../../shared/src/api/surveys';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { focusElement, h, replace, type TChild } from '../../common/dom';
import { ApiError, describeError } from '../../common/http';
import { api } from '../api';
import type { TEditorContext } from '../editor/context';
import { cardIds, itemList } from '../editor/item-card';
import { placeProblems, problemsForItem, type TPlacedProblem } from '../editor/problems';
import { aboutYouSwitch } from '../editor/about-you-switch';
import { settingsForm } from '../editor/settings-form';
import { formatDate, messageBox, renderPage } from '../layout';
import { linksPanel } from '../links/links-panel';
import { setLeaveGuard } from '../router';
import { userIs } from '../session';
import { statusBadge } from './survey-list';
import '../editor/editor.css';

let dirtyCheck: (() => boolean) | null = null;
window.addEventListener('beforeunload', (event) => {
  if (dirtyCheck?.()) event.preventDefault();
});

const clone = (def: TSurveyDefinition): TSurveyDefinition => structuredClone(def);

export async function showSurveyEditor(surveyId: string): Promise<void> {
  dirtyCheck = null;
  renderPage('Survey', h('p', { class: 'loading' }, 'Loading survey…'));
  let survey: TSurvey;
  try {
    survey = await api.getSurvey(surveyId);
  } catch (error) {
    renderPage(
      'Survey not found',
      messageBox('error', describeError(error)),
      h('p', {}, h('a', { href: '#/' }, 'Back to all surveys')),
    );
    return;
  }

  let savedJson = JSON.stringify(survey.draft);
  let problems: TPlacedProblem[] = [];
  let busy = false;
  const isDirty = (): boolean => JSON.stringify(ctx.def) !== savedJson;

  const meta = h('div', { class: 'survey-meta' });
  const dirtyMarker = h('span', { class: 'dirty', role: 'status' });
  const messages = h('div', { class: 'messages' });
  const problemsPanel = h('div', { class: 'problems-panel', tabindex: '-1', hidden: true });
  const body = h('div', { class: 'editor-body' });
  const saveButton = h(
    'button',
    { type: 'button', class: 'primary', onclick: () => void save() },
    'Save draft',
  );
  const publishButton = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => void publish() },
    'Publish',
  );
  const archiveButton = h(
    'button',
    { type: 'button', class: 'secondary danger', onclick: () => void archive() },
    'Archive',
  );

  const ctx: TEditorContext = {
    def: clone(survey.draft),
    readOnly: survey.status === 'archived',
    changed: () => drawDirty(),
    redraw: (focusId) => redraw(focusId),
    problemsFor: (path) => problemsForItem(problems, path),
  };

  function drawDirty(): void {
    dirtyMarker.textContent = ctx.readOnly ? '' : isDirty() ? 'Unsaved changes' : 'All changes saved';
    dirtyMarker.classList.toggle('unsaved', isDirty());
  }

  function drawMeta(): void {
    const version = survey.latestVersion;
    replace(
      meta,
      statusBadge(survey),
      h(
        'span',
        {},
        version
          ? `Latest version v${version.version}, published ${formatDate(version.publishedAt)}`
          : 'Not published yet',
      ),
    );
    ctx.readOnly = survey.status === 'archived';
    for (const button of [saveButton, publishButton, archiveButton]) button.hidden = ctx.readOnly;
    drawDirty();
  }

  function say(kind: 'error' | 'success' | 'info', ...content: TChild[]): void {
    replace(messages, messageBox(kind, ...content));
  }

  function redraw(focusId?: string): void {
    replace(
      body,
      ctx.readOnly
        ? messageBox(
            'info',
            'This survey is archived: it can be read but not changed, and its links no longer accept answers.',
          )
        : null,
      settingsForm(ctx),
      aboutYouSwitch(ctx),
      h(
        'section',
        { 'aria-labelledby': 'questions-heading', class: 'questions' },
        h('h2', { id: 'questions-heading' }, 'Questions'),
        itemList(ctx.def.items, 'items', '', ctx),
      ),
    );
    drawDirty();
    if (focusId) document.getElementById(focusId)?.focus();
  }

  function drawProblems(): void {
    problemsPanel.hidden = problems.length === 0;
    if (problems.length === 0) return problemsPanel.replaceChildren();
    replace(
      problemsPanel,
      h('h2', {}, problems.length === 1 ? '1 problem to fix' : `${problems.length} problems to fix`),
      h(
        'ul',
        {},
        problems.map((p) => {
          const target = p.itemPath ? cardIds.card(p.itemPath) : 'settings-heading';
          const text = `${p.where}${p.field ? ` – ${p.field}` : ''}: ${p.reason}`;
          return h(
            'li',
            {},
            h(
              'a',
              {
                href: `#${target}`,
                onclick: (e: Event) => (e.preventDefault(), focusElement(document.getElementById(target))),
              },
              text,
            ),
          );
        }),
      ),
    );
  }

  function setBusy(value: boolean): void {
    busy = value;
    for (const button of [saveButton, publishButton, archiveButton]) button.disabled = value;
  }

  function showApiError(error: unknown): void {
    if (error instanceof ApiError && error.invalidParams.length > 0) {
      problems = placeProblems(error.invalidParams, ctx.def);
      drawProblems();
      redraw();
      say('error', error.problem.detail ?? error.problem.title);
      focusElement(problemsPanel);
    } else if (error instanceof ApiError && error.status === 401) {
      say(
        'error',
        'You were signed out, so nothing was saved. Sign in again, then save; your edits are still here.',
      );
    } else if (error instanceof ApiError && error.status === 409) {
      say(
        'error',
        h(
          'p',
          {},
          'Someone else saved this survey after you opened it, so your changes were not saved. Reload to see their version; your unsaved changes here will be lost.',
        ),
        h('button', { type: 'button', class: 'secondary', onclick: () => reload() }, 'Reload the survey'),
      );
    } else {
      say('error', describeError(error));
    }
  }

  function reload(): void {
    if (isDirty() && !confirm('Discard your unsaved changes and reload?')) return;
    void showSurveyEditor(surveyId);
  }

  async function save(): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    try {
      survey = await api.updateSurvey(surveyId, { definition: ctx.def, revision: survey.revision });
      ctx.def = clone(survey.draft);
      savedJson = JSON.stringify(survey.draft);
      problems = [];
      drawProblems();
      drawMeta();
      redraw();
      say('success', 'Draft saved.');
      return true;
    } catch (error) {
      showApiError(error);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function publish(): Promise<void> {
    if (isDirty() && !(await save())) return;
    if (busy) return;
    setBusy(true);
    try {
      const version = await api.publishSurvey(surveyId);
      survey = await api.getSurvey(surveyId);
      drawMeta();
      say(
        'success',
        `Published as version ${version.version}. New responses use it from now on; existing links stay the same.`,
      );
      links?.refresh();
    } catch (error) {
      showApiError(error);
    } finally {
      setBusy(false);
    }
  }

  async function archive(): Promise<void> {
    if (
      !confirm(
        'Archive this survey? Its links will stop accepting answers. Responses already given are kept.',
      )
    )
      return;
    setBusy(true);
    try {
      survey = await api.archiveSurvey(surveyId);
      drawMeta();
      redraw();
      say('success', 'Survey archived.');
      links?.refresh();
    } catch (error) {
      showApiError(error);
    } finally {
      setBusy(false);
    }
  }

  // Links hold tokens that answer the survey: only the roles that create links see them.
  const links = userIs('admin', 'quality_lead') ? linksPanel(surveyId, () => survey) : null;
  renderPage(
    survey.title,
    h('p', {}, h('a', { href: '#/' }, '← All surveys')),
    meta,
    h('div', { class: 'actions-bar' }, saveButton, publishButton, archiveButton, dirtyMarker),
    messages,
    problemsPanel,
    body,
    links?.element ?? null,
  );
  drawMeta();
  redraw();
  dirtyCheck = isDirty;
  setLeaveGuard(() => {
    const leave = !isDirty() || confirm('You have unsaved changes. Leave without saving?');
    if (leave) dirtyCheck = null;
    return leave;
  });
}
