import type { Client } from 'pg';

/**
 * Each case's event log, in the order the workflows write it: the application; each
 * application step decided (a notice ended for 公示); then the open step with its overdue
 * mark, or the decision 办结 — and, once enrolled, the enrolment, a review a year (two events
 * each, at most three reviews), and the exit or the state the case is in now. Sequence numbers
 * follow cases.ts's EVENT_COUNT.
 */

const TRAIL = `CASE WHEN p.family = 'tekun' THEN ARRAY['acceptance','tekunInvestigation','publicNotice']
  ELSE ARRAY['acceptance','investigation','appraisal','townshipReview','publicNotice'] END`;

const ROLE_NAMES = `CASE e.role WHEN 'VILLAGE_ASSISTANT' THEN '村协理员' WHEN 'TOWNSHIP_OFFICER' THEN '乡镇经办'
  WHEN 'COUNTY_APPROVER' THEN '县民政局审批' END`;

/** One family of events: a SELECT of (case_id, seq, type, step, role, decision, reasons, payload, at). */
function insert(select: string): string {
  return `
INSERT INTO "CaseEvent" ("caseId", seq, type, step, "actorRole", "actorName", decision, reasons, payload,
  "occurredAt", "idempotencyKey")
SELECT e.case_id::text, e.seq, e.type, e.step, e.role, ${ROLE_NAMES},
       e.decision, e.reasons, e.payload, e.at, 'bench/' || e.case_id || '/' || e.seq
FROM (${select}) AS e(case_id, seq, type, step, role, decision, reasons, payload, at)`;
}

const RECEIVED = insert(`
SELECT p.case_id, 1, 'applicationReceived', NULL::text, 'VILLAGE_ASSISTANT', NULL::text, NULL::text,
       jsonb_build_object('channel', 'inPerson', 'members', 1), p.applied_at
FROM bench_plan p`);

const TRAIL_STEPS = insert(`
SELECT p.case_id, 1 + t.j, CASE WHEN t.step = 'publicNotice' THEN 'noticeEnded' ELSE 'stepDecided' END, t.step,
       CASE WHEN t.step = 'publicNotice' THEN NULL WHEN t.step = 'appraisal' THEN 'VILLAGE_ASSISTANT'
            ELSE 'TOWNSHIP_OFFICER' END,
       CASE WHEN t.step = 'publicNotice' THEN NULL WHEN t.step = 'acceptance' THEN 'accept' ELSE 'approve' END,
       NULL::text, NULL::jsonb,
       p.applied_at + (coalesce(p.decided_at, p.opened_at) - p.applied_at) * t.j / (p.passed + 1)
FROM bench_plan p
CROSS JOIN LATERAL unnest((${TRAIL})[1:p.passed]) WITH ORDINALITY AS t(step, j)
WHERE p.passed > 0`);

const OPEN_STEP = insert(`
SELECT p.case_id, 2 + p.passed, 'stepOpened', p.step, NULL::text, NULL::text, NULL::text, NULL::jsonb, p.opened_at
FROM bench_plan p WHERE p.fate = 'applying'
UNION ALL
SELECT p.case_id, 3 + p.passed, 'stepOverdue', p.step, NULL, NULL, NULL, NULL, p.due_at + interval '1 second'
FROM bench_plan p WHERE p.fate = 'applying' AND p.overdue`);

const DECISION = insert(`
SELECT p.case_id, 2 + p.passed, 'caseClosed', p.closing_step,
       CASE WHEN p.closing_step = 'countyApproval' THEN 'COUNTY_APPROVER' ELSE 'TOWNSHIP_OFFICER' END,
       CASE p.fate WHEN 'notAccepted' THEN 'notAccepted' WHEN 'refused' THEN 'refused' ELSE 'enrolled' END,
       CASE p.fate WHEN 'notAccepted' THEN '申请人户籍不在本村，告知向户籍地申请'
                   WHEN 'refused' THEN '家庭人均收入高于当地保障标准' END,
       CASE WHEN p.fate IN ('enrolled', 'exited') THEN jsonb_build_object('monthlyAmountYuan', 500) END,
       p.decided_at
FROM bench_plan p WHERE p.fate <> 'applying'`);

const ENROLMENT = insert(`
SELECT p.case_id, 3 + p.passed, 'enrolmentStarted', NULL::text, NULL::text, NULL::text, NULL::text, NULL::jsonb,
       p.decided_at + interval '1 minute'
FROM bench_plan p WHERE p.fate IN ('enrolled', 'exited')
UNION ALL
SELECT p.case_id, 3 + p.passed + 2 * r - 1 + half, CASE half WHEN 0 THEN 'reviewStarted' ELSE 'reviewCompleted' END,
       CASE WHEN half = 0 THEN NULL WHEN p.family = 'tekun' THEN 'tekunReview' ELSE 'recertReview' END,
       CASE half WHEN 0 THEN NULL ELSE 'TOWNSHIP_OFFICER' END,
       CASE half WHEN 0 THEN NULL ELSE 'continue' END, NULL, NULL,
       p.decided_at + make_interval(years => r, days => 12 * half)
FROM bench_plan p
CROSS JOIN LATERAL generate_series(1, p.reviews) AS r
CROSS JOIN LATERAL generate_series(0, 1) AS half
WHERE p.reviews > 0`);

/** The exit, or the state an enrolled case is in now. */
const NOW_STATE = insert(`
SELECT p.case_id, 4 + p.passed + 2 * p.reviews + k,
       CASE k WHEN 0 THEN 'exitNotified' ELSE 'enrolmentEnded' END, NULL::text,
       CASE k WHEN 0 THEN 'TOWNSHIP_OFFICER' END, NULL::text, NULL::text, NULL::jsonb,
       CASE k WHEN 0 THEN greatest(p.decided_at + interval '1 day', p.exited_at - interval '12 days')
              ELSE p.exited_at END
FROM bench_plan p CROSS JOIN generate_series(0, 1) AS k WHERE p.fate = 'exited'
UNION ALL
SELECT p.case_id, 4 + p.passed + 2 * p.reviews,
       CASE p.enrolled_status WHEN 'PHASING_OUT' THEN 'phaseOutStarted'
            WHEN 'TERMINATION_ON_NOTICE' THEN 'terminationProposed' ELSE 'exitNotified' END,
       NULL, 'TOWNSHIP_OFFICER', NULL, NULL, NULL,
       greatest(p.decided_at + interval '1 day', $1::date - floor(bench_r(p.i, 50) * 60)::int + time '02:00')
FROM bench_plan p WHERE p.enrolled_status IN ('PHASING_OUT', 'TERMINATION_ON_NOTICE', 'EXIT_NOTIFIED')
UNION ALL
SELECT p.case_id, 4 + p.passed + 2 * p.reviews + k,
       CASE k WHEN 0 THEN 'reviewStarted' WHEN 1 THEN 'stepOpened' ELSE 'stepOverdue' END,
       CASE WHEN k > 0 THEN p.step END, NULL, NULL, NULL, NULL,
       CASE k WHEN 0 THEN p.opened_at - interval '1 minute' WHEN 1 THEN p.opened_at
              ELSE p.due_at + interval '1 second' END
FROM bench_plan p CROSS JOIN generate_series(0, 2) AS k
WHERE p.enrolled_status = 'RECERTIFYING' AND (k < 2 OR p.overdue)`);

export async function writeEvents(
  client: Client,
  today: string,
  progress: (what: string) => void,
): Promise<void> {
  for (const [what, sql] of [
    ['applications received', RECEIVED],
    ['steps decided', TRAIL_STEPS],
    ['open steps', OPEN_STEP],
    ['decisions', DECISION],
    ['enrolments and reviews', ENROLMENT],
  ] as const) {
    await client.query(sql);
    progress(what);
  }
  await client.query(NOW_STATE, [today]);
  progress('exits and current states');
}
