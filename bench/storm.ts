import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { startStandardChange } from '../api/standard-changes';
import { distribution } from './percentiles';
import { provisionWorld, WORLD_CLI_OPTIONS, worldOptions, type World, stopWorldOnSignal } from './world';
import { startEnrolments, writeEnrolledCases } from '../test/support/enrolled-cases';
import { enrolmentWorkflowId } from '../workflows/definitions';
import {
  STANDARD_CHANGE_CONCURRENCY,
  STANDARD_CHANGE_PAGE_SIZE,
  STANDARD_CHANGE_PAGES_PER_RUN,
  standardChangeWorkflowId,
} from '../workflows/standard-change';

/**
 * `npm run bench:storm -- --cases 10000`: a recertification storm 复核高峰. N enrolled 农村低保
 * households of one county (rows by bulk SQL, their `dibaoEnrolment` workflows started directly
 * with the client, 50 at a time, each as a cycle carried over and waiting for its next review),
 * then a new standard for the county, started as `POST /api/counties/:id/standards` starts it.
 * Measures the time until every review is open in the read model (`currentStep`), reviews per
 * second, reviews whose due date had passed when they opened, the request-to-open lag, the
 * worker's and the Temporal server's peak memory, and the history of the fan-out's runs and of
 * a sample enrolment. Prints figures, not pass/fail.
 */
const COUNTY = '532901';
const PREFIX = 'STORM';
const CASE_LIKE = `${PREFIX}-%`;

const argsSchema = z.object({
  cases: z.coerce.number().int().min(10).max(200_000).default(1000),
});

const out = (line = '') => process.stdout.write(`${line}\n`);
const say = (message: string) => process.stderr.write(`[bench:storm] ${message}\n`);
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** Peak resident memory of a process (VmHWM, kB → MiB), from /proc. */
function peakRssMiB(pid: number | 'self'): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

/** The Temporal dev server among this process's children (the wrapper `exec`s it). */
function temporalServerPid(): number | null {
  const children = fs
    .readdirSync('/proc/self/task')
    .flatMap((task) => fs.readFileSync(`/proc/self/task/${task}/children`, 'utf8').trim().split(/\s+/))
    .filter(Boolean)
    .map(Number);
  for (const pid of children) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('start-dev')) return pid;
    } catch {
      // gone
    }
  }
  return null;
}

/** Samples this process's RSS (worker and driver) every second; answers the peak so far. */
function rssSampler() {
  let peak = 0;
  const take = () => (peak = Math.max(peak, process.memoryUsage().rss));
  take();
  const timer = setInterval(take, 1000);
  return {
    peakMiB: () => Math.round(take() / 2 ** 20),
    stop: () => clearInterval(timer),
  };
}

/** Waits until the case task queue has no workflow task waiting (the worker has caught up). */
async function workflowBacklogDrained(world: World, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  const namespace = world.env.namespace ?? 'default';
  let quiet = 0;
  while (Date.now() < until) {
    const answer = await world.env.client.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: world.caseTaskQueue },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      reportStats: true,
    });
    const backlog = Number(answer.stats?.approximateBacklogCount ?? 0);
    // Twice in a row, a second apart: tasks in flight are not in the backlog.
    quiet = backlog === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

interface RunSize {
  runId: string;
  events: number;
  bytes: number;
}

/** Events and bytes of every run of a workflow id, oldest first (describe of each run). */
async function runSizes(client: Client, workflowId: string): Promise<RunSize[]> {
  const runs: RunSize[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const handle: WorkflowHandle = client.workflow.getHandle(workflowId, runId);
    const described = await handle.describe();
    const history: temporal.api.history.v1.IHistory = await handle.fetchHistory();
    runs.push({
      runId,
      events: described.historyLength,
      bytes: Number(described.raw.workflowExecutionInfo?.historySizeBytes ?? 0),
    });
    runId =
      history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs.reverse();
}

async function count(world: World, sql: string, ...values: unknown[]): Promise<number> {
  const [row] = await world.db.$queryRawUnsafe<{ n: bigint | number }[]>(sql, ...values);
  return Number(row?.n ?? 0);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { cases: { type: 'string' }, ...WORLD_CLI_OPTIONS },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--cases: ${i.message}`).join('; '));
  const { cases: n } = parsed.data;
  const world = await provisionWorld(worldOptions(values));
  stopWorldOnSignal(world);
  const rss = rssSampler();
  try {
    out(`Recertification storm: ${n.toLocaleString('en')} enrolled cases, one county (${COUNTY})`);
    out(
      `  ${world.describe}; ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    out(
      `  fan-out: pages of ${STANDARD_CHANGE_PAGE_SIZE}, ${STANDARD_CHANGE_CONCURRENCY} signals at once, ` +
        `continue-as-new every ${STANDARD_CHANGE_PAGES_PER_RUN} pages`,
    );

    const rssIdle = rss.peakMiB();
    let t = performance.now();
    const cases = await writeEnrolledCases(world.db, { count: n, prefix: PREFIX, countyId: COUNTY });
    out(`  rows written by SQL: ${seconds(performance.now() - t)} s`);
    t = performance.now();
    await startEnrolments(world.env.client, world.caseTaskQueue, cases, { now: Date.now(), concurrency: 50 });
    const startMs = performance.now() - t;
    out(`  enrolment workflows started: ${seconds(startMs)} s (${Math.round(n / (startMs / 1000))}/s)`);
    const settled = await workflowBacklogDrained(world, 30 * 60_000);
    out(
      `  worker caught up with the starts: ${seconds(performance.now() - t)} s after the first${settled ? '' : ' (TIMED OUT)'}`,
    );
    const rssBefore = rss.peakMiB();

    // What POST /api/counties/:id/standards does after its transaction: the row, then the fan-out.
    const standard = await world.db.assistanceStandard.create({
      data: {
        countyId: COUNTY,
        programmeCode: 'DIBAO_RURAL',
        monthlyYuan: 620,
        effectiveFrom: new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 1)),
        createdBy: 'bench',
      },
    });
    const stormStart = performance.now();
    const stormStartedAt = new Date();
    await startStandardChange(world.env.client, world.caseTaskQueue, standard.id);
    let opened = 0;
    let halfMs: number | null = null;
    let lastReport = 0;
    const openedSql = `SELECT count(*) AS n FROM "Case" WHERE "caseNo" LIKE $1 AND "currentStep" = 'recertInvestigation'`;
    const deadline = stormStart + 4 * 3600_000;
    while (opened < n && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      opened = await count(world, openedSql, CASE_LIKE);
      if (halfMs === null && opened >= n / 2) halfMs = performance.now() - stormStart;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        const progress = await world.db.standardChangeProgress.findUnique({
          where: { standardId: standard.id },
        });
        say(
          `${seconds(performance.now() - stormStart)} s: ${opened} reviews open, ` +
            `${progress?.signalled ?? 0}/${progress?.total ?? '?'} asked, rss ${rss.peakMiB()} MiB`,
        );
      }
    }
    const allMs = performance.now() - stormStart;
    const progress = await world.db.standardChangeProgress.findUnique({ where: { standardId: standard.id } });
    const fanOutDoneMs = progress?.finishedAt
      ? progress.finishedAt.getTime() - stormStartedAt.getTime()
      : null;

    // Request → open, per case, from the events' times (the dev server runs on the real clock).
    const lags = await world.db.$queryRawUnsafe<{ lag: number; missed: boolean; overdue: boolean }[]>(
      `SELECT EXTRACT(EPOCH FROM (s."occurredAt" - r."occurredAt")) * 1000 AS lag,
              c."dueAt" <= s."occurredAt" AS missed, c.overdue
       FROM "Case" c
       JOIN "CaseEvent" r ON r."caseId" = c.id AND r.type = 'reviewRequested'
       JOIN "CaseEvent" s ON s."caseId" = c.id AND s.type = 'reviewStarted'
       WHERE c."caseNo" LIKE $1`,
      CASE_LIKE,
    );
    const lag = distribution(lags.map((l) => Number(l.lag)));
    const requests = await count(
      world,
      `SELECT count(*) AS n FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId" WHERE c."caseNo" LIKE $1 AND e.type = 'reviewRequested'`,
      CASE_LIKE,
    );
    const noDue = await count(
      world,
      `SELECT count(*) AS n FROM "Case" WHERE "caseNo" LIKE $1 AND "currentStep" = 'recertInvestigation' AND "dueAt" IS NULL`,
      CASE_LIKE,
    );

    const fanOut = await runSizes(world.env.client, standardChangeWorkflowId(standard.id));
    const sample = await runSizes(world.env.client, enrolmentWorkflowId(cases[Math.floor(n / 2)]!.caseNo));
    const largest = [...fanOut, ...sample].reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const serverPid = temporalServerPid();

    out();
    out(`Storm (standard change → every review open)`);
    out(
      `  reviews open: ${opened} of ${n} in ${seconds(allMs)} s = ${(opened / (allMs / 1000)).toFixed(1)} reviews/s` +
        (halfMs ? `; half by ${seconds(halfMs)} s` : ''),
    );
    out(
      `  fan-out done (every enrolment asked): ${fanOutDoneMs === null ? 'not finished' : `${seconds(fanOutDoneMs)} s`}; asked ${progress?.signalled ?? 0} of ${progress?.total ?? '?'}, ended ${progress?.ended ?? 0}`,
    );
    out(
      `  review requests recorded: ${requests} (one per case expected), reviews without a due date: ${noDue}`,
    );
    out(
      `  missed deadlines (due date passed before the review opened): ${lags.filter((l) => l.missed).length}; overdue: ${lags.filter((l) => l.overdue).length}`,
    );
    out(
      lag
        ? `  request → review open: p50 ${seconds(lag.p50)} s, p99 ${seconds(lag.p99)} s, max ${seconds(lag.max)} s`
        : '  request → review open: no review opened',
    );
    out(
      `  peak RSS, bench process (worker + driver): ${rss.peakMiB()} MiB (${rssIdle} MiB before the enrolments started, ${rssBefore} MiB before the storm; VmHWM ${peakRssMiB('self')} MiB)`,
    );
    out(`  peak RSS, Temporal dev server: ${serverPid ? `${peakRssMiB(serverPid)} MiB` : 'n/a'}`);
    out(
      `  fan-out runs: ${fanOut.length}, events ${fanOut.map((r) => r.events).join('/')}, bytes ${fanOut.map((r) => r.bytes).join('/')}`,
    );
    out(
      `  sample enrolment runs: ${sample.length}, events ${sample.map((r) => r.events).join('/')}, bytes ${sample.map((r) => r.bytes).join('/')}`,
    );
    out(`  largest run: ${largest.events} events, ${largest.bytes} bytes`);
    out(
      `  load average at the end: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    return opened === n ? 0 : 1;
  } finally {
    rss.stop();
    await world.teardown();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
