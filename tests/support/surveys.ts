import type { TLink, TLinkCreate, TSurvey, TTemplateId } from '../../shared/src/api/surveys';
import type { TSurveyDefinition } from '../../shared/src/survey/definition';
import type { TClient } from './http';

const t = (en: string, es: string) => ({ en, es });

/** A survey with every question type, a required question and a conditional one. */
export const ALL_TYPES_SURVEY: TSurveyDefinition = {
  title: t('Your visit', 'Su visita'),
  defaultLocale: 'en',
  locales: ['en', 'es'],
  audience: 'patient',
  items: [
    {
      linkId: 'overall',
      type: 'rating',
      text: t('How was your visit?', '¿Cómo fue su visita?'),
      required: true,
      min: 1,
      max: 5,
    },
    {
      linkId: 'seen_by',
      type: 'choice',
      text: t('Who did you see?', '¿A quién vio?'),
      answerOption: [
        { code: 'doctor', text: t('A doctor', 'Un médico') },
        { code: 'nurse', text: t('A nurse', 'Una enfermera') },
      ],
    },
    {
      linkId: 'helped',
      type: 'choice',
      repeats: true,
      text: t('What helped?', '¿Qué le ayudó?'),
      answerOption: [
        { code: 'kind', text: t('Kindness', 'Amabilidad') },
        { code: 'quick', text: t('Speed', 'Rapidez') },
        { code: 'clear', text: t('Clear information', 'Información clara') },
      ],
    },
    {
      linkId: 'first_visit',
      type: 'boolean',
      text: t('Was this your first visit?', '¿Era su primera visita?'),
    },
    {
      linkId: 'why_not_first',
      type: 'text',
      intent: 'general',
      maxLength: 200,
      text: t('What brought you back?', '¿Qué le hizo volver?'),
      enableWhen: [{ question: 'first_visit', operator: '=', answer: false }],
    },
    {
      linkId: 'wait_minutes',
      type: 'integer',
      minValue: 0,
      maxValue: 600,
      text: t('Minutes waited', 'Minutos de espera'),
    },
    {
      linkId: 'temperature',
      type: 'decimal',
      minValue: 30,
      maxValue: 45,
      text: t('Your temperature', 'Su temperatura'),
    },
    { linkId: 'visit_date', type: 'date', text: t('Date of visit', 'Fecha de la visita') },
    {
      linkId: 'better',
      type: 'text',
      intent: 'improvement',
      text: t('What could we do better?', '¿Qué podríamos mejorar?'),
    },
  ],
};

export const VALID_ANSWERS = {
  overall: 4,
  seen_by: 'nurse',
  helped: ['kind', 'clear'],
  first_visit: false,
  why_not_first: 'The nurse was lovely last time',
  wait_minutes: 20,
  temperature: 36.6,
  visit_date: '2026-11-20',
  better: 'Shorter waits',
};

/** Creates, publishes and links a survey through the staff API. */
export function publishedSurveyWithLink(
  staff: TClient,
  link: TLinkCreate,
  definition: TSurveyDefinition = ALL_TYPES_SURVEY,
): Promise<TPublishedWithLink> {
  return publishAndLink(staff, { definition }, link);
}

type TPublishedWithLink = { survey: TSurvey; versionId: string; link: TLink };

async function publishAndLink(
  staff: TClient,
  create: { definition: TSurveyDefinition } | { templateId: TTemplateId },
  link: TLinkCreate,
): Promise<TPublishedWithLink> {
  const created = await staff.request<TSurvey>('POST', '/api/v1/surveys', create);
  if (created.status !== 201) throw new Error(`survey create failed: ${JSON.stringify(created.body)}`);
  const published = await staff.request<{ id: string }>('POST', `/api/v1/surveys/${created.body.id}/publish`);
  if (published.status !== 201) throw new Error(`publish failed: ${published.status}`);
  const linked = await staff.request<TLink>('POST', `/api/v1/surveys/${created.body.id}/links`, link);
  if (linked.status !== 201) throw new Error(`link failed: ${JSON.stringify(linked.body)}`);
  return { survey: created.body, versionId: published.body.id, link: linked.body };
}

/** A patient survey for the analysis pipeline: FFT-style choice, NPS, a 1-5 rating, yes/no and two comments. */
export const FEEDBACK_SURVEY: TSurveyDefinition = {
  title: t('After your visit', 'Después de su visita'),
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'patient',
  items: [
    {
      linkId: 'fft',
      type: 'choice',
      text: t('Overall, how was your experience?', 'En general, ¿cómo fue?'),
      answerOption: [
        { code: 'good', text: t('Good', 'Buena') },
        { code: 'poor', text: t('Poor', 'Mala') },
      ],
    },
    { linkId: 'again', type: 'boolean', text: t('Would you come back?', '¿Volvería?') },
    { linkId: 'nps', type: 'rating', text: t('How likely to recommend?', '¿Recomendaría?'), min: 0, max: 10 },
    { linkId: 'overall', type: 'rating', text: t('Overall', 'En general'), min: 1, max: 5 },
    { linkId: 'good', type: 'text', intent: 'praise', text: t('What was good?', '¿Qué estuvo bien?') },
    {
      linkId: 'better',
      type: 'text',
      intent: 'improvement',
      text: t('What could we do better?', '¿Qué podríamos mejorar?'),
    },
  ],
};

/** A clinician friction pulse with one comment. */
export const FRICTION_SURVEY: TSurveyDefinition = {
  title: t('Since the change', 'Desde el cambio'),
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'clinician',
  items: [
    { linkId: 'ease', type: 'rating', text: t('How easy is it now?', '¿Qué tan fácil?'), min: 1, max: 5 },
    {
      linkId: 'friction',
      type: 'text',
      intent: 'general',
      text: t('What gets in the way?', '¿Qué estorba?'),
    },
  ],
};

/** Creates a survey from a built-in template, publishes it and links it through the staff API. */
export function publishedTemplateWithLink(
  staff: TClient,
  templateId: TTemplateId,
  link: TLinkCreate,
): Promise<TPublishedWithLink> {
  return publishAndLink(staff, { templateId }, link);
}
