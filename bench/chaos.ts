import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Connection, Client as TemporalClient } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import { connectDatabase } from '../platform/database';
import { DEMO_PASSWORD } from '../prisma/seed/seed';
import { postgresUrl } from '../scripts/postgres-server';
import { DevProcess, type DevPart } from '../test/support/dev-process';
import { dibaoApplication } from '../test/support/fixtures';
import { freePort } from '../test/support/free-port';
import { bundleCaseWorkflows } from '../worker/create-worker';

/**
 * `npm run bench:chaos [-- --cases N --min-kills K --patience S]`: a real `npm run dev` stack (scripts/dev.ts,
 * which supervises and restarts its children) on free ports and a data folder of its own; N
 * cases driven through the HTTP API at once, staggered so every step has cases in flight, while
 * a killer sends SIGKILL at random moments to the worker, the API, the Temporal dev server and
 * Postgres, each at least K times. Clients do what the README asks of them: retry a dropped
 * answer, a 503 or a 5xx with the same Idempotency-Key. Then a checker compares the read model
 * with every case's workflow history and prints kills, cases, lost, duplicated and stuck.
 *
 * The cases run to an end on the real clock: one in four is not accepted (不予受理); one in four is a
 * 临时救助 urgent grant 先行救助, paid at once (its payment checked: one, never two), investigated
 * and confirmed by the county; the others are investigated, appraised (not passed), refused at
 * the township's review and their refusal letter recorded as served. (低保 approval waits for
 * the 7-day public notice, which no real-clock run can wait out; the time-skipping tests and
 * bench/lifecycle cover enrolment and its monthly payments.)
 */
const argsSchema = z.object({
  cases: z.coerce.number().int().min(1).max(2000).default(200),
  'min-kills': z.coerce.number().int().min(1).max(20).default(2),
  /** How long a client waits for an answer, or for its case to reach the next step, before it gives up. */
  patience: z.coerce.number().int().min(30).max(3600).default(240),
});

/** A 临时救助 urgent application of a fresh person (once per person and cause a year). */
function urgentApplication() {
  const fresh = dibaoApplication();
  return {
    ...fresh,
    programme: 'TEMPORARY',
    members: fresh.members.filter((m) => m.relation === 'APPLICANT'),
    temporary: { path: 'urgent', cause: 'fire', circumstances: '住房失火，家具衣物全部烧毁，暂住亲戚家' },
  };
}

/** SIGKILL to the process; false when it was already gone. */
function killedNow(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PARTS: DevPart[] = ['worker', 'api', 'temporal', 'postgres'];
const basic = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

interface Answered {
  kind: string;
  status: number;
}

/** How a case ends: 不予受理, refused at the township's review, or a 临时救助 urgent grant paid and confirmed. */
type Plan = 'notAccepted' | 'refused' | 'urgentGrant';

const PLANS: Record<Plan, { status: string; letters: string[] }> = {
  notAccepted: { status: 'NOT_ACCEPTED', letters: ['nonAcceptance'] },
  refused: { status: 'REFUSED', letters: ['acceptance', 'refusal'] },
  urgentGrant: { status: 'GRANTED', letters: ['temporaryGrant'] },
};

const URGENT_GRANT_YUAN = 2000;

interface Driven {
  n: number;
  caseNo: string | null;
  plan: Plan;
  answered: Answered[];
  failure?: string;
}

class Figures {
  retries = 0;
  droppedAnswers = 0;
  serviceUnavailable = 0;
  serverErrors = 0;
  /** What each 5xx said (an outage should answer 503, never 500). */
  readonly serverErrorAnswers = new Map<string, number>();
}

function parseCli(): z.infer<typeof argsSchema> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { cases: { type: 'string' }, 'min-kills': { type: 'string' }, patience: { type: 'string' } },
    strict: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(
      `${problems}\nusage: npm run bench:chaos -- [--cases 1..2000] [--min-kills 1..20] [--patience 30..3600 s]`,
    );
  }
  return parsed.data;
}

async function main(): Promise<void> {
  const { cases, 'min-kills': minKills, patience } = parseCli();
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-chaos-'));
  fs.chmodSync(dataDir, 0o755); // Postgres runs as user postgres when this runs as root
  const ports = {
    PORT: await freePort(),
    JIUZHU_PG_PORT: await freePort(),
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    SMTP_CATCHER_PORT: await freePort(),
  };
  if (new Set(Object.values(ports)).size < 5) throw new Error('free ports collided; run again');
  // One bundle for every worker start: a restarted worker polls again in seconds, not after webpack.
  const bundle = await bundleCaseWorkflows();
  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
    HOST: '127.0.0.1',
    JIUZHU_DATA_DIR: path.join(dataDir, 'data'),
    JIUZHU_WORKFLOW_BUNDLE: bundlePath,
    LOG_LEVEL: 'error',
  };
  for (const elsewhere of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'SESSION_SECRET'])
    delete env[elsewhere];

  const dev = DevProcess.start('node', env);
  try {
    await dev.waitForLine(/^\[dev\] ready:$/, 180_000);
    out(`chaos: dev stack ready in ${((Date.now() - started) / 1000).toFixed(0)} s (data in ${dataDir})`);
    const base = `http://127.0.0.1:${ports.PORT}`;
    const figures = new Figures();

    /** A request as a careful client sends it: a dropped answer, a 503 or a 5xx is sent again. */
    const request = async (
      method: 'GET' | 'POST',
      url: string,
      user: string,
      body?: unknown,
      key?: string,
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const giveUp = Date.now() + patience * 1000;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) {
          figures.retries++;
          await sleep(Math.min(500 * attempt, 3000));
        }
        if (Date.now() > giveUp) throw new Error(`${method} ${url}: no answer within ${patience} s`);
        let response: Response;
        try {
          response = await fetch(`${base}${url}`, {
            method,
            headers: {
              authorization: basic(user),
              ...(body !== undefined && { 'content-type': 'application/json' }),
              ...(key && { 'idempotency-key': key }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
            signal: AbortSignal.timeout(30_000),
          });
        } catch {
          figures.droppedAnswers++;
          continue;
        }
        const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
        if (response.status === 503) {
          figures.serviceUnavailable++;
          continue;
        }
        if (response.status >= 500) {
          figures.serverErrors++;
          const what = `${response.status} ${method} ${url.replace(/\/cases\/[^/]+/, '/cases/:id')} ${JSON.stringify(answer).slice(0, 200)}`;
          figures.serverErrorAnswers.set(what, (figures.serverErrorAnswers.get(what) ?? 0) + 1);
          continue;
        }
        return { status: response.status, body: answer };
      }
    };

    const driven: Driven[] = [];
    let running = 0;
    const drive = async (n: number): Promise<void> => {
      const plan: Plan = n % 4 === 0 ? 'notAccepted' : n % 4 === 1 ? 'urgentGrant' : 'refused';
      const d: Driven = { n, caseNo: null, plan, answered: [] };
      driven.push(d);
      running++;
      try {
        const filed = await request(
          'POST',
          '/api/cases',
          plan === 'urgentGrant' ? 'xiang.xizhou' : 'cun.xizhou',
          plan === 'urgentGrant' ? urgentApplication() : dibaoApplication(),
          `chaos-${n}-file`,
        );
        d.answered.push({ kind: 'file', status: filed.status });
        if (filed.status !== 201 && filed.status !== 202 && filed.status !== 200)
          throw new Error(`file: ${filed.status} ${JSON.stringify(filed.body)}`);
        const caseNo = String(filed.body.caseNo);
        d.caseNo = caseNo;
        const until = async (what: string, ready: (c: Record<string, unknown>) => boolean) => {
          const giveUp = Date.now() + patience * 1000;
          for (;;) {
            const read = await request('GET', `/api/cases/${caseNo}`, 'xiang.xizhou');
            if (read.status === 200 && ready(read.body)) return;
            if (Date.now() > giveUp) throw new Error(`${caseNo}: not ${what} within ${patience} s`);
            await sleep(300);
          }
        };
        const at = (step: string) => (c: Record<string, unknown>) => c.currentStep === step;
        const submit = async (kind: string, user: string, url: string, body: unknown) => {
          const answer = await request(
            'POST',
            `/api/cases/${caseNo}${url}`,
            user,
            body,
            `chaos-${n}-${kind}`,
          );
          d.answered.push({ kind, status: answer.status });
          if (answer.status !== 200)
            throw new Error(`${kind}: ${answer.status} ${JSON.stringify(answer.body)}`);
        };
        if (plan === 'urgentGrant') {
          await until('at the urgent grant', at('temporaryUrgentGrant'));
          await submit('temporaryUrgentGrant', 'xiang.xizhou', '/steps/temporaryUrgentGrant', {
            kind: 'cash',
            amountYuan: URGENT_GRANT_YUAN,
            reasons: '房屋失火，全家无处居住，先行救助',
          });
          await until('at investigation', at('temporaryInvestigation'));
          await submit('temporaryInvestigation', 'xiang.xizhou', '/steps/temporaryInvestigation', {
            homeVisit: {
              visitedOn: '2026-11-30',
              visitors: ['赵乡镇经办', '段社工'],
              signedByVisitorsAndApplicant: true,
            },
            hardshipConfirmed: true,
            expenseYuan: null,
            findings: '经入户核实，困难情形属实',
          });
          await until('at county approval', at('countyApproval'));
          await submit('countyApproval', 'xian.dali', '/steps/countyApproval', {
            decision: 'confirm',
            note: '先行救助符合规定',
          });
          await until('granted', (c) => c.status === 'GRANTED');
          return;
        }
        await until('at acceptance', at('acceptance'));
        if (plan === 'notAccepted') {
          await submit('acceptance', 'xiang.xizhou', '/steps/acceptance', {
            decision: 'reject',
            reasons: '申请材料不齐全，经告知后仍未补正',
          });
          await until('not accepted', (c) => c.status === 'NOT_ACCEPTED');
          return;
        }
        await submit('acceptance', 'xiang.xizhou', '/steps/acceptance', { decision: 'accept' });
        await until('at investigation', at('investigation'));
        const read = await request('GET', `/api/cases/${caseNo}`, 'xiang.xizhou');
        const household = read.body.household as { members: { id: string; relation: string }[] };
        const applicant = household.members.find((m) => m.relation === 'APPLICANT')!;
        await submit('investigation', 'xiang.xizhou', '/steps/investigation', {
          homeVisit: {
            visitedOn: '2026-11-30',
            visitors: ['赵乡镇经办', '段社工'],
            signedByVisitorsAndApplicant: true,
          },
          incomes: [{ memberId: applicant.id, kind: 'wages', amountYuan: 300, period: 'monthly' }],
          assets: { depositsYuan: 3000, vehicles: 0, homes: 1, registeredBusiness: false },
          dataCheck: { reportNo: `HD-CHAOS-${n}`, result: 'consistent' },
        });
        await until('at appraisal', at('appraisal'));
        await submit('appraisal', 'cun.xizhou', '/steps/appraisal', {
          heldOn: '2026-12-03',
          representativesTotal: 12,
          present: 10,
          votesFor: 3,
          votesAgainst: 7,
          abstentions: 0,
          minutes: '村民代表会议评议，多数认为不符合条件',
        });
        await until('at township review', at('townshipReview'));
        await submit('townshipReview', 'xiang.xizhou', '/steps/townshipReview', {
          decision: 'refuse',
          reasons: '民主评议未通过，不予批准',
        });
        await until('refused', (c) => c.status === 'REFUSED');
        await submit('recordLetterServed', 'xiang.xizhou', '/actions/recordLetterServed', {
          servedOn: '2026-12-04',
          method: 'inPerson',
          servedBy: '赵乡镇经办',
        });
      } catch (error) {
        d.failure = error instanceof Error ? error.message : String(error);
      } finally {
        running--;
      }
    };

    // The killer: random moments, the part killed least so far, until every part died minKills times.
    const kills: Record<DevPart, number> = { worker: 0, api: 0, temporal: 0, postgres: 0 };
    const diedByThemselves: Record<DevPart, number> = { worker: 0, api: 0, temporal: 0, postgres: 0 };
    const killer = (async () => {
      await sleep(2000);
      while (PARTS.some((p) => kills[p] < minKills)) {
        const fewest = Math.min(...PARTS.map((p) => kills[p]));
        const candidates = PARTS.filter((p) => kills[p] === fewest);
        const part = candidates[Math.floor(Math.random() * candidates.length)]!;
        const pid = dev.pidOf(part);
        const from = dev.lines.length;
        if (!killedNow(pid)) {
          // It died by itself meanwhile (a worker without its server gives up): dev restarts it.
          diedByThemselves[part]++;
          out(`chaos: ${part} (pid ${pid}) found dead, not killed; waiting for dev to restart it`);
          const announced = dev.lines.map((line) => line.includes(`(pid ${pid})`)).lastIndexOf(true);
          await dev.waitForLine(
            new RegExp(`^\\[dev\\] ${part} restarted \\(pid \\d+\\)`),
            60_000,
            announced + 1,
          );
          continue;
        }
        kills[part]++;
        out(
          `chaos: kill -9 ${part} (pid ${pid}) at ${((Date.now() - started) / 1000).toFixed(1)} s, ${running} cases in flight`,
        );
        await dev.waitForLine(new RegExp(`^\\[dev\\] ${part} restarted \\(pid \\d+\\)`), 60_000, from);
        await sleep(2000 + Math.random() * 6000);
      }
    })();

    const spreadMs = Math.min(60_000, cases * 500);
    const drivers = Array.from({ length: cases }, async (_, n) => {
      await sleep((spreadMs * n) / cases);
      await drive(n);
    });
    await Promise.all(drivers);
    await killer;
    out(`chaos: cases driven in ${((Date.now() - started) / 1000).toFixed(0)} s; checking`);

    await check({ driven, ports, kills, diedByThemselves, figures, dataDir });
  } finally {
    const stack = dev;
    process.kill(stack.pid, 'SIGTERM');
    await Promise.race([stack.exited, sleep(30_000)]);
    stack.kill();
    const log = path.join(dataDir, 'dev.log');
    fs.writeFileSync(log, `${stack.lines.join('\n')}\n`);
    out(`chaos: the stack's output (an unhandled error's stack among it) in ${log}`);
  }
}

async function check(run: {
  driven: Driven[];
  ports: { JIUZHU_PG_PORT: number; TEMPORAL_PORT: number };
  kills: Record<DevPart, number>;
  diedByThemselves: Record<DevPart, number>;
  figures: Figures;
  dataDir: string;
}): Promise<void> {
  const db = connectDatabase(postgresUrl(run.ports.JIUZHU_PG_PORT, 'jiuzhu'));
  const connection = await Connection.connect({ address: `127.0.0.1:${run.ports.TEMPORAL_PORT}` });
  const client = new TemporalClient({ connection });
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let stuck = 0;
  let completed = 0;
  const { EventType } = temporal.api.enums.v1;
  const settleBy = Date.now() + 180_000;
  try {
    for (const d of run.driven) {
      if (d.failure) problems.push(`case ${d.n}${d.caseNo ? ` (${d.caseNo})` : ''}: ${d.failure}`);
      if (!d.caseNo) {
        lost++;
        continue;
      }
      const row = await db.case.findUnique({ where: { caseNo: d.caseNo } });
      if (!row) {
        lost++;
        problems.push(`${d.caseNo}: answered but not in the read model`);
        continue;
      }
      // Every run ends: the last writes after the last kill get until the common deadline.
      const handle = client.workflow.getHandle(row.workflowId);
      let status = (await handle.describe()).status.name;
      while (status !== 'COMPLETED' && Date.now() < settleBy) {
        await sleep(1000);
        status = (await handle.describe()).status.name;
      }
      if (status !== 'COMPLETED') {
        stuck++;
        problems.push(`${d.caseNo}: workflow ${status}`);
        continue;
      }
      const final = await db.case.findUniqueOrThrow({
        where: { id: row.id },
        include: { events: { orderBy: { seq: 'asc' } }, letters: true, payments: true },
      });
      const expected = PLANS[d.plan].status;
      if (final.status !== expected || !final.closedAt || final.currentStep !== null) {
        stuck++;
        problems.push(`${d.caseNo}: read model ${final.status}/${final.currentStep}, expected ${expected}`);
        continue;
      }
      completed++;
      // One event per transition: contiguous numbers, no transition twice.
      const seqs = final.events.map((e) => e.seq);
      if (seqs.some((s, i) => s !== i + 1) || final.lastEventSeq !== seqs.length) {
        duplicated++;
        problems.push(`${d.caseNo}: event numbers ${seqs.join(',')} (last ${final.lastEventSeq})`);
      }
      const once = ['applicationReceived', 'stepOpened', 'stepDecided', 'caseClosed', 'refusalLetterServed'];
      const seen = new Map<string, number>();
      for (const e of final.events)
        if (once.includes(e.type))
          seen.set(`${e.type}:${e.step ?? ''}`, (seen.get(`${e.type}:${e.step ?? ''}`) ?? 0) + 1);
      for (const [key, count] of seen)
        if (count > 1) {
          duplicated++;
          problems.push(`${d.caseNo}: ${key} ×${count}`);
        }
      // Against the history: every Update it accepted is one decision in the read model.
      const history = await handle.fetchHistory();
      const updates = new Set(
        (history.events ?? [])
          .filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
          .map(
            (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId ?? '',
          ),
      );
      // A decision's own event (a step decided, an action recorded); the filing and the closing it led to aside.
      const decisions = final.events.filter(
        (e) => e.actorId !== null && e.type !== 'applicationReceived' && e.type !== 'caseClosed',
      );
      const answeredDecisions = d.answered.filter((a) => a.kind !== 'file' && a.status === 200).length;
      if (decisions.length !== updates.size || decisions.length !== answeredDecisions) {
        if (decisions.length < Math.max(updates.size, answeredDecisions)) lost++;
        else duplicated++;
        problems.push(
          `${d.caseNo}: ${decisions.length} decisions in the read model, ${updates.size} Updates in the history, ${answeredDecisions} answered`,
        );
      }
      // One payment per granted case (the urgent grant, in the month granted), none otherwise.
      const paid = final.payments.map((p) => Number(p.amountYuan));
      const wantPaid = d.plan === 'urgentGrant' ? [URGENT_GRANT_YUAN] : [];
      if (JSON.stringify(paid) !== JSON.stringify(wantPaid)) {
        if (paid.length < wantPaid.length) lost++;
        else duplicated++;
        problems.push(
          `${d.caseNo}: payments ${paid.join(',') || 'none'}, expected ${wantPaid.join(',') || 'none'}`,
        );
      }
      // One letter per kind, one mail per letter and recipient.
      const kinds = final.letters.map((l) => l.kind);
      const wantKinds = PLANS[d.plan].letters;
      if (kinds.length !== new Set(kinds).size) {
        duplicated++;
        problems.push(`${d.caseNo}: letters ${kinds.join(',')}`);
      }
      if (wantKinds.some((k) => !kinds.includes(k))) {
        lost++;
        problems.push(`${d.caseNo}: letters ${kinds.join(',')}, expected ${wantKinds.join(',')}`);
      }
    }
    const mails = await db.outboundMail.groupBy({
      by: ['letterId', 'toAddress'],
      where: { letterId: { not: null } },
      _count: { _all: true },
    });
    const doubleMails = mails.filter((m) => m._count._all > 1).length;
    duplicated += doubleMails;
    for (let i = 0; i < 60 && (await db.outboundMail.count({ where: { status: { not: 'SENT' } } })) > 0; i++)
      await sleep(1000);
    const unsent = await db.outboundMail.count({ where: { status: { not: 'SENT' } } });
    if (unsent > 0) problems.push(`${unsent} mails not sent`);
    const payments = await db.benefitPayment.count();
    // SMTP is at least once: a mail the catcher got twice carries the same Message-ID.
    const mailDir = path.join(run.dataDir, 'data', 'mail');
    const ids = fs.existsSync(mailDir)
      ? fs
          .readdirSync(mailDir)
          .map((f) => /^Message-ID:\s*(\S+)/im.exec(fs.readFileSync(path.join(mailDir, f), 'utf8'))?.[1] ?? f)
      : [];
    const resent = ids.length - new Set(ids).size;

    const totalKills = PARTS.reduce((n, p) => n + run.kills[p], 0);
    out();
    out(
      `kills ${totalKills} (${PARTS.map((p) => `${p} ${run.kills[p]}`).join(', ')}); cases ${run.driven.length}, completed ${completed}; lost ${lost}; duplicated ${duplicated}; stuck ${stuck}; died by themselves meanwhile: ${PARTS.map((p) => `${p} ${run.diedByThemselves[p]}`).join(', ')}`,
    );
    out(
      `client: ${run.figures.retries} retries (${run.figures.droppedAnswers} dropped answers, ${run.figures.serviceUnavailable} × 503, ${run.figures.serverErrors} × 5xx); mails: ${mails.length} letter mails queued once each, ${doubleMails} twice, ${unsent} unsent; the catcher got ${ids.length}, ${resent} again under the same Message-ID; payments: ${payments}, one per granted case (checked above)`,
    );
    for (const [what, count] of run.figures.serverErrorAnswers) out(`  5xx ×${count}: ${what}`);
    for (const p of problems.slice(0, 30)) out(`  ${p}`);
    if (lost + duplicated + stuck > 0) process.exitCode = 1;
  } finally {
    await connection.close();
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
