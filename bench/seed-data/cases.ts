import type { Client } from 'pg';
import { memberName } from './households';

/**
 * The case rows, as the read model holds them: status, open step, assignee unit, due date and
 * overdue flag, the whole procedure's limit, amount and next review while enrolled, closedAt
 * once final. `lastEventSeq` is the number of events `events.ts` writes for the case.
 */

/** How many events events.ts writes for a plan row. */
export const EVENT_COUNT = `1 + p.passed + CASE
  WHEN p.fate = 'applying' THEN 1 + p.overdue::int
  WHEN p.fate IN ('notAccepted', 'refused') THEN 1
  ELSE 2 + 2 * p.reviews + CASE
    WHEN p.fate = 'exited' THEN 2
    WHEN p.enrolled_status = 'RECERTIFYING' THEN 2 + p.overdue::int
    WHEN p.enrolled_status IN ('PHASING_OUT', 'TERMINATION_ON_NOTICE', 'EXIT_NOTIFIED') THEN 1
    ELSE 0 END
  END`;

const CASES = `
INSERT INTO "Case" (id, "caseNo", "programmeCode", "householdId", "countyId", "townshipId", "villageId",
  "applicantName", status, "currentStep", "assigneeUnitId", "dueAt", overdue, "overallDueAt", "overallOverdue",
  "relativeOfStaff", "workflowId", "workflowStartedAt", "monthlyAmount", "nextReviewAt", "createdById",
  "appliedAt", "closedAt", "updatedAt", "lastEventSeq")
SELECT p.case_id::text, p.case_no, p.programme::"ProgrammeCode", p.household_id::text, p.county_id, p.township_id,
       p.village_id, ${memberName('p.i', '1')},
       CASE p.fate WHEN 'applying' THEN p.stage_status WHEN 'notAccepted' THEN 'NOT_ACCEPTED'
                   WHEN 'refused' THEN 'REFUSED' WHEN 'exited' THEN 'EXITED' ELSE p.enrolled_status END,
       p.step,
       CASE WHEN p.step IS NULL THEN NULL
            WHEN p.fate = 'enrolled' OR p.stage_assignee = 'township' THEN p.township_id
            WHEN p.stage_assignee = 'village' THEN p.village_id ELSE p.county_id END,
       p.due_at, p.overdue, p.overall_due_at, p.overall_overdue,
       bench_r(p.i, 40) < 0.01,
       'case-' || p.case_no, p.applied_at,
       CASE WHEN p.fate IN ('enrolled', 'exited')
            THEN CASE WHEN p.family = 'tekun' THEN 1000 + floor(bench_r(p.i, 41) * 900)
                      ELSE 150 + floor(bench_r(p.i, 41) * 1200) END END,
       CASE WHEN p.fate = 'enrolled' AND p.step IS NULL
            THEN $1::date + floor(bench_r(p.i, 42) * 365)::int + time '01:00' END,
       NULL, p.applied_at,
       CASE WHEN p.fate IN ('notAccepted', 'refused') THEN p.decided_at WHEN p.fate = 'exited' THEN p.exited_at END,
       coalesce(p.exited_at, p.opened_at, p.decided_at, p.applied_at),
       ${EVENT_COUNT}
FROM bench_plan p`;

export async function writeCases(client: Client, today: string): Promise<void> {
  await client.query(CASES, [today]);
  // New applications through the API number on from the seeded ones (per county, prefix and year).
  await client.query(`
    INSERT INTO "CaseNumberCounter" ("countyId", "prefix", "year", "lastSerial")
    SELECT split_part(case_no, '-', 2), split_part(case_no, '-', 1), split_part(case_no, '-', 3)::int,
           max(split_part(case_no, '-', 4)::int)
    FROM bench_plan GROUP BY 1, 2, 3
    ON CONFLICT ("countyId", "prefix", "year") DO UPDATE SET "lastSerial" = EXCLUDED."lastSerial"`);
}
