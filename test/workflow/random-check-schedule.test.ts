import { quarterOfLocalDate } from '../../domain/random-checks';
import { localDateOf } from '../../domain/working-days';
import { ensureRandomCheckSchedule, RANDOM_CHECK_SCHEDULE_ID } from '../../worker/random-check-schedule';
import { useDevServerWorker } from '../support/dev-server-worker';
import { waitFor } from '../support/fixtures';

// Schedules exist on a real Temporal server only: this file runs the CLI's dev server.

const QUEUE = 'jiuzhu-random-check-schedule';
const world = useDevServerWorker(QUEUE);
const quiet = { info: () => undefined, warn: () => undefined };

test('the quarterly schedule is created once, and a run draws every county’s quarter once', async () => {
  expect(await ensureRandomCheckSchedule(world.env.client, QUEUE, quiet)).toBe('created');
  expect(await ensureRandomCheckSchedule(world.env.client, QUEUE, quiet)).toBe('exists');
  const handle = world.env.client.schedule.getHandle(RANDOM_CHECK_SCHEDULE_ID);
  const described = await handle.describe();
  expect(described.spec.calendars?.[0]).toMatchObject({
    month: [
      { start: 'JANUARY', end: 'JANUARY', step: 1 },
      { start: 'APRIL', end: 'APRIL', step: 1 },
      { start: 'JULY', end: 'JULY', step: 1 },
      { start: 'OCTOBER', end: 'OCTOBER', step: 1 },
    ],
    dayOfMonth: [{ start: 1, end: 1, step: 1 }],
  });
  expect(described.spec.timezone).toBe('Asia/Shanghai');

  // Triggered (as on the first day of the quarter): one draw per county, none with cases here.
  const quarter = quarterOfLocalDate(localDateOf(Date.now()));
  await handle.trigger();
  await waitFor(
    async () => (await world.db.randomCheckDraw.count({ where: { quarter } })) === 12,
    'twelve draws',
  );
  await handle.trigger();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(await world.db.randomCheckDraw.count({ where: { quarter } })).toBe(12);
  await handle.delete();
}, 180_000);
