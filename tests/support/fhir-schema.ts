import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';

/** The official FHIR R4 material beside the project (see ../shared/data/fhir/README.md). */
export const FHIR_DATA = path.resolve(__dirname, '../../../shared/data/fhir');
export const FHIR_FIXTURES = path.resolve(__dirname, '../fixtures/fhir');

export const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

const validators = new Map<string, ValidateFunction>();

/**
 * A validator for one resource type against the official R4 JSON schema. The schema is draft-06
 * with `id`; only its definitions are used, so the wrapper needs no meta-schema of that draft.
 * `ResourceList` (what `contained` and `Bundle.entry.resource` may hold) is narrowed to the
 * resources these exports carry: compiling the full list of 140-odd resources takes minutes.
 */
export function fhirSchemaValidator(
  resourceType: 'Questionnaire' | 'Bundle' | 'QuestionnaireResponse',
): ValidateFunction {
  const known = validators.get(resourceType);
  if (known) return known;
  const schema = readJson(path.join(FHIR_DATA, 'schema/fhir.schema.json'));
  const definitions = { ...(schema.definitions as Record<string, unknown>) };
  definitions.ResourceList = {
    oneOf: ['ValueSet', 'QuestionnaireResponse'].map((name) => ({ $ref: `#/definitions/${name}` })),
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile({ definitions, $ref: `#/definitions/${resourceType}` });
  validators.set(resourceType, validate);
  return validate;
}
