import { textDirection } from '../../../../shared/src/i18n';
import { youSaidWeDidStrings } from '../../../../shared/src/i18n/you-said-we-did';
import { escapeHtml as esc } from '../responses/basic-form.html';
import type { TPublicUnitPage } from './you-said-we-did.service';

/**
 * The public page and its A4 poster: plain server-rendered HTML (no script, one request, inline
 * styles), in the reader's language with the page's own direction. Colours are the respondent
 * page's, which meet WCAG AA on white.
 */
const CSS = `
:root{--text:#1b1b1b;--muted:#4b5563;--primary:#0b5394;--soft:#e6f0fa;--focus:#0b0c0c;color-scheme:light}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;
font-size:1.0625rem;line-height:1.5;color:var(--text);background:#fff}
main{display:block;max-width:44rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}h2{font-size:1.25rem;margin:0 0 .5rem}
a{color:var(--primary)}:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.muted{color:var(--muted)}
nav.language{display:flex;flex-wrap:wrap;gap:.25rem .75rem;justify-content:flex-end;align-items:center}
nav.language ul{display:flex;gap:.25rem;margin:0;padding:0;list-style:none}
nav.language a,nav.language [aria-current]{display:inline-flex;align-items:center;min-height:44px;min-width:44px;padding:0 .5rem}
nav.language [aria-current]{font-weight:600}
ol.actions{list-style:none;margin:1.5rem 0;padding:0}
ol.actions>li{border-inline-start:4px solid var(--primary);background:var(--soft);padding:.75rem 1rem;margin:0 0 1rem}
dl{margin:0}dt{font-weight:600}dd{margin:0 0 .5rem}
.links a{display:inline-flex;align-items:center;min-height:44px;margin-inline-end:1.5rem}
`;

const POSTER_CSS = `
@page{size:A4;margin:14mm}
html,body{height:100%}
body{font-size:16pt}
main{max-width:none;padding:0;height:100%}
h1{font-size:40pt;color:var(--primary);margin-bottom:4mm}
.poster{display:flex;flex-direction:column;height:100%}
.poster>p{font-size:18pt}
ol.actions>li{break-inside:avoid;padding:4mm 6mm;margin-bottom:5mm}
.qr{margin-top:auto;display:flex;gap:8mm;align-items:center;border-top:3px solid var(--primary);padding-top:8mm}
.qr svg{width:70mm;height:70mm;flex:none}
.qr p{margin:0 0 3mm}
.qr .big{font-size:24pt;font-weight:600}
.qr .muted{font-size:11pt;word-break:break-all}
@media screen{main{max-width:210mm;height:297mm;padding:14mm;margin:1rem auto;box-shadow:0 0 0 1px #c9ced6}}
`;

/** Organisation-local day as the reader writes dates, e.g. "3 March 2026" or "3 de marzo de 2026". */
function formatDay(day: string, locale: string): string {
  // The organisations are British by default: "6 December 2026", not "December 6, 2026".
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

function languageSwitch(page: TPublicUnitPage, path: string): string {
  if (page.locales.length < 2) return '';
  const t = youSaidWeDidStrings(page.locale);
  const items = page.locales
    .map((l) => {
      const name = youSaidWeDidStrings(l).languageName;
      return l === page.locale
        ? `<li><span aria-current="true" lang="${l}">${esc(name)}</span></li>`
        : `<li><a href="${esc(`${path}?lang=${l}`)}" lang="${l}" hreflang="${l}">${esc(name)}</a></li>`;
    })
    .join('');
  return `<nav class="language" aria-label="${esc(t.otherLanguages)}"><ul>${items}</ul></nav>`;
}

function actionList(page: TPublicUnitPage): string {
  const t = youSaidWeDidStrings(page.locale);
  if (page.actions.length === 0) return `<p class="muted">${esc(t.nothingYet)}</p>`;
  const items = page.actions.map((a) => {
    const said = a.topic ? t.aboutYour(a.topic) : t.aboutFeedback;
    const count = a.raisedBy !== null ? ` ${t.raisedBy(a.raisedBy)}` : '';
    return (
      `<li><dl><dt>${esc(t.youSaid)}</dt><dd>${esc(said)}.${esc(count)}</dd>` +
      `<dt>${esc(t.weDid)}</dt><dd>${esc(a.description)}</dd>` +
      `<dt>${esc(t.doneOn)}</dt><dd>${esc(formatDay(a.doneDate, page.locale))}</dd></dl></li>`
    );
  });
  return `<ol class="actions">${items.join('')}</ol>`;
}

function documentOf(page: TPublicUnitPage, title: string, css: string, body: string): string {
  return (
    `<!doctype html><html lang="${page.locale}" dir="${textDirection(page.locale)}"><head>` +
    `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><style>${css}</style></head><body><main>${body}</main></body></html>`
  );
}

/** The page at `/u/{publicId}`. */
export function renderPublicPage(page: TPublicUnitPage): string {
  const t = youSaidWeDidStrings(page.locale);
  const path = `/u/${encodeURIComponent(page.publicId)}`;
  const lang = page.locale === page.locales[0] ? '' : `?lang=${page.locale}`;
  const links = [
    page.surveyUrl ? `<a href="${esc(page.surveyUrl)}">${esc(t.answerOnline)}</a>` : '',
    `<a href="${esc(`${path}/poster${lang}`)}">${esc(t.poster)}</a>`,
  ].join('');
  return documentOf(
    page,
    `${t.title}: ${page.unitName}`,
    CSS,
    `${languageSwitch(page, path)}<h1>${esc(t.title)}</h1>` +
      `<p>${esc(t.intro(page.unitName))}</p><p class="muted">${esc(page.organisationName)}</p>` +
      actionList(page) +
      `<h2>${esc(t.tellUs)}</h2><p class="links">${links}</p>`,
  );
}

/**
 * The A4 poster at `/u/{publicId}/poster`: the latest actions, and a QR code to the unit's survey
 * (or, when it has no open link, to this page).
 */
export function renderPoster(page: TPublicUnitPage, qr: { svg: string; url: string }, latest = 6): string {
  const t = youSaidWeDidStrings(page.locale);
  const shown = { ...page, actions: page.actions.slice(0, latest) };
  const caption = page.surveyUrl
    ? `<p class="big">${esc(t.tellUs)}</p><p>${esc(t.scanToAnswer)}</p>`
    : `<p class="big">${esc(t.title)}</p>`;
  return documentOf(
    page,
    `${t.title}: ${page.unitName}`,
    CSS + POSTER_CSS,
    `<div class="poster"><h1>${esc(t.title)}</h1><p>${esc(t.intro(page.unitName))}</p>` +
      `${actionList(shown)}<div class="qr">${qr.svg}<div>${caption}` +
      `<p class="muted">${esc(qr.url)}</p></div></div></div>`,
  );
}
