import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { flattenItems } from '../../../../shared/src/survey/items';
import { notFound } from '../../http/app-error';
import { actorOf, type TCtx } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { getOrganisationSettings, unitIdsInScope } from '../org/org.service';
import { streamCsv, type TCsvSink } from './csv-stream';
import * as repo from './exports.repository';

export type TExportInput = { from?: string; to?: string; bom: boolean };

const URGENCY_RANK: Record<string, number> = { none: 0, review: 1, urgent: 2 };
const SENTIMENT_RANK: Record<string, number> = { positive: 0, neutral: 1, negative: 2 };

/** Question columns: every answerable item of every published version, the newest wording's order first. */
function questionColumns(versions: { definition: TSurveyDefinition }[]): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const v of versions) {
    for (const item of flattenItems(v.definition.items)) {
      if (item.type === 'group' || item.type === 'display' || seen.has(item.linkId)) continue;
      seen.add(item.linkId);
      ids.push(item.linkId);
    }
  }
  return ids;
}

function answerCell(linkId: string, row: repo.TResponseExportRow): string | number | null {
  const comment = row.comments?.[linkId];
  if (comment) return comment.t;
  const a = row.answers?.[linkId];
  if (!a) return null;
  const [num, bool, codes, date] = a;
  if (num !== null) return num;
  if (bool !== null) return bool ? 'yes' : 'no';
  if (codes) return codes.join('; ');
  return date;
}

/**
 * Response-level analysis columns over its comments: the most negative sentiment and the mean score,
 * every theme named, the highest urgency tier. Empty when the response has no analysed comment.
 */
function analysisCells(row: repo.TResponseExportRow): (string | number | null)[] {
  const comments = Object.values(row.comments ?? {});
  if (comments.length === 0) return [null, null, null, null];
  const worst = comments.reduce((a, b) => ((SENTIMENT_RANK[b.s] ?? 0) > (SENTIMENT_RANK[a.s] ?? 0) ? b : a));
  const mean = comments.reduce((s, c) => s + Number(c.sc), 0) / comments.length;
  const themes = [...new Set(comments.flatMap((c) => c.th.map((t) => t.label)))].sort();
  const urgency = comments.reduce((a, b) => ((URGENCY_RANK[b.u] ?? 0) > (URGENCY_RANK[a.u] ?? 0) ? b : a)).u;
  return [worst.s, mean.toFixed(3), themes.join('; '), urgency];
}

/**
 * `GET /exports/responses.csv` (admins): one row per response, one column per question, free text
 * as the analysis redacted it (blank until analysed: the typed text never leaves), then the
 * analysis columns. Audited with counts only.
 */
export async function exportResponses(
  ctx: TCtx,
  sink: TCsvSink,
  surveyId: string,
  input: TExportInput,
  onStart: () => void,
): Promise<void> {
  const actor = actorOf(ctx);
  const versions = await repo.readSurveyVersions(ctx.db, actor.organisationId, surveyId);
  if (!versions) throw notFound('Survey not found');
  const org = await getOrganisationSettings(ctx.db, actor.organisationId);
  const columns = questionColumns(versions);
  const header = [
    'response_id',
    'submitted_at',
    'survey_version',
    'unit_id',
    'change_id',
    'locale',
    ...columns,
    'sentiment',
    'sentiment_score',
    'themes',
    'urgency',
  ];
  onStart();
  const window = {
    organisationId: actor.organisationId,
    timezone: org.timezone,
    from: input.from,
    to: input.to,
  };
  const rows = await streamCsv<repo.TResponseExportRow>(ctx.db, sink, {
    query: repo.responsesQuery(window, surveyId),
    header,
    bom: input.bom,
    toCells: (r) => [
      r.id,
      r.submitted_at,
      r.version,
      r.unit_id,
      r.change_id,
      r.locale,
      ...columns.map((c) => answerCell(c, r)),
      ...analysisCells(r),
    ],
  });
  await recordAudit(ctx, {
    action: 'export.responses',
    targetType: 'survey',
    targetId: surveyId,
    detail: { rows, from: input.from ?? null, to: input.to ?? null },
  });
}

/**
 * `GET /exports/rollups.csv` (admins, quality leads): weekly counts per survey, unit and change,
 * within the actor's scope. Small-group suppression as on the board: a row from fewer than the
 * organisation's minimum group size shows no figures (`suppressed` = yes); comment figures need k
 * commenters, and a count between 1 and k-1 is left blank, so no cell can single anyone out.
 */
export async function exportRollups(
  ctx: TCtx,
  sink: TCsvSink,
  input: TExportInput & { surveyId?: string },
  onStart: () => void,
): Promise<void> {
  const actor = actorOf(ctx);
  const org = await getOrganisationSettings(ctx.db, actor.organisationId);
  const k = org.minGroupSize;
  const unitIds = actor.scope.level === 'organisation' ? null : [...(await unitIdsInScope(ctx))];
  onStart();
  let suppressed = 0;
  const small = (n: number) => (n > 0 && n < k ? null : n);
  const rows = await streamCsv<repo.TRollupExportRow>(ctx.db, sink, {
    query: repo.rollupsQuery(
      { organisationId: actor.organisationId, timezone: org.timezone, ...input },
      unitIds,
    ),
    header: [
      'week',
      'survey_id',
      'unit_id',
      'change_id',
      'suppressed',
      'responses',
      'comments',
      'urgent_comments',
      'positive_commenters',
      'neutral_commenters',
      'negative_commenters',
    ],
    bom: input.bom,
    toCells: (r) => {
      const base = [r.week, r.survey_id, r.unit_id, r.change_id];
      if (r.responses < k) {
        suppressed += 1;
        return [...base, 'yes', null, null, null, null, null, null];
      }
      // Fewer commenters than k: every comment figure is blank, zeros too, so none can be worked out.
      if (r.commenters < k) return [...base, 'no', r.responses, null, null, null, null, null];
      return [
        ...base,
        'no',
        r.responses,
        r.comments,
        small(r.urgent_comments),
        small(r.positive_commenters),
        small(r.neutral_commenters),
        small(r.negative_commenters),
      ];
    },
  });
  await recordAudit(ctx, {
    action: 'export.rollups',
    detail: {
      rows,
      suppressed,
      surveyId: input.surveyId ?? null,
      from: input.from ?? null,
      to: input.to ?? null,
    },
  });
}
