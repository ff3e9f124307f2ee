import type { TLocalizedText } from '../../../../shared/src/locale';
import { domId, h } from '../../common/dom';
import { languageName } from '../../common/language';
import { textDirection } from '../../../../shared/src/i18n';
import type { TEditorContext } from './context';
import { refreshMissingSummary } from './missing-texts';

export type TLocalizedFieldsOptions = {
  /** Unique per field: ids are `<idBase>-<locale>`. */
  idBase: string;
  label: string;
  /** Edited in place; an emptied language is removed rather than sent as "" (the contract refuses blanks). */
  text: TLocalizedText;
  multiline?: boolean;
  onEdited?: () => void;
};

/** One input per survey language, each labelled with the language's name. */
export function localizedFields(ctx: TEditorContext, options: TLocalizedFieldsOptions): HTMLElement {
  return h(
    'div',
    { class: 'localized' },
    ctx.def.locales.map((locale) => {
      const id = domId(options.idBase, locale);
      // A translation the default language has and this one lacks is marked, and unmarked once typed.
      const isDefault = locale === ctx.def.defaultLocale;
      const missing = h('span', { class: 'missing-text', id: `${id}-missing` }, ' – missing');
      const showMissing = (): void => {
        const lacking =
          !isDefault &&
          (options.text[ctx.def.defaultLocale] ?? '').trim() !== '' &&
          (options.text[locale] ?? '').trim() === '';
        missing.hidden = !lacking;
      };
      showMissing();
      const onInput = (event: Event): void => {
        const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
        if (value.trim() === '') delete options.text[locale];
        else options.text[locale] = value;
        options.onEdited?.();
        showMissing();
        refreshMissingSummary(ctx.def);
        ctx.changed();
      };
      const props = {
        id,
        lang: locale,
        dir: textDirection(locale),
        value: options.text[locale] ?? '',
        disabled: ctx.readOnly,
        oninput: onInput,
      };
      return h(
        'div',
        { class: 'field' },
        h(
          'label',
          { for: id },
          `${options.label} (${languageName(locale, 'en')})`,
          isDefault ? h('span', { class: 'hint' }, ' – default') : missing,
        ),
        options.multiline ? h('textarea', { ...props, rows: 2 }) : h('input', { ...props, type: 'text' }),
      );
    }),
  );
}
