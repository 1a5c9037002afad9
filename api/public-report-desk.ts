import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Database } from '../platform/database';
import { tipOffVerification, tipOffWorkflowId } from '../workflows/tip-off-verification';
import { HttpError } from './http-error';
import { PostgresRateLimitStore } from './rate-limit-store';
import { fileReport, type PublicReport } from './tip-offs';
import { TipOffChallenges } from './tip-off-challenges';

/** Reports one address may file in an hour (the page and the JSON route together; refused ones not counted). */
export const REPORTS_PER_HOUR = 5;
/** Challenges one address may fetch in an hour. */
export const CHALLENGES_PER_HOUR = 120;

/**
 * The public desk of 举报/投诉, shared by the page and its JSON twin: the rate limits per address
 * (kept in Postgres, so every API process counts the same), the proof-of-work challenges, and
 * the filing, which starts the report's verification workflow.
 */
export interface PublicReportDesk {
  challenges: TipOffChallenges;
  limitChallenges: RequestHandler;
  /** Counts a report of the address whose proof of work was good; over the limit 429. */
  countReport(ip: string | undefined): Promise<void>;
  file(report: PublicReport): Promise<{ receiptNo: string }>;
}

const HOUR_MS = 60 * 60_000;
const tooMany = () =>
  new HttpError(429, 'rate_limited', '提交过于频繁，请一小时后再试 (too many requests from this address)');

function limiter(db: Database, prefix: string, limit: number): RequestHandler {
  return rateLimit({
    windowMs: HOUR_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new PostgresRateLimitStore(db),
    keyGenerator: (req) => `${prefix}:${ipKeyGenerator(req.ip ?? '')}`,
    handler: () => {
      throw tooMany();
    },
  });
}

export function publicReportDesk(deps: {
  db: Database;
  temporal: Client;
  taskQueue: string;
  secret: string;
}): PublicReportDesk {
  const reports = new PostgresRateLimitStore(deps.db);
  reports.init({ windowMs: HOUR_MS });
  return {
    challenges: new TipOffChallenges(deps.secret),
    limitChallenges: limiter(deps.db, 'tip-off-challenge', CHALLENGES_PER_HOUR),
    // Reports count once their proof of work is good: a refused one (a bad field, a bad
    // challenge) costs the server one HMAC and does not use up the address's reports.
    async countReport(ip) {
      const { totalHits } = await reports.increment(`tip-off-report:${ipKeyGenerator(ip ?? '')}`);
      if (totalHits > REPORTS_PER_HOUR) throw tooMany();
    },
    async file(report) {
      const { receiptNo } = await fileReport(deps.db, report);
      try {
        await deps.temporal.workflow.start(tipOffVerification, {
          workflowId: tipOffWorkflowId(receiptNo),
          taskQueue: deps.taskQueue,
          args: [{ receiptNo }],
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      }
      return { receiptNo };
    },
  };
}

/** Spends the body's challenge; a bad, expired or replayed one answers 400 naming the field. */
export async function redeemChallenge(
  desk: PublicReportDesk,
  db: Database,
  report: PublicReport,
): Promise<void> {
  const refusal = await desk.challenges.redeem(db, report.challenge, report.nonce);
  if (refusal) {
    const field = `body.${refusal.field}`;
    throw new HttpError(400, 'invalid_input', `${field}: ${refusal.message}`, [
      { field, message: refusal.message },
    ]);
  }
}
