import type { TSurvey } from '../../../../shared/src/api/surveys';
import type { TJson } from '../../../../shared/src/fhir/fhir-common';
import { exportQuestionnaire } from '../../../../shared/src/fhir/questionnaire-export';
import { importQuestionnaire, type TUnsupported } from '../../../../shared/src/fhir/questionnaire-import';
import { toQuestionnaireResponse, type TStoredAnswer } from '../../../../shared/src/fhir/response-export';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { forbidden, invalid } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { assertOrganisationWide, getOrganisationSettings, getUnitInScope } from '../org/org.service';
import * as repo from './fhir.repository';
import { createSurvey, findVersionByNumber, getSurvey } from './surveys.service';

/** The survey's canonical URL; a `|<version>` suffix names a published version. */
export const canonicalOf = (ctx: TCtx, surveyId: string) =>
  `${ctx.config.publicUrl}/api/v1/surveys/${surveyId}/fhir`;

/**
 * A FHIR Questionnaire becomes a draft survey, created like any other (same roles, same checks,
 * audited). What CareLoop cannot represent is returned by element path; an import that would
 * change what the form asks or accepts is refused with every reason.
 */
export async function importSurvey(
  ctx: TCtx,
  body: unknown,
): Promise<TSurvey & { unsupported: TUnsupported[] }> {
  const result = importQuestionnaire(body);
  if (!result.ok)
    throw invalid(result.problems, 'This Questionnaire cannot be imported without changing its meaning');
  const survey = await createSurvey(ctx, { definition: result.definition });
  await recordAudit(ctx, {
    action: 'survey.imported',
    targetType: 'survey',
    targetId: survey.id,
    detail: { format: 'fhir-r4', unsupported: result.unsupported.length },
  });
  return { ...survey, unsupported: result.unsupported };
}

/**
 * The survey as a Questionnaire: its latest published version (canonical versioned by it) when it
 * has one, else its draft.
 */
export async function exportSurvey(ctx: TCtx, id: string): Promise<TJson> {
  const survey = await getSurvey(ctx, id);
  let definition: TSurveyDefinition = survey.draft;
  const version = survey.latestVersion?.version;
  if (version !== undefined) {
    const row = await findVersionByNumber(ctx.db, id, version);
    if (row) definition = row.definition;
  }
  return exportQuestionnaire(definition, {
    id,
    url: canonicalOf(ctx, id),
    version,
    status: survey.status,
    date: survey.updatedAt,
  });
}

export type TResponseExportQuery = {
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

const PAGE = 500;

/**
 * Streams a survey's responses as a FHIR searchset Bundle of QuestionnaireResponse, page by page,
 * through `write`: memory stays flat whatever the count. Raw responses are for admins and quality
 * leads in scope; free text is only ever the analysis's redacted text. Audited before any is read.
 */
export async function exportResponses(
  ctx: TCtx,
  surveyId: string,
  query: TResponseExportQuery,
  write: (chunk: string) => Promise<void>,
): Promise<void> {
  const actor = actorOf(ctx);
  if (actor.role !== 'admin' && actor.role !== 'quality_lead') {
    throw forbidden('Only administrators and quality leads can export responses');
  }
  await getSurvey(ctx, surveyId);
  if (query.unitId) await getUnitInScope(ctx, query.unitId);
  else assertOrganisationWide(ctx);
  const { timezone } = await getOrganisationSettings(ctx.db, actor.organisationId);
  await recordAudit(ctx, {
    action: 'responses.exported',
    targetType: 'survey',
    targetId: surveyId,
    detail: {
      format: 'fhir-r4-bundle',
      unitId: query.unitId ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
    },
  });
  const canonical = canonicalOf(ctx, surveyId);
  const definitions = new Map<string, TSurveyDefinition>();
  await write(
    `{"resourceType":"Bundle","type":"searchset","timestamp":${JSON.stringify(new Date().toISOString())},"entry":[`,
  );
  let after: { submittedAt: Date; id: string } | null = null;
  let total = 0;
  for (;;) {
    const page = await repo.responsePage(ctx.db, { surveyId, ...query, timezone }, after, PAGE);
    if (page.length === 0) break;
    const answers = await repo.answersOf(
      ctx.db,
      page.map((r) => r.id),
    );
    const byResponse = new Map<string, Map<string, TStoredAnswer>>();
    for (const a of answers) {
      const map = byResponse.get(a.responseId) ?? new Map<string, TStoredAnswer>();
      byResponse.set(a.responseId, map);
      map.set(a.linkId, storedValue(a));
    }
    const chunk: string[] = [];
    for (const r of page) {
      let def = definitions.get(r.versionId);
      if (!def) {
        def = (await findVersionByNumber(ctx.db, surveyId, r.version))!.definition;
        definitions.set(r.versionId, def);
      }
      const resource = toQuestionnaireResponse(
        def,
        {
          id: r.id,
          questionnaire: `${canonical}|${r.version}`,
          authored: r.submittedAt.toISOString(),
          language: r.locale,
        },
        byResponse.get(r.id) ?? new Map(),
      );
      const entry = {
        fullUrl: `${ctx.config.publicUrl}/fhir/QuestionnaireResponse/${r.id}`,
        resource,
        search: { mode: 'match' },
      };
      chunk.push((total > 0 || chunk.length > 0 ? ',' : '') + JSON.stringify(entry));
    }
    total += page.length;
    await write(chunk.join(''));
    const last = page[page.length - 1]!;
    after = { submittedAt: last.submittedAt, id: last.id };
    if (page.length < PAGE) break;
  }
  await write(`],"total":${total}}`);
}

function storedValue(a: repo.TExportAnswerRow): TStoredAnswer {
  if (a.isText) return a.redactedText === null ? { masked: true } : a.redactedText;
  if (a.valueBoolean !== null) return a.valueBoolean;
  if (a.valueNumber !== null) return a.valueNumber;
  if (a.valueDate !== null) return a.valueDate;
  return a.valueCodes ?? [];
}
