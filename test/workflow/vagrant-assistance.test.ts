import { admitPerson, findVisibleStation, vagrantIntakeSchema } from '../../api/rescue-stations';
import { DAY_MS } from '../support/case-driver';
import { actorFor, idNumber, waitFor } from '../support/fixtures';
import { admit, stationId, unknownAdult } from '../support/vagrant-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const STATION_STAFF_MAIL = 'xian.dali@staff.jiuzhu.local';
/** The station's own mailbox (RescueStation.email of the seed). */
const STATION_MAILBOX = 'jiuzhuzhan.dali@staff.jiuzhu.local';
const COUNTY_SUPERVISOR_MAIL = 'jiandu.dali@staff.jiuzhu.local';
const HOUR_MS = 3600_000;

const mailAbout = (caseNo: string, subject: string, to: string) =>
  waitFor(
    async () =>
      harness.inbox.received.find(
        (m) => m.subject.includes(subject) && m.to.includes(to) && m.subject.includes(caseNo),
      ),
    `${subject} about ${caseNo} to ${to}`,
  );

const stayOf = (caseId: string) => harness.db.vagrantStay.findUniqueOrThrow({ where: { caseId } });
const occupancy = async () =>
  (await harness.db.rescueStation.findFirstOrThrow({ where: { id: await stationId(harness.db) } })).occupancy;

describe('流浪乞讨人员救助 at the rescue station', () => {
  test('an unknown adult: the 24-hour tracing notice missed is reminded and escalated; the 10-day stay is extended by a supervisor; ticketed home, referred to a township of another county', async () => {
    const before = await occupancy();
    const c = await admit(harness.env, harness.db, unknownAdult());
    const { caseNo } = await c.row();
    expect(caseNo).toMatch(/^VG-532901-\d{4}-\d{6}$/);
    expect(await occupancy()).toBe(before + 1);
    const stay = await stayOf(c.caseId);
    expect(stay.idNumber).toBeNull();
    expect(stay.personName).toBeNull();
    // The stay is due 10 days after intake, the notice 24 hours after.
    expect(stay.stayDueAt!.getTime() - stay.admittedAt.getTime()).toBe(10 * DAY_MS);
    expect(stay.tracingNoticeDueAt!.getTime() - stay.admittedAt.getTime()).toBe(24 * HOUR_MS);

    // 25 hours on, no notice: overdue, the station's staff reminded, the supervisors told.
    await c.passTime(25 * HOUR_MS);
    await waitFor(async () => (await c.row()).overdue, 'overdue for the notice');
    expect((await c.eventTypes()).filter((t) => t.startsWith('tracingNoticeOverdue'))).toHaveLength(1);
    await mailAbout(caseNo, '【超期提醒】', STATION_STAFF_MAIL);
    await mailAbout(caseNo, '【超期提醒】', STATION_MAILBOX);
    await mailAbout(caseNo, '【督办】', COUNTY_SUPERVISOR_MAIL);

    // Published late: the flag goes (the stay itself is not yet due).
    await c.act('recordTracingNotice', 'xian.dali', {
      medium: '全国救助寻亲网',
      content: '男，约 50 岁，左臂有烧伤疤痕，在下关街道泰安桥附近被发现',
    });
    await waitFor(async () => !(await c.row()).overdue, 'the notice clears the flag');
    expect((await stayOf(c.caseId)).tracingNoticeAt).not.toBeNull();
    expect(
      await c.rejection(
        c.act('recordTracingNotice', 'xian.dali', { medium: '报纸', content: '再次发布公告' }),
      ),
    ).toBe('WrongStep');

    // The station's staff may not extend; a supervisor may, with reasons, within the county's most days.
    const extension = { days: 5, reasons: '户籍地尚在核实，待亲属确认后接领' };
    expect(await c.rejection(c.act('extendStay', 'xian.dali', extension))).toBe('Forbidden');
    expect(await c.rejection(c.act('extendStay', 'jiandu.dali', { days: 25, reasons: '延长' }))).toBe(
      'InvalidPayload',
    );
    const dueBefore = (await c.row()).dueAt!.getTime();
    await c.act('extendStay', 'jiandu.dali', extension);
    await waitFor(
      async () => (await c.row()).dueAt!.getTime() === dueBefore + 5 * DAY_MS,
      'the stay extended',
    );
    const [extended] = await harness.db.caseEvent.findMany({
      where: { caseId: c.caseId, type: 'stayExtended' },
    });
    expect(extended).toMatchObject({ reasons: extension.reasons, actorRole: 'SUPERVISOR' });
    expect((await stayOf(c.caseId)).extendedDays).toBe(5);

    // Day 12: within the extended stay, not overdue; day 16: overdue again.
    await c.passTime(11 * DAY_MS);
    expect((await c.row()).overdue).toBe(false);
    await c.passTime(4 * DAY_MS);
    await waitFor(async () => (await c.row()).overdue, 'overdue for the stay');
    await mailAbout(caseNo, '【督办】环节超期', COUNTY_SUPERVISOR_MAIL);

    // The township of origin lies in another county (漾濞 532922001): its staff get the referral.
    await harness.db.staffUser.create({
      data: {
        username: 'xiang.yangbi.test',
        displayName: '漾濞乡镇经办',
        role: 'TOWNSHIP_OFFICER',
        unitId: '532922001',
        email: 'xiang.yangbi.test@staff.jiuzhu.local',
        passwordHash: 'x',
      },
    });
    const exit = {
      way: 'ticketHome',
      destination: '漾濞彝族自治县苍山西镇',
      ticket: '大理—漾濞 客运班车 K102',
      homeTownshipId: '532922001',
    };
    expect(await c.rejection(c.decide('vagrantExit', 'xian.dali', { ...exit, way: 'childProtection' }))).toBe(
      'InvalidPayload',
    );
    await c.decide('vagrantExit', 'xian.dali', exit);
    await c.completed();
    const row = await c.row();
    expect(row).toMatchObject({ status: 'EXITED', overdue: false });
    expect(row.closedAt).not.toBeNull();
    expect(await stayOf(c.caseId)).toMatchObject({ exitWay: 'ticketHome' });
    expect(await occupancy()).toBe(before);
    const letters = await c.letters();
    expect(letters.map((l) => l.kind)).toEqual(['vagrantReturnHome']);
    expect(letters[0]!.html).toContain('最低生活保障');
    await mailAbout(caseNo, '返乡受助人员转介函', 'xiang.yangbi.test@staff.jiuzhu.local');
  });

  test('a minor is referred at once: no 10-day stay, no extension, only child protection or family', async () => {
    const c = await admit(
      harness.env,
      harness.db,
      unknownAdult({ apparentAge: 13, homeKnown: true, homeAddress: '云南省昆明市' }),
    );
    const stay = await stayOf(c.caseId);
    expect(stay.minor).toBe(true);
    expect(stay.tracingNoticeDueAt).toBeNull();
    expect(stay.stayDueAt!.getTime() - stay.admittedAt.getTime()).toBe(24 * HOUR_MS);
    expect(
      await c.rejection(c.act('extendStay', 'jiandu.dali', { days: 5, reasons: '等待移交机构接收' })),
    ).toBe('InvalidPayload');
    expect(
      await c.rejection(
        c.decide('vagrantExit', 'xian.dali', { way: 'ticketHome', destination: '昆明市', ticket: 'D123' }),
      ),
    ).toBe('InvalidPayload');
    await c.decide('vagrantExit', 'xian.dali', {
      way: 'childProtection',
      receivingInstitution: '大理州未成年人救助保护中心',
      handedOverTo: '王主任',
    });
    await c.completed();
    expect(await stayOf(c.caseId)).toMatchObject({ exitWay: 'childProtection' });
    expect((await c.row()).status).toBe('EXITED');
  });

  test('a critically ill person goes to treatment first: the stay stands still in hospital, then escorted home', async () => {
    const c = await admit(
      harness.env,
      harness.db,
      unknownAdult({
        name: '李国华',
        idNumber: idNumber('1970-05-01', 511, '532922'),
        sex: undefined,
        apparentAge: undefined,
        homeKnown: true,
        homeAddress: '漾濞彝族自治县苍山西镇',
        condition: 'criticallyIll',
      }),
    );
    expect((await stayOf(c.caseId)).idNumber).toMatch(/^532922/);
    const escort = { way: 'escortHome', destination: '漾濞彝族自治县苍山西镇', escortedBy: '站工作人员杨某' };
    // Treatment first.
    expect(await c.rejection(c.decide('vagrantExit', 'xian.dali', escort))).toBe('InvalidPayload');
    const dueAtIntake = (await c.row()).dueAt!.getTime();
    await c.act('transferToHospital', 'xian.dali', {
      hospital: '大理市第一人民医院',
      condition: 'criticallyIll',
    });
    await waitFor(async () => (await c.row()).dueAt === null, 'the stay clock paused');
    expect(await c.rejection(c.decide('vagrantExit', 'xian.dali', escort))).toBe('InvalidPayload');

    // 12 days in hospital: past the 10 days, yet nothing is due.
    await c.passTime(12 * DAY_MS);
    await c.act('returnFromHospital', 'xian.dali', { note: '病情稳定出院' });
    await waitFor(async () => (await c.row()).dueAt !== null, 'the stay clock resumed');
    const resumed = (await c.row()).dueAt!.getTime();
    expect(resumed - dueAtIntake).toBeGreaterThanOrEqual(12 * DAY_MS);
    // Nothing fell due while the person was in hospital (12 days, past the 10).
    const types = await c.eventTypes();
    const inHospital = types.slice(
      types.indexOf('hospitalTransfer:vagrantExit'),
      types.indexOf('hospitalReturn:vagrantExit'),
    );
    expect(inHospital).toEqual(['hospitalTransfer:vagrantExit']);

    await c.decide('vagrantExit', 'xian.dali', escort);
    await c.completed();
    expect(await stayOf(c.caseId)).toMatchObject({ exitWay: 'escortHome', inHospitalSince: null });
  });

  test('capacity: intakes racing for the last places end with the station full, never over', async () => {
    const actor = await actorFor(harness.db, 'xian.dali');
    const small = await harness.db.rescueStation.create({
      data: {
        name: '测试救助站',
        countyId: '532901',
        townshipId: '532901001',
        villageId: '532901001001',
        address: '大理市下关街道文盛社区',
        capacity: 2,
      },
    });
    const station = await findVisibleStation(harness.db, actor, small.id);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        admitPerson(harness.db, actor, station, vagrantIntakeSchema.parse(unknownAdult()), undefined),
      ),
    );
    const admitted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(admitted).toHaveLength(2);
    expect(refused.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(4).fill('station_full'),
    );
    expect((await harness.db.rescueStation.findUniqueOrThrow({ where: { id: small.id } })).occupancy).toBe(2);
    expect(await harness.db.vagrantStay.count({ where: { stationId: small.id } })).toBe(2);
    // The database itself refuses a write past the capacity.
    await expect(
      harness.db.rescueStation.update({ where: { id: small.id }, data: { occupancy: 3 } }),
    ).rejects.toThrow(/occupancy_check/);
  });
});
