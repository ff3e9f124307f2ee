import { Router, type Request } from 'express';
import { IDEMPOTENCY_HEADER, ZIdempotencyKey, ZResponseSubmit } from '../../../../shared/src/api/public';
import { nestsDeeperThan, ZQuestionnaireResponse } from '../../../../shared/src/fhir/questionnaire-response';
import { AppError, invalid } from '../../http/app-error';
import { readOptionalStaff } from '../../http/auth';
import { consumeAll, limitBy, type TLimiter } from '../../http/rate-limit';
import * as responses from './responses.service';

type TPublicLimiters = { readPerIp: TLimiter; submitPerIp: TLimiter; submitPerLink: TLimiter };

const ipOf = (req: { ip?: string | undefined }) => req.ip ?? 'unknown';

/**
 * The per-IP and per-link submit limits in one Redis round trip, taken where the service counts a
 * submission against its link (after validation); `ipOnly` counts a refused request against its IP
 * alone, so that guessing tokens or posting junk is limited as before.
 */
function perIpAndLink(limiters: TPublicLimiters, ip: string): TLimiter & { ipOnly(): Promise<void> } {
  let counted = false;
  return {
    consume: async (token) => {
      counted = true;
      await consumeAll([
        [limiters.submitPerIp, ip],
        [limiters.submitPerLink, token],
      ]);
    },
    ipOnly: async () => {
      if (!counted) await limiters.submitPerIp.consume(ip);
      counted = true;
    },
    reward: (token) => limiters.submitPerLink.reward(token),
    reset: (token) => limiters.submitPerLink.reset(token),
  };
}

async function submit(req: Request, perLink: TLimiter) {
  const rawKey = req.get(IDEMPOTENCY_HEADER);
  const key = rawKey === undefined ? undefined : ZIdempotencyKey.safeParse(rawKey);
  if (key && !key.success)
    throw invalid([{ name: IDEMPOTENCY_HEADER, reason: key.error.issues[0]!.message }]);
  if (nestsDeeperThan(req.body, 64)) throw invalid([{ name: 'body', reason: 'nests too deeply' }]);
  const submission: responses.TSubmission = req.is('application/fhir+json')
    ? { format: 'fhir', body: ZQuestionnaireResponse.parse(req.body) }
    : { format: 'json', body: ZResponseSubmit.parse(req.body) };
  // A clinician asking to be contacted: their staff session, when it checks out as for a staff write.
  if (submission.format === 'json' && submission.body.contact) await readOptionalStaff(req);
  return responses.submitResponse(req.ctx, String(req.params.token), submission, key?.data, perLink);
}

/** The respondent's side: no account, a link token, answers that are never lost. */
export function publicRoutes(limiters: TPublicLimiters): Router {
  const router = Router();

  router.get('/public/surveys/:token', limitBy([limiters.readPerIp, ipOf]), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    res.json(await responses.getPublicSurvey(req.ctx, String(req.params.token)));
  });

  router.post('/public/surveys/:token/responses', async (req, res) => {
    const limits = perIpAndLink(limiters, ipOf(req));
    const result = await submit(req, limits).catch(async (err: unknown) => {
      // Refused before its answers were counted (bad body, unknown or closed link): the IP still pays.
      await limits.ipOnly();
      throw err;
    });
    res.status(201).json({ id: result.id, ...(result.urgent ? { urgent: true } : {}) });
  });

  // Unknown public paths answer 404 here; everything past this router needs a staff sign-in.
  router.all('/public/{*rest}', () => {
    throw new AppError('not_found', 'No such API path');
  });

  return router;
}
