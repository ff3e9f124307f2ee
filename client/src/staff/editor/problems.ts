import type { TInvalidParam } from '../../../../shared/src/errors';
import type { TSurveyDefinition, TSurveyItem } from '../../../../shared/src/survey/definition';

/** A server problem placed against the editor: which item it belongs to, and a readable location. */
export type TPlacedProblem = { itemPath: string | null; where: string; field: string; reason: string };

const ITEM_PATH = /^((?:items\.\d+\.)*items\.\d+)(?:\.(.*))?$/;

/**
 * Reads `invalid_params` names such as `definition.items.2.answerOption.0.code` (with or without
 * the `definition.` prefix) into the item they concern ("Question 3") and the field within it.
 */
export function placeProblems(params: TInvalidParam[], def: TSurveyDefinition): TPlacedProblem[] {
  return params.map((param) => {
    const name = param.name.replace(/^definition\.?/, '');
    const match = ITEM_PATH.exec(name);
    if (!match?.[1]) {
      return { itemPath: null, where: 'Survey details', field: readableField(name), reason: param.reason };
    }
    const itemPath = match[1];
    return {
      itemPath,
      where: describeItem(itemPath, def),
      field: readableField(match[2] ?? ''),
      reason: param.reason,
    };
  });
}

function describeItem(itemPath: string, def: TSurveyDefinition): string {
  const indexes = [...itemPath.matchAll(/items\.(\d+)/g)].map((m) => Number(m[1]));
  let list: TSurveyItem[] | undefined = def.items;
  let item: TSurveyItem | undefined;
  for (const index of indexes) {
    item = list?.[index];
    list = item?.type === 'group' ? item.items : undefined;
  }
  const number = indexes.map((i) => i + 1).join('.');
  const noun = item?.type === 'group' ? 'Group' : item?.type === 'display' ? 'Text' : 'Question';
  return item?.linkId ? `${noun} ${number} (${item.linkId})` : `${noun} ${number}`;
}

const FIELD_NAMES: Record<string, string> = {
  linkId: 'ID',
  text: 'text',
  title: 'title',
  description: 'introduction',
  answerOption: 'option',
  enableWhen: 'condition',
  min: 'lowest point',
  max: 'highest point',
  minValue: 'smallest allowed',
  maxValue: 'largest allowed',
  maxLength: 'maximum length',
  locales: 'languages',
  defaultLocale: 'default language',
};

/** `answerOption.0.code` → "option 1 › code"; `text.es` → "text › es". */
function readableField(path: string): string {
  if (path === '') return '';
  const out: string[] = [];
  for (const part of path.split('.')) {
    if (/^\d+$/.test(part)) out.push(`${out.pop() ?? ''} ${Number(part) + 1}`.trim());
    else out.push(FIELD_NAMES[part] ?? part);
  }
  return out.join(' › ');
}

/** The lines shown on one card: its own problems, not those of the items inside a group. */
export function problemsForItem(problems: TPlacedProblem[], path: string): string[] {
  return problems
    .filter((p) => p.itemPath === path)
    .map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason));
}
