import { monthOf } from '../../domain/benefit-months';
import { ensurePaymentRollSchedule, PAYMENT_ROLL_SCHEDULE_ID } from '../../worker/payment-roll-schedule';
import { useDevServerWorker } from '../support/dev-server-worker';
import { waitFor } from '../support/fixtures';
import { pay, rollCase, rollHousehold } from '../support/roll-fixtures';

// Schedules exist on a real Temporal server only: this file runs the CLI's dev server.

const QUEUE = 'jiuzhu-roll-schedule';
const world = useDevServerWorker(QUEUE);
const quiet = { info: () => undefined, warn: () => undefined };

test('the monthly schedule is created once, and a run builds every county’s roll for the month', async () => {
  // Started twice (a worker restarted): one schedule.
  expect(await ensurePaymentRollSchedule(world.env.client, QUEUE, quiet)).toBe('created');
  expect(await ensurePaymentRollSchedule(world.env.client, QUEUE, quiet)).toBe('exists');
  const handle = world.env.client.schedule.getHandle(PAYMENT_ROLL_SCHEDULE_ID);
  const described = await handle.describe();
  expect(described.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }] });

  // A household paid this month in 大理市: its roll has the line; the eleven others none.
  const month = monthOf(Date.now());
  const h = await rollHousehold(world.db, { name: '苏甲' });
  await pay(world.db, await rollCase(world.db, h, 'DIBAO_RURAL'), month, 700);
  await handle.trigger();
  const rolls = await waitFor(
    async () => {
      const rows = await world.db.paymentRoll.findMany({ where: { month, status: 'REVIEW' } });
      return rows.length === 12 && rows;
    },
    'twelve rolls in review',
    90_000,
  );
  const dali = rolls.find((r) => r.countyId === '532901')!;
  expect({ lines: dali.linesTotal, total: Number(dali.totalYuan) }).toEqual({ lines: 1, total: 700 });
  expect(rolls.filter((r) => r.linesTotal === 0)).toHaveLength(11);
  await handle.delete();
}, 180_000);
