import { UI_LOCALES } from '../../../../shared/src/i18n';
import type { TSurveyAudience } from '../../../../shared/src/survey/definition';
import { h } from '../../common/dom';
import { languageName } from '../../common/language';
import type { TEditorContext } from './context';
import { localizedFields } from './localized-fields';
import { missingSummary } from './missing-texts';

/**
 * Languages the editor always offers: every one the respondent page has interface text in, so a
 * survey can be written in each; others appear when a survey (an import, say) already has them.
 */
const OFFERED_LOCALES = [...UI_LOCALES];

/** Title, description, audience and languages of the survey. */
export function settingsForm(ctx: TEditorContext): HTMLElement {
  const { def } = ctx;
  const description = def.description ?? {};
  const known = [...new Set([...OFFERED_LOCALES, ...def.locales])];

  const audience = h(
    'select',
    {
      id: 'audience',
      value: def.audience,
      disabled: ctx.readOnly,
      onchange: () => {
        def.audience = audience.value as TSurveyAudience;
        ctx.changed();
      },
    },
    h('option', { value: 'patient' }, 'Patients and families'),
    h('option', { value: 'clinician' }, 'Clinicians and staff'),
  );

  const defaultLocale = h(
    'select',
    {
      id: 'default-locale',
      value: def.defaultLocale,
      disabled: ctx.readOnly,
      onchange: () => {
        def.defaultLocale = defaultLocale.value;
        ctx.changed();
        ctx.redraw('default-locale');
      },
    },
    def.locales.map((l) => h('option', { value: l }, languageName(l, 'en'))),
  );

  const languages = h(
    'fieldset',
    { class: 'languages' },
    h('legend', {}, 'Languages offered to respondents'),
    known.map((locale) => {
      const id = `locale-${locale}`;
      const input = h('input', {
        type: 'checkbox',
        id,
        checked: def.locales.includes(locale),
        // The default language is always offered; change the default first to drop it.
        disabled: ctx.readOnly || locale === def.defaultLocale,
        onchange: () => {
          def.locales = known.filter((l) => (l === locale ? input.checked : def.locales.includes(l)));
          ctx.changed();
          ctx.redraw(id);
        },
      });
      return h(
        'div',
        { class: 'check' },
        input,
        h('label', { for: id }, `${languageName(locale, 'en')} (${locale})`),
      );
    }),
  );

  return h(
    'section',
    { class: 'card settings', 'aria-labelledby': 'settings-heading' },
    h('h2', { id: 'settings-heading' }, 'Survey details'),
    localizedFields(ctx, { idBase: 'title', label: 'Title', text: def.title }),
    localizedFields(ctx, {
      idBase: 'description',
      label: 'Introduction (optional)',
      text: description,
      multiline: true,
      onEdited: () => {
        if (Object.keys(description).length > 0) def.description = description;
        else delete def.description;
      },
    }),
    h(
      'div',
      { class: 'inline-fields' },
      h('div', { class: 'field' }, h('label', { for: 'audience' }, 'Who answers'), audience),
      h('div', { class: 'field' }, h('label', { for: 'default-locale' }, 'Default language'), defaultLocale),
    ),
    languages,
    missingSummary(def),
  );
}
