import type { TInvalidParam } from '../errors';
import type {
  TAnswerableItem,
  TAnswers,
  TAnswerValue,
  TSurveyDefinition,
  TSurveyItem,
} from '../survey/definition';
import { isItemEnabled } from '../survey/enable-when';
import { indexItems, isAnswerable, isGiven } from '../survey/items';
import { isCalendarDate } from '../survey/validate-answers';
import { compareDates, isObject, type TJson } from './fhir-common';

/** An item of the form with its children: a group's items, or the items nested under a question. */
export type TItemNode = { item: TSurveyItem; children: TItemNode[] };

/** The definition as FHIR sees it: items nested under questions are children of that question again. */
export function itemTree(items: TSurveyItem[]): TItemNode[] {
  const roots: TItemNode[] = [];
  const byLinkId = new Map<string, TItemNode>();
  for (const item of items) {
    const node: TItemNode = { item, children: item.type === 'group' ? itemTree(item.items) : [] };
    byLinkId.set(item.linkId, node);
    const parent = item.nestedUnder ? byLinkId.get(item.nestedUnder) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

type TQrItemLike = { linkId: string; answer?: TJson[] | undefined; item?: TQrItemLike[] | undefined };

export type TResponseCheck = {
  /** The answers by linkId, as the app's own submissions carry them. */
  answers: TAnswers;
  /** Where the response contradicts its form. */
  issues: TInvalidParam[];
  /** Valid FHIR that CareLoop cannot store yet (several answers to one question, partial dates). */
  unstorable: TInvalidParam[];
};

type TRead = { value: TAnswerValue } | { reason: string };

/**
 * Checks a QuestionnaireResponse against the form it answers: every item where the form puts it,
 * each answer of the value[x] and within the limits its question sets, one answer unless the
 * question repeats, no answer to a group or display text, nothing answered that its conditions
 * (its own and its ancestors' `enableWhen`) hide, every shown required question answered.
 */
export function checkQuestionnaireResponse(
  items: TQrItemLike[] | undefined,
  def: TSurveyDefinition,
): TResponseCheck {
  const tree = itemTree(def.items);
  const byLinkId = indexItems(def.items);
  const issues: TInvalidParam[] = [];
  const unstorable: TInvalidParam[] = [];
  const values = new Map<string, TAnswerValue[]>();
  /** Questions answered at all, well or not: a wrong answer is not also a missing one. */
  const attempted = new Set<string>();
  const report = (list: TInvalidParam[], linkId: string, reason: string) => {
    const name = `answers.${linkId}`;
    if (!list.some((p) => p.name === name && p.reason === reason)) list.push({ name, reason });
  };

  const walk = (qrItems: TQrItemLike[] | undefined, nodes: TItemNode[]): void => {
    const seen = new Map<string, number>();
    for (const qi of qrItems ?? []) {
      const node = nodes.find((n) => n.item.linkId === qi.linkId);
      if (!node) {
        report(
          issues,
          qi.linkId,
          byLinkId.has(qi.linkId) ? 'is not where the form puts it' : 'is not a question in this survey',
        );
        continue;
      }
      const item = node.item;
      const count = (seen.get(qi.linkId) ?? 0) + 1;
      seen.set(qi.linkId, count);
      if (count > 1) {
        if (item.type === 'group' && item.repeats) {
          report(
            unstorable,
            qi.linkId,
            'is filled in more than once; CareLoop stores one answer per question',
          );
        } else report(issues, qi.linkId, 'appears more than once; all its answers belong in one item');
      }
      const answers = qi.answer ?? [];
      if (!isAnswerable(item)) {
        if (answers.length > 0)
          report(
            issues,
            qi.linkId,
            `is ${item.type === 'group' ? 'a group' : 'display text'} and takes no answer`,
          );
        walk(qi.item, node.children);
        continue;
      }
      if (answers.length > 1 && !('repeats' in item && item.repeats))
        report(issues, qi.linkId, 'takes one answer only');
      if (answers.length > 0) attempted.add(qi.linkId);
      for (const answer of answers) {
        const read = readValue(item, answer);
        if ('reason' in read) report(issues, qi.linkId, read.reason);
        else values.set(qi.linkId, [...(values.get(qi.linkId) ?? []), read.value]);
        walk(answer.item as TQrItemLike[] | undefined, node.children);
      }
      walk(qi.item, node.children);
    }
  };
  walk(items, tree);

  const answers: TAnswers = {};
  for (const [linkId, list] of values) {
    const item = byLinkId.get(linkId) as TAnswerableItem;
    const storable = storableValue(item, list);
    if ('reason' in storable) report(unstorable, linkId, storable.reason);
    else answers[linkId] = storable.value;
  }
  checkEnablement(tree, answers, values, attempted, byLinkId, (linkId, reason) =>
    report(issues, linkId, reason),
  );
  return { answers, issues, unstorable };
}

/** Hidden questions answered, shown required questions not: in document order, ancestors first. */
function checkEnablement(
  tree: TItemNode[],
  answers: TAnswers,
  values: Map<string, TAnswerValue[]>,
  attempted: Set<string>,
  byLinkId: Map<string, TSurveyItem>,
  report: (linkId: string, reason: string) => void,
): void {
  const asked: TAnswers = {};
  const visit = (nodes: TItemNode[], parentShown: boolean): void => {
    for (const { item, children } of nodes) {
      const shown = parentShown && isItemEnabled(item, asked, byLinkId);
      if (isAnswerable(item)) {
        const given = (values.get(item.linkId) ?? []).some((v) => isGiven(v));
        if (!shown && given) report(item.linkId, 'was not asked given earlier answers');
        if (shown && !given && !attempted.has(item.linkId) && item.required)
          report(item.linkId, 'is required');
        if (shown && Object.hasOwn(answers, item.linkId)) asked[item.linkId] = answers[item.linkId]!;
        else if (shown && given) asked[item.linkId] = values.get(item.linkId)![0]!;
      }
      visit(children, shown);
    }
  };
  visit(tree, true);
}

function storableValue(item: TAnswerableItem, list: TAnswerValue[]): TRead {
  if (item.type === 'choice') {
    const codes = list.map(String);
    if (item.openChoice && codes.some((c) => !item.answerOption.some((o) => o.code === c))) {
      return { reason: 'an answer of the respondent’s own (open-choice) cannot be stored yet' };
    }
    return { value: item.repeats ? codes : codes[0]! };
  }
  if (list.length > 1)
    return { reason: `has ${list.length} answers; CareLoop stores one answer per question` };
  const value = list[0]!;
  if (item.type === 'date' && (typeof value !== 'string' || !isCalendarDate(value))) {
    return { reason: 'a year or a year and month without a day cannot be stored yet' };
  }
  return { value };
}

const VALUE_KEY: Record<TAnswerableItem['type'], string> = {
  boolean: 'valueBoolean',
  choice: 'valueCoding',
  rating: 'valueInteger',
  integer: 'valueInteger',
  decimal: 'valueDecimal',
  date: 'valueDate',
  text: 'valueString',
};
const CHOICE_KEY = {
  coding: 'valueCoding',
  string: 'valueString',
  integer: 'valueInteger',
  date: 'valueDate',
};
const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

function expectedKey(item: TAnswerableItem): string {
  if (item.type === 'choice') return CHOICE_KEY[item.answerType ?? 'coding'];
  if (item.type === 'decimal' && item.quantity) return 'valueQuantity';
  if (item.type === 'text' && item.format === 'url') return 'valueUri';
  return VALUE_KEY[item.type];
}

function readValue(item: TAnswerableItem, answer: TJson): TRead {
  const key = expectedKey(item);
  const raw = answer[key];
  if (raw === undefined) {
    if (item.type === 'choice' && item.openChoice && typeof answer.valueString === 'string') {
      return { value: answer.valueString };
    }
    return { reason: `must be answered with ${key}` };
  }
  switch (item.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : { reason: 'must be true or false' };
    case 'rating':
      return Number.isInteger(raw) && (raw as number) >= item.min && (raw as number) <= item.max
        ? { value: raw as number }
        : { reason: `must be a whole number from ${item.min} to ${item.max}` };
    case 'integer':
    case 'decimal':
      return readNumber(item, key === 'valueQuantity' ? quantityValue(item, raw) : raw);
    case 'date':
      if (typeof raw !== 'string' || !PARTIAL_DATE.test(raw))
        return { reason: 'must be a date (YYYY, YYYY-MM or YYYY-MM-DD)' };
      if (item.minValue !== undefined && compareDates(raw, item.minValue) < 0)
        return { reason: `must be on or after ${item.minValue}` };
      if (item.maxValue !== undefined && compareDates(raw, item.maxValue) > 0)
        return { reason: `must be on or before ${item.maxValue}` };
      return { value: raw };
    case 'text': {
      if (typeof raw !== 'string') return { reason: 'must be text' };
      if (item.format === 'url' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(raw)) return { reason: 'must be a URL' };
      const text = raw.trim();
      if (item.maxLength !== undefined && text.length > item.maxLength) {
        return { reason: `must be at most ${item.maxLength} characters long (this is ${text.length})` };
      }
      return { value: text };
    }
    case 'choice': {
      const code = key === 'valueCoding' ? (isObject(raw) ? raw.code : undefined) : raw;
      const system = key === 'valueCoding' && isObject(raw) ? raw.system : undefined;
      const option = item.answerOption.find(
        (o) =>
          o.code === String(code) && (system === undefined || o.system === undefined || o.system === system),
      );
      if (option) return { value: option.code };
      if (item.openChoice && key === 'valueCoding' && typeof code === 'string') return { value: code };
      return { reason: `"${String(code)}" is not one of the options` };
    }
  }
}

function quantityValue(item: TAnswerableItem, raw: unknown): unknown {
  if (!isObject(raw)) return undefined;
  if (item.type === 'decimal' && item.unit && raw.code !== undefined && raw.code !== item.unit.code)
    return undefined;
  return raw.value;
}

function readNumber(item: Extract<TAnswerableItem, { type: 'integer' | 'decimal' }>, raw: unknown): TRead {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    const quantity = item.type === 'decimal' && item.quantity;
    return {
      reason: quantity ? `must be a quantity in ${item.unit?.code ?? 'its unit'}` : 'must be a number',
    };
  }
  if (item.type === 'integer' && !Number.isInteger(raw)) return { reason: 'must be a whole number' };
  if (item.minValue !== undefined && raw < item.minValue)
    return { reason: `must be at least ${item.minValue}` };
  if (item.maxValue !== undefined && raw > item.maxValue)
    return { reason: `must be at most ${item.maxValue}` };
  return { value: raw };
}
