import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { clockMoved } from '../support/answered';
import { startTimeSkippingServer, terminateOnTestServer } from '../support/temporal';
import { unendedTasks } from '../support/time-locks';

const DAY = 24 * 3600 * 1000;

/**
 * The time-skipping server's clock is the workflow suites' calendar; a lock left on it stops
 * every later `env.sleep` of a file (three 特困 tests hung that way under load: a case
 * terminated with the workflow task after an activity in flight).
 */
describe("the test server's clock after a termination", () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await startTimeSkippingServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  test('a run terminated with its workflow task in flight leaves the clock free to move', async () => {
    // No worker polls this queue: the run's first workflow task stays scheduled, and locked.
    const handle = await env.client.workflow.start('runNowhere', {
      taskQueue: 'no-worker-polls-this',
      workflowId: 'terminated-in-flight',
    });
    expect((await unendedTasks(handle)).workflowTasks).toBe(1);
    await terminateOnTestServer(env, handle, 'test: terminated in flight');
    const before = await env.currentTimeMs();
    await clockMoved(env, handle, 30 * DAY);
    expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * DAY);
  });
});
