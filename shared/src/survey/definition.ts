import { z } from 'zod';
import { ZLocale, ZLocalizedText } from '../locale';

/**
 * The survey definition. Every element maps one to one onto FHIR R4 `Questionnaire`:
 * `linkId`, `text`, `type`, `required`, `repeats`, `enableWhen`/`enableBehavior`, `answerOption`,
 * `maxLength`, `minValue`/`maxValue` and nested `item`s of groups. Translations map onto the FHIR
 * `translation` extension; `rating` is an `integer` item with min/max (and labels as answerOption);
 * `intent` on free text is a CareLoop extension that analysis reads.
 */

/**
 * A question's id, as FHIR's `linkId`: official forms use ids such as `/68517-2` or `1.2.a`. No
 * white space, and none of the names JavaScript objects inherit, since answers are keyed by it.
 */
export const ZLinkId = z
  .string()
  .regex(/^\S{1,255}$/, 'must be 1-255 characters with no spaces')
  .refine((id) => !['__proto__', 'constructor', 'prototype'].includes(id), 'is a reserved name');

/** An option's code, as a FHIR `code`: words separated by single spaces. */
export const ZOptionCode = z
  .string()
  .max(256)
  .regex(/^\S+( \S+)*$/, 'must be 1-256 characters, with no leading, trailing or double spaces');

export const ZEnableWhenOperator = z.enum(['exists', '=', '!=', '>', '<', '>=', '<=']);

/** Show the item only when an earlier question's answer meets this condition (FHIR enableWhen). */
export const ZEnableWhen = z
  .object({
    question: ZLinkId,
    operator: ZEnableWhenOperator,
    /** For `exists`, true or false; for choices, an option code; for ratings and numbers, a number. */
    answer: z.union([z.boolean(), z.number(), z.string().max(256)]),
  })
  .strict();
export type TEnableWhen = z.infer<typeof ZEnableWhen>;

/**
 * An answer option: FHIR `answerOption.valueCoding` (code, optional code system, display text).
 * On a choice whose `answerType` is not `coding`, `code` is the option's value written as text
 * (`valueString`, `valueInteger`, `valueDate`). `initialSelected`: FHIR `initialSelected`.
 */
export const ZAnswerOption = z
  .object({
    code: ZOptionCode,
    system: z.url().max(1000).optional(),
    text: ZLocalizedText,
    initialSelected: z.boolean().optional(),
  })
  .strict();
export type TAnswerOption = z.infer<typeof ZAnswerOption>;

/**
 * What a free-text question asks for. `contact` holds contact details a respondent chose to give:
 * stored, never analysed or shown on boards.
 */
export const ZTextIntent = z.enum(['praise', 'improvement', 'general', 'contact']);
export type TTextIntent = z.infer<typeof ZTextIntent>;

const ZIsoDate = z.iso.date();
/** A FHIR `date`: a year, a year and month, or a whole date (`2020`, `2020-05`, `2020-05-17`). */
export const ZPartialDate = z.union([ZIsoDate, z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/)]);

const common = {
  linkId: ZLinkId,
  text: ZLocalizedText,
  helpText: ZLocalizedText.optional(),
  required: z.boolean().optional(),
  enableWhen: z.array(ZEnableWhen).min(1).max(10).optional(),
  enableBehavior: z.enum(['all', 'any']).optional(),
  /** Shown but not answerable by the respondent (FHIR `readOnly`). */
  readOnly: z.boolean().optional(),
  /**
   * The question this item sits beneath (FHIR: a child item of a question, not of a group). The
   * item follows that question in document order; it is hidden whenever that question is.
   */
  nestedUnder: ZLinkId.optional(),
};
/** A repeating question takes several answers (FHIR `repeats` on a non-choice item). */
const ZRepeats = z.boolean().optional();

export const ZDisplayItem = z.object({ ...common, type: z.literal('display') }).strict();
export const ZBooleanItem = z
  .object({ ...common, type: z.literal('boolean'), initial: z.boolean().optional() })
  .strict();
/**
 * Which "about you" dimension a question records, so equity analytics find it whatever its
 * linkId. `channel` (phone, kiosk, paper entered by staff) is normally taken from the link, not
 * asked; an item may still carry it, for history imported from another system.
 */
export const ZDemographic = z.enum([
  'age_band',
  'sex',
  'ethnicity',
  'disability',
  'first_language',
  'channel',
]);
export type TDemographic = z.infer<typeof ZDemographic>;

export const ZChoiceItem = z
  .object({
    ...common,
    type: z.literal('choice'),
    /** true: multiple choice (FHIR `repeats`). */
    repeats: z.boolean().optional(),
    answerOption: z.array(ZAnswerOption).max(50),
    /** An "about you" question: its answers split the figures (equity breakdowns), never shown alone. */
    demographic: ZDemographic.optional(),
    /** What the options' values are (FHIR answerOption value[x]); absent: `coding`. */
    answerType: z.enum(['coding', 'string', 'integer', 'date']).optional(),
    /** FHIR `open-choice`: the options, or an answer of the respondent's own. */
    openChoice: z.boolean().optional(),
  })
  .strict();
export const ZRatingItem = z
  .object({
    ...common,
    type: z.literal('rating'),
    min: z.number().int().min(0).max(10),
    max: z.number().int().min(1).max(10),
    /** Labels for some or all points of the scale (Likert: every point; NPS: the two ends). */
    labels: z
      .array(z.object({ value: z.number().int(), text: ZLocalizedText }).strict())
      .max(11)
      .optional(),
  })
  .strict();
export const ZTextItem = z
  .object({
    ...common,
    type: z.literal('text'),
    maxLength: z.number().int().min(1).max(5000).optional(),
    intent: ZTextIntent.optional(),
    /** FHIR `string` (one line) or `url`; absent: `text` (paragraphs). */
    format: z.enum(['string', 'url']).optional(),
    repeats: ZRepeats,
    initial: z.string().max(5000).optional(),
  })
  .strict();
export const ZIntegerItem = z
  .object({
    ...common,
    type: z.literal('integer'),
    minValue: z.number().int().optional(),
    maxValue: z.number().int().optional(),
    repeats: ZRepeats,
    initial: z.number().int().optional(),
  })
  .strict();
/** A unit of measure, as a FHIR Coding (UCUM). */
export const ZUnit = z
  .object({
    code: z.string().min(1).max(100),
    system: z.url().max(1000).optional(),
    display: z.string().min(1).max(200).optional(),
  })
  .strict();

export const ZDecimalItem = z
  .object({
    ...common,
    type: z.literal('decimal'),
    minValue: z.number().optional(),
    maxValue: z.number().optional(),
    repeats: ZRepeats,
    initial: z.number().optional(),
    /** The unit answers are in (FHIR `questionnaire-unit`, a UCUM coding). */
    unit: ZUnit.optional(),
    /** FHIR `quantity`: answered as a Quantity in `unit`. */
    quantity: z.boolean().optional(),
  })
  .strict();
export const ZDateItem = z
  .object({
    ...common,
    type: z.literal('date'),
    minValue: ZPartialDate.optional(),
    maxValue: ZPartialDate.optional(),
    repeats: ZRepeats,
    initial: ZPartialDate.optional(),
  })
  .strict();

type TLeafItem =
  | z.infer<typeof ZDisplayItem>
  | z.infer<typeof ZBooleanItem>
  | z.infer<typeof ZChoiceItem>
  | z.infer<typeof ZRatingItem>
  | z.infer<typeof ZTextItem>
  | z.infer<typeof ZIntegerItem>
  | z.infer<typeof ZDecimalItem>
  | z.infer<typeof ZDateItem>;

export type TGroupItem = {
  linkId: string;
  type: 'group';
  text: Record<string, string>;
  helpText?: Record<string, string> | undefined;
  required?: boolean | undefined;
  enableWhen?: TEnableWhen[] | undefined;
  enableBehavior?: 'all' | 'any' | undefined;
  readOnly?: boolean | undefined;
  nestedUnder?: string | undefined;
  /** A repeating group: the respondent may fill it in several times (FHIR `repeats`). */
  repeats?: boolean | undefined;
  items: TSurveyItem[];
};
export type TSurveyItem = TLeafItem | TGroupItem;
export type TItemType = TSurveyItem['type'];
/** Item types that take an answer (all but `group` and `display`). */
export type TAnswerableItem = Exclude<TSurveyItem, { type: 'group' } | { type: 'display' }>;

export const ZGroupItem: z.ZodType<TGroupItem> = z.lazy(() =>
  z
    .object({
      ...common,
      type: z.literal('group'),
      repeats: ZRepeats,
      items: z.array(ZSurveyItem).max(100),
    })
    .strict(),
);

export const ZSurveyItem: z.ZodType<TSurveyItem> = z.lazy(() =>
  z.discriminatedUnion('type', [
    ZDisplayItem,
    ZBooleanItem,
    ZChoiceItem,
    ZRatingItem,
    ZTextItem,
    ZIntegerItem,
    ZDecimalItem,
    ZDateItem,
    ZGroupItem as unknown as z.ZodObject<{ type: z.ZodLiteral<'group'> }>,
  ]),
) as z.ZodType<TSurveyItem>;

export const ZSurveyAudience = z.enum(['patient', 'clinician']);
export type TSurveyAudience = z.infer<typeof ZSurveyAudience>;

/** A whole survey definition: what a version freezes at publish. */
export const ZSurveyDefinition = z
  .object({
    title: ZLocalizedText,
    description: ZLocalizedText.optional(),
    defaultLocale: ZLocale,
    /** Languages respondents may choose; the default locale is always one of them. */
    locales: z.array(ZLocale).min(1).max(20),
    audience: ZSurveyAudience,
    /** A named scoring rule over the answers (SUS: the ten rating items in order). */
    scoring: z.enum(['sus']).optional(),
    items: z.array(ZSurveyItem).min(1).max(200),
  })
  .strict();
export type TSurveyDefinition = z.infer<typeof ZSurveyDefinition>;

/** One answer as submitted in the app's own JSON: by question linkId. */
export const ZAnswerValue = z.union([
  z.boolean(),
  z.number(),
  z.string().max(20000),
  z.array(z.string().max(256)).max(50),
]);
export type TAnswerValue = z.infer<typeof ZAnswerValue>;
export const ZAnswers = z.record(ZLinkId, ZAnswerValue);
export type TAnswers = z.infer<typeof ZAnswers>;

/** An answer after validation against a published version: typed, ready to store. */
export type TValidatedAnswer = {
  linkId: string;
  type: TAnswerableItem['type'];
  value: boolean | number | string | string[];
  /** For free text: what the question asked for (analysis reads "Nothing" to "what could we do better?" as praise). */
  intent?: TTextIntent;
};
