import type { HumanStepName } from '../../domain/case-steps';
import { HUMAN_STEPS } from '../../domain/case-steps';
import type { CaseDriver } from '../support/case-driver';
import { NOTICE_DAYS_MS } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { tekunApplication, TekunDriver } from '../support/tekun-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const DAY = 24 * 3600 * 1000;
const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const COUNTY_APPROVER_MAIL = 'xian.dali@staff.jiuzhu.local';
const COUNTY_SUPERVISOR_MAIL = 'jiandu.dali@staff.jiuzhu.local';
const PREFECTURE_SUPERVISOR_MAIL = 'jiandu.zhou@staff.jiuzhu.local';

let serial = 700;
const person = () => tekunApplication({ birthDate: '1947-06-06', serial: serial++, name: `杨${serial}` });
const objection = { receivedOn: '2026-12-05', objector: '村民', content: '情况不实' };

/** Each 特困 step brought to the point where it waits on staff, and who it waits on. */
const STEPS: [HumanStepName, string, () => Promise<CaseDriver>][] = [
  [
    'objectionReview',
    TOWNSHIP_OFFICER_MAIL,
    async () => {
      const c = await TekunDriver.file(harness.env, harness.db, person());
      await TekunDriver.investigated(c);
      await c.reach('publicNotice');
      await c.act('recordObjection', 'cun.xizhou', objection);
      return c;
    },
  ],
  [
    'countyApproval',
    COUNTY_APPROVER_MAIL,
    async () => {
      const c = await TekunDriver.file(harness.env, harness.db, person());
      await TekunDriver.investigated(c);
      await c.reach('publicNotice');
      await c.passTime(NOTICE_DAYS_MS);
      return c;
    },
  ],
  [
    'tekunReview',
    TOWNSHIP_OFFICER_MAIL,
    async () => {
      const c = await TekunDriver.support(harness.env, harness.db, { application: person() });
      const { nextReviewAt } = await TekunDriver.state(c);
      await c.passTime(nextReviewAt - (await harness.env.currentTimeMs()) + DAY);
      return c;
    },
  ],
  [
    'careReassessment',
    TOWNSHIP_OFFICER_MAIL,
    async () => {
      const c = await TekunDriver.support(harness.env, harness.db, { application: person() });
      await c.act('reportCareChange', 'cun.xizhou', { description: '跌倒后卧床' });
      return c;
    },
  ],
  [
    'terminationObjectionReview',
    TOWNSHIP_OFFICER_MAIL,
    async () => {
      const c = await TekunDriver.support(harness.env, harness.db, { application: person() });
      await c.act('requestExit', 'xiang.xizhou', {
        reason: 'voluntary',
        occurredOn: '2026-12-01',
        details: '本人书面申请退出',
      });
      await c.reach('publicNotice');
      await c.act('recordObjection', 'cun.xizhou', objection);
      return c;
    },
  ],
];

describe('特困 deadlines: each missed step marks the case overdue, reminds its assignee and escalates', () => {
  test.each(STEPS)('%s', async (step, assigneeMail, reach) => {
    const c = await reach();
    const opened = await c.reach(step);
    const caseNo = (await c.row()).caseNo;
    await c.passTime(new Date(opened.dueAt!).getTime() - (await harness.env.currentTimeMs()) + 3600_000);
    await waitFor(async () => (await c.row()).overdue, 'overdue');
    const [overdue] = await c.eventsOf('stepOverdue');
    expect(overdue!.step).toBe(step);
    await waitFor(async () => {
      const about = harness.inbox.received.filter((m) => m.subject.includes(caseNo));
      const reminder = about.find(
        (m) =>
          m.to.includes(assigneeMail) && m.subject.includes('超期提醒') && m.text.includes(HUMAN_STEPS[step]),
      );
      const escalated = [COUNTY_SUPERVISOR_MAIL, PREFECTURE_SUPERVISOR_MAIL].every((to) =>
        about.some((m) => m.to.includes(to) && m.subject.includes('督办')),
      );
      return reminder && escalated;
    }, `reminder and escalation of ${step}`);
    // Still open: the case keeps waiting for the decision.
    expect((await c.view()).currentStep).toBe(step);
    await c.discard();
  });
});
