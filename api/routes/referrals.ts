import type { Client } from '@temporalio/client';
import { REFERRAL_NO_PATTERN } from '../../domain/programmes';
import { audit } from '../audit';
import { Router } from 'express';
import { z } from 'zod';
import { maskIdCard } from '../../domain/id-card';
import {
  REFERRAL_KINDS,
  REFERRAL_DEPARTMENTS,
  type ReferralKind,
  type ReferralDepartment,
} from '../../domain/referral-needs';
import {
  FINAL_REFERRAL_STATUSES,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  type ReferralAction,
  type ReferralStatus,
} from '../../domain/referral-steps';
import { localDateSchema } from '../../domain/step-decisions';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { referralUpdates } from '../../workflows/referral-definitions';
import { HttpError, parseInput } from '../http-error';
import { idempotencyKeyHeaderSchema } from '../schemas/case-application';
import { storableBodySchema } from '../schemas/storable-text';
import { requireActor } from '../middleware/authenticate';
import { visibleReferrals } from '../referral-access';
import { referralSummaryByBureau } from '../referral-summaries';
import { loadReferralInbox, localMidnight } from '../referral-inbox';
import { executeStaffUpdate } from '../workflow-updates';

export interface ReferralRoutesDeps {
  db: Database;
  temporal: Client;
}

const referralNoSchema = z.string().regex(REFERRAL_NO_PATTERN, 'not a referral number');
export const refSchema = z.object({ referralNo: referralNoSchema });
export const actionParamsSchema = refSchema.extend({
  action: z.enum(Object.keys(REFERRAL_ACTIONS) as [ReferralAction, ...ReferralAction[]]),
});

const statusSchema = z.enum(Object.keys(REFERRAL_STATUSES) as [ReferralStatus, ...ReferralStatus[]]);

/** The inbox's filters: status (one or a comma-separated list), overdue, due before a date. */
export const inboxQuerySchema = z.object({
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(statusSchema))
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  dueBefore: localDateSchema.optional(),
  department: z
    .enum(Object.keys(REFERRAL_DEPARTMENTS) as [ReferralDepartment, ...ReferralDepartment[]])
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const summaryQuerySchema = z.object({
  /** Referrals sent on or after this date (UTC+8); all by default. */
  since: localDateSchema.optional(),
});

type Row = Awaited<ReturnType<typeof loadVisible>>;

async function loadVisible(db: Database, actor: Actor, referralNo: string) {
  const found = await db.referral.findFirst({
    where: { AND: [{ referralNo }, visibleReferrals(actor)] },
    include: {
      receivingUnit: { select: { name: true } },
      case: {
        select: {
          caseNo: true,
          applicantName: true,
          status: true,
          household: { select: { address: true, village: { select: { name: true } }, members: true } },
        },
      },
      letters: {
        select: { id: true, kind: true, title: true, createdAt: true },
        orderBy: { createdAt: 'asc' },
      },
    },
  });
  // Out of jurisdiction answers exactly like "no such referral".
  if (!found) throw new HttpError(404, 'not_found', '转介不存在 (no such referral)');
  return found;
}

function presentListItem(r: {
  referralNo: string;
  kind: string;
  department: string;
  status: string;
  memberName: string | null;
  reason: string;
  source: string;
  dueAt: Date | null;
  overdue: boolean;
  sentAt: Date | null;
  acceptedAt: Date | null;
  endedAt: Date | null;
  receivingUnit: { name: string };
  case: { caseNo: string; applicantName: string };
}) {
  return {
    referralNo: r.referralNo,
    caseNo: r.case.caseNo,
    applicantName: r.case.applicantName,
    memberName: r.memberName,
    kind: r.kind,
    kindName: REFERRAL_KINDS[r.kind as ReferralKind]?.name ?? r.kind,
    department: r.department,
    receivingUnit: r.receivingUnit.name,
    status: r.status,
    statusName: REFERRAL_STATUSES[r.status as ReferralStatus] ?? r.status,
    reason: r.reason,
    source: r.source,
    dueAt: r.dueAt,
    overdue: r.overdue,
    sentAt: r.sentAt,
    acceptedAt: r.acceptedAt,
    endedAt: r.endedAt,
  };
}

function presentDetail(
  r: Row,
  events: {
    type: string;
    actorName: string | null;
    decision: string | null;
    reasons: string | null;
    occurredAt: Date;
  }[],
) {
  const member = r.case.household.members.find((m) => m.id === r.memberId);
  return {
    ...presentListItem(r),
    handler: r.handler,
    acceptDueAt: r.acceptDueAt,
    completeDueAt: r.completeDueAt,
    outcome: r.outcome,
    household: { village: r.case.household.village.name, address: r.case.household.address },
    member: member && {
      name: member.name,
      idNumber: maskIdCard(member.idNumber),
      relation: member.relation,
      birthDate: member.birthDate.toISOString().slice(0, 10),
    },
    letters: r.letters,
    events: events.map((e) => ({
      type: e.type,
      actor: e.actorName,
      decision: e.decision,
      reasons: e.reasons,
      occurredAt: e.occurredAt,
    })),
  };
}

/**
 * 转介: the department inbox and summary, one referral with its timeline, and the answers
 * (confirm, dismiss, accept, decline, progress, complete) as Updates on its workflow.
 */
export function referralRoutes({ db, temporal }: ReferralRoutesDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    const q = parseInput(inboxQuerySchema, req.query, 'query');
    const { total, rows } = await loadReferralInbox(
      db,
      actor,
      { statuses: q.status, overdue: q.overdue, dueBefore: q.dueBefore, department: q.department },
      { take: q.limit, skip: q.offset },
    );
    res.json({ total, items: rows.map(presentListItem) });
  });

  /** Per receiving bureau: received, open, overdue, median hours to accept and to complete. */
  router.get('/summary', async (req, res) => {
    const actor = requireActor(req.actor);
    const q = parseInput(summaryQuerySchema, req.query, 'query');
    const departments = await referralSummaryByBureau(
      db,
      actor,
      q.since ? localMidnight(q.since) : undefined,
    );
    res.json({ departments });
  });

  router.get('/:referralNo', async (req, res) => {
    const actor = requireActor(req.actor);
    const { referralNo } = parseInput(refSchema, req.params, 'params');
    const found = await loadVisible(db, actor, referralNo);
    const events = await db.caseEvent.findMany({
      where: { caseId: found.caseId, payload: { path: ['referralNo'], equals: referralNo } },
      orderBy: { seq: 'asc' },
    });
    await audit(db, actor, 'read', 'referral', found.id);
    res.json(presentDetail(found, events));
  });

  router.post('/:referralNo/:action', async (req, res) => {
    const actor = requireActor(req.actor);
    const { referralNo, action } = parseInput(actionParamsSchema, req.params, 'params');
    // The workflow's schemas decide the fields; a body that is no object, or holds text
    // Postgres cannot store, is refused here with 400.
    parseInput(storableBodySchema, req.body, 'body');
    const found = await loadVisible(db, actor, referralNo);
    const closed = { code: 'ReferralClosed', message: '转介已办结 (the referral has ended)' };
    if (FINAL_REFERRAL_STATUSES.includes(found.status as ReferralStatus)) {
      throw new HttpError(
        409,
        closed.code,
        `${closed.message}：${REFERRAL_STATUSES[found.status as ReferralStatus]}`,
      );
    }
    const view = await executeStaffUpdate(
      temporal,
      found.workflowId,
      referralUpdates[action],
      { actor, payload: req.body },
      closed,
      parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers')['idempotency-key'],
    );
    res.json(view);
  });

  return router;
}
