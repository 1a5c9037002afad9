import type { Client } from 'pg';

/**
 * Households and their members, one household per case as intake writes them: 低保 households
 * of 1–5 (a quarter each of 1, 2 and 3, then 15 % of 4 and 10 % of 5), 特困 people alone
 * (one in twenty with a sibling). Names from common surnames of the prefecture; ID numbers of
 * the county with a valid check digit.
 */

const SURNAMES = `ARRAY['杨','李','赵','段','张','王','何','施','罗','尹','董','苏','字','鲁','毕','陈','刘','马','周','郭']`;
const GIVEN = `ARRAY['秀','英','志','强','桂','兰','玉','珍','国','华','建','明','丽','春','海','云','凤','仙','金','文','正','学','德','福']`;

/** A member's name: the household's surname (a spouse's own), two given characters. */
export function memberName(i: string, m: string): string {
  return `(${SURNAMES})[1 + floor(bench_r(CASE WHEN ${m} = 2 THEN ${i} * 10 + 2 ELSE ${i} END, 20) * 20)::int]
    || (${GIVEN})[1 + floor(bench_r(${i} * 10 + ${m}, 22) * 24)::int]
    || (${GIVEN})[1 + floor(bench_r(${i} * 10 + ${m}, 23) * 24)::int]`;
}

const MEMBERS = `CASE WHEN p.family = 'tekun' THEN (CASE WHEN bench_r(p.i, 24) < 0.95 THEN 1 ELSE 2 END)
  WHEN bench_r(p.i, 24) < 0.25 THEN 1 WHEN bench_r(p.i, 24) < 0.5 THEN 2 WHEN bench_r(p.i, 24) < 0.75 THEN 3
  WHEN bench_r(p.i, 24) < 0.9 THEN 4 ELSE 5 END`;

const HOUSEHOLDS = `
INSERT INTO "Household" (id, "countyId", "townshipId", "villageId", address, phone, "singleParentFamily", "createdAt")
SELECT p.household_id::text, p.county_id, p.township_id, p.village_id,
       p.village_name || (1 + floor(bench_r(p.i, 25) * 12))::int || '组' || (1 + floor(bench_r(p.i, 26) * 80))::int || '号',
       '13' || lpad((floor(bench_r(p.i, 27) * 1e9))::bigint::text, 9, '0'),
       p.family = 'dibao' AND bench_r(p.i, 28) < 0.06,
       p.applied_at
FROM bench_plan p`;

const MEMBER_ROWS = `
INSERT INTO "HouseholdMember" (id, "householdId", name, "idNumber", relation, "birthDate", sex,
  "disabilityGrade", "disabilityKind", "labourCapacity", health, "inSchool", "livesTogether")
SELECT md5('member-' || q.i || '-' || q.m)::uuid::text, q.household_id::text, ${memberName('q.i', 'q.m')},
       bench_id_number(q.county_id || to_char(q.birth, 'YYYYMMDD') || lpad(q.serial::text, 3, '0')),
       q.relation::"Relation", q.birth, CASE WHEN q.serial % 2 = 1 THEN 'male' ELSE 'female' END,
       CASE WHEN bench_r(q.i * 10 + q.m, 31) < 0.08 THEN 1 + floor(bench_r(q.i * 10 + q.m, 32) * 4)::int END,
       CASE WHEN bench_r(q.i * 10 + q.m, 31) < 0.08 THEN 'physical' END,
       (CASE WHEN q.age >= 60 OR q.age < 16 OR q.family = 'tekun' THEN 'NONE'
             WHEN bench_r(q.i * 10 + q.m, 33) < 0.3 THEN 'PARTIAL' ELSE 'FULL' END)::"LabourCapacity",
       (CASE WHEN bench_r(q.i * 10 + q.m, 34) < 0.06 THEN 'SERIOUS_ILLNESS'
             WHEN bench_r(q.i * 10 + q.m, 34) < 0.3 THEN 'CHRONIC' ELSE 'HEALTHY' END)::"HealthStatus",
       CASE WHEN q.age BETWEEN 7 AND 15 THEN 'compulsory' WHEN q.age BETWEEN 16 AND 18 THEN 'highSchool' END,
       true
FROM (
  SELECT p.i, p.household_id, p.county_id, p.family, m,
         CASE WHEN m = 1 THEN 'APPLICANT' WHEN m = 2 AND p.family = 'tekun' THEN 'SIBLING'
              WHEN m = 2 THEN 'SPOUSE' ELSE 'CHILD' END AS relation,
         a.age, $1::date - make_interval(years => a.age, days => floor(bench_r(p.i * 10 + m, 30) * 360)::int) AS birth,
         1 + floor(bench_r(p.i * 10 + m, 35) * 998)::int AS serial
  FROM bench_plan p
  CROSS JOIN LATERAL generate_series(1, ${MEMBERS}) AS m
  CROSS JOIN LATERAL (SELECT CASE
    WHEN m = 1 AND p.family = 'tekun' AND bench_r(p.i, 29) < 0.05 THEN 8 + floor(bench_r(p.i, 36) * 8)::int
    WHEN m = 1 AND p.family = 'tekun' THEN 60 + floor(bench_r(p.i, 36) * 35)::int
    WHEN m = 1 THEN 22 + floor(bench_r(p.i, 36) * 62)::int
    WHEN m = 2 AND p.family = 'tekun' THEN 55 + floor(bench_r(p.i * 10 + 2, 36) * 35)::int
    WHEN m = 2 THEN 20 + floor(bench_r(p.i * 10 + 2, 36) * 62)::int
    ELSE 1 + floor(bench_r(p.i * 10 + m, 36) * 20)::int END AS age) AS a
) AS q`;

export async function writeHouseholds(client: Client, today: string): Promise<void> {
  await client.query(HOUSEHOLDS);
  await client.query(MEMBER_ROWS, [today]);
}
