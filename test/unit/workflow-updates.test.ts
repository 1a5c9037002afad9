import type { Client } from '@temporalio/client';
import { defineUpdate } from '@temporalio/workflow';
import { HttpError } from '../../api/http-error';
import { executeStaffUpdate } from '../../api/workflow-updates';
import type { StepSubmission } from '../../workflows/definitions';
import type { Actor } from '../../domain/staff-roles';

/**
 * The chain of a workflow's runs as Temporal shows it to the API: which run is latest, which
 * run each continued from, which Update ids each took, and runs retention has removed.
 */
interface FakeRun {
  runId: string;
  previous: string | null;
  taken: Map<string, string>;
  /** Continued as new or ended: takes no Update. */
  closed?: boolean;
  /** Removed by the namespace's retention. */
  deleted?: boolean;
}

const NOT_FOUND = Object.assign(new Error('not found'), { code: 5 });

function fakeTemporal(runs: FakeRun[], options: { movesOnTo?: FakeRun } = {}) {
  const calls = { executed: [] as string[], described: 0 };
  const byId = (runId: string) => runs.find((r) => r.runId === runId);
  const latest = () => runs[runs.length - 1]!;
  const temporal = {
    options: { namespace: 'default' },
    workflowService: {
      async describeWorkflowExecution() {
        calls.described++;
        if (runs.length === 0) throw NOT_FOUND;
        return { workflowExecutionInfo: { execution: { runId: latest().runId } } };
      },
      async getWorkflowExecutionHistory({ execution }: { execution: { runId: string } }) {
        const run = byId(execution.runId);
        if (!run || run.deleted) throw NOT_FOUND;
        return {
          history: {
            events: [
              { workflowExecutionStartedEventAttributes: { continuedExecutionRunId: run.previous ?? '' } },
            ],
          },
        };
      },
    },
    workflow: {
      getHandle(_workflowId: string, runId?: string) {
        const run = () => (runId ? byId(runId) : latest());
        return {
          getUpdateHandle(updateId: string) {
            return {
              async result() {
                const r = run();
                if (!r || r.deleted || !r.taken.has(updateId))
                  throw Object.assign(new Error('update not found'), { cause: NOT_FOUND });
                return r.taken.get(updateId);
              },
            };
          },
          async executeUpdate(_update: unknown, { updateId }: { updateId?: string }) {
            const r = run()!;
            const id = updateId ?? `unkeyed-${calls.executed.length}`;
            if (r.closed) {
              // The run continued as new while the request was on its way.
              if (options.movesOnTo && !runs.includes(options.movesOnTo)) runs.push(options.movesOnTo);
              throw Object.assign(new Error('workflow execution already completed'), {
                name: 'WorkflowNotFoundError',
              });
            }
            // Temporal dedupes an Update id within the run.
            if (r.taken.has(id)) return r.taken.get(id);
            calls.executed.push(r.runId);
            r.taken.set(id, `answer of ${r.runId}`);
            return `answer of ${r.runId}`;
          },
        };
      },
    },
  };
  return { temporal: temporal as unknown as Client, calls };
}

const update = defineUpdate<string, [StepSubmission]>('recertReview');
const actor = { userId: 'u-1' } as Actor;
const submission = { actor, payload: { decision: 'confirm' } };
const CLOSED = { code: 'CaseClosed', message: 'closed' };

/** The Update id the API derives for this key (the fake's first taken id of a keyed send). */
async function updateIdFor(key: string): Promise<string> {
  const run: FakeRun = { runId: 'probe', previous: null, taken: new Map() };
  const { temporal } = fakeTemporal([run]);
  await executeStaffUpdate(temporal, 'wf', update, submission, CLOSED, key);
  return [...run.taken.keys()][0]!;
}

describe('executeStaffUpdate across the runs of a workflow', () => {
  test('without a key the Update goes to the latest run, nothing is asked first', async () => {
    const runs: FakeRun[] = [
      { runId: 'r1', previous: null, taken: new Map(), closed: true },
      { runId: 'r2', previous: 'r1', taken: new Map() },
    ];
    const { temporal, calls } = fakeTemporal(runs);
    expect(await executeStaffUpdate(temporal, 'wf', update, submission, CLOSED)).toBe('answer of r2');
    expect(calls).toEqual({ executed: ['r2'], described: 0 });
  });

  test.each([
    ['the latest run took it', 'r3', []],
    ['the run before took it', 'r2', []],
    ['two runs back took it', 'r1', []],
  ] as const)('%s: its answer, and no Update sent again', async (_, holder, executed) => {
    const id = await updateIdFor('console-form-1');
    const runs: FakeRun[] = [
      { runId: 'r1', previous: null, taken: new Map(), closed: true },
      { runId: 'r2', previous: 'r1', taken: new Map(), closed: true },
      { runId: 'r3', previous: 'r2', taken: new Map() },
    ];
    runs.find((r) => r.runId === holder)!.taken.set(id, `answer of ${holder}`);
    const { temporal, calls } = fakeTemporal(runs);
    expect(await executeStaffUpdate(temporal, 'wf', update, submission, CLOSED, 'console-form-1')).toBe(
      `answer of ${holder}`,
    );
    expect(calls.executed).toEqual(executed);
  });

  test('a key no run took goes to the latest run, once', async () => {
    const runs: FakeRun[] = [
      { runId: 'r1', previous: null, taken: new Map(), closed: true },
      { runId: 'r2', previous: 'r1', taken: new Map() },
    ];
    const { temporal, calls } = fakeTemporal(runs);
    expect(await executeStaffUpdate(temporal, 'wf', update, submission, CLOSED, 'console-form-2')).toBe(
      'answer of r2',
    );
    expect(calls.executed).toEqual(['r2']);
  });

  test('a run removed by retention ends the search instead of failing the request', async () => {
    const runs: FakeRun[] = [
      { runId: 'r1', previous: null, taken: new Map(), closed: true },
      { runId: 'r2', previous: 'r1', taken: new Map(), closed: true, deleted: true },
      { runId: 'r3', previous: 'r2', taken: new Map() },
    ];
    const { temporal, calls } = fakeTemporal(runs);
    expect(await executeStaffUpdate(temporal, 'wf', update, submission, CLOSED, 'console-form-3')).toBe(
      'answer of r3',
    );
    expect(calls.executed).toEqual(['r3']);
  });

  test('the run continued as new under the Update: the chain is asked again', async () => {
    const id = await updateIdFor('console-form-4');
    // r1 took the first attempt and has since continued as new; the API still saw r1 as latest.
    const r1: FakeRun = { runId: 'r1', previous: null, taken: new Map([[id, 'answer of r1']]), closed: true };
    const r2: FakeRun = { runId: 'r2', previous: 'r1', taken: new Map() };
    const other = { ...submission, payload: { decision: 'return', reasons: '重新调查' } };
    const { temporal, calls } = fakeTemporal([r1], { movesOnTo: r2 });
    // The same body: r1's answer. Another body under the key: a new Update on the new run.
    expect(await executeStaffUpdate(temporal, 'wf', update, submission, CLOSED, 'console-form-4')).toBe(
      'answer of r1',
    );
    expect(await executeStaffUpdate(temporal, 'wf', update, other, CLOSED, 'console-form-4')).toBe(
      'answer of r2',
    );
    expect(calls.executed).toEqual(['r2']);
  });

  test('no workflow at all: 409 with the caller’s closed code', async () => {
    const { temporal } = fakeTemporal([]);
    const refused = await executeStaffUpdate(
      temporal,
      'wf',
      update,
      submission,
      CLOSED,
      'console-form-5',
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 409, code: 'CaseClosed' });
  });
});
