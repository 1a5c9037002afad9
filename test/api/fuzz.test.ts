import { registeredRoutes } from '../support/app-routes';
import { makeFuzzWorld, type FuzzWorld } from '../support/fuzz/fuzz-world';
import { describeFailure } from '../support/fuzz/fuzz-report';
import { runFuzz } from '../support/fuzz/fuzz-run';
import { useTestApp } from '../support/test-app';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

/** Small enough for every run (every route gets one first, then the rest at random); `npm run bench:fuzz` sends ten thousand and more. */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 400);

describe('bad input is refused: generated requests to every route and form', () => {
  let world: FuzzWorld;

  beforeAll(async () => {
    world = await makeFuzzWorld(harness, http.app);
  }, 120_000);

  test('never a 5xx; a 4xx names the field; nothing refused writes a row; bad input is never accepted', async () => {
    const report = await runFuzz(world, { count: REQUESTS, seed: Number(process.env.FUZZ_SEED ?? 20261130) });
    // Every route is fuzzed, a new one included.
    expect(Object.keys(report.byRoute).sort()).toEqual(registeredRoutes(http.app).sort());
    expect(report.failures.map(describeFailure)).toEqual([]);
  }, 300_000);
});
