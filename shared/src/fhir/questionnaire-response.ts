import { z } from 'zod';
import type { TInvalidParam } from '../errors';
import { ZLocale } from '../locale';
import type { TAnswers, TAnswerValue, TSurveyDefinition } from '../survey/definition';
import { indexItems } from '../survey/items';

/** The parts of a FHIR R4 QuestionnaireResponse a submission uses; other elements are allowed and ignored. */
const ZCoding = z.object({ code: z.string().max(64).optional(), system: z.string().optional() }).loose();
const ZQrAnswer = z
  .object({
    valueBoolean: z.boolean().optional(),
    valueDecimal: z.number().optional(),
    valueInteger: z.number().int().optional(),
    valueDate: z.string().max(10).optional(),
    valueString: z.string().max(20000).optional(),
    valueCoding: ZCoding.optional(),
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
      linkId: z.string().max(64),
      answer: z.array(ZQrAnswer).max(50).optional(),
      item: z.array(ZQrItem).max(200).optional(),
    })
    .loose(),
);
export const ZQuestionnaireResponse = z
  .object({
    resourceType: z.literal('QuestionnaireResponse'),
    status: z.literal('completed', { error: 'must be completed to be submitted' }),
    language: ZLocale.optional(),
    item: z.array(ZQrItem).max(200).optional(),
  })
  .loose();
export type TQuestionnaireResponse = z.infer<typeof ZQuestionnaireResponse>;

function valueOf(a: z.infer<typeof ZQrAnswer>): TAnswerValue | undefined {
  return (
    a.valueBoolean ?? a.valueInteger ?? a.valueDecimal ?? a.valueDate ?? a.valueString ?? a.valueCoding?.code
  );
}

function collect(items: TQrItem[] | undefined, out: TQrItem[]): TQrItem[] {
  for (const item of items ?? []) {
    out.push(item);
    collect(item.item, out);
    for (const a of item.answer ?? []) collect((a as { item?: TQrItem[] }).item, out);
  }
  return out;
}

/**
 * Reads a QuestionnaireResponse into the app's answers, by linkId, so that both submission formats
 * go through one validation. A multiple-choice question's codings become a list; the answer's value
 * is otherwise taken as it comes, and the survey's own validation judges it.
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
    const values = item.answer.map(valueOf);
    if (values.some((v) => v === undefined)) {
      issues.push({ name: `answers.${item.linkId}`, reason: 'has an answer with no supported value[x]' });
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
