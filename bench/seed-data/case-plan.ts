import type { Client } from 'pg';

/**
 * The plan of every case to seed, one row per case, computed in one statement from
 * generate_series and the deterministic `bench_r(i, salt)`: its village, programme, fate,
 * status, open step with its due date on the working-day index, and its dates. Households,
 * members, cases, events and referrals are then written from it.
 *
 * The distribution (of cases filed since 2019 in a prefecture of about 3.5 million people):
 * - programme: in communities 88 % 城市低保, 12 % 特困; in villages 84 % 农村低保, 16 % 特困;
 *   大理市's villages twice as many cases as the others';
 * - fate: 5 % applications in progress, 3 % not accepted, 6 % refused, 34 % enrolled and since
 *   exited, 52 % enrolled now (86 % between reviews, 9 % in a review, 3 % phasing out,
 *   2 % on a termination notice or notified of the exit);
 * - an application at each step in proportion to how long the step takes; one open step in five
 *   (one review in four) past its deadline, overdue by 1 + an exponential of mean 6 working days;
 * - processing time of a decided application: 0–3 days not accepted, else about 10–50 days
 *   (mean 30), one in twenty up to 60 days longer.
 */

/** Each programme family's application steps in order, with status, assignee, limit and share. */
const STAGES = `(VALUES
  ('dibao', 0, 'acceptance',         'SUBMITTED',        'township', 3,  0, 0.00, 0.12),
  ('dibao', 1, 'investigation',      'INVESTIGATING',    'township', 10, 1, 0.12, 0.40),
  ('dibao', 2, 'appraisal',          'APPRAISING',       'village',  5,  2, 0.40, 0.52),
  ('dibao', 3, 'townshipReview',     'TOWNSHIP_REVIEW',  'township', 5,  3, 0.52, 0.62),
  ('dibao', 4, 'publicNotice',       'ON_NOTICE',        'village',  0,  4, 0.62, 0.75),
  ('dibao', 5, 'objectionReview',    'OBJECTION_REVIEW', 'township', 5,  5, 0.75, 0.77),
  ('dibao', 6, 'countyApproval',     'COUNTY_APPROVAL',  'county',   10, 5, 0.77, 1.01),
  ('tekun', 0, 'acceptance',         'SUBMITTED',        'township', 3,  0, 0.00, 0.12),
  ('tekun', 1, 'tekunInvestigation', 'INVESTIGATING',    'township', 15, 1, 0.12, 0.52),
  ('tekun', 2, 'publicNotice',       'ON_NOTICE',        'village',  0,  2, 0.52, 0.67),
  ('tekun', 3, 'objectionReview',    'OBJECTION_REVIEW', 'township', 5,  3, 0.67, 0.70),
  ('tekun', 4, 'countyApproval',     'COUNTY_APPROVAL',  'county',   10, 3, 0.70, 1.01)
) AS s(family, k, step, status, assignee, lim, passed, lo, hi)`;

/** Weighted villages, and 65,536 slots mapping a hash to a village in proportion to its weight. */
const VILLAGES = `
CREATE UNLOGGED TABLE bench_village AS
SELECT row_number() OVER (ORDER BY v.id) AS vn, v.id AS village_id, v.name AS village_name,
       v."parentId" AS township_id, t."parentId" AS county_id, v.path AS village_path,
       v."isUrban" AS urban,
       (0.4 + bench_r(hashtext(v.id), 11) * 1.2) * CASE WHEN t."parentId" = '532901' THEN 2 ELSE 1 END AS weight
FROM "OrgUnit" v JOIN "OrgUnit" t ON t.id = v."parentId"
WHERE v.level = 'VILLAGE';

CREATE UNLOGGED TABLE bench_slot AS
WITH c AS (
  SELECT vn, sum(weight) OVER (ORDER BY vn) / sum(weight) OVER () AS hi,
         (sum(weight) OVER (ORDER BY vn) - weight) / sum(weight) OVER () AS lo
  FROM bench_village
)
SELECT generate_series(floor(lo * 65536)::int, floor(hi * 65536)::int - 1) AS slot, vn FROM c;
CREATE UNIQUE INDEX ON bench_slot (slot);

-- The working day of each ordinal, and today's ordinal, per county.
CREATE UNLOGGED TABLE bench_day AS
SELECT "countyId" AS county_id, ordinal, date FROM "WorkingDay" WHERE working;
CREATE UNIQUE INDEX ON bench_day (county_id, ordinal);
`;

const PLAN = `
CREATE UNLOGGED TABLE bench_plan AS
WITH base AS (
  SELECT i, v.*,
         CASE WHEN v.urban THEN (CASE WHEN bench_r(i, 1) < 0.88 THEN 'DIBAO_URBAN' ELSE 'TEKUN' END)
              ELSE (CASE WHEN bench_r(i, 1) < 0.84 THEN 'DIBAO_RURAL' ELSE 'TEKUN' END) END AS programme,
         CASE WHEN bench_r(i, 2) < 0.05 THEN 'applying'
              WHEN bench_r(i, 2) < 0.08 THEN 'notAccepted'
              WHEN bench_r(i, 2) < 0.14 THEN 'refused'
              WHEN bench_r(i, 2) < 0.48 THEN 'exited'
              ELSE 'enrolled' END AS fate,
         bench_r(i, 3) AS r_stage, bench_r(i, 4) AS r_over, bench_r(i, 5) AS r_age,
         bench_r(i, 6) AS r_time, bench_r(i, 12) AS r_status, bench_r(i, 13) AS r_exit
  FROM generate_series(1, $1::bigint) AS i
  JOIN bench_slot s ON s.slot = (hashint8extended(i, 0) & 65535)
  JOIN bench_village v ON v.vn = s.vn
),
typed AS (
  SELECT b.*, CASE WHEN programme = 'TEKUN' THEN 'tekun' ELSE 'dibao' END AS family,
         CASE WHEN fate <> 'enrolled' THEN NULL
              WHEN r_status < 0.86 THEN 'ENROLLED'
              WHEN r_status < 0.95 THEN 'RECERTIFYING'
              WHEN r_status < 0.98 THEN (CASE WHEN programme = 'TEKUN' THEN 'ENROLLED' ELSE 'PHASING_OUT' END)
              WHEN r_status < 0.992 THEN 'TERMINATION_ON_NOTICE'
              ELSE 'EXIT_NOTIFIED' END AS enrolled_status
  FROM base b
),
stepped AS (
  -- The step open now: an application's stage, or an enrolled case's review.
  SELECT t.*,
         CASE WHEN fate = 'applying' THEN s.step
              WHEN enrolled_status = 'RECERTIFYING' THEN
                CASE WHEN t.family = 'tekun' THEN 'tekunReview'
                     WHEN bench_r(i, 14) < 0.6 THEN 'recertInvestigation' ELSE 'recertReview' END
         END AS step,
         s.k AS stage, s.status AS stage_status, s.assignee AS stage_assignee, s.passed AS stage_passed,
         CASE WHEN fate = 'applying' THEN s.lim
              WHEN enrolled_status = 'RECERTIFYING' THEN
                CASE WHEN t.family = 'tekun' OR bench_r(i, 14) < 0.6 THEN 10 ELSE 5 END
         END AS lim,
         CASE WHEN fate = 'applying' THEN 0.20 ELSE 0.25 END AS overdue_share
  FROM typed t
  LEFT JOIN ${STAGES} ON t.fate = 'applying' AND s.family = t.family AND t.r_stage >= s.lo AND t.r_stage < s.hi
),
aged AS (
  -- X: working days since the step opened; past the limit for the overdue share.
  SELECT st.*, today.ordinal AS today_ord,
         CASE WHEN step IS NULL OR step = 'publicNotice' THEN NULL
              WHEN r_over < overdue_share THEN lim + 1 + least(150, floor(-ln(1 - r_age) * 6))::int
              ELSE floor(r_age * (lim + 1))::int END AS x
  FROM stepped st
  JOIN "WorkingDay" today ON today."countyId" = st.county_id AND today.date = $2::date
),
dated AS (
  SELECT a.*,
         CASE WHEN step = 'publicNotice' THEN $2::date - floor(r_age * 7)::int ELSE opened.date END AS opened_date,
         CASE WHEN step = 'publicNotice' THEN $2::date - floor(r_age * 7)::int + 7 ELSE due.date END AS due_date,
         overall.date AS overall_due_date
  FROM aged a
  LEFT JOIN bench_day opened ON opened.county_id = a.county_id AND opened.ordinal = a.today_ord - a.x
  LEFT JOIN bench_day due ON due.county_id = a.county_id AND due.ordinal = a.today_ord - a.x + a.lim
  LEFT JOIN bench_day overall ON a.fate = 'applying' AND a.stage >= 1
       AND overall.county_id = a.county_id
       AND overall.ordinal = a.today_ord - coalesce(a.x, floor(a.r_age * 5)::int) - a.stage_passed * 4 + 30
),
timed AS (
  SELECT d.*,
         d.opened_date + make_interval(mins => 540 + floor(bench_r(i, 15) * 480)::int) - interval '8 hours' AS opened_at,
         -- Calendar days from application to decision.
         CASE WHEN fate = 'notAccepted' THEN floor(bench_r(i, 7) * 4)::int
              ELSE 10 + floor((bench_r(i, 7) + bench_r(i, 8) + bench_r(i, 9)) / 3 * 40)::int
                   + CASE WHEN bench_r(i, 10) < 0.05 THEN floor(bench_r(i, 11) * 60)::int ELSE 0 END
         END AS processing_days
  FROM dated d
),
applied AS (
  SELECT t.*,
         CASE WHEN fate = 'applying' AND stage = 0 THEN opened_at
              WHEN fate = 'applying' THEN opened_at - make_interval(days => stage_passed * 5 + floor(r_time * 4)::int)
              ELSE timestamp '2019-01-01 01:00' + (($2::date - 120 - date '2019-01-01') * r_time) * interval '1 day'
         END AS applied_at
  FROM timed t
),
decided AS (
  SELECT a.*,
         CASE WHEN fate = 'applying' THEN NULL
              ELSE applied_at + make_interval(days => processing_days, mins => floor(bench_r(i, 16) * 480)::int)
         END AS decided_at
  FROM applied a
),
exiting AS (
  SELECT d.*,
         CASE WHEN fate = 'exited'
              THEN decided_at + greatest(1, (($2::date - 1 - decided_at::date) * r_exit)::int) * interval '1 day'
         END AS exited_at
  FROM decided d
),
fated AS (
  SELECT e.*,
         -- Yearly reviews since enrolment, at most three in the event log.
         CASE WHEN fate IN ('enrolled', 'exited')
              THEN least(3, floor(extract(epoch FROM coalesce(exited_at, $2::date::timestamp) - decided_at)
                                  / (365.25 * 86400))::int)
              ELSE 0 END AS reviews,
         -- Application steps decided before the open step or the decision.
         CASE WHEN fate = 'refused' AND family = 'dibao' AND bench_r(i, 17) < 0.4 THEN 3
              WHEN fate = 'notAccepted' THEN 0
              WHEN fate = 'applying' THEN stage_passed
              WHEN family = 'dibao' THEN 5 ELSE 3 END AS passed,
         CASE WHEN fate = 'refused' AND family = 'dibao' AND bench_r(i, 17) < 0.4 THEN 'townshipReview'
              WHEN fate = 'notAccepted' THEN 'acceptance'
              ELSE 'countyApproval' END AS closing_step,
         bench_end_of(due_date) AS due_at,
         coalesce(step <> 'publicNotice' AND due_date < $2::date, false) AS overdue,
         bench_end_of(overall_due_date) AS overall_due_at,
         coalesce(overall_due_date < $2::date, false) AS overall_overdue,
         extract(year FROM applied_at + interval '8 hours')::int AS applied_year
  FROM exiting e
)
SELECT f.*, md5('case-' || f.i)::uuid AS case_id, md5('household-' || f.i)::uuid AS household_id,
       -- Case numbers read <prefix>-<county>-<year>-<serial>, the serial counted per year.
       CASE WHEN programme = 'TEKUN' THEN 'TK' ELSE 'DB' END || '-' || county_id || '-' || applied_year || '-'
         || lpad((row_number() OVER (PARTITION BY applied_year ORDER BY i))::text, 6, '0') AS case_no
FROM fated f
`;

export async function buildCasePlan(client: Client, cases: number, today: string): Promise<void> {
  await client.query(VILLAGES);
  await client.query(PLAN, [cases, today]);
  await client.query('CREATE UNIQUE INDEX ON bench_plan (i)');
  await client.query('ANALYZE bench_plan');
}

export async function dropCasePlan(client: Client): Promise<void> {
  await client.query('DROP TABLE IF EXISTS bench_plan, bench_village, bench_slot, bench_day');
}
