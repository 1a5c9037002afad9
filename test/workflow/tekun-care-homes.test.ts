import type { CaseDriver } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { careAgreement, tekunApplication, TekunDriver } from '../support/tekun-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const DAY = 24 * 3600 * 1000;
const NOTICE = 8 * DAY;
const TOWNSHIP_OFFICER_MAIL = 'xiang.xizhou@staff.jiuzhu.local';
const DEATH = { reason: 'death', dateOfDeath: '2026-12-01', details: '病故，有死亡证明' };

const support = (options: Parameters<typeof TekunDriver.support>[2] = {}) =>
  TekunDriver.support(harness.env, harness.db, options);

let serial = 400;
/** A different person each time. */
const person = (birthDate: string) => tekunApplication({ birthDate, serial: serial++, name: `段${serial}` });

/** The first event of a type, once the workflow has written it. */
async function eventOnce(c: CaseDriver, type: string) {
  return waitFor(async () => (await c.eventsOf(type))[0], type);
}

describe('care homes 敬老院: beds, the waiting list, offers', () => {
  const xizhou = { mode: 'centralised' as const, preferredHomeId: '532901003-JLY' };

  test('placed in the last full-care bed; the next wait in line; the freed bed is offered in turn: lapsed, declined, accepted', async () => {
    const first = await support({
      application: person('1940-01-01'),
      careLevel: 'fullLoss',
      supportMode: xizhou,
    });
    await eventOnce(first, 'placed');
    const placement = (await first.letters()).find((l) => l.kind === 'carePlacement')!;
    expect(placement.html).toContain('喜洲镇敬老院');
    expect(placement.html).toContain('3-01');
    // The read model keeps 特困's own figures beside the generic case.
    expect((await first.row()).programmeFacts).toMatchObject({
      careLevel: 'fullLoss',
      supportMode: 'centralised',
      careHome: { homeId: '532901003-JLY', bedLabel: '3-01' },
      waitingForBed: false,
    });

    const waiting: CaseDriver[] = [];
    for (const born of ['1941-01-01', '1942-01-01', '1943-01-01']) {
      const c = await support({ application: person(born), careLevel: 'fullLoss', supportMode: xizhou });
      expect((await eventOnce(c, 'waitingListed')).decision).toBe(String(waiting.length + 1));
      expect((await c.row()).programmeFacts).toMatchObject({ careHome: null, waitingForBed: true });
      waiting.push(c);
    }
    const [second, third, fourth] = waiting as [CaseDriver, CaseDriver, CaseDriver];

    // The first resident dies: after the notice the bed is freed and offered to the second.
    await first.act('requestExit', 'xiang.xizhou', DEATH);
    await first.reach('publicNotice');
    await first.passTime(NOTICE);
    const offered2 = await second.reach('bedOfferAnswer');
    const caseNo2 = (await second.row()).caseNo;
    await waitFor(
      async () =>
        harness.inbox.received.find(
          (m) =>
            m.subject.includes('床位待确认') &&
            m.subject.includes(caseNo2) &&
            m.to.includes(TOWNSHIP_OFFICER_MAIL),
        ),
      'the offer mailed to the township',
    );
    // The second lets it lapse (5 working days): the third is offered it, and declines.
    await second.passTime(new Date(offered2.dueAt!).getTime() - (await harness.env.currentTimeMs()) + DAY);
    await waitFor(
      async () => (await second.eventTypes()).includes('stepLapsed:bedOfferAnswer'),
      'the offer lapsed',
    );
    await third.reach('bedOfferAnswer');
    await third.decide('bedOfferAnswer', 'xiang.xizhou', {
      answer: 'decline',
      reasons: '本人希望过完春节再入住',
    });
    // The fourth takes it.
    await fourth.reach('bedOfferAnswer');
    await fourth.decide('bedOfferAnswer', 'xiang.xizhou', { answer: 'accept' });
    const placed = await waitFor(async () => (await TekunDriver.state(fourth)).placement, 'fourth placed');
    expect(placed.bedLabel).toBe('3-01');
    for (const c of [second, third]) {
      const state = await TekunDriver.state(c);
      expect(state.placement).toBeNull();
      expect(state.waitingEntryId).not.toBeNull();
    }
    // The first's support ends when the next month begins; only then are the others discarded
    // (a workflow terminated mid-task would keep the test server's clock still).
    await first.passTime(32 * DAY);
    expect((await first.completed()).status).toBe('EXITED');
    await Promise.all(waiting.map((c) => c.discard()));
  });

  test('two people racing for the last partial-care bed of a home: one placed, one waiting', async () => {
    const dali = { mode: 'centralised' as const, preferredHomeId: '532901002-JLY' };
    const [a, b] = await Promise.all([
      support({ application: person('1943-03-03'), careLevel: 'partialLoss', supportMode: dali }),
      support({ application: person('1944-04-04'), careLevel: 'partialLoss', supportMode: dali }),
    ]);
    const outcome = async (c: CaseDriver) =>
      waitFor(async () => {
        const types = await c.eventTypes();
        return (types.includes('placed') && 'placed') || (types.includes('waitingListed') && 'waiting');
      }, 'placed or waiting');
    expect([await outcome(a), await outcome(b)].sort()).toEqual(['placed', 'waiting']);
    const occupied = await harness.db.carePlacement.count({
      where: { homeId: '532901002-JLY', status: 'PLACED' },
    });
    expect(occupied).toBe(1);
    await Promise.all([a.discard(), b.discard()]);
  });

  test('back home with a care agreement: the bed is freed', async () => {
    const selfCare = { mode: 'centralised' as const, preferredHomeId: '532901003-JLY' };
    const c = await support({
      application: person('1939-09-09'),
      careLevel: 'selfCare',
      supportMode: selfCare,
    });
    await waitFor(async () => (await TekunDriver.state(c)).placement, 'placed');
    await c.act('changeSupportMode', 'xiang.xizhou', {
      supportMode: { mode: 'dispersed', careAgreement },
      reasons: '本人要求回家由侄子照料',
    });
    await waitFor(async () => (await TekunDriver.state(c)).placement === null, 'left the home');
    const discharge = (await c.letters()).find((l) => l.kind === 'careDischarge')!;
    expect(discharge.html).toContain('改为分散供养');
    await c.discard();
  });
});
