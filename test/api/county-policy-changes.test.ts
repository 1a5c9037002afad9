import request from 'supertest';
import { countyRulesVersion, loadCountyRules } from '../../activities/county-rules';
import { DEFAULT_COUNTY_POLICY, type CountyPolicy } from '../../domain/county-policy';
import { localDateOf } from '../../domain/working-days';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;
const get = (username: string, path: string) =>
  request(http.app).get(path).set('Authorization', basic(username));
const post = (username: string, path: string, body: object = {}) =>
  request(http.app).post(path).set('Authorization', basic(username)).send(body);

const DAY = 24 * 3600_000;
const today = localDateOf(new Date());
const inDays = (n: number) => localDateOf(new Date(Date.now() + n * DAY));
const rulesIn = async (days: number) =>
  (await loadCountyRules(harness.db, '532901', new Date(Date.now() + days * DAY))).policy;
const policyWith = (change: (p: CountyPolicy) => void): CountyPolicy => {
  const policy = structuredClone(DEFAULT_COUNTY_POLICY);
  change(policy);
  return policy;
};
const change = (username: string, body: object) => post(username, '/api/counties/532901/policy', body);

describe('县级政策 county policy changes', () => {
  test('the county approver changes figures from a date with a reason; each is in force from its date', async () => {
    const versionBefore = await countyRulesVersion(harness.db, '532901');
    const scheduled = await change('xian.dali', {
      effectiveFrom: inDays(10),
      reason: '县政府 2026 年第 12 号文件',
      policy: policyWith((p) => {
        p.stepLimits.acceptance.days = 4;
        p.classifiedAddOns.rates.elderly = { kind: 'fixed', yuan: 50 };
      }),
    });
    expect(scheduled.status).toBe(201);
    expect(scheduled.body).toMatchObject({
      status: 'scheduled',
      changedBy: '李县审批',
      changes: {
        'stepLimits.acceptance': { days: 4, unit: 'working' },
        'classifiedAddOns.rates.elderly': { kind: 'fixed', yuan: 50 },
      },
    });
    // Not yet in force: today's rules and their version are as before.
    expect(
      (await get('xian.dali', '/api/counties/532901/policy')).body.policy.stepLimits.acceptance.days,
    ).toBe(3);
    expect(await countyRulesVersion(harness.db, '532901')).toBe(versionBefore);
    expect((await rulesIn(11)).stepLimits.acceptance.days).toBe(4);
    expect(await countyRulesVersion(harness.db, '532901', new Date(Date.now() + 11 * DAY))).not.toBe(
      versionBefore,
    );

    const now = await change('xian.dali', {
      effectiveFrom: today,
      reason: '渐退期调整为 3 个月',
      policy: policyWith((p) => void (p.phaseOutMonths = 3)),
    });
    expect([now.status, now.body.status, now.body.changes]).toEqual([201, 'inForce', { phaseOutMonths: 3 }]);
    expect((await get('jiandu.zhou', '/api/counties/532901/policy')).body.policy.phaseOutMonths).toBe(3);
    expect(await countyRulesVersion(harness.db, '532901')).not.toBe(versionBefore);
    // A change dated later changes only what it names: it does not undo today's.
    const in11 = await rulesIn(11);
    expect([in11.phaseOutMonths, in11.stepLimits.acceptance.days]).toEqual([3, 4]);

    // Edited from today's policy and dated after the scheduled change: only what was edited changes.
    const edited = await change('xian.dali', {
      effectiveFrom: inDays(20),
      basedOn: today,
      reason: '复核周期调整',
      policy: policyWith((p) => {
        p.phaseOutMonths = 3;
        p.recertification.stableMonths = 24;
      }),
    });
    expect(edited.body.changes).toEqual({ 'recertification.stableMonths': 24 });
    const in21 = await rulesIn(21);
    expect([in21.recertification.stableMonths, in21.stepLimits.acceptance.days]).toEqual([24, 4]);

    const history = await get('jiandu.dali', '/api/counties/532901/policy/changes');
    expect(history.body.changes.map((c: { status: string; reason: string }) => [c.status, c.reason])).toEqual(
      [
        ['inForce', '渐退期调整为 3 个月'],
        ['scheduled', '县政府 2026 年第 12 号文件'],
        ['scheduled', '复核周期调整'],
      ],
    );
    expect(history.body.changes[0].changes).toEqual([{ field: 'phaseOutMonths', from: 6, to: 3 }]);
    expect(history.body.changes[2].changes).toEqual([
      { field: 'recertification.stableMonths', from: 12, to: 24 },
    ]);
    const audit = await harness.db.auditEntry.findMany({
      where: { action: 'changePolicy', resourceId: '532901' },
    });
    expect(audit.map((a) => (a.detail as { reason: string }).reason).sort()).toEqual(
      ['县政府 2026 年第 12 号文件', '渐退期调整为 3 个月', '复核周期调整'].sort(),
    );
    // The history is evidence: the database refuses to change it.
    await expect(harness.db.countyPolicyChange.deleteMany({ where: { countyId: '532901' } })).rejects.toThrow(
      /append-only/,
    );
  });

  test('the same zod schema checks every figure: 400 naming the field, unknown fields too', async () => {
    const bad = policyWith((p) => {
      p.appraisal.quorum = { numerator: 4, denominator: 3 };
      p.stepLimits.countyApproval.days = -1;
    });
    const res = await change('xian.dali', { effectiveFrom: today, reason: '测试', policy: bad });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'body.policy.appraisal.quorum',
      'body.policy.stepLimits.countyApproval.days',
    ]);
    const unknown = await change('xian.dali', {
      effectiveFrom: today,
      reason: '测试',
      policy: {
        ...DEFAULT_COUNTY_POLICY,
        recertification: { stableMonths: 12, irregularMonths: 6, stableMonthz: 1 },
      },
    });
    expect(unknown.body.details).toEqual([
      { field: 'body.policy.recertification.stableMonthz', message: '不接受此字段 (unknown field)' },
    ]);
    const noReason = await change('xian.dali', { effectiveFrom: today, policy: DEFAULT_COUNTY_POLICY });
    expect(noReason.body.details[0].field).toBe('body.reason');
  });

  test('no date in the past, no change that changes nothing, only the county’s own approver', async () => {
    const body = {
      effectiveFrom: inDays(-1),
      reason: '补录',
      policy: policyWith((p) => void (p.phaseOutMonths = 2)),
    };
    expect((await post('xian.dali', '/api/counties/532922/policy', body)).status).toBe(404);
    const past = await change('xian.dali', body);
    expect([past.status, past.body.details[0].field]).toEqual([422, 'body.effectiveFrom']);
    const same = await change('xian.dali', {
      effectiveFrom: inDays(30),
      reason: '无变化',
      policy: policyWith((p) => {
        p.phaseOutMonths = 3;
        p.stepLimits.acceptance.days = 4;
        p.classifiedAddOns.rates.elderly = { kind: 'fixed', yuan: 50 };
        p.recertification.stableMonths = 24;
      }),
    });
    expect([same.status, same.body.details?.[0].field]).toEqual([422, 'body.policy']);
    for (const username of ['admin', 'jiandu.dali', 'xiang.xizhou'])
      expect((await change(username, { ...body, effectiveFrom: today })).status).toBe(403);
  });
});
