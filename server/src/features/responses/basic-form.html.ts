import { textDirection, uiStrings, type TUiStrings } from '../../../../shared/src/i18n';
import { BASIC_FORM_CSS } from './basic-form.styles';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Makes text safe in HTML content and in quoted attribute values. Everything that reaches these
 * pages from a survey definition, a request or a translation goes through here: survey text is
 * written by staff and must never become markup.
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The no-JavaScript form's own address, with `extra` query parameters. */
export function basicFormPath(token: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams({ form: 'basic', ...extra });
  return `/s/${encodeURIComponent(token)}?${query.toString()}`;
}

/** A whole page. `body` is already-escaped markup; `title` is plain text. No scripts, ever. */
export function renderPage(page: { locale: string; title: string; body: string }): string {
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(page.locale)}" dir="${textDirection(page.locale)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${BASIC_FORM_CSS}</style>`,
    '</head>',
    '<body>',
    `<main id="main">${page.body}</main>`,
    '</body>',
    '</html>',
  ].join('\n');
}

/** For 404 and 410: nothing the respondent can do, said kindly and without blame (as the JS page). */
export function renderClosedPage(locale: string): string {
  const t = uiStrings(locale);
  return renderPage({
    locale,
    title: t.closedTitle,
    body: `<h1>${escapeHtml(t.closedTitle)}</h1><p>${escapeHtml(t.closedBody)}</p>`,
  });
}

/** A submission or a page that did not go through, and what to do about it. */
export function renderProblemPage(
  locale: string,
  message: (t: TUiStrings) => string,
  back: string | null = null,
): string {
  const t = uiStrings(locale);
  const link = back ? `<p><a href="${escapeHtml(back)}">${escapeHtml(t.backToForm)}</a></p>` : '';
  return renderPage({
    locale,
    title: t.notSent,
    body: `<h1>${escapeHtml(t.notSent)}</h1><p>${escapeHtml(message(t))}</p>${link}`,
  });
}

/**
 * The thank-you page says in plain words what happens to the answers. A kiosk's shared screen
 * offers a fresh form for the next person.
 */
export function renderThanksPage(
  locale: string,
  options: { gaveContact: boolean; restart: string | null },
): string {
  const t = uiStrings(locale);
  const paragraphs = [
    t.thanksSent,
    options.gaveContact ? t.thanksContact : t.thanksAnonymous,
    t.thanksUse,
    t.thanksUrgent,
  ];
  const restart = options.restart
    ? `<p><a class="button" href="${escapeHtml(options.restart)}">${escapeHtml(t.startAgain)}</a></p>`
    : '';
  return renderPage({
    locale,
    title: t.thanksTitle,
    body:
      `<div class="thanks"><h1>${escapeHtml(t.thanksTitle)}</h1>` +
      paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') +
      `${restart}</div>`,
  });
}
