import { z } from 'zod';
import type { TInvalidParam } from '../errors';
import { ZLocale } from '../locale';
import type { TAnswerableItem, TAnswers, TAnswerValue, TSurveyDefinition } from '../survey/definition';
import { indexItems, isAnswerable } from '../survey/items';

/** The parts of a FHIR R4 QuestionnaireResponse a submission uses; other elements are allowed and ignored. */
const ZCoding = z
  .object({ code: z.string().max(256).optional(), system: z.string().max(1000).optional() })
  .loose();
type TQrAnswer = {
  valueBoolean?: boolean | undefined;
  valueDecimal?: number | undefined;
  valueInteger?: number | undefined;
  valueDate?: string | undefined;
  valueString?: string | undefined;
  valueCoding?: { code?: string | undefined } | undefined;
  item?: TQrItem[] | undefined;
};
const ZQrAnswer: z.ZodType<TQrAnswer> = z
  .object({
    valueBoolean: z.boolean().optional(),
    valueDecimal: z.number().optional(),
    valueInteger: z.number().int().optional(),
    valueDate: z.string().max(10).optional(),
    valueString: z.string().max(20000).optional(),
    valueCoding: ZCoding.optional(),
    item: z.lazy(() => z.array(ZQrItem).max(200)).optional(),
  })
  .loose();
type TQrItem = {
  linkId: string;
  answer?: z.infer<typeof ZQrAnswer>[] | undefined;
  item?: TQrItem[] | undefined;
};
const ZQrItem: z.ZodType<TQrItem> = z.lazy(() =>
  z
    .object({
      linkId: z.string().max(255),
      answer: z.array(ZQrAnswer).max(50).optional(),
      item: z.array(ZQrItem).max(200).optional(),
    })
    .loose(),
);
export const ZQuestionnaireResponse = z
  .object({
    resourceType: z.literal('QuestionnaireResponse'),
    status: z.literal('completed', { error: 'must be completed to be submitted' }),
    /** Canonical of the Questionnaire answered; a `|<version>` suffix names the survey version. */
    questionnaire: z.string().max(1000).optional(),
    language: ZLocale.optional(),
    item: z.array(ZQrItem).max(200).optional(),
  })
  .loose();
export type TQuestionnaireResponse = z.infer<typeof ZQuestionnaireResponse>;

type TValueKey =
  'valueBoolean' | 'valueInteger' | 'valueDecimal' | 'valueDate' | 'valueString' | 'valueCoding';

/** The value[x] each item type answers with, as the survey maps onto FHIR. */
const VALUE_KEY: Record<TAnswerableItem['type'], TValueKey> = {
  boolean: 'valueBoolean',
  choice: 'valueCoding',
  rating: 'valueInteger',
  integer: 'valueInteger',
  decimal: 'valueDecimal',
  date: 'valueDate',
  text: 'valueString',
};

function valueOf(a: TQrAnswer, key: TValueKey | undefined): TAnswerValue | undefined {
  if (key === 'valueCoding') return a.valueCoding?.code;
  if (key) return a[key];
  return (
    a.valueBoolean ?? a.valueInteger ?? a.valueDecimal ?? a.valueDate ?? a.valueString ?? a.valueCoding?.code
  );
}

function collect(items: TQrItem[] | undefined, out: TQrItem[]): TQrItem[] {
  for (const item of items ?? []) {
    out.push(item);
    collect(item.item, out);
    for (const a of item.answer ?? []) collect(a.item, out);
  }
  return out;
}

/**
 * Reads a QuestionnaireResponse into the app's answers, by linkId, so that both submission formats
 * go through one validation. Each answer must use the value[x] its question's type maps to; a
 * multiple-choice question's codings become a list; the survey's own validation judges the values.
 */
export function answersFromQuestionnaireResponse(
  qr: TQuestionnaireResponse,
  def: TSurveyDefinition,
): { answers: TAnswers; issues: TInvalidParam[] } {
  const byLinkId = indexItems(def.items);
  const answers: TAnswers = {};
  const issues: TInvalidParam[] = [];
  for (const item of collect(qr.item, [])) {
    if (!item.answer || item.answer.length === 0) continue;
    const target = byLinkId.get(item.linkId);
    const key = target && isAnswerable(target) ? VALUE_KEY[target.type] : undefined;
    const values = item.answer.map((a) => valueOf(a, key));
    if (values.some((v) => v === undefined)) {
      issues.push({
        name: `answers.${item.linkId}`,
        reason: key ? `must be answered with ${key}` : 'has no value',
      });
      continue;
    }
    if (target?.type === 'choice' && target.repeats) {
      answers[item.linkId] = values.map(String);
    } else if (values.length > 1) {
      issues.push({ name: `answers.${item.linkId}`, reason: 'takes one answer only' });
    } else {
      answers[item.linkId] = values[0]!;
    }
  }
  return { answers, issues };
}

/**
 * Whether a JSON value nests deeper than `max` levels. Checked before parsing: a recursive schema
 * would otherwise exhaust the stack on a small but absurdly deep body.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
