import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseWorkflowInput } from '../api/case-workflows';
import { followingMonth } from '../domain/benefit-months';
import type { ProcedureStep } from '../domain/case-steps';
import type { Database } from '../platform/database';
import { CaseDriver, type Income } from '../test/support/case-driver';
import { enrolmentWorkflowId } from '../workflows/definitions';
import { dibaoEnrolment } from '../workflows/dibao-enrolment';
import type { Measurements } from './measurements';
import { pollUntil } from './polling';

/** The amount the bench's county approval grants (the fixture household's benefit). */
const APPROVED_MONTHLY_YUAN = 1660;
const RECERTIFICATIONS = 2;
const UNCHANGED_INCOMES: Income[] = [{ memberIndex: 0, kind: 'wages', amountYuan: 300, period: 'monthly' }];

export const NOTICE_SHORTCUT_REASON = 'bench: notice period not waited';
export const STOP_MONTH_SHORTCUT_REASON = "bench: stop at the next month's start not waited";

export interface HouseholdContext {
  /** Its client's handles time every Update (see update-timing.ts). */
  env: TestWorkflowEnvironment;
  db: Database;
  taskQueue: string;
  measurements: Measurements;
}

export interface HouseholdWorkflows {
  applicationId: string;
  enrolmentId: string;
  /** The Updates sent, in order. */
  updates: string[];
}

export function reachStep(driver: CaseDriver, step: ProcedureStep) {
  return pollUntil(async () => (await driver.view()).currentStep === step, `step ${step}`);
}

/** Terminates once no activity is in flight, so none is left running against a closed workflow. */
export async function terminateWhenIdle(
  handle: WorkflowHandle,
  reason: string,
  patience?: Patience,
): Promise<void> {
  await pollUntil(
    async () => {
      const { raw } = await handle.describe();
      return (raw.pendingActivities?.length ?? 0) === 0;
    },
    `activities of ${handle.workflowId} to finish`,
    patience?.timeoutMs,
    patience?.intervalMs,
  );
  await handle.terminate(reason);
}

/**
 * How long and how often a household's driver asks (the defaults: 60 s, every 10 ms); with
 * thousands of households, longer and less often. `enrolled` waits for the enrolment's start in
 * place of polling its row (the HTTP bench's one watch for every waiting case).
 */
export interface Patience {
  timeoutMs: number;
  intervalMs: number;
  enrolled?: (caseNo: string) => Promise<void>;
}

/**
 * The county's approval as the application workflow would record it after the 7-day notice:
 * the application run ends, the enrolment starts with the approved amount from next month.
 */
export async function enrolWithoutNotice(
  c: CaseDriver,
  ctx: Pick<HouseholdContext, 'env' | 'db' | 'taskQueue'>,
  patience?: Patience,
): Promise<CaseDriver> {
  await terminateWhenIdle(c.handle, NOTICE_SHORTCUT_REASON, patience);
  const { workflowId: _applicationId, ...input } = await caseWorkflowInput(ctx.db, c.caseId);
  await ctx.env.client.workflow.start(dibaoEnrolment, {
    workflowId: enrolmentWorkflowId(input.caseNo),
    taskQueue: ctx.taskQueue,
    args: [
      {
        case: input,
        approved: {
          monthlyAmountYuan: APPROVED_MONTHLY_YUAN,
          benefitStartMonth: followingMonth(Date.now()),
          incomes: [],
        },
      },
    ],
  });
  const e = await c.enrolment();
  if (patience?.enrolled) await patience.enrolled(input.caseNo);
  else
    await pollUntil(
      async () => (await e.row()).nextReviewAt,
      'enrolment started',
      patience?.timeoutMs,
      patience?.intervalMs,
    );
  return e;
}

/** Sends one Update and times its return until the next step is open; records its name in `updates`. */
export type Decide = (
  kind: string,
  send: () => Promise<unknown>,
  nextOpen?: () => Promise<unknown>,
) => Promise<void>;

export function decider(m: Measurements, updates: string[]): Decide {
  return async (kind, send, nextOpen) => {
    await send();
    updates.push(kind);
    const returned = performance.now();
    if (!nextOpen) return;
    await nextOpen();
    m.stepToStep(kind, performance.now() - returned);
  };
}

/** How the driver learns a step is open: by default the workflow's state query. */
export type StepProbe = (driver: CaseDriver, step: ProcedureStep) => Promise<unknown>;

/** The application's four decisions, from acceptance until the public notice is posted. */
export async function runApplicationSteps(
  c: CaseDriver,
  decide: Decide,
  reach: StepProbe = reachStep,
): Promise<void> {
  await decide(
    'acceptance',
    () => c.accept(),
    () => reach(c, 'investigation'),
  );
  await decide(
    'investigation',
    () => c.investigate(UNCHANGED_INCOMES),
    () => reach(c, 'appraisal'),
  );
  await decide(
    'appraisal',
    () => c.appraise(),
    () => reach(c, 'townshipReview'),
  );
  await decide(
    'townshipReview',
    () => c.reviewInTownship(),
    () => reach(c, 'publicNotice'),
  );
}

const FILING_ATTEMPTS = 10;

/**
 * Files the household, again after a pause when Postgres refused the filing's transaction for
 * overload (P2028: no pooled connection within its wait; the transaction did not start, so
 * nothing was written), as a client sends a 503 again. 200 filings at once on the workers'
 * pool failed 163 times without it.
 */
async function fileOnceAdmitted(ctx: HouseholdContext): Promise<CaseDriver> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await CaseDriver.file(ctx.env, ctx.db);
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2028' || attempt >= FILING_ATTEMPTS) throw error;
      ctx.measurements.filingRetries++;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/**
 * One household from application to exit, as staff would drive it through the Updates:
 * the application's four decisions, two out-of-cycle recertifications, a voluntary exit.
 */
export async function runHousehold(ctx: HouseholdContext): Promise<HouseholdWorkflows> {
  const updates: string[] = [];
  const decide = decider(ctx.measurements, updates);
  const c = await fileOnceAdmitted(ctx);
  await runApplicationSteps(c, decide);

  const e = await enrolWithoutNotice(c, ctx);
  for (let review = 0; review < RECERTIFICATIONS; review++) {
    const { cycle } = await e.enrolmentState();
    await decide(
      'reportChange',
      () =>
        e.act('reportChange', 'cun.xizhou', {
          reportedOn: '2027-01-10',
          kind: 'income',
          description: '收入变化，申请复核',
        }),
      () => reachStep(e, 'recertInvestigation'),
    );
    await decide(
      'recertInvestigation',
      () => e.reinvestigate(UNCHANGED_INCOMES),
      () => reachStep(e, 'recertReview'),
    );
    // The review ends the cycle: the next one is a new run (continue-as-new).
    await decide(
      'recertReview',
      () => e.confirmReview(),
      () => pollUntil(async () => (await e.enrolmentState()).cycle > cycle, `cycle ${cycle + 1}`),
    );
  }
  // Answers once the exit notice is written (EXIT_NOTIFIED).
  await decide('requestExit', () =>
    e.act('requestExit', 'xiang.xizhou', {
      reason: 'voluntaryWithdrawal',
      occurredOn: '2027-02-01',
      evidence: '本人书面申请',
    }),
  );
  await terminateWhenIdle(e.handle, STOP_MONTH_SHORTCUT_REASON);
  return { applicationId: c.handle.workflowId, enrolmentId: e.handle.workflowId, updates };
}
