import { z } from 'zod';
import { ZSurvey } from '../api/surveys';

/** A FHIR R4 Questionnaire as the import takes it; the importer reads the rest element by element. */
export const ZFhirQuestionnaire = z
  .object({
    resourceType: z.literal('Questionnaire'),
    item: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .loose();

/** An element of the imported Questionnaire that CareLoop cannot represent, by its path, and why. */
export const ZUnsupportedElement = z.object({ path: z.string(), reason: z.string() });

/** The draft survey an import created, with everything it could not keep. */
export const ZSurveyImported = ZSurvey.extend({ unsupported: z.array(ZUnsupportedElement) });

/** A FHIR searchset Bundle of QuestionnaireResponse (the response export). */
export const ZFhirResponseBundle = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.literal('searchset'),
    total: z.number().int(),
    entry: z.array(z.object({ fullUrl: z.string(), resource: z.record(z.string(), z.unknown()) }).loose()),
  })
  .loose();
