import { uiStrings, type TUiStrings } from '../../../../shared/src/i18n';
import { pickText } from '../../../../shared/src/locale';
import type { TSurveyDefinition, TSurveyItem } from '../../../../shared/src/survey/definition';
import type { TIssue } from '../../../../shared/src/survey/issue-text';
import { indexItems } from '../../../../shared/src/survey/items';
import { ratingScale } from '../../../../shared/src/survey/rating-scale';
import { DEFAULT_TEXT_MAX_LENGTH } from '../../../../shared/src/survey/validate-answers';
import { FIELD, type TRawAnswers } from './basic-form.answers';
import { describeCondition } from './basic-form.conditions';
import { basicFormPath, escapeHtml as esc, renderPage } from './basic-form.html';

/** Everything the no-JavaScript form shows: the survey, and on a second showing what was sent. */
export type TFormView = {
  token: string;
  versionId: string;
  definition: TSurveyDefinition;
  unitName: string | null;
  locale: string;
  /** The answers as sent, shown again after a problem. */
  raw: TRawAnswers;
  issues: TIssue[];
  /** A problem with the whole submission (too many requests, send again), said above the form. */
  notice: string | null;
  /** New for each showing: a double click or a re-post of this page stores one response. */
  idempotencyKey: string;
};

type TItemOf<K extends TSurveyItem['type']> = Extract<TSurveyItem, { type: K }>;
type TRender = {
  view: TFormView;
  t: TUiStrings;
  tr: (text: Record<string, string>) => string;
  byLinkId: Map<string, TSurveyItem>;
  errors: Map<string, string>;
};

// Ids from linkIds, which hold no white space (ZLinkId) and so make valid ids as they are.
const questionId = (linkId: string) => `q-${linkId}`;
const inputId = (linkId: string) => `in-${linkId}`;
const fieldName = (linkId: string) => `${FIELD.answer}${linkId}`;

/** The whole survey as one plain HTML form that posts to /s/{token}. */
export function renderFormPage(view: TFormView): string {
  const def = view.definition;
  const t = uiStrings(view.locale);
  const r: TRender = {
    view,
    t,
    tr: (text) => pickText(text, view.locale, def.defaultLocale),
    byLinkId: indexItems(def.items),
    errors: new Map(view.issues.flatMap((i) => (i.linkId === null ? [] : [[i.linkId, i.message]]))),
  };
  const title = r.tr(def.title);
  const about = view.unitName
    ? (def.audience === 'clinician' ? t.aboutPlace : t.aboutUnit)(view.unitName)
    : null;
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`;
  const body = [
    languageSwitch(r),
    '<header class="survey-header">',
    `<h1>${esc(title)}</h1>`,
    def.description ? `<p class="muted">${esc(r.tr(def.description))}</p>` : '',
    about ? `<p class="muted">${esc(about)}</p>` : '',
    '</header>',
    errorSummary(r),
    view.notice ? `<div class="notice problem" role="alert"><p>${esc(view.notice)}</p></div>` : '',
    `<p class="hint">${esc(t.requiredNote)}</p>`,
    // novalidate: the server checks and explains every problem in the page's language; the
    // browser's own bubbles would be in another language, and gone on the next focus change.
    `<form method="post" action="/s/${esc(encodeURIComponent(view.token))}" novalidate>`,
    hidden(FIELD.version, view.versionId),
    hidden(FIELD.key, view.idempotencyKey),
    hidden(FIELD.lang, view.locale),
    renderItems(def.items, r, 0),
    `<div class="actions"><button type="submit" class="primary">${esc(t.submit)}</button></div>`,
    '</form>',
  ].join('\n');
  const failed = view.issues.length > 0 || view.notice !== null;
  return renderPage({ locale: view.locale, title: failed ? `${t.errorPrefix} ${title}` : title, body });
}

/** Plain links, one per language, each named in its own language. */
function languageSwitch(r: TRender): string {
  const { locales } = r.view.definition;
  if (locales.length < 2) return '';
  const items = locales.map((locale) => {
    const name = esc(languageName(locale));
    if (locale === r.view.locale)
      return `<li><span aria-current="true" lang="${esc(locale)}">${name}</span></li>`;
    const href = basicFormPath(r.view.token, { lang: locale });
    return `<li><a href="${esc(href)}" lang="${esc(locale)}" hreflang="${esc(locale)}">${name}</a></li>`;
  });
  return `<nav class="language" aria-label="${esc(r.t.language)}"><span>${esc(r.t.language)}:</span><ul>${items.join('')}</ul></nav>`;
}

function languageName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale);
    return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : locale;
  } catch {
    return locale;
  }
}

/** At the top after a failed send: what to fix, each line a link to its question. */
function errorSummary(r: TRender): string {
  if (r.view.issues.length === 0) return '';
  const lines = r.view.issues.map((issue) => {
    const item = issue.linkId === null ? undefined : r.byLinkId.get(issue.linkId);
    if (!item) return `<li>${esc(issue.message)}</li>`;
    const href = `#${encodeURIComponent(questionId(item.linkId))}`;
    const question = r.tr(item.text);
    // "How was your visit? Please answer…" rather than "visit?: Please".
    const joiner = /[?!.:;？！。؟]$/.test(question) ? ' ' : ': ';
    return `<li><a href="${esc(href)}">${esc(`${question}${joiner}${issue.message}`)}</a></li>`;
  });
  // autofocus works without scripts: focus lands on the summary, which role=alert announces.
  return [
    '<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">',
    `<h2 id="error-summary-title">${esc(r.t.errorSummaryTitle)}</h2>`,
    `<ul>${lines.join('')}</ul>`,
    '</div>',
  ].join('');
}

function renderItems(items: TSurveyItem[], r: TRender, depth: number): string {
  return items.map((item) => renderItem(item, r, depth)).join('\n');
}

function renderItem(item: TSurveyItem, r: TRender, depth: number): string {
  const id = item.linkId;
  const condition = describeCondition(item, r.view.definition, r.byLinkId, r.view.locale, r.t);
  const conditionText = condition ? `<p class="condition" id="cond-${esc(id)}">${esc(condition)}</p>` : '';
  const help = item.helpText ? `<p class="help" id="help-${esc(id)}">${esc(r.tr(item.helpText))}</p>` : '';
  if (item.type === 'group') {
    const heading = depth === 0 ? 'h2' : 'h3';
    return [
      `<fieldset class="group" id="${esc(questionId(id))}">`,
      `<legend><${heading}>${esc(r.tr(item.text))}</${heading}></legend>`,
      conditionText,
      help,
      renderItems(item.items, r, depth + 1),
      '</fieldset>',
    ].join('\n');
  }
  if (item.type === 'display') {
    return `<div class="display">${conditionText}<p>${esc(r.tr(item.text))}</p>${help}</div>`;
  }
  const message = r.errors.get(id);
  const error = message ? `<p class="error" id="err-${esc(id)}">${esc(message)}</p>` : '';
  const describedBy = [condition && `cond-${id}`, item.helpText && `help-${id}`, message && `err-${id}`]
    .filter(Boolean)
    .join(' ');
  const controlAttrs =
    (describedBy ? ` aria-describedby="${esc(describedBy)}"` : '') + (message ? ' aria-invalid="true"' : '');
  const label = `${esc(r.tr(item.text))}${item.required ? ` <span class="required">${esc(r.t.required)}</span>` : ''}`;
  // A single field still sits in a fieldset: every question is one group the summary can link to.
  const legend =
    item.type === 'text' || item.type === 'integer' || item.type === 'decimal' || item.type === 'date'
      ? `<legend class="label"><label for="${esc(inputId(id))}">${label}</label></legend>`
      : `<legend class="label">${label}</legend>`;
  return [
    `<fieldset class="question${message ? ' invalid' : ''}" id="${esc(questionId(id))}">`,
    legend,
    conditionText,
    help,
    error,
    renderControl(item, r, controlAttrs),
    '</fieldset>',
  ].join('\n');
}

type TOption = { value: string; label: string; point?: boolean };

function renderControl(item: Exclude<TSurveyItem, { type: 'group' | 'display' }>, r: TRender, attrs: string) {
  const values = r.view.raw.get(item.linkId) ?? [];
  switch (item.type) {
    case 'boolean':
      return choices(item, values, attrs, 'radio', [
        { value: 'true', label: esc(r.t.yes) },
        { value: 'false', label: esc(r.t.no) },
      ]);
    case 'choice': {
      const options = item.answerOption.map((o) => ({ value: o.code, label: esc(r.tr(o.text)) }));
      if (!item.repeats) return choices(item, values, attrs, 'radio', options);
      return `<p class="hint">${esc(r.t.selectAll)}</p>${choices(item, values, attrs, 'checkbox', options)}`;
    }
    case 'rating':
      return choices(item, values, attrs, 'radio', ratingOptions(item, r)) + ratingEnds(item, r);
    case 'text': {
      const max = item.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      return (
        `<p class="hint">${esc(r.t.textLimit(max))}</p>` +
        `<textarea id="${esc(inputId(item.linkId))}" name="${esc(fieldName(item.linkId))}" rows="5" maxlength="${max}"${attrs}>` +
        `${esc(values[0] ?? '')}</textarea>`
      );
    }
    case 'date': {
      const range =
        (item.minValue ? ` min="${esc(item.minValue)}"` : '') +
        (item.maxValue ? ` max="${esc(item.maxValue)}"` : '');
      return `<input type="date" id="${esc(inputId(item.linkId))}" name="${esc(fieldName(item.linkId))}" value="${esc(values[0] ?? '')}"${range}${attrs}>`;
    }
    case 'integer':
    case 'decimal':
      // Not type=number: browsers send "" for what they cannot read as a number ("1,5" in some),
      // so an answer would vanish without a word. Text keeps what was typed for the server to check.
      return (
        `<input type="text" class="number" inputmode="${item.type === 'integer' ? 'numeric' : 'decimal'}" autocomplete="off"` +
        ` id="${esc(inputId(item.linkId))}" name="${esc(fieldName(item.linkId))}" value="${esc(values[0] ?? '')}"${attrs}>`
      );
  }
}

/** Radios or checkboxes, each inside its label (one big target); labels are escaped markup. */
function choices(
  item: TSurveyItem,
  values: string[],
  attrs: string,
  type: 'radio' | 'checkbox',
  options: TOption[],
): string {
  const scale = options.some((o) => o.point) ? ' scale' : '';
  const inputs = options.map((option, index) => {
    const id = index === 0 ? inputId(item.linkId) : `${inputId(item.linkId)}-${index}`;
    const checked = values.includes(option.value) ? ' checked' : '';
    return (
      `<label class="option${option.point ? ' point' : ''}">` +
      `<input type="${type}" id="${esc(id)}" name="${esc(fieldName(item.linkId))}" value="${esc(option.value)}"${checked}${attrs}>` +
      `<span>${option.label}</span></label>`
    );
  });
  return `<div class="options${scale}">${inputs.join('')}</div>`;
}

/** Labels as options (Likert), else numbers whose names carry the labels (NPS), as on the JS page. */
function ratingOptions(item: TItemOf<'rating'>, r: TRender): TOption[] {
  const scale = ratingScale(item, r.tr);
  return scale.points.map(({ value, label }) =>
    scale.everyPointLabelled && label
      ? { value: String(value), label: esc(label) }
      : {
          value: String(value),
          label: `${value}${label ? `<span class="visually-hidden"> – ${esc(label)}</span>` : ''}`,
          point: true,
        },
  );
}

function ratingEnds(item: TItemOf<'rating'>, r: TRender): string {
  const { ends } = ratingScale(item, r.tr);
  if (ends.length === 0) return '';
  const spans = ends.map((end) => `<span>${esc(`${end.value} = ${end.label}`)}</span>`);
  return `<div class="scale-ends" aria-hidden="true">${spans.join('')}</div>`;
}
