import type { TResponseCounts } from '../../../../shared/src/api/results';
import type { TSurveySummary, TTemplateSummary } from '../../../../shared/src/api/surveys';
import { h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import { figureText, formatCount } from '../board/format';
import { blankDefinition } from '../editor/item-types';
import { dataTable, formatDate, messageBox, offersSection, renderPage } from '../layout';
import { resultsApi } from '../results/results-api';
import { navigate } from '../router';

export async function showSurveyList(): Promise<void> {
  const listArea = h('div', {}, h('p', { class: 'loading' }, 'Loading surveys…'));
  const newArea = h('div');
  renderPage(
    'Surveys',
    listArea,
    h(
      'section',
      { 'aria-labelledby': 'new-heading' },
      h('h2', { id: 'new-heading' }, 'Start a new survey'),
      newArea,
    ),
  );
  const [surveys, templates, counts] = await Promise.allSettled([
    api.listSurveys(),
    api.listTemplates(),
    resultsApi.responseCounts(),
  ]);
  replace(
    listArea,
    surveys.status === 'fulfilled'
      ? surveyTable(surveys.value.items, counts.status === 'fulfilled' ? counts.value : null)
      : messageBox('error', describeError(surveys.reason)),
  );
  replace(
    newArea,
    templates.status === 'fulfilled'
      ? templateChoices(templates.value.items)
      : messageBox('error', describeError(templates.reason)),
  );
}

/** Analysed responses in the user's scope, small counts hidden; a link to the survey's results. */
function responsesCell(survey: TSurveySummary, counts: TResponseCounts | null): HTMLElement | string {
  if (!counts || !survey.latestVersion) return '—';
  const figure = counts.items.find((c) => c.surveyId === survey.id)?.responses ?? {
    value: 0,
    n: 0,
    hidden: null,
  };
  return h(
    'span',
    {},
    h('span', { class: 'response-count' }, figureText(figure, counts.k, formatCount)),
    h(
      'span',
      { class: 'hint block' },
      h(
        'a',
        { href: `#/surveys/${encodeURIComponent(survey.id)}/results` },
        'Results',
        h('span', { class: 'visually-hidden' }, ` of “${survey.title}”`),
      ),
    ),
  );
}

function surveyTable(surveys: TSurveySummary[], counts: TResponseCounts | null): HTMLElement {
  if (surveys.length === 0) return h('p', {}, 'No surveys yet. Start one from a template below.');
  const canImport = offersSection('/import');
  return dataTable(
    'Your surveys',
    ['Title', 'Audience', 'Status', 'Responses', 'Latest version', 'Updated'],
    surveys.map((survey) => [
      h('a', { href: `#/surveys/${encodeURIComponent(survey.id)}` }, survey.title),
      survey.audience === 'patient' ? 'Patients' : 'Clinicians',
      statusBadge(survey),
      responsesCell(survey, counts),
      survey.latestVersion
        ? h(
            'span',
            {},
            `v${survey.latestVersion.version} · ${formatDate(survey.latestVersion.publishedAt)}`,
            canImport &&
              survey.status !== 'archived' &&
              h('span', { class: 'hint block' }, importLink(survey)),
          )
        : 'Not published',
      formatDate(survey.updatedAt),
    ]),
  );
}

/** Past responses go into a survey's published version; the import page starts with it chosen. */
function importLink(survey: TSurveySummary): HTMLElement {
  return h(
    'a',
    { href: `#/import?survey=${encodeURIComponent(survey.id)}` },
    'Import history',
    h('span', { class: 'visually-hidden' }, ` into “${survey.title}”`),
  );
}

export function statusBadge(survey: Pick<TSurveySummary, 'status' | 'hasUnpublishedChanges'>): HTMLElement {
  const label = { draft: 'Draft', published: 'Published', archived: 'Archived' }[survey.status];
  return h(
    'span',
    { class: 'badges' },
    h('span', { class: `badge ${survey.status}` }, label),
    survey.hasUnpublishedChanges &&
      survey.status !== 'archived' &&
      h('span', { class: 'badge changes' }, 'Unpublished changes'),
  );
}

function templateChoices(templates: TTemplateSummary[]): HTMLElement {
  const errorArea = h('div');
  const create = async (
    button: HTMLButtonElement,
    body: Parameters<typeof api.createSurvey>[0],
  ): Promise<void> => {
    button.disabled = true;
    try {
      const survey = await api.createSurvey(body);
      navigate(`/surveys/${encodeURIComponent(survey.id)}`);
    } catch (error) {
      replace(errorArea, messageBox('error', describeError(error)));
      button.disabled = false;
    }
  };
  const card = (
    title: string,
    description: string,
    body: Parameters<typeof api.createSurvey>[0],
  ): HTMLElement => {
    const button = h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => void create(button, body) },
      `New from “${title}”`,
    );
    return h('li', { class: 'card' }, h('h3', {}, title), h('p', {}, description), button);
  };
  return h(
    'div',
    {},
    errorArea,
    h(
      'ul',
      { class: 'cards' },
      templates.map((t) => card(t.title, t.description, { templateId: t.id })),
      card('Blank survey', 'One free-text question to start from; add your own.', {
        definition: blankDefinition(),
      }),
    ),
  );
}
