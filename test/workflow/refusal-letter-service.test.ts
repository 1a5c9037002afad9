import { CaseDriver, NOTICE_DAYS_MS } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const DAY = 24 * 3600 * 1000;
const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const COUNTY_SUPERVISOR_MAIL = 'jiandu.dali@staff.jiuzhu.local';
// Three working days are at most seven calendar days away (a weekend, no holiday).
const PAST_THE_SERVICE_LIMIT = 7 * DAY;
const served = { servedOn: '2026-12-04', method: 'inPerson', servedBy: '赵乡镇经办' };

const mailsAbout = (caseNo: string, to: string) =>
  harness.inbox.received.filter((m) => m.subject.includes(caseNo) && m.to.includes(to));

/** Refused at the township's review (the appraisal did not pass). */
async function refusedCase(): Promise<CaseDriver> {
  const c = await CaseDriver.file(harness.env, harness.db);
  await c.toTownshipReview(3);
  await c.reviewInTownship({ decision: 'refuse', reasons: '民主评议未通过，家庭人均收入高于当地低保标准' });
  await waitFor(async () => (await c.row()).status === 'REFUSED', 'the refusal written');
  return c;
}

describe('不予批准通知书送达: the refusal letter is served within 3 working days', () => {
  test('not served in time: the case is marked overdue, the township reminded and the supervisors told; the late service clears it and ends the run', async () => {
    const c = await refusedCase();
    const { caseNo, closedAt } = await c.row();
    expect(closedAt).not.toBeNull();
    // The run stays open for the service.
    expect((await c.handle.describe()).status.name).toBe('RUNNING');

    await c.passTime(PAST_THE_SERVICE_LIMIT);
    await waitFor(
      async () => (await c.eventsOf('refusalLetterServiceOverdue')).length > 0,
      'the limit passed',
    );
    const row = await c.row();
    expect(row).toMatchObject({ status: 'REFUSED', overdue: true });
    expect(row.assigneeUnitId).toBe(row.townshipId);
    expect(row.closedAt).toEqual(closedAt);
    await waitFor(
      async () =>
        mailsAbout(caseNo, TOWNSHIP_OFFICER_MAIL).some((m) => m.text.includes('不予批准通知书送达')),
      'the reminder',
    );
    await waitFor(async () => mailsAbout(caseNo, COUNTY_SUPERVISOR_MAIL).length > 0, 'the escalation');

    expect(await c.rejection(c.act('recordLetterServed', 'cun.xizhou', served))).toBe('Forbidden');
    expect(
      await c.rejection(c.act('recordLetterServed', 'xiang.xizhou', { ...served, method: 'byPigeon' })),
    ).toBe('InvalidPayload');
    const answered = await c.act('recordLetterServed', 'xiang.xizhou', served);
    expect(answered).toMatchObject({ status: 'REFUSED', overdue: false, assigneeUnitId: null });
    expect(await c.completed()).toMatchObject({ status: 'REFUSED', overdue: false });
    expect(await c.eventsOf('refusalLetterServiceOverdue')).toHaveLength(1);
    const [record] = await c.eventsOf('refusalLetterServed');
    expect(record).toMatchObject({ decision: 'inPerson' });
    expect((await c.row()).closedAt).toEqual(closedAt);
    expect((await c.letters()).filter((l) => l.kind === 'refusal')).toHaveLength(1);
  });

  test('served in time: no overdue, the run ends; an open case owes no service', async () => {
    const open = await CaseDriver.file(harness.env, harness.db);
    await open.accept();
    await open.reach('investigation');
    expect(await open.rejection(open.act('recordLetterServed', 'xiang.xizhou', served))).toBe('WrongStep');
    await open.discard();

    const c = await refusedCase();
    await c.act('recordLetterServed', 'xiang.xizhou', served);
    expect(await c.completed()).toMatchObject({ status: 'REFUSED', overdue: false });
    expect(await c.eventsOf('refusalLetterServiceOverdue')).toHaveLength(0);
    expect(await c.eventTypes()).toContain('refusalLetterServed');
  });

  test('a refusal at county approval owes the service too', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.toNotice();
    await c.passTime(NOTICE_DAYS_MS);
    await c.reach('countyApproval');
    await c.decide('countyApproval', 'xian.dali', {
      decision: 'refuse',
      reasons: '经县级核查，家庭收入高于标准',
    });
    await waitFor(async () => (await c.row()).status === 'REFUSED', 'the refusal written');
    expect((await c.handle.describe()).status.name).toBe('RUNNING');
    await c.act('recordLetterServed', 'xiang.xizhou', { ...served, method: 'post' });
    expect(await c.completed()).toMatchObject({ status: 'REFUSED' });
  });
});
