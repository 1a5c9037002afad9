import { CaseDriver } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const DAY = 24 * 3600 * 1000;
const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const COUNTY_SUPERVISOR_MAIL = 'jiandu.dali@staff.jiuzhu.local';
// Three working days after acceptance are at most seven calendar days away (a weekend, no holiday).
const PAST_THE_START_LIMIT = 7 * DAY;
const start = { startedOn: '2026-12-01', visitors: ['赵乡镇经办', '段社工'] };

const mailsAbout = (caseNo: string, to: string) =>
  harness.inbox.received.filter((m) => m.subject.includes(caseNo) && m.to.includes(to));

describe('开始入户调查: the investigation starts within 3 working days of acceptance', () => {
  test('not started in time: the case is marked overdue, the township reminded and the supervisors told; a late start clears it', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    const { caseNo } = await c.row();
    await c.accept();
    await c.reach('investigation');
    await c.passTime(PAST_THE_START_LIMIT);
    const [late] = await waitFor(async () => {
      const events = await c.eventsOf('investigationStartOverdue');
      return events.length > 0 && events;
    }, 'the start limit passed');
    expect(late!.step).toBe('investigation');
    expect((await c.row()).overdue).toBe(true);
    await waitFor(
      async () => mailsAbout(caseNo, TOWNSHIP_OFFICER_MAIL).some((m) => m.text.includes('开始入户调查')),
      'the reminder',
    );
    await waitFor(async () => mailsAbout(caseNo, COUNTY_SUPERVISOR_MAIL).length > 0, 'the escalation');

    expect(await c.rejection(c.act('recordInvestigationStart', 'cun.xizhou', start))).toBe('Forbidden');
    const started = await c.act('recordInvestigationStart', 'xiang.xizhou', start);
    expect(started).toMatchObject({ currentStep: 'investigation', overdue: false });
    expect(await c.rejection(c.act('recordInvestigationStart', 'xiang.xizhou', start))).toBe('WrongStep');
    expect(await c.eventsOf('investigationStartOverdue')).toHaveLength(1);
    await c.investigate();
    await c.reach('appraisal');
    await c.discard();
  });

  test('started in time: no overdue, and the step keeps its own 10-day limit', async () => {
    const c = await CaseDriver.file(harness.env, harness.db);
    await c.accept();
    await c.reach('investigation');
    expect(
      await c.rejection(
        c.act('recordInvestigationStart', 'xiang.xizhou', { ...start, visitors: ['赵乡镇经办'] }),
      ),
    ).toBe('InvalidPayload');
    await c.act('recordInvestigationStart', 'xiang.xizhou', start);
    await c.passTime(PAST_THE_START_LIMIT);
    expect(await c.eventsOf('investigationStartOverdue')).toHaveLength(0);
    expect((await c.row()).overdue).toBe(false);
    expect(await c.rejection(c.act('recordInvestigationStart', 'xiang.xizhou', start))).toBe('WrongStep');
    await c.discard();
  });
});
