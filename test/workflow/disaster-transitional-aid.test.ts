import { daysBetween, transitionalAidMonths } from '../../domain/disaster-relocation';
import { withCheckCharacter } from '../../domain/id-card';
import { localDateOf } from '../../domain/working-days';
import { XIZHOU_VILLAGE, waitFor } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { DAY_MS } from '../support/case-driver';
import { useWorkflowHarness } from '../support/workflow-harness';
import { staffClient } from '../support/staff-client';

// 过渡期生活救助 on the time-skipping server with the real durations: a person relocated at a site
// is paid each month's days at the county's daily amount, stopped on return home or at the
// county's 3 months; partial months prorated by the days relocated.

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const as = (username: string) => staffClient(http, username);
const prefecture = as('jiandu.zhou');
const township = as('xiang.xizhou');

const idNumber = (serial: number) => withCheckCharacter(`53290119650505${String(serial).padStart(3, '0')}`);

async function siteOfNewEvent(name: string): Promise<string> {
  const event = await prefecture.post('/api/disasters', {
    kind: 'EARTHQUAKE',
    name,
    occurredOn: '2026-11-20',
    responseLevel: 3,
    countyIds: ['532901'],
  });
  expect(event.status).toBe(201);
  const site = await township.post(`/api/disasters/${event.body.eventId}/sites`, {
    townshipId: '532901003',
    name: `${name}安置点`,
    address: '喜洲镇中心小学',
    capacity: 50,
  });
  expect(site.status).toBe(201);
  return site.body.siteId as string;
}

const caseOf = (caseNo: string) => harness.db.case.findUniqueOrThrow({ where: { caseNo } });
const paymentsOf = async (caseNo: string) =>
  (
    await harness.db.benefitPayment.findMany({
      where: { case: { caseNo } },
      orderBy: { month: 'asc' },
    })
  ).map((p) => [p.month, Number(p.amountYuan)]);
const now = async () => harness.env.currentTimeMs();

const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
/** The letter as stored (printable word for word), once mailed over SMTP to the township's officer. */
const mailed = async (caseNo: string, title: string) => {
  await waitFor(
    async () =>
      harness.inbox.received.find(
        (m) =>
          m.subject.includes(title) && m.subject.includes(caseNo) && m.to.includes(TOWNSHIP_OFFICER_MAIL),
      ),
    `${title} about ${caseNo}`,
  );
  const letter = await harness.db.letter.findFirstOrThrow({ where: { case: { caseNo }, title } });
  expect(letter.html).not.toMatch(/undefined|NaN|\{\{/);
  return { text: letter.html };
};

test('a household of two is paid by the day, month by month, and the aid stops the day they go home', async () => {
  const siteId = await siteOfNewEvent('喜洲地震');
  const registered = await township.post(`/api/disasters/sites/${siteId}/people`, {
    name: '杨福贵',
    idNumber: idNumber(31),
    homeVillageId: XIZHOU_VILLAGE,
    persons: 2,
    transitionalAid: true,
  });
  expect(registered.status).toBe(201);
  const { caseNo, personId, registeredOn } = registered.body as {
    caseNo: string;
    personId: string;
    registeredOn: string;
  };
  expect(caseNo).toMatch(/^ZH-532901-\d{4}-\d{6}$/);
  const started = await waitFor(async () => {
    const row = await caseOf(caseNo);
    return row.status === 'ENROLLED' && row;
  }, 'the aid under way');
  expect(started.programmeFacts).toMatchObject({
    relocatedOn: registeredOn,
    dailyYuan: 20,
    months: 3,
    persons: 2,
    returnedOn: null,
  });
  const granted = await mailed(caseNo, '过渡期生活救助通知书');
  expect(granted.text).toContain('每人每天 20 元');

  // Early in the month after next: the first (partial) month and the next whole one are on the
  // roster, whatever day of the month the household was relocated on.
  const [year, month] = registeredOn.split('-').map(Number) as [number, number];
  await harness.env.sleep(Date.UTC(year, month + 1, 6) - (await now()));
  const today = localDateOf(await now());
  const expected = transitionalAidMonths(
    { relocatedOn: registeredOn, stopOn: `${today.slice(0, 7)}-01` },
    { dailyYuan: 20, persons: 2 },
  );
  expect(expected.length).toBeGreaterThanOrEqual(2);
  await waitFor(
    async () => (await paymentsOf(caseNo)).length === expected.length,
    'the months so far on the roster',
  );
  expect(await paymentsOf(caseNo)).toEqual(expected.map((m) => [m.month, m.amountYuan]));

  // A return dated within the months already paid, or tomorrow: refused, nothing changes.
  const back = (returnedOn: string) =>
    township.post(`/api/disasters/sites/${siteId}/people/${personId}/return`, { returnedOn });
  const tooEarly = await back(registeredOn);
  expect(tooEarly.status).toBe(422);
  expect(tooEarly.body.message).toContain('已发放至');
  expect((await back(localDateOf((await now()) + DAY_MS))).status).toBe(422);
  expect((await caseOf(caseNo)).status).toBe('ENROLLED');

  // Home today: this month's days up to yesterday are paid, the case ends, the place is freed.
  const home = await back(today);
  expect(home.status).toBe(200);
  expect(home.body).toMatchObject({ returnedOn: today, site: { occupancy: 0 } });
  const ended = await caseOf(caseNo);
  expect(ended.status).toBe('EXITED');
  expect(ended.closedAt).not.toBeNull();
  const all = transitionalAidMonths(
    { relocatedOn: registeredOn, stopOn: today },
    { dailyYuan: 20, persons: 2 },
  );
  expect(await paymentsOf(caseNo)).toEqual(all.map((m) => [m.month, m.amountYuan]));
  expect(ended.programmeFacts).toMatchObject({
    returnedOn: today,
    paidDays: daysBetween(registeredOn, today),
    paidYuan: daysBetween(registeredOn, today) * 40,
  });
  const stopped = await mailed(caseNo, '过渡期生活救助停止通知书');
  expect(stopped.text).toContain('返家');
  expect(stopped.text).toContain(`${daysBetween(registeredOn, today)} 天`);
  const events = await harness.db.caseEvent.findMany({
    where: { caseId: ended.id },
    orderBy: { seq: 'asc' },
  });
  expect(events.at(-1)).toMatchObject({ type: 'returnedHome', actorName: '赵乡镇经办' });

  // Months later nothing more is paid.
  await harness.env.sleep(70 * DAY_MS);
  expect(await paymentsOf(caseNo)).toHaveLength(all.length);
});

test('without a return the aid runs the county’s 3 months to the day, every day paid once', async () => {
  const siteId = await siteOfNewEvent('周城地震');
  const registered = await township.post(`/api/disasters/sites/${siteId}/people`, {
    name: '无名氏',
    description: '男，约 80 岁，听力不好',
    homeVillageId: XIZHOU_VILLAGE,
    transitionalAid: true,
  });
  expect(registered.status).toBe(201);
  const { caseNo, registeredOn } = registered.body as { caseNo: string; registeredOn: string };
  await waitFor(async () => (await caseOf(caseNo)).status === 'ENROLLED', 'the aid under way');
  const { endsOn } = (await caseOf(caseNo)).programmeFacts as { endsOn: string };

  // The real 3 months pass, and a few days more.
  for (let i = 0; i < 4; i++) await harness.env.sleep(25 * DAY_MS);
  const ended = await waitFor(async () => {
    const row = await caseOf(caseNo);
    return row.status === 'EXITED' && row;
  }, 'the aid to end at its limit');
  const months = transitionalAidMonths(
    { relocatedOn: registeredOn, stopOn: endsOn },
    { dailyYuan: 20, persons: 1 },
  );
  expect(await paymentsOf(caseNo)).toEqual(months.map((m) => [m.month, m.amountYuan]));
  const days = daysBetween(registeredOn, endsOn);
  expect(days).toBeGreaterThanOrEqual(89);
  expect(days).toBeLessThanOrEqual(92);
  expect(ended.programmeFacts).toMatchObject({ paidDays: days, paidYuan: days * 20, returnedOn: null });
  const last = await harness.db.caseEvent.findFirstOrThrow({
    where: { caseId: ended.id },
    orderBy: { seq: 'desc' },
  });
  expect(last).toMatchObject({ type: 'caseClosed', decision: 'limitReached' });
  expect((await mailed(caseNo, '过渡期生活救助停止通知书')).text).toContain('已满 3 个月期限');

  // Still at the site: the return home afterwards frees the place and pays nothing more.
  const personId = registered.body.personId as string;
  const home = await township.post(`/api/disasters/sites/${siteId}/people/${personId}/return`, {
    returnedOn: localDateOf(Date.now()),
  });
  expect(home.status).toBe(200);
  expect(home.body.site.occupancy).toBe(0);
  expect(await paymentsOf(caseNo)).toHaveLength(months.length);
});
