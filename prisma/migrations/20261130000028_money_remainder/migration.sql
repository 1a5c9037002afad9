-- Pairing assistance (jiedui bangfu): a unit or volunteer paired with an enrolled household,
-- and the visits and help recorded on the pairing with the hours served.

CREATE TABLE "Pairing" (
  "id" TEXT NOT NULL,
  "countyId" TEXT NOT NULL,
  "townshipId" TEXT NOT NULL,
  "householdId" TEXT NOT NULL,
  "caseId" TEXT NOT NULL,
  "helperKind" TEXT NOT NULL,
  "helperName" TEXT NOT NULL,
  "startedOn" DATE NOT NULL,
  "createdBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "Pairing_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "Pairing_helperKind_check" CHECK ("helperKind" IN ('UNIT', 'VOLUNTEER'))
);
CREATE UNIQUE INDEX "Pairing_householdId_helperKind_helperName_key" ON "Pairing"("householdId", "helperKind", "helperName");
CREATE INDEX "Pairing_countyId_idx" ON "Pairing"("countyId");

CREATE TABLE "PairingVisit" (
  "id" TEXT NOT NULL,
  "pairingId" TEXT NOT NULL,
  "visitedOn" DATE NOT NULL,
  "help" TEXT NOT NULL,
  "valueYuan" DECIMAL(12,2),
  "hours" DECIMAL(5,1) NOT NULL,
  "recordedBy" TEXT NOT NULL,
  "idempotencyKey" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "PairingVisit_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "PairingVisit_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "PairingVisit_hours_check" CHECK ("hours" >= 0 AND "hours" <= 24),
  CONSTRAINT "PairingVisit_valueYuan_check" CHECK ("valueYuan" IS NULL OR "valueYuan" >= 0)
);
CREATE UNIQUE INDEX "PairingVisit_idempotencyKey_key" ON "PairingVisit"("idempotencyKey");
CREATE INDEX "PairingVisit_pairingId_idx" ON "PairingVisit"("pairingId");
