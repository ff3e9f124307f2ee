import { CSRF_HEADER, type TSessionInfo } from '../../../../shared/src/api/auth';
import {
  IMPORT_CONTENT_TYPES,
  type TResponseImport,
  type TResponseImportResult,
  type TResponseImportSummary,
} from '../../../../shared/src/api/imports';
import type { TSurveySummary } from '../../../../shared/src/api/surveys';
import type { TProblem } from '../../../../shared/src/errors';
import { h, replace } from '../../common/dom';
import { API_BASE, ApiError, apiRequest, describeError, NetworkError } from '../../common/http';
import { field, messageArea } from '../forms';
import { dataTable, messageBox, renderPage } from '../layout';
import { staffRequest } from '../session';
import './import-history.css';

/** How often the page asks how far the import and its analysis have got. */
const POLL_MS = 2000;

const count = (n: number): string => n.toLocaleString();
const mb = (bytes: number): string =>
  bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * `#/import?survey=<id>`: upload a file of past responses (NDJSON or CSV) to a published survey.
 * The browser streams the file (XHR, for its upload progress events); the server stores it batch by
 * batch and replies only at the end, so meanwhile the page polls the survey's imports for the rows
 * stored, and afterwards the import itself for the rows analysed.
 */
export async function showImportHistory(surveyId = ''): Promise<void> {
  const messages = messageArea();
  const formArea = h('div', {}, h('p', { class: 'loading' }, 'Loading surveys…'));
  const progressArea = h('section', {
    class: 'import-progress',
    'aria-labelledby': 'import-progress-heading',
    hidden: true,
  });
  const resultArea = h('div');
  renderPage(
    'Import past responses',
    h(
      'p',
      {},
      'Bring in answers collected before CareLoop, so that boards and change impact reach back before go-live. ',
      'Each row is checked as a live answer is; rows already imported are skipped, so a file can be sent again.',
    ),
    formatHelp(),
    messages,
    formArea,
    progressArea,
    resultArea,
  );
  let surveys: TSurveySummary[];
  try {
    surveys = (await staffRequest<{ items: TSurveySummary[] }>('/surveys')).items.filter(
      (s) => s.latestVersion !== null && s.status !== 'archived',
    );
  } catch (error) {
    replace(formArea, messageBox('error', describeError(error)));
    return;
  }
  if (surveys.length === 0) {
    replace(
      formArea,
      h(
        'p',
        {},
        'There is no published survey to import into. ',
        h('a', { href: '#/' }, 'Publish one first.'),
      ),
    );
    return;
  }

  const surveySelect = h(
    'select',
    { id: 'import-survey' },
    surveys.map((s) => h('option', { value: s.id }, `${s.title} (v${s.latestVersion!.version})`)),
  );
  if (surveys.some((s) => s.id === surveyId)) surveySelect.value = surveyId;
  const fileInput = h('input', { type: 'file', id: 'import-file', accept: '.ndjson,.jsonl,.csv,text/csv' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Import');
  const form = h(
    'form',
    { class: 'admin-form' },
    field('Survey', surveySelect, 'Rows are checked against its latest published version.'),
    field('File', fileInput, 'NDJSON (.ndjson) or CSV (.csv), UTF-8.'),
    button,
  );
  replace(formArea, form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = fileInput.files?.[0];
    messages.replaceChildren();
    if (!file) {
      replace(messages, messageBox('error', 'Choose the file to import.'));
      fileInput.focus();
      return;
    }
    button.disabled = true;
    void runImport(surveySelect.value, file, { messages, progressArea, resultArea }).finally(() => {
      button.disabled = false;
    });
  });
}

function formatHelp(): HTMLElement {
  return h(
    'details',
    { class: 'import-help' },
    h('summary', {}, 'What the file holds'),
    h(
      'p',
      {},
      'NDJSON: one JSON object a line, ',
      h('code', {}, '{"externalId", "submittedAt", "unitId", "changeId"?, "answers": {question id: answer}}'),
      '. CSV: a header row ',
      h('code', {}, 'external_id,submitted_at,unit_id,change_id,<question id>…'),
      ', several choices of one question joined by |, an empty cell for no answer.',
    ),
    h(
      'p',
      {},
      'Dates are ISO 8601 with a time zone, such as 2024-03-01T09:30:00Z. The external id is the row’s id in the other system.',
    ),
  );
}

type TAreas = { messages: HTMLElement; progressArea: HTMLElement; resultArea: HTMLElement };

async function runImport(surveyId: string, file: File, areas: TAreas): Promise<void> {
  const sent = h('progress', { id: 'import-sent', max: file.size || 1, value: 0 });
  const sentText = h('span', {}, `0 of ${mb(file.size)}`);
  const stored = h('span', {}, '—');
  const analysed = h('progress', { id: 'import-analysed', max: 1, value: 0 });
  const analysedText = h('span', {}, 'Waiting for the upload to finish');
  // One sentence for screen readers, updated at the polls rather than at every progress event.
  const announcer = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  areas.progressArea.hidden = false;
  replace(
    areas.progressArea,
    h('h2', { id: 'import-progress-heading' }, 'Progress'),
    h('div', { class: 'field' }, h('label', { for: 'import-sent' }, 'File sent'), sent, sentText),
    h('p', {}, 'Rows stored: ', stored),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'import-analysed' }, 'Rows analysed'),
      analysed,
      analysedText,
    ),
    announcer,
  );
  areas.resultArea.replaceChildren();
  const started = Date.now();
  let uploading = true;
  const pollStored = async (): Promise<void> => {
    while (uploading && areas.progressArea.isConnected) {
      await sleep(POLL_MS);
      const list = await staffRequest<{ items: TResponseImportSummary[] }>(
        `/surveys/${encodeURIComponent(surveyId)}/imports`,
      ).catch(() => null);
      const mine = list?.items.find(
        (i) => i.status === 'running' && Date.parse(i.createdAt) >= started - 60_000,
      );
      if (mine && uploading) {
        stored.textContent = `${count(mine.imported)} (of ${count(mine.rows)} rows read)`;
        announcer.textContent = `${sentText.textContent} sent, ${count(mine.imported)} rows stored.`;
      }
    }
  };
  void pollStored();
  let result: TResponseImportResult;
  try {
    result = await uploadFile(surveyId, file, (loaded, total) => {
      sent.max = total || 1;
      sent.value = loaded;
      sentText.textContent = `${mb(loaded)} of ${mb(total)}`;
    });
  } catch (error) {
    areas.progressArea.hidden = true;
    replace(areas.messages, importError(error));
    return;
  } finally {
    uploading = false;
  }
  stored.textContent = count(result.imported);
  drawResult(areas.resultArea, result);
  await followAnalysis(result, analysed, analysedText, announcer);
}

/** Polls the import until the workers have analysed every stored row, or the page is left. */
async function followAnalysis(
  result: TResponseImportResult,
  bar: HTMLProgressElement,
  text: HTMLElement,
  announcer: HTMLElement,
): Promise<void> {
  bar.max = Math.max(result.imported, 1);
  let done = result.imported === 0;
  while (!done && bar.isConnected) {
    const progress = await staffRequest<TResponseImport>(
      `/imports/${encodeURIComponent(result.importId)}`,
    ).catch(() => null);
    if (progress) {
      bar.value = progress.analysed;
      text.textContent = `${count(progress.analysed)} of ${count(result.imported)}`;
      announcer.textContent = `${count(progress.analysed)} of ${count(result.imported)} rows analysed.`;
      done = progress.analysed >= result.imported;
    }
    if (!done) await sleep(POLL_MS);
  }
  if (result.imported === 0) text.textContent = 'No new rows to analyse';
}

function drawResult(area: HTMLElement, result: TResponseImportResult): void {
  const problems = result.errors.flatMap((e) => e.problems.map((p) => [String(e.line), p.name, p.reason]));
  replace(
    area,
    messageBox(
      result.rejected > 0 ? 'info' : 'success',
      h(
        'p',
        {},
        `${count(result.imported)} rows imported, ${count(result.duplicates)} already there, ${count(result.rejected)} refused.`,
      ),
    ),
    result.rejected > 0 &&
      h(
        'section',
        { 'aria-labelledby': 'import-problems-heading' },
        h('h2', { id: 'import-problems-heading' }, 'Refused rows'),
        result.rejected > result.errors.length &&
          h('p', { class: 'hint' }, `The first ${count(result.errors.length)} refused rows are listed.`),
        dataTable(
          'Refused rows: line, field and reason',
          ['Line', 'Field', 'Reason'],
          problems,
          'import-problems',
        ),
      ),
    h('p', { class: 'hint' }, `Import ${result.importId}`),
  );
}

function importError(error: unknown): HTMLElement {
  const params = error instanceof ApiError ? error.invalidParams : [];
  return messageBox(
    'error',
    h('p', {}, describeError(error)),
    params.length > 0 &&
      h(
        'ul',
        {},
        params.map((p) => h('li', {}, `${p.name}: ${p.reason}`)),
      ),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the file as it is (the browser streams it from disk) with XHR, whose upload events say how
 * much has gone; fetch has no upload progress. No timeout: a large file takes minutes.
 */
async function uploadFile(
  surveyId: string,
  file: File,
  onProgress: (loaded: number, total: number) => void,
): Promise<TResponseImportResult> {
  const { csrfToken } = await apiRequest<TSessionInfo>('/auth/me');
  const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv';
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/surveys/${encodeURIComponent(surveyId)}/responses/import`);
    xhr.setRequestHeader('Content-Type', csv ? IMPORT_CONTENT_TYPES.csv : IMPORT_CONTENT_TYPES.ndjson);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.addEventListener('progress', (e) =>
      onProgress(e.loaded, e.lengthComputable ? e.total : file.size),
    );
    xhr.addEventListener('error', () => reject(new NetworkError()));
    xhr.addEventListener('load', () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status === 200 || xhr.status === 207) resolve(body as TResponseImportResult);
      else {
        const problem = (body ?? {}) as Partial<TProblem>;
        reject(
          new ApiError(
            {
              type: 'about:blank',
              title: `Import failed (${xhr.status})`,
              code: 'internal',
              ...problem,
              status: xhr.status,
            },
            null,
          ),
        );
      }
    });
    xhr.send(file);
  });
}
