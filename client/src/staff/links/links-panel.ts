import type { TChange, TOrgTree } from '../../../../shared/src/api/org';
import type { TLink, TLinkCreate, TSurvey } from '../../../../shared/src/api/surveys';
import { focusElement, h, replace } from '../../common/dom';
import { describeError } from '../../common/http';
import { api } from '../api';
import { dataTable, formatDate, messageBox } from '../layout';
import { placeNames } from '../org-tree';
import { closeLinkControl } from './close-link';
import { linkForm } from './link-form';
import { absoluteUrl, qrFigure } from './qr';

export type TLinksPanel = { element: HTMLElement; refresh: () => void };

/** Links respondents use to answer the survey: create one (with its QR code) and list the rest. */
export function linksPanel(surveyId: string, getSurvey: () => TSurvey): TLinksPanel {
  const formArea = h('div');
  const resultArea = h('div', { class: 'link-result', tabindex: '-1' });
  const listArea = h('div');
  const element = h(
    'section',
    { class: 'card links', 'aria-labelledby': 'links-heading' },
    h('h2', { id: 'links-heading' }, 'Links for respondents'),
    formArea,
    resultArea,
    h('h3', {}, 'Existing links'),
    listArea,
  );
  let org: TOrgTree | null = null;
  let changes: TChange[] = [];
  let loaded = false;

  /** After the server made the link: its address and QR code, then the list with it. */
  async function created(link: TLink): Promise<string> {
    const url = absoluteUrl(link.url);
    replace(resultArea, copyableUrl(url, 'new-link-url'), await qrFigure(url, 'Scan to open the survey.'));
    await drawList();
    return 'Link created. Share the address or print the QR code.';
  }

  function drawForm(): void {
    const survey = getSurvey();
    if (survey.status === 'archived') {
      replace(formArea, h('p', {}, 'This survey is archived, so no new links can be made.'));
      return;
    }
    resultArea.replaceChildren();
    const form = linkForm(
      org,
      changes,
      { send: (body: TLinkCreate) => api.createLink(surveyId, body), done: created },
      survey.draft.locales,
    );
    replace(
      formArea,
      survey.latestVersion
        ? null
        : h('p', { class: 'hint' }, 'Publish the survey first: links show its latest published version.'),
      form,
    );
  }

  async function drawList(): Promise<void> {
    let links: TLink[];
    try {
      links = (await api.listLinks(surveyId)).items;
    } catch (error) {
      replace(listArea, messageBox('error', describeError(error)));
      return;
    }
    if (links.length === 0) {
      replace(listArea, h('p', {}, 'No links yet.'));
      return;
    }
    const units = placeNames(org);
    const changeNames = new Map(changes.map((c) => [c.id, c.name]));
    replace(
      listArea,
      dataTable(
        'Existing links',
        ['Link', 'Kind', 'Unit', 'Change', 'Created', 'Expires', 'Status', 'Actions'],
        links.map((link) => {
          const url = absoluteUrl(link.url);
          const qrSlot = h('div', { class: 'qr-slot' });
          const qrButton = h(
            'button',
            {
              type: 'button',
              class: 'small',
              'aria-expanded': 'false',
              onclick: () => {
                const open = qrButton.getAttribute('aria-expanded') === 'true';
                qrButton.setAttribute('aria-expanded', String(!open));
                if (open) qrSlot.replaceChildren();
                else void qrFigure(url, '').then((figure) => replace(qrSlot, figure));
              },
            },
            'QR code',
          );
          return [
            h(
              'span',
              { class: 'link-cell' },
              h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, url),
              ' ',
              qrButton,
              qrSlot,
            ),
            `${link.kind === 'open' ? 'Open' : 'Single use'}${link.kiosk ? ' · kiosk' : ''}`,
            link.unitId ? (units.get(link.unitId) ?? 'A unit') : 'Whole organisation',
            link.changeId ? (changeNames.get(link.changeId) ?? '—') : '—',
            formatDate(link.createdAt),
            formatDate(link.expiresAt),
            linkStatus(link),
            closeLinkControl(link, afterClose),
          ];
        }),
        'links-table',
      ),
    );
  }

  async function afterClose(): Promise<void> {
    await drawList();
    replace(resultArea, messageBox('success', 'Link closed. Its page now says the survey is closed.'));
    focusElement(resultArea);
  }

  async function load(): Promise<void> {
    replace(listArea, h('p', { class: 'loading' }, 'Loading links…'));
    if (!loaded) {
      // Both are optional for making a link: without them it covers the whole organisation.
      const [orgResult, changesResult] = await Promise.allSettled([api.getOrg(), api.listChanges()]);
      org = orgResult.status === 'fulfilled' ? orgResult.value : null;
      changes = changesResult.status === 'fulfilled' ? changesResult.value.items : [];
      loaded = true;
    }
    drawForm();
    await drawList();
  }

  void load();
  return { element, refresh: () => void load() };
}

function linkStatus(link: TLink): string {
  if (link.closed) return 'Closed';
  if (link.usedAt) return `Used ${formatDate(link.usedAt)}`;
  if (Date.parse(link.expiresAt) < Date.now()) return 'Expired';
  return 'Open';
}

function copyableUrl(url: string, id: string): HTMLElement {
  const input = h('input', { type: 'text', id, value: url, readonly: true, class: 'url' });
  const status = h('span', { class: 'hint', role: 'status' });
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'secondary small',
      onclick: () => {
        input.select();
        const manual = (): void =>
          void (status.textContent = 'Selected: press Ctrl+C (⌘C on a Mac) to copy.');
        // The Clipboard API exists only on https (or localhost); the selected text still copies by hand.
        if (!navigator.clipboard) return manual();
        navigator.clipboard.writeText(url).then(() => void (status.textContent = 'Copied.'), manual);
      },
    },
    'Copy address',
  );
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, 'Link address'),
    h('div', { class: 'copy-row' }, input, copy, status),
  );
}
