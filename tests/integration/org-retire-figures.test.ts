import type { TBoardSummary } from '../../shared/src/api/board';
import { createOrg, createStaff } from '../support/fixtures';
import { signIn, submitAnswers } from '../support/http';
import { liveSuite } from '../support/live';
import { publishedTemplateWithLink } from '../support/surveys';
import { countAnalysed, waitFor } from '../support/workers';

// Workers run, so the figures come from the rollups as they do on a real board.
const suite = liveSuite();

describe('a retired unit’s figures', () => {
  it('still count on its own board and the organisation’s after it is retired', async () => {
    const org = await createOrg(suite.app.db);
    const staff = await createStaff(suite.app.db, org.organisationId, 'admin');
    const admin = await signIn(suite.app.url, staff.email, staff.password);
    const { link } = await publishedTemplateWithLink(admin, 'nhs-fft', { kind: 'open', unitId: org.unitId });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await submitAnswers(suite.app.url, link.token, { fft: 'good' }));
    await waitFor(
      'the analyses',
      async () => (await countAnalysed(suite.app.db, ids)) === ids.length,
      20_000,
    );

    expect((await admin.request('PATCH', `/api/v1/org/units/${org.unitId}`, { retired: true })).status).toBe(
      200,
    );

    for (const query of [`level=unit&id=${org.unitId}`, 'level=organisation']) {
      const summary = await admin.request<TBoardSummary>('GET', `/api/v1/board/summary?${query}&period=7d`);
      expect(summary.status).toBe(200);
      expect(summary.body.totals.responses.value).toBe(5);
    }
  }, 60_000);
});
