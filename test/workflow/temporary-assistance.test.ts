import { HUMAN_STEPS } from '../../domain/case-steps';
import { monthOf } from '../../domain/benefit-months';
import { DAY_MS } from '../support/case-driver';
import { actorFor, waitFor } from '../support/fixtures';
import { fileApplication } from '../../api/case-intake';
import { fileTemporary, temporaryApplication, temporaryReport } from '../support/temporary-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const COUNTY_SUPERVISOR_MAIL = 'jiandu.dali@staff.jiuzhu.local';
const PREFECTURE_SUPERVISOR_MAIL = 'jiandu.zhou@staff.jiuzhu.local';

const paymentsOf = (caseId: string) =>
  harness.db.benefitPayment.findMany({ where: { caseId }, orderBy: { month: 'asc' } });

const mailAbout = (caseNo: string, subject: string, to = TOWNSHIP_OFFICER_MAIL) =>
  waitFor(
    async () =>
      harness.inbox.received.find(
        (m) =>
          m.subject.includes(subject) &&
          m.to.includes(to) &&
          (m.subject.includes(caseNo) || m.text.includes(caseNo)),
      ),
    `${subject} about ${caseNo}`,
  );

describe('临时救助 urgent path 急难型', () => {
  test('the township grants at once and it is paid; the paperwork goes overdue, reminds and escalates, then is confirmed', async () => {
    const c = await fileTemporary(
      harness.env,
      harness.db,
      temporaryApplication({ serial: 401 }, { path: 'urgent', cause: 'fire' }),
    );
    await c.reach('temporaryUrgentGrant');
    const { caseNo } = await c.row();

    // Over the county's cap (3000 by default), cash or goods: refused, nothing written.
    expect(
      await c.rejection(
        c.decide('temporaryUrgentGrant', 'xiang.xizhou', {
          kind: 'cash',
          amountYuan: 3500,
          reasons: '房屋失火，先行救助',
        }),
      ),
    ).toBe('InvalidPayload');
    // A village assistant does not grant.
    expect(
      await c.rejection(
        c.decide('temporaryUrgentGrant', 'cun.xizhou', {
          kind: 'cash',
          amountYuan: 2000,
          reasons: '房屋失火，先行救助',
        }),
      ),
    ).toBe('Forbidden');
    expect(await paymentsOf(c.caseId)).toEqual([]);

    await c.decide('temporaryUrgentGrant', 'xiang.xizhou', {
      kind: 'cash',
      amountYuan: 2000,
      reasons: '房屋失火，全家无处居住',
    });
    // Paid at once: on the roster for this month.
    const month = monthOf(await harness.env.currentTimeMs());
    const [paid] = await waitFor(async () => {
      const rows = await paymentsOf(c.caseId);
      return rows.length > 0 && rows;
    }, 'the urgent grant on the roster');
    expect({ month: paid!.month, amountYuan: Number(paid!.amountYuan) }).toEqual({ month, amountYuan: 2000 });

    // The paperwork left undone: overdue, a reminder to the township, escalation to supervisors.
    const opened = await c.reach('temporaryInvestigation');
    expect((await c.row()).status).toBe('INVESTIGATING');
    await c.passTime(new Date(opened.dueAt!).getTime() - (await harness.env.currentTimeMs()) + 3600_000);
    await waitFor(async () => (await c.row()).overdue, 'overdue');
    const [overdue] = await c.eventsOf('stepOverdue');
    expect(overdue!.step).toBe('temporaryInvestigation');
    await waitFor(async () => {
      const about = harness.inbox.received.filter((m) => m.subject.includes(caseNo));
      const reminder = about.find(
        (m) =>
          m.to.includes(TOWNSHIP_OFFICER_MAIL) &&
          m.subject.includes('超期提醒') &&
          m.text.includes(HUMAN_STEPS.temporaryInvestigation),
      );
      const escalated = [COUNTY_SUPERVISOR_MAIL, PREFECTURE_SUPERVISOR_MAIL].every((to) =>
        about.some((m) => m.to.includes(to) && m.subject.includes('督办')),
      );
      return reminder && escalated;
    }, 'reminder and escalation');

    // Done late, then the county confirms the grant: closed GRANTED with the decision letter.
    await c.decide('temporaryInvestigation', 'xiang.xizhou', temporaryReport());
    await c.reach('countyApproval');
    expect(
      await c.rejection(c.decide('countyApproval', 'xian.dali', { decision: 'approve', amountYuan: 3360 })),
    ).toBe('InvalidPayload');
    await c.decide('countyApproval', 'xian.dali', { decision: 'confirm', note: '先行救助符合规定' });
    const done = await c.completed();
    expect(done.status).toBe('GRANTED');
    const row = await c.row();
    expect(row.closedAt).not.toBeNull();
    expect(row.programmeFacts).toMatchObject({ path: 'urgent', cause: 'fire', grantedYuan: 2000 });
    // Still one payment: confirming pays nothing twice.
    expect(await paymentsOf(c.caseId)).toHaveLength(1);
    const letter = (await c.letters()).find((l) => l.kind === 'temporaryGrant')!;
    expect(letter.title).toBe('临时救助决定通知书');
    expect(letter.html).toContain('现金 2000 元');
    await mailAbout(caseNo, '临时救助决定通知书');
  });
});

describe('临时救助 expense path 支出型', () => {
  test('application, investigation, county approval of the amount by the rule, paid and written', async () => {
    const c = await fileTemporary(
      harness.env,
      harness.db,
      temporaryApplication(
        { serial: 402 },
        { path: 'expense', cause: 'essentialExpenseSurge', statedExpenseYuan: 6000 },
      ),
    );
    await c.reach('acceptance');
    const { caseNo } = await c.row();
    await c.accept();
    // The whole procedure's limit: 15 working days from acceptance.
    await waitFor(async () => (await c.row()).overallDueAt, 'the overall limit');
    await c.reach('temporaryInvestigation');
    await c.decide('temporaryInvestigation', 'xiang.xizhou', temporaryReport(5000));
    // 3 months of the rural standard 560 = 1680, under the expense of 5000.
    const atCounty = await c.reach('countyApproval');
    expect(atCounty.monthlyAmount).toBe(1680);
    const [assessed] = await c.eventsOf('assessmentComputed');
    expect(assessed!.reasons).toBe('生活必需支出突增按低保标准 560 元的 3 个月计 1680 元');

    // Another amount only with reasons, and never over the cap (12 × 560 = 6720).
    expect(
      await c.rejection(c.decide('countyApproval', 'xian.dali', { decision: 'approve', amountYuan: 2000 })),
    ).toBe('InvalidPayload');
    expect(
      await c.rejection(
        c.decide('countyApproval', 'xian.dali', {
          decision: 'approve',
          amountYuan: 7000,
          amountReasons: '支出特别大',
        }),
      ),
    ).toBe('InvalidPayload');
    expect(await c.rejection(c.decide('countyApproval', 'xian.dali', { decision: 'confirm' }))).toBe(
      'InvalidPayload',
    );

    await c.decide('countyApproval', 'xian.dali', { decision: 'approve', amountYuan: 1680 });
    expect((await c.completed()).status).toBe('GRANTED');
    const month = monthOf(await harness.env.currentTimeMs());
    const payments = await paymentsOf(c.caseId);
    expect(payments.map((p) => ({ month: p.month, amountYuan: Number(p.amountYuan) }))).toEqual([
      { month, amountYuan: 1680 },
    ]);
    const letter = (await c.letters()).find((l) => l.kind === 'temporaryGrant')!;
    expect(letter.html).toContain('1680');
    expect(letter.html).toContain('支出型');
    await mailAbout(caseNo, '临时救助决定通知书');
    // The grant keeps the person's claim on the cause, with its time.
    const claims = await harness.db.openClaim.findMany({ where: { caseId: c.caseId } });
    expect(claims.map((cl) => [cl.exclusivityGroup, cl.grantedAt !== null])).toEqual([
      ['temporary:essentialExpenseSurge', true],
    ]);
  });
});

describe('临时救助 once per person per cause per year', () => {
  const refusal = async (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: { status?: number; message?: string }) => e,
    );

  test('a second application for the same cause inside the year is refused naming the earlier case; after the year it is taken', async () => {
    const filer = await actorFor(harness.db, 'cun.xizhou');
    const first = await fileTemporary(
      harness.env,
      harness.db,
      temporaryApplication({ serial: 403 }, { path: 'urgent', cause: 'trafficAccident' }),
    );
    const { caseNo: firstNo } = await first.row();
    // While the first is open, and after it granted, the same cause is refused with 409 naming it.
    const whileOpen = await refusal(
      fileApplication(
        harness.db,
        filer,
        temporaryApplication({ serial: 403 }, { path: 'expense', cause: 'trafficAccident' }),
        undefined,
      ),
    );
    expect(whileOpen).toMatchObject({ status: 409 });
    expect(whileOpen!.message).toContain(firstNo);

    await first.reach('temporaryUrgentGrant');
    await first.decide('temporaryUrgentGrant', 'xiang.xizhou', {
      kind: 'goods',
      goods: '棉被 4 床、大米 50 公斤',
      valueYuan: 600,
      reasons: '车祸致家庭生活困难',
    });
    await first.reach('temporaryInvestigation');
    await first.decide('temporaryInvestigation', 'xiang.xizhou', temporaryReport());
    await first.reach('countyApproval');
    await first.decide('countyApproval', 'xian.dali', { decision: 'confirm' });
    expect((await first.completed()).status).toBe('GRANTED');
    // Goods only: nothing on the payment roster.
    expect(await paymentsOf(first.caseId)).toEqual([]);

    const again = await refusal(
      fileApplication(
        harness.db,
        filer,
        temporaryApplication({ serial: 403 }, { path: 'expense', cause: 'trafficAccident' }),
        undefined,
      ),
    );
    expect(again).toMatchObject({ status: 409, code: 'duplicate_application' });
    expect(again!.message).toContain(firstNo);
    expect(JSON.stringify(again)).toContain('交通事故');

    // Another cause is its own claim; and temporary assistance does not exclude 低保.
    const otherCause = await fileApplication(
      harness.db,
      filer,
      temporaryApplication({ serial: 403 }, { path: 'expense', cause: 'seriousIllness' }),
      undefined,
    );
    expect(otherCause.created).toBe(true);

    // A year on (the grant's time moved back a year and a day, as the clock of intake is the
    // wall clock): the same cause is taken, and the old claim gives way to the new case.
    await harness.db.openClaim.updateMany({
      where: { caseId: first.caseId },
      data: { grantedAt: new Date(Date.now() - 366 * DAY_MS) },
    });
    const nextYear = await fileApplication(
      harness.db,
      filer,
      temporaryApplication({ serial: 403 }, { path: 'expense', cause: 'trafficAccident' }),
      undefined,
    );
    expect(nextYear.created).toBe(true);
    const claim = await harness.db.openClaim.findFirstOrThrow({
      where: { exclusivityGroup: 'temporary:trafficAccident', caseId: nextYear.caseId },
    });
    expect(claim.grantedAt).toBeNull();
    expect(await harness.db.openClaim.count({ where: { caseId: first.caseId } })).toBe(0);
  });

  test('two filings racing for the same person and cause end with one case, the other refused naming it', async () => {
    const filer = await actorFor(harness.db, 'cun.xizhou');
    const file = () =>
      fileApplication(
        harness.db,
        filer,
        temporaryApplication({ serial: 404 }, { path: 'expense', cause: 'suddenAccident' }),
        undefined,
      ).then(
        (r) => ({ ok: r.caseId }),
        (e: { status?: number; message?: string }) => ({ refused: e }),
      );
    const results = await Promise.all([file(), file(), file()]);
    const won = results.flatMap((r) => ('ok' in r ? [r.ok] : []));
    expect(won).toHaveLength(1);
    const winner = await harness.db.case.findUniqueOrThrow({ where: { id: won[0] } });
    for (const r of results)
      if ('refused' in r) {
        expect(r.refused).toMatchObject({ status: 409 });
        expect(r.refused.message).toContain(winner.caseNo);
      }
  });
});
