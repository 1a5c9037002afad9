import { grantMedicalAssistance } from '../../activities/medical-ledger';
import { fileApplication } from '../../api/case-intake';
import { HUMAN_STEPS } from '../../domain/case-steps';
import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import { monthOf, addToMonth } from '../../domain/benefit-months';
import { medicalTerms } from '../../domain/medical-assistance';
import type { CaseDriver } from '../support/case-driver';
import { actorFor, idNumber, waitFor } from '../support/fixtures';
import { medicalApplication, MedicalDriver } from '../support/medical-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const COUNTY_SUPERVISOR_MAIL = 'jiandu.dali@staff.jiuzhu.local';

// Each test its own patients: the same serial is the same person (one yearly cap).
let serial = 700;
const claim = (person: number, options: Parameters<typeof MedicalDriver.check>[1]) =>
  MedicalDriver.claim(harness.env, harness.db, person, options);

const paidFen = async (c: CaseDriver) =>
  (await c.payments()).map((p) => ({ month: p.month, fen: Math.round(p.amountYuan * 100) }));

const monthNow = async () => monthOf(await harness.env.currentTimeMs());

async function letterMailed(caseNo: string, title: string): Promise<void> {
  await waitFor(
    async () =>
      harness.inbox.received.find(
        (m) =>
          m.subject.includes(title) && m.subject.includes(caseNo) && m.to.includes(TOWNSHIP_OFFICER_MAIL),
      ),
    `the ${title} mail`,
  );
}

describe('医疗救助 cost claims', () => {
  test('低保 claims across a year hit the cap: the third paid only up to the cap, exact in fen; the next year starts afresh', async () => {
    const person = serial++;
    // 低保 by default: 70 % of the eligible self-paid part, no deductible, 50 000 yuan a year.
    const first = await claim(person, { category: 'dibao', selfPaidYuan: 30000 });
    expect((await first.completed()).status).toBe('ASSISTED');
    const month = await monthNow();
    expect(await paidFen(first)).toEqual([{ month, fen: 2_100_000 }]);

    // Outside-list items are not assisted: (30 000 − 0.10) × 70 % = 20 999.93.
    const second = await claim(person, { category: 'dibao', selfPaidYuan: 30000, outsideListYuan: 0.1 });
    await second.completed();
    expect(await paidFen(second)).toEqual([{ month, fen: 2_099_993 }]);

    // 20 000 × 70 % = 14 000 computed; 50 000 − 41 999.93 = 8 000.07 left of the cap.
    const third = await claim(person, { category: 'dibao', selfPaidYuan: 20000 });
    const closed = await third.completed();
    expect(closed.programmeFacts).toMatchObject({ computedFen: 1_400_000, paidFen: 800_007, capped: true });
    expect(await paidFen(third)).toEqual([{ month, fen: 800_007 }]);
    const letter = (await third.letters()).at(-1)!;
    expect(letter.kind).toBe('medicalApproval');
    expect(letter.title).toBe('医疗救助批准通知书');
    expect(letter.html).toContain('8000.07');
    expect(letter.html).toContain('14000.00');
    expect(letter.html).toContain('本年度医疗救助限额 50000.00 元');
    expect(letter.html).toContain('行政复议');
    await letterMailed((await third.row()).caseNo, '医疗救助批准通知书');

    // The cap used up: a fourth claim that year is approved at nothing, and nothing goes on the roster.
    const fourth = await claim(person, { category: 'dibao', selfPaidYuan: 1000 });
    expect((await fourth.completed()).programmeFacts).toMatchObject({ paidFen: 0, capped: true });
    expect(await fourth.payments()).toEqual([]);

    // The next year: the whole cap again.
    const now = await harness.env.currentTimeMs();
    const nextYear = Date.UTC(new Date(now).getUTCFullYear() + 1, 0, 2);
    await first.passTime(nextYear - now);
    const fifth = await claim(person, { category: 'dibao', selfPaidYuan: 1000 });
    await fifth.completed();
    expect(await paidFen(fifth)).toEqual([{ month: await monthNow(), fen: 70_000 }]);
  });

  test('a borderline family pays the deductible first: a claim below it earns nothing, the next one the rest', async () => {
    const person = serial++;
    // 低收入: 60 %, 2 000 yuan deductible a year.
    const first = await claim(person, { category: 'lowIncome', selfPaidYuan: 1500 });
    expect((await first.completed()).programmeFacts).toMatchObject({
      deductibleAppliedFen: 150_000,
      paidFen: 0,
    });
    expect(await first.payments()).toEqual([]);
    expect((await first.letters()).at(-1)!.html).toContain('1500.00');

    // (5 000 − the 500 left of the deductible) × 60 % = 2 700.
    const second = await claim(person, { category: 'lowIncome', selfPaidYuan: 5000 });
    expect((await second.completed()).programmeFacts).toMatchObject({
      deductibleAppliedFen: 50_000,
      paidFen: 270_000,
    });
    expect(await paidFen(second)).toEqual([{ month: await monthNow(), fen: 270_000 }]);
  });

  test('claims racing for one person cannot pass the yearly cap: the locked year row computes them one after the other', async () => {
    const person = serial++;
    const filer = await actorFor(harness.db, 'cun.xizhou');
    const cases = await Promise.all(
      [1, 2, 3].map(
        async () => (await fileApplication(harness.db, filer, medicalApplication(person), undefined)).caseId,
      ),
    );
    const terms = medicalTerms(DEFAULT_COUNTY_POLICY, 'dibao');
    const year = 2031;
    // Each would earn 21 000; together 63 000 against a cap of 50 000.
    const grants = await Promise.all(
      cases.map((caseId) =>
        grantMedicalAssistance(harness.db, {
          caseId,
          stage: 'claim',
          category: 'dibao',
          terms,
          bills: { selfPaidYuan: 30000, outsideListYuan: 0 },
          year,
        }),
      ),
    );
    expect(grants.map((g) => g.amountFen).sort((a, b) => a - b)).toEqual([800_000, 2_100_000, 2_100_000]);
    const row = await harness.db.medicalAssistanceYear.findUniqueOrThrow({
      where: { idNumber_year: { idNumber: idNumber('1965-12-04', person), year } },
    });
    expect(Number(row.paidFen)).toBe(5_000_000);
    // A retried grant finds its entry and changes nothing.
    const again = await grantMedicalAssistance(harness.db, {
      caseId: cases[0]!,
      stage: 'claim',
      category: 'dibao',
      terms,
      bills: { selfPaidYuan: 30000, outsideListYuan: 0 },
      year,
    });
    expect(again.amountFen).toBe(grants[0]!.amountFen);
    const after = await harness.db.medicalAssistanceYear.findUniqueOrThrow({
      where: { idNumber_year: { idNumber: idNumber('1965-12-04', person), year } },
    });
    expect(Number(after.paidFen)).toBe(5_000_000);
  });

  test('the township proposes a refusal: the county cannot approve, and refuses in writing with appeal rights', async () => {
    const c = await MedicalDriver.file(harness.env, harness.db, medicalApplication(serial++));
    await c.decide('medicalCheck', 'xiang.xizhou', {
      decision: 'proposeRefusal',
      reasons: '就诊机构非定点医疗机构',
    });
    await c.reach('medicalApproval');
    expect(await c.rejection(MedicalDriver.approve(c))).toBe('InvalidPayload');
    await c.decide('medicalApproval', 'xian.dali', { decision: 'refuse', reasons: '就诊机构非定点医疗机构' });
    await c.serveRefusalLetter();
    expect((await c.completed()).status).toBe('REFUSED');
    const refusal = (await c.letters()).at(-1)!;
    expect(refusal.title).toBe('医疗救助申请不予批准通知书');
    expect(refusal.html).toContain('非定点医疗机构');
    expect(await c.payments()).toEqual([]);
  });

  test("a missed check goes overdue, reminds the township and escalates; a bill that doesn't add up is refused", async () => {
    const c = await MedicalDriver.file(harness.env, harness.db, medicalApplication(serial++));
    const opened = await c.reach('medicalCheck');
    const caseNo = (await c.row()).caseNo;
    expect(
      await c.rejection(
        c.decide('medicalCheck', 'xiang.xizhou', {
          decision: 'pass',
          kind: 'claim',
          submittedBy: 'household',
          category: 'dibao',
          diagnosis: '肺炎',
          bills: {
            hospital: '喜洲镇卫生院',
            totalYuan: 100,
            insurerPaidYuan: 50,
            selfPaidYuan: 40,
            outsideListYuan: 0,
          },
        }),
      ),
    ).toBe('InvalidPayload');
    await c.passTime(new Date(opened.dueAt!).getTime() - (await harness.env.currentTimeMs()) + 3600_000);
    await waitFor(async () => (await c.row()).overdue, 'overdue');
    await waitFor(async () => {
      const about = harness.inbox.received.filter((m) => m.subject.includes(caseNo));
      const reminder = about.find(
        (m) => m.to.includes(TOWNSHIP_OFFICER_MAIL) && m.text.includes(HUMAN_STEPS.medicalCheck),
      );
      const escalated = about.some(
        (m) => m.to.includes(COUNTY_SUPERVISOR_MAIL) && m.subject.includes('督办'),
      );
      return reminder && escalated;
    }, 'reminder and escalation');
    expect((await c.view()).currentStep).toBe('medicalCheck');
    await c.discard();
  });
});

describe('事前救助 advance assistance', () => {
  // 因病致贫: 50 %, 3 000 yuan deductible. The estimate: (13 000 − 3 000) × 50 % = 5 000 paid ahead.
  const advance = async (person: number) => {
    const c = await claim(person, { category: 'illnessImpoverished', kind: 'advance', selfPaidYuan: 13000 });
    await c.reach('medicalSettlement');
    expect((await c.row()).status).toBe('AWAITING_SETTLEMENT');
    const month = await monthNow();
    expect(await paidFen(c)).toEqual([{ month, fen: 500_000 }]);
    const letter = (await c.letters()).at(-1)!;
    expect(letter.title).toBe('医疗救助事前救助批准通知书');
    expect(letter.html).toContain('5000.00');
    const row = await harness.db.medicalAssistanceYear.findFirstOrThrow({
      where: { idNumber: idNumber('1965-12-04', person) },
    });
    expect({ reserved: Number(row.reservedFen), paid: Number(row.paidFen) }).toEqual({
      reserved: 500_000,
      paid: 0,
    });
    return { c, month };
  };

  const settle = (c: CaseDriver, selfPaidYuan: number) =>
    c.decide('medicalSettlement', 'xiang.xizhou', {
      bills: {
        hospital: '大理州人民医院',
        totalYuan: selfPaidYuan * 3,
        insurerPaidYuan: selfPaidYuan * 2,
        selfPaidYuan,
        outsideListYuan: 0,
      },
    });

  test('the final bills come higher: the difference is paid on top, on the next month’s roster', async () => {
    const person = serial++;
    const { c, month } = await advance(person);
    // (17 000 − 3 000) × 50 % = 7 000: 2 000 on top.
    await settle(c, 17000);
    const closed = await c.completed();
    expect(closed.status).toBe('ASSISTED');
    expect(closed.programmeFacts).toMatchObject({ paidFen: 700_000 });
    expect(await paidFen(c)).toEqual([
      { month, fen: 500_000 },
      { month: addToMonth(month, 1), fen: 200_000 },
    ]);
    const letter = (await c.letters()).at(-1)!;
    expect(letter.title).toBe('医疗救助事前救助结算通知书');
    expect(letter.html).toContain('补发 <strong>2000.00</strong> 元');
    await letterMailed((await c.row()).caseNo, '医疗救助事前救助结算通知书');
    const row = await harness.db.medicalAssistanceYear.findFirstOrThrow({
      where: { idNumber: idNumber('1965-12-04', person) },
    });
    expect({ reserved: Number(row.reservedFen), paid: Number(row.paidFen) }).toEqual({
      reserved: 0,
      paid: 700_000,
    });
  });

  test('the final bills come lower: the difference is recovered, nothing more is paid', async () => {
    const person = serial++;
    const { c, month } = await advance(person);
    // (9 000 − 3 000) × 50 % = 3 000: 2 000 paid too much.
    await settle(c, 9000);
    const closed = await c.completed();
    expect(closed.programmeFacts).toMatchObject({ paidFen: 300_000 });
    expect(await paidFen(c)).toEqual([{ month, fen: 500_000 }]);
    const [settled] = await c.eventsOf('medicalAdvanceSettled');
    expect(settled!.decision).toBe('recover');
    expect(settled!.payload).toMatchObject({ recoverFen: 200_000, topUpFen: 0, advanceFen: 500_000 });
    const letter = (await c.letters()).at(-1)!;
    expect(letter.html).toContain('<strong>2000.00</strong> 元须予追回');
    const row = await harness.db.medicalAssistanceYear.findFirstOrThrow({
      where: { idNumber: idNumber('1965-12-04', person) },
    });
    expect({ reserved: Number(row.reservedFen), paid: Number(row.paidFen) }).toEqual({
      reserved: 0,
      paid: 300_000,
    });
  });
});
