import type { Client } from 'pg';

/**
 * A care home 敬老院 in every rural township that has none (40 beds: half for those who look
 * after themselves, 30 % partial loss, 20 % full loss), and 特困 people being supported placed
 * in 85 % of their county's beds (集中供养); the others stay at home (分散供养).
 */
const BEDS_PER_HOME = 40;

const HOMES = `
INSERT INTO "OrgUnit" (id, name, level, "parentId", path, "isUrban", email)
SELECT t.id || '-JLY', t.name || '敬老院', 'CARE_HOME', t.id, t.path || t.id || '-JLY/', false,
       lower(t.id) || '-jly@units.jiuzhu.local'
FROM "OrgUnit" t
WHERE t.level = 'TOWNSHIP' AND NOT t."isUrban" AND NOT EXISTS (SELECT 1 FROM "OrgUnit" h WHERE h.id = t.id || '-JLY');

INSERT INTO "CareHome" (id, "countyId", "townshipId", name, address, "staffCount")
SELECT h.id, t."parentId", t.id, h.name, t.name || '政府旁', 4
FROM "OrgUnit" h JOIN "OrgUnit" t ON t.id = h."parentId"
WHERE h.level = 'CARE_HOME' AND NOT EXISTS (SELECT 1 FROM "CareHome" c WHERE c.id = h.id);

INSERT INTO "CareHomeBed" (id, "homeId", label, "careLevel")
SELECT md5('bed-' || h.id || '-' || n)::uuid::text, h.id, (1 + (n - 1) / 10) || '-' || lpad((1 + (n - 1) % 10)::text, 2, '0'),
       CASE WHEN n <= ${BEDS_PER_HOME / 2} THEN 'selfCare' WHEN n <= ${(BEDS_PER_HOME * 8) / 10} THEN 'partialLoss'
            ELSE 'fullLoss' END
FROM "CareHome" h CROSS JOIN generate_series(1, ${BEDS_PER_HOME}) AS n
WHERE NOT EXISTS (SELECT 1 FROM "CareHomeBed" b WHERE b."homeId" = h.id);
`;

const PLACEMENTS = `
INSERT INTO "CarePlacement" (id, "caseId", "personId", "homeId", "bedId", "careLevel", status, "placedAt", "idempotencyKey")
SELECT md5('placement-' || person.i)::uuid::text, person.case_id::text, md5('member-' || person.i || '-1')::uuid::text,
       bed."homeId", bed.id, bed."careLevel", 'PLACED', person.decided_at + interval '10 days',
       'bench/placement/' || person.i
FROM (
  SELECT p.i, p.case_id, p.county_id, p.decided_at,
         row_number() OVER (PARTITION BY p.county_id ORDER BY bench_r(p.i, 70)) AS n
  FROM bench_plan p WHERE p.programme = 'TEKUN' AND p.fate = 'enrolled'
) AS person
JOIN (
  SELECT b.id, b."homeId", b."careLevel", h."countyId",
         row_number() OVER (PARTITION BY h."countyId" ORDER BY b.id) AS n,
         count(*) OVER (PARTITION BY h."countyId") AS beds
  FROM "CareHomeBed" b JOIN "CareHome" h ON h.id = b."homeId"
  WHERE b."occupantPlacementId" IS NULL AND b."heldByOfferId" IS NULL
) AS bed ON bed."countyId" = person.county_id AND bed.n = person.n AND bed.n <= bed.beds * 0.85;

UPDATE "CareHomeBed" b SET "occupantPlacementId" = p.id, "vacantSince" = NULL
FROM "CarePlacement" p WHERE p."bedId" = b.id AND p.status = 'PLACED' AND p."idempotencyKey" LIKE 'bench/%';
`;

export async function writeCareHomes(client: Client): Promise<void> {
  await client.query(HOMES);
  await client.query(PLACEMENTS);
}
