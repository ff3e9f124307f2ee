import { z } from 'zod';
import type { TInvalidParam } from '../errors';
import { ZLocale } from '../locale';
import type { TAnswers, TSurveyDefinition } from '../survey/definition';
import { checkQuestionnaireResponse } from './response-check';

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
  valueUri?: string | undefined;
  valueCoding?: { code?: string | undefined } | undefined;
  valueQuantity?: { value?: number | undefined; code?: string | undefined } | undefined;
  item?: TQrItem[] | undefined;
};
const ZQrAnswer: z.ZodType<TQrAnswer> = z
  .object({
    valueBoolean: z.boolean().optional(),
    valueDecimal: z.number().optional(),
    valueInteger: z.number().int().optional(),
    valueDate: z.string().max(10).optional(),
    valueString: z.string().max(20000).optional(),
    valueUri: z.string().max(2000).optional(),
    valueCoding: ZCoding.optional(),
    valueQuantity: z
      .object({ value: z.number().optional(), code: z.string().max(100).optional() })
      .loose()
      .optional(),
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

/**
 * Reads a QuestionnaireResponse into the app's answers, by linkId, so that both submission formats
 * go through one validation. The response is first checked against its form as FHIR sees it
 * (nesting, value[x], repeats, conditions; see {@link checkQuestionnaireResponse}); every problem
 * is returned, with what is valid FHIR but cannot be stored yet.
 */
export function answersFromQuestionnaireResponse(
  qr: TQuestionnaireResponse,
  def: TSurveyDefinition,
): { answers: TAnswers; issues: TInvalidParam[] } {
  const checked = checkQuestionnaireResponse(
    qr.item as Parameters<typeof checkQuestionnaireResponse>[0],
    def,
  );
  return { answers: checked.answers, issues: [...checked.issues, ...checked.unstorable] };
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
