import type {
  TSurvey,
  TSurveyCreate,
  TSurveySummary,
  TSurveyUpdate,
  TTemplateSummary,
  TVersionInfo,
} from '../../../../shared/src/api/surveys';
import { pickText } from '../../../../shared/src/locale';
import { checkDefinition } from '../../../../shared/src/survey/check-definition';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { TEMPLATES } from '../../../../shared/src/survey/templates';
import type { Db } from '../../db/client';
import { AppError, forbidden, invalid, notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import * as repo from './surveys.repository';

const versionInfo = (v: repo.TVersionRow): TVersionInfo => ({
  id: v.id,
  version: v.version,
  publishedAt: v.publishedAt.toISOString(),
});

function toSummary(s: repo.TSurveyRow, latest: repo.TVersionRow | null): TSurveySummary {
  return {
    id: s.id,
    title: pickText(s.draft.title, s.draft.defaultLocale, s.draft.defaultLocale),
    audience: s.draft.audience,
    status: s.status,
    hasUnpublishedChanges: s.publishedRevision !== s.revision,
    latestVersion: latest ? versionInfo(latest) : null,
    updatedAt: s.updatedAt.toISOString(),
  };
}

const toSurvey = (s: repo.TSurveyRow, latest: repo.TVersionRow | null): TSurvey => ({
  ...toSummary(s, latest),
  draft: s.draft,
  revision: s.revision,
  createdAt: s.createdAt.toISOString(),
});

/** Refuses a definition with every problem listed, so the author can fix them all at once. */
function assertValidDefinition(definition: TSurveyDefinition): void {
  const problems = checkDefinition(definition).map((p) => ({ ...p, name: `definition.${p.name}` }));
  if (problems.length > 0) throw invalid(problems, 'The survey definition has problems');
}

/**
 * Surveys belong to the whole organisation, and archiving one closes every unit's links: only
 * organisation-wide staff, or whoever created the survey, may change it.
 */
function assertMayChange(ctx: TCtx, survey: repo.TSurveyRow): void {
  const actor = actorOf(ctx);
  if (actor.scope.level !== 'organisation' && survey.createdBy !== actor.userId) {
    throw forbidden('Only organisation-wide staff or the survey’s author can change this survey');
  }
}

async function loadSurvey(ctx: TCtx, id: string, db: Db = ctx.db, lock = false): Promise<repo.TSurveyRow> {
  const survey = await repo.findSurvey(db, actorOf(ctx).organisationId, id, lock);
  if (!survey) throw notFound('Survey not found');
  return survey;
}

export function listTemplates(): TTemplateSummary[] {
  return Object.entries(TEMPLATES).map(([id, t]) => ({
    id: id as TTemplateSummary['id'],
    title: t.title,
    description: t.description,
  }));
}

export async function createSurvey(ctx: TCtx, input: TSurveyCreate): Promise<TSurvey> {
  const definition =
    'templateId' in input ? structuredClone(TEMPLATES[input.templateId].definition) : input.definition;
  assertValidDefinition(definition);
  const actor = actorOf(ctx);
  const survey = await repo.insertSurvey(ctx.db, {
    organisationId: actor.organisationId,
    draft: definition,
    createdBy: actor.userId,
  });
  await recordAudit(ctx, {
    action: 'survey.created',
    targetType: 'survey',
    targetId: survey.id,
    detail: 'templateId' in input ? { templateId: input.templateId } : {},
  });
  return toSurvey(survey, null);
}

export async function listSurveys(ctx: TCtx): Promise<TSurveySummary[]> {
  const organisationId = actorOf(ctx).organisationId;
  const [rows, latest] = await Promise.all([
    repo.listSurveys(ctx.db, organisationId),
    repo.latestVersions(ctx.db, organisationId),
  ]);
  return rows.map((s) => toSummary(s, latest.get(s.id) ?? null));
}

export async function getSurvey(ctx: TCtx, id: string): Promise<TSurvey> {
  const survey = await loadSurvey(ctx, id);
  return toSurvey(survey, await repo.latestVersion(ctx.db, id));
}

export async function updateDraft(ctx: TCtx, id: string, input: TSurveyUpdate): Promise<TSurvey> {
  const survey = await loadSurvey(ctx, id);
  assertMayChange(ctx, survey);
  if (survey.status === 'archived') throw new AppError('conflict', 'An archived survey cannot be edited');
  assertValidDefinition(input.definition);
  const saved = await repo.updateDraft(ctx.db, id, input.revision, input.definition);
  if (!saved) {
    throw new AppError(
      'conflict',
      'Someone else saved this survey since you opened it; reload to see their changes',
    );
  }
  await recordAudit(ctx, {
    action: 'survey.draft_saved',
    targetType: 'survey',
    targetId: id,
    detail: { revision: saved.revision },
  });
  return toSurvey(saved, await repo.latestVersion(ctx.db, id));
}

/**
 * Freezes the draft as a new immutable version. Publishing an unchanged draft returns the latest
 * version rather than minting an identical one.
 */
export async function publishSurvey(
  ctx: TCtx,
  id: string,
): Promise<{ version: TVersionInfo; created: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const survey = await loadSurvey(ctx, id, tx, true);
    assertMayChange(ctx, survey);
    if (survey.status === 'archived')
      throw new AppError('conflict', 'An archived survey cannot be published');
    const latest = await repo.latestVersion(tx, id);
    if (latest && survey.publishedRevision === survey.revision)
      return { version: versionInfo(latest), created: false };
    assertValidDefinition(survey.draft);
    const version = await repo.insertVersion(tx, {
      surveyId: id,
      version: (latest?.version ?? 0) + 1,
      definition: survey.draft,
      publishedBy: actorOf(ctx).userId,
    });
    await repo.setSurveyState(tx, id, { status: 'published', publishedRevision: survey.revision });
    await recordAudit(
      ctx,
      {
        action: 'survey.published',
        targetType: 'survey',
        targetId: id,
        detail: { version: version.version },
      },
      tx,
    );
    return { version: versionInfo(version), created: true };
  });
}

/** Archiving closes every link of the survey; answers already given are kept. */
export async function archiveSurvey(ctx: TCtx, id: string): Promise<TSurvey> {
  assertMayChange(ctx, await loadSurvey(ctx, id));
  const survey = await repo.setSurveyState(ctx.db, id, { status: 'archived', archivedAt: new Date() });
  await recordAudit(ctx, { action: 'survey.archived', targetType: 'survey', targetId: id });
  return toSurvey(survey, await repo.latestVersion(ctx.db, id));
}

/** The survey and its latest version, for link creation: it must be published and not archived. */
export async function getPublishedSurvey(ctx: TCtx, id: string) {
  const survey = await loadSurvey(ctx, id);
  const latest = await repo.latestVersion(ctx.db, id);
  if (survey.status === 'archived') throw new AppError('conflict', 'The survey is archived');
  if (!latest) throw new AppError('conflict', 'Publish the survey before creating links to it');
  return { survey, latest };
}

// Published versions never change, so every process may keep them; this bounds the memory.
const VERSION_CACHE_SIZE = 500;
const versionCache = new Map<string, repo.TVersionRow>();

/** A published version of a survey, from memory when seen before. Null if it is not one of the survey's. */
export async function getPublishedVersion(ctx: TCtx, surveyId: string, versionId: string) {
  const cached = versionCache.get(versionId);
  if (cached) return cached.surveyId === surveyId ? cached : null;
  const version = await repo.findVersion(ctx.db, surveyId, versionId);
  if (!version) return null;
  if (versionCache.size >= VERSION_CACHE_SIZE) versionCache.delete(versionCache.keys().next().value!);
  versionCache.set(versionId, version);
  return version;
}

export const findVersionByNumber = repo.findVersionByNumber;
