-- 查重 (open claims per person and exclusivity group), gapless case numbers per county, prefix
-- and year, and possible duplicates for the township to confirm or clear.
-- CreateTable
CREATE TABLE "OpenClaim" (
    "idNumber" TEXT NOT NULL,
    "exclusivityGroup" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenClaim_pkey" PRIMARY KEY ("idNumber","exclusivityGroup")
);

-- CreateTable
CREATE TABLE "CaseNumberCounter" (
    "countyId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "lastSerial" INTEGER NOT NULL,

    CONSTRAINT "CaseNumberCounter_pkey" PRIMARY KEY ("countyId","prefix","year")
);

-- CreateTable
CREATE TABLE "PossibleDuplicate" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "otherCaseId" TEXT NOT NULL,
    "otherMemberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "reasons" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PossibleDuplicate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OpenClaim_caseId_idx" ON "OpenClaim"("caseId");

-- CreateIndex
CREATE INDEX "PossibleDuplicate_otherCaseId_idx" ON "PossibleDuplicate"("otherCaseId");

-- CreateIndex
CREATE UNIQUE INDEX "PossibleDuplicate_caseId_memberId_otherMemberId_key" ON "PossibleDuplicate"("caseId", "memberId", "otherMemberId");

-- CreateIndex
CREATE INDEX "HouseholdMember_name_birthDate_idx" ON "HouseholdMember"("name", "birthDate");

-- AddForeignKey
ALTER TABLE "OpenClaim" ADD CONSTRAINT "OpenClaim_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PossibleDuplicate" ADD CONSTRAINT "PossibleDuplicate_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PossibleDuplicate" ADD CONSTRAINT "PossibleDuplicate_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "HouseholdMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PossibleDuplicate" ADD CONSTRAINT "PossibleDuplicate_otherCaseId_fkey" FOREIGN KEY ("otherCaseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PossibleDuplicate" ADD CONSTRAINT "PossibleDuplicate_otherMemberId_fkey" FOREIGN KEY ("otherMemberId") REFERENCES "HouseholdMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill: every open case claims its members, the earliest application first. DIBAO_URBAN,
-- DIBAO_RURAL and TEKUN share the group basicLiving (domain/programmes.ts).
INSERT INTO "OpenClaim" ("idNumber", "exclusivityGroup", "caseId", "claimedAt")
SELECT DISTINCT ON (m."idNumber", g."group") m."idNumber", g."group", c."id", c."appliedAt"
FROM "Case" c
JOIN "HouseholdMember" m ON m."householdId" = c."householdId"
CROSS JOIN LATERAL (
  SELECT CASE WHEN c."programmeCode"::text IN ('DIBAO_URBAN', 'DIBAO_RURAL', 'TEKUN') THEN 'basicLiving'
              ELSE c."programmeCode"::text END AS "group"
) g
WHERE c."closedAt" IS NULL
ORDER BY m."idNumber", g."group", c."appliedAt", c."caseNo";

-- Open cases that already hold a person another open case claimed: flagged for the township.
INSERT INTO "PossibleDuplicate" ("id", "caseId", "memberId", "otherCaseId", "otherMemberId", "kind")
SELECT gen_random_uuid()::text, c."id", m."id", oc."caseId", om."id", 'sameIdNumber'
FROM "Case" c
JOIN "HouseholdMember" m ON m."householdId" = c."householdId"
CROSS JOIN LATERAL (
  SELECT CASE WHEN c."programmeCode"::text IN ('DIBAO_URBAN', 'DIBAO_RURAL', 'TEKUN') THEN 'basicLiving'
              ELSE c."programmeCode"::text END AS "group"
) g
JOIN "OpenClaim" oc ON oc."idNumber" = m."idNumber" AND oc."exclusivityGroup" = g."group" AND oc."caseId" <> c."id"
JOIN "Case" holder ON holder."id" = oc."caseId"
JOIN "HouseholdMember" om ON om."householdId" = holder."householdId" AND om."idNumber" = m."idNumber"
WHERE c."closedAt" IS NULL
ON CONFLICT DO NOTHING;

-- Numbers go on from the highest issued, and the global sequence that left gaps is dropped.
INSERT INTO "CaseNumberCounter" ("countyId", "prefix", "year", "lastSerial")
SELECT split_part("caseNo", '-', 2), split_part("caseNo", '-', 1), split_part("caseNo", '-', 3)::int,
       max(split_part("caseNo", '-', 4)::int)
FROM "Case"
GROUP BY 1, 2, 3;

DROP SEQUENCE case_number_seq;
