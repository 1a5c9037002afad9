import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Context, sleep } from '@temporalio/activity';
import { CaseDriver } from '../support/case-driver';
import { useWorkflowHarness } from '../support/workflow-harness';

/**
 * Determinism under load. A decision's write and a fact read started right after it (the
 * township returns the case, and the investigation reads the household again) used to run as
 * two local activities at once. Which finished first depended on the machine; on replay both
 * are resolved from their markers at once, in the order they were scheduled, so a run in which
 * the write had finished first recorded the Update's completion before commands the replay
 * issues ahead of it: a nondeterminism error, and the case stuck (bench/findings/). Since
 * `serial-local-activities` a procedure's local activities take turns in the ledger's queue, so
 * their order is the workflow code's; the Update answers once its own write is in.
 *
 * This test makes the slow read happen on purpose: the household's facts answer 2 s late for
 * the case under test, then the run's history must replay against the same code.
 */
const slowFacts = new Set<string>();
const FACTS_DELAY_MS = 2000;

const harness = useWorkflowHarness({
  wrapActivities: (activities) => ({
    ...activities,
    loadHouseholdFacts: async (input) => {
      const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
      if (slowFacts.has(workflowId)) await sleep(FACTS_DELAY_MS);
      return activities.loadHouseholdFacts(input);
    },
  }),
});

function replays(fetch: Record<string, string>): { history: string; error: string | null }[] {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-la-order-'));
  try {
    const replay = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/support/replay-histories.ts',
        JSON.stringify({
          bundle: process.env.JIUZHU_WORKFLOW_BUNDLE,
          address: harness.env.address,
          fetch: Object.entries(fetch)
            .map(([name, id]) => `${name}=${id}`)
            .join(','),
          fetchInto: folder,
          folders: folder,
        }),
      ],
      { cwd: path.resolve(__dirname, '..', '..'), encoding: 'utf8' },
    );
    expect(replay.stderr).toBe('');
    // Core logs a replay's failure on stdout too; the results are the JSON lines.
    return replay.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { history: string; error: string | null });
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

test('a decision followed at once by a slow fact read replays as it ran', async () => {
  const c = await CaseDriver.file(harness.env, harness.db);
  // The acceptance, the overall limit's start and the investigation's opening are one write,
  // after the facts read; the acceptance answers with the case as that write left it.
  const accepted = await c.accept();
  expect(accepted).toMatchObject({ status: 'INVESTIGATING', currentStep: 'investigation' });
  expect(accepted.overallDueAt).not.toBeNull();
  await c.investigate();
  await c.reach('appraisal');
  await c.appraise();
  await c.reach('townshipReview');
  slowFacts.add(c.handle.workflowId);
  // The return reopens the investigation, which reads the household's facts first.
  await c.reviewInTownship({ decision: 'return', reasons: '收入证明不全，退回补充调查' });
  const reopened = await c.reach('investigation');
  expect(reopened.status).toBe('INVESTIGATING');
  slowFacts.delete(c.handle.workflowId);
  // Every transition written once, in order.
  const types = await c.eventTypes();
  expect(types.filter((t) => t.startsWith('stepDecided')).length).toBe(4);
  await c.discard();

  const [result] = replays({ returnedWithSlowFacts: c.handle.workflowId });
  expect(result).toMatchObject({ history: expect.stringContaining('returnedWithSlowFacts'), error: null });
});
