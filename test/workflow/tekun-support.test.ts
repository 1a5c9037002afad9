import type { TerminationReason } from '../../domain/tekun-termination';
import type { CaseDriver } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { careItems, tekunApplication, TekunDriver, tekunReport } from '../support/tekun-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const DAY = 24 * 3600 * 1000;
const NOTICE = 8 * DAY;

const support = (options: Parameters<typeof TekunDriver.support>[2] = {}) =>
  TekunDriver.support(harness.env, harness.db, options);

let serial = 100;
/** A different person each time: a person has one open 特困 case. */
const person = (birthDate = '1946-02-11') =>
  tekunApplication({ birthDate, serial: serial++, name: `段${serial}` });

async function statusOf(c: CaseDriver, status: string) {
  return waitFor(async () => (await c.row()).status === status, `status ${status}`);
}

/** Passes the notice, then the rest of the month: support ends when the next month begins. */
async function throughNoticeToExit(c: CaseDriver) {
  await c.passTime(NOTICE);
  await statusOf(c, 'EXIT_NOTIFIED');
  await c.passTime(32 * DAY);
  return c.completed();
}

const REQUESTS: Record<TerminationReason, object> = {
  death: { reason: 'death', dateOfDeath: '2026-12-01', details: '病故，有死亡证明' },
  declaredMissing: {
    reason: 'declaredMissing',
    declaredMissingOn: '2026-11-20',
    details: '法院宣告失踪判决书',
  },
  imprisoned: { reason: 'imprisoned', imprisonedOn: '2026-11-15', details: '判处有期徒刑二年' },
  regainedLabourCapacity: {
    reason: 'regainedLabourCapacity',
    occurredOn: '2026-11-25',
    details: '残疾等级复评为四级',
  },
  incomeOrAssetsOverLimit: {
    reason: 'incomeOrAssetsOverLimit',
    occurredOn: '2026-11-25',
    details: '继承房产两套',
  },
  supporterBecameAble: {
    reason: 'supporterBecameAble',
    supporterName: '段志强',
    occurredOn: '2026-11-25',
    details: '其子康复后在县城就业',
  },
  voluntary: { reason: 'voluntary', occurredOn: '2026-11-28', details: '本人书面申请退出' },
  agedOut: { reason: 'agedOut', occurredOn: '2026-11-28', details: '年满18周岁，已离校' },
};

const REFERRALS: Record<TerminationReason, string[]> = {
  death: [],
  declaredMissing: [],
  imprisoned: [],
  regainedLabourCapacity: ['dibao', 'temporary'],
  incomeOrAssetsOverLimit: ['dibao'],
  supporterBecameAble: ['dibao', 'temporary'],
  voluntary: ['dibao'],
  agedOut: ['dibao', 'temporary'],
};

describe('termination 终止供养', () => {
  test.each(Object.keys(REQUESTS) as TerminationReason[])(
    '%s: a 7-day notice, the written decision with its referrals, support stops from the next month',
    async (reason) => {
      const c = await support({ application: person() });
      await c.act('requestExit', 'xiang.xizhou', REQUESTS[reason]);
      const onNotice = await c.reach('publicNotice');
      expect(onNotice.status).toBe('TERMINATION_ON_NOTICE');
      const ended = await throughNoticeToExit(c);
      expect(ended.status).toBe('EXITED');
      const letters = await c.letters();
      expect(letters.map((l) => l.kind)).toEqual(['terminationNotice', 'tekunTermination']);
      expect(letters[1]!.title).toBe('终止特困人员救助供养通知书');
      const [notified] = await c.eventsOf('exitNotified');
      const referrals = (notified!.payload as { referrals: { kind: string }[] }).referrals;
      expect(referrals.map((r) => r.kind)).toEqual(REFERRALS[reason]);
      expect(letters[1]!.html.includes('终止后，您可以')).toBe(referrals.length > 0);
    },
  );

  test('an objection upheld withdraws the termination; support goes on', async () => {
    const c = await support({ application: person() });
    await c.act('requestExit', 'xiang.xizhou', REQUESTS.supporterBecameAble);
    await c.reach('publicNotice');
    await c.act('recordObjection', 'cun.xizhou', {
      receivedOn: '2026-12-02',
      objector: '村民段某',
      content: '其子虽就业，但收入微薄且须抚养两个子女',
    });
    await c.reach('terminationObjectionReview');
    await c.decide('terminationObjectionReview', 'xiang.xizhou', {
      decision: 'uphold',
      reasons: '经核实其子无赡养能力',
    });
    await statusOf(c, 'ENROLLED');
    expect(await c.eventTypes()).toContain('terminationWithdrawn');
    // Support goes on: a new termination may be asked for later.
    await c.act('requestExit', 'xiang.xizhou', REQUESTS.voluntary);
    await c.reach('publicNotice');
    await c.discard();
  });

  test('an objection dismissed: the notice is posted again, then support ends', async () => {
    const c = await support({ application: person() });
    await c.act('requestExit', 'xiang.xizhou', REQUESTS.incomeOrAssetsOverLimit);
    await c.reach('publicNotice');
    await c.act('recordObjection', 'cun.xizhou', {
      receivedOn: '2026-12-02',
      objector: '匿名',
      content: '房产尚未过户',
    });
    await c.reach('terminationObjectionReview');
    expect(await c.rejection(c.act('requestExit', 'xiang.xizhou', REQUESTS.voluntary))).toBe('WrongStep');
    await c.decide('terminationObjectionReview', 'xiang.xizhou', {
      decision: 'dismiss',
      reasons: '已办理继承登记',
    });
    await c.reach('publicNotice');
    const ended = await throughNoticeToExit(c);
    expect(ended.status).toBe('EXITED');
    const notices = (await c.letters()).filter((l) => l.kind === 'terminationNotice');
    expect(notices).toHaveLength(2);
    expect(notices[1]!.html).toContain('第 2 次公示');
  });
});

/** A birth date (YYYY-MM-DD) that makes someone 18 in `days` days of the test server's clock. */
async function turning18In(days: number): Promise<string> {
  const now = new Date((await harness.env.currentTimeMs()) + days * DAY);
  return `${now.getUTCFullYear() - 18}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(now.getUTCDate()).padStart(2, '0')}`;
}

describe('a minor 未成年人 at 18', () => {
  test('out of school: support ends, after its notice', async () => {
    const birthDate = await turning18In(40);
    const c = await support({ application: tekunApplication({ birthDate, serial: 301 }), minor: true });
    const state = await TekunDriver.state(c);
    expect(state.minorCheck?.age).toBe(18);
    await c.passTime(state.minorCheck!.at - (await harness.env.currentTimeMs()) + DAY);
    await c.reach('publicNotice');
    const [proposed] = await c.eventsOf('noticeStarted');
    expect(proposed).toBeDefined();
    const ended = await throughNoticeToExit(c);
    expect(ended.status).toBe('EXITED');
    const [notified] = await c.eventsOf('exitNotified');
    expect(notified!.decision).toBe('agedOut');
  });

  test('in school: support continues to the county limit (22)', async () => {
    const birthDate = await turning18In(40);
    const c = await support({
      application: tekunApplication({
        birthDate,
        serial: 302,
        inSchool: 'seniorSecondary',
      }),
      minor: true,
    });
    const state = await TekunDriver.state(c);
    await c.passTime(state.minorCheck!.at - (await harness.env.currentTimeMs()) + DAY);
    const extended = await waitFor(async () => {
      const s = await TekunDriver.state(c);
      return s.minorCheck?.age === 22 && s;
    }, 'support extended to 22');
    expect(new Date(extended.minorCheck!.at + DAY).toISOString().slice(0, 10)).toBe(
      `${Number(birthDate.slice(0, 4)) + 22}${birthDate.slice(4)}`,
    );
    expect((await c.row()).status).toBe('ENROLLED');
    const [continued] = await c.eventsOf('reviewCompleted');
    expect(continued!.reasons).toContain('仍在校就读');
    await c.discard();
  });
});

describe('annual review 年度复核 and care 生活自理能力', () => {
  test('the review after 12 months: full loss of self-care raises the care standard from the next month; the year continues as new', async () => {
    const c = await support({ application: person(), benefitStartMonth: '2026-12' });
    const state = await TekunDriver.state(c);
    const runId = await c.runId();
    await c.passTime(state.nextReviewAt - (await harness.env.currentTimeMs()) + DAY);
    const opened = await c.reach('tekunReview');
    expect(opened.status).toBe('RECERTIFYING');
    // Twelve months paid at the confirmed amount meanwhile.
    const paid = await c.payments();
    expect(paid.length).toBeGreaterThanOrEqual(12);
    expect(paid.every((p) => p.amountYuan === 1028)).toBe(true);
    const { supportMode: _mode, ...review } = tekunReport({ careLevel: 'fullLoss' });
    await c.decide('tekunReview', 'xiang.xizhou', review);
    await c.nextRunAfter(runId);
    const row = await c.row();
    expect(Number(row.monthlyAmount)).toBe(1428);
    const adjustment = (await c.letters()).find((l) => l.kind === 'tekunAdjustment')!;
    expect(adjustment.html).toContain('1428');
    expect(adjustment.html).toContain('完全丧失生活自理能力');
    expect((await TekunDriver.state(c)).cycle).toBe(2);
    await c.discard();
  });

  test('a review that finds an able supporter starts termination', async () => {
    const c = await support({ application: person() });
    const state = await TekunDriver.state(c);
    await c.passTime(state.nextReviewAt - (await harness.env.currentTimeMs()) + DAY);
    await c.reach('tekunReview');
    const { supportMode: _mode, ...review } = tekunReport({ supporterAble: true });
    await c.decide('tekunReview', 'xiang.xizhou', review);
    await c.reach('publicNotice');
    expect((await c.row()).status).toBe('TERMINATION_ON_NOTICE');
    const notice = (await c.letters()).find((l) => l.kind === 'terminationNotice')!;
    expect(notice.html).toContain('法定义务人具备赡养扶养抚养能力');
    await c.discard();
  });

  test('a reported change: reassessed within 10 working days, the new care standard from the next month', async () => {
    const c = await support({ application: person() });
    await c.act('reportCareChange', 'cun.xizhou', { description: '跌倒骨折，卧床不起' });
    await c.reach('careReassessment');
    await c.decide('careReassessment', 'xiang.xizhou', {
      items: careItems('fullLoss'),
      assessedOn: '2026-12-03',
      assessors: ['赵乡镇经办', '何医生'],
      reasons: '骨折后卧床，五项不能自理',
    });
    await waitFor(async () => Number((await c.row()).monthlyAmount) === 1428, 'the new amount');
    expect((await TekunDriver.state(c)).careLevel).toBe('fullLoss');
    await c.discard();
  });
});
