import type { TLocalizedText } from '../../../../shared/src/locale';
import { domId, h } from '../../common/dom';
import { languageName } from '../../common/language';
import type { TEditorContext } from './context';

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
      const onInput = (event: Event): void => {
        const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
        if (value.trim() === '') delete options.text[locale];
        else options.text[locale] = value;
        options.onEdited?.();
        ctx.changed();
      };
      const props = {
        id,
        lang: locale,
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
          locale === ctx.def.defaultLocale ? h('span', { class: 'hint' }, ' – default') : null,
        ),
        options.multiline ? h('textarea', { ...props, rows: 2 }) : h('input', { ...props, type: 'text' }),
      );
    }),
  );
}
