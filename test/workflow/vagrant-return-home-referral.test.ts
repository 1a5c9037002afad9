import { CaseDriver, DAY_MS } from '../support/case-driver';
import { idNumber, waitFor } from '../support/fixtures';
import { ReferralDriver, staffAddress } from '../support/referral-driver';
import { admit, unknownAdult } from '../support/vagrant-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

/** 苍山西镇 of 漾濞彝族自治县, and another township of the same county. */
const HOME_TOWNSHIP = '532922001';
const OTHER_TOWNSHIP = '532922002';
const HOME_VILLAGE = '532922001001';

const mailTo = (subject: string, about: string, username: string) =>
  waitFor(
    async () =>
      harness.inbox.received.find(
        (m) =>
          m.subject.includes(subject) && m.subject.includes(about) && m.to.includes(staffAddress(username)),
      ),
    `${subject} about ${about} to ${username}`,
  );

async function staff(username: string, role: 'TOWNSHIP_OFFICER' | 'SUPERVISOR', unitId: string) {
  await harness.db.staffUser.upsert({
    where: { username },
    create: {
      username,
      displayName: username,
      role,
      unitId,
      email: staffAddress(username),
      passwordHash: 'x',
    },
    update: {},
  });
}

beforeAll(async () => {
  await staff('xiang.yangbi.cangshanxi', 'TOWNSHIP_OFFICER', HOME_TOWNSHIP);
  await staff('xiang.yangbi.other', 'TOWNSHIP_OFFICER', OTHER_TOWNSHIP);
  await staff('jiandu.yangbi', 'SUPERVISOR', '532922');
});

/** The stay's exit ticketing the person home to 苍山西镇, and the referral it starts. */
async function ticketHome(c: CaseDriver): Promise<ReferralDriver> {
  await c.decide('vagrantExit', 'xian.dali', {
    way: 'ticketHome',
    destination: '漾濞彝族自治县苍山西镇',
    ticket: '大理—漾濞 客运班车 K102',
    homeTownshipId: HOME_TOWNSHIP,
  });
  await c.completed();
  const [referral] = await ReferralDriver.ofCase(c, 1);
  await referral!.reach('SENT');
  return referral!;
}

describe('返乡转介: a person leaving the rescue station, referred to the township of origin', () => {
  test('the township receives it in its inbox, accepts it and completes it by opening a 临时救助 case for the person', async () => {
    const person = idNumber('1972-03-08', 517, '532922');
    const c = await admit(
      harness.env,
      harness.db,
      unknownAdult({
        name: '杨正华',
        idNumber: person,
        sex: undefined,
        apparentAge: undefined,
        homeKnown: true,
        homeAddress: '漾濞彝族自治县苍山西镇光明村',
        homeTownshipId: HOME_TOWNSHIP,
      }),
    );
    const { caseNo } = await c.row();
    const referral = await ticketHome(c);
    expect(referral.referralNo).toBe(`${caseNo}-Z01`);
    const row = await referral.row();
    expect(row).toMatchObject({
      kind: 'returnHome',
      department: 'CIVIL_AFFAIRS',
      receivingUnitId: HOME_TOWNSHIP,
      countyId: '532922',
      status: 'SENT',
      source: 'manual',
      overdue: false,
    });
    expect(row.dueAt!.getTime()).toBe(row.acceptDueAt!.getTime());
    // The station's letter is kept, now naming the referral; no second 转介函 is sent.
    const letters = await c.letters();
    expect(letters.map((l) => l.kind)).toEqual(['vagrantReturnHome']);
    expect(letters[0]!.html).toContain(referral.referralNo);
    await mailTo('返乡受助人员转介函', caseNo, 'xiang.yangbi.cangshanxi');
    expect(await referral.eventTypes()).toEqual(['returnHomeReferral', 'referralSent']);

    // Only the receiving township's officers answer: not the station, not another township.
    const accept = { handler: '苍山西镇民政所李某', note: '已联系本人' };
    expect(await c.rejection(referral.act('accept', 'xian.dali', accept))).toBe('Forbidden');
    expect(await c.rejection(referral.act('accept', 'xiang.yangbi.other', accept))).toBe('Forbidden');
    expect(await c.rejection(referral.act('accept', 'bumen.jiaoyu.yangbi', accept))).toBe('Forbidden');
    const accepted = await referral.act('accept', 'xiang.yangbi.cangshanxi', accept);
    expect(accepted.status).toBe('ACCEPTED');

    // A bureau's outcome is not the township's; a village of another township is refused, nothing written.
    expect(
      await c.rejection(
        referral.act('complete', 'xiang.yangbi.cangshanxi', {
          result: 'served',
          service: '发放救助金',
          startedOn: '2026-12-10',
        }),
      ),
    ).toBe('InvalidPayload');
    const temporary = {
      result: 'caseOpened',
      programme: 'TEMPORARY',
      villageId: HOME_VILLAGE,
      address: '漾濞彝族自治县苍山西镇光明村五组',
      labourCapacity: 'PARTIAL',
      health: 'CHRONIC',
      temporary: {
        path: 'urgent',
        cause: 'suddenAccident',
        circumstances: '流浪返乡，无住所无收入，生活无着',
      },
      note: '救助站转介，本人到乡镇申请',
    };
    expect(
      await c.rejection(
        referral.act('complete', 'xiang.yangbi.cangshanxi', { ...temporary, villageId: '532901003001' }),
      ),
    ).toBe('InvalidPayload');
    expect(await harness.db.case.count({ where: { idempotencyKey: { startsWith: 'referral/' } } })).toBe(0);

    const completed = await referral.act('complete', 'xiang.yangbi.cangshanxi', temporary);
    expect(completed.status).toBe('COMPLETED');
    const done = await referral.row();
    const outcome = done.outcome as { result: string; caseNo: string; programme: string };
    expect(outcome).toMatchObject({ result: 'caseOpened', programme: 'TEMPORARY' });
    expect(outcome.caseNo).toMatch(/^[A-Z]+-532922-\d{4}-\d{6}$/);

    // The new case: the person from the station's record, in the chosen village, its log naming the referral.
    const opened = await harness.db.case.findUniqueOrThrow({
      where: { caseNo: outcome.caseNo },
      include: { household: { include: { members: true } } },
    });
    expect(opened).toMatchObject({
      programmeCode: 'TEMPORARY',
      townshipId: HOME_TOWNSHIP,
      villageId: HOME_VILLAGE,
      applicantName: '杨正华',
    });
    expect(opened.household.members.map((m) => m.idNumber)).toEqual([person]);
    const origin = await harness.db.caseEvent.findFirstOrThrow({
      where: { caseId: opened.id, type: 'openedFromReferral' },
    });
    expect(origin.reasons).toContain(referral.referralNo);
    expect(origin.actorName).toBe('xiang.yangbi.cangshanxi');
    // Its workflow runs: the township's first step of 临时救助 is open.
    const newCase = CaseDriver.attach(harness.env, harness.db, opened.id, opened.workflowId);
    await waitFor(async () => (await newCase.view()).currentStep !== null, 'the new case at its first step');
    const completion = await harness.db.caseEvent.findFirstOrThrow({
      where: { caseId: c.caseId, type: 'referralCompleted' },
    });
    expect(completion.reasons).toContain(outcome.caseNo);
    await newCase.discard();
  });

  test("sent back by the township, the station's county is told why", async () => {
    const c = await admit(harness.env, harness.db, unknownAdult({ homeKnown: true, homeAddress: '漾濞县' }));
    const { caseNo } = await c.row();
    const referral = await ticketHome(c);
    const declined = await referral.act('decline', 'xiang.yangbi.cangshanxi', {
      reasons: '经核实其户籍不在本镇，系鸡街乡人',
    });
    expect(declined.status).toBe('DECLINED');
    const mail = await mailTo('【转介退回】', caseNo, 'xian.dali');
    expect(mail.text).toContain('鸡街乡');
  });

  test('left unanswered it goes overdue, reminds the township and escalates; then found to need nothing', async () => {
    const c = await admit(harness.env, harness.db, unknownAdult({ homeKnown: true, homeAddress: '漾濞县' }));
    const { caseNo } = await c.row();
    const referral = await ticketHome(c);

    // Past the county's days to accept (5 working days): overdue, the township reminded, supervisors told.
    await c.passTime(10 * DAY_MS);
    await waitFor(async () => (await referral.row()).overdue, 'the referral overdue');
    await mailTo('【转介超期提醒】', caseNo, 'xiang.yangbi.cangshanxi');
    await mailTo('【督办】转介超期', caseNo, 'jiandu.yangbi');
    await mailTo('【督办】转介超期', caseNo, 'jiandu.zhou');
    // The station's county, which referred the person, hears of it too.
    await mailTo('【督办】转介超期', caseNo, 'xian.dali');
    expect(
      harness.inbox.received.some(
        (m) => m.subject.includes(caseNo) && m.to.includes(staffAddress('xiang.yangbi.other')),
      ),
    ).toBe(false);
    expect(await referral.eventTypes()).toContain('referralOverdue');

    // Accepted late: the flag goes, the completion is due next.
    await referral.act('accept', 'xiang.yangbi.cangshanxi', { handler: '李某' });
    await waitFor(async () => !(await referral.row()).overdue, 'the flag cleared');
    // The station knew no ID number: a case cannot be opened without one.
    expect(
      await c.rejection(
        referral.act('complete', 'xiang.yangbi.cangshanxi', {
          result: 'caseOpened',
          programme: 'DIBAO_RURAL',
          villageId: HOME_VILLAGE,
          address: '苍山西镇光明村',
          labourCapacity: 'FULL',
          health: 'HEALTHY',
        }),
      ),
    ).toBe('InvalidPayload');
    const done = await referral.act('complete', 'xiang.yangbi.cangshanxi', {
      result: 'noneNeeded',
      reasons: '经入户核实，其子女已接回赡养，家庭收入高于低保标准',
    });
    expect(done.status).toBe('COMPLETED');
    expect((await referral.row()).outcome).toMatchObject({ result: 'noneNeeded' });
  });
});
