-- 灾害救助 disaster relief, second slice: emergency relocation sites 紧急转移安置点 per event, whose
-- occupancy never exceeds their capacity (CHECK, moved by conditional updates), the people
-- registered at a site with the aid given them, and the link from a relocated person to the
-- DISASTER case that pays transitional living aid 过渡期生活救助.

CREATE TYPE "RelocationAidKind" AS ENUM ('FOOD', 'WATER', 'CLOTHING', 'TENT', 'CASH');

CREATE TABLE "RelocationSite" (
  "id" TEXT NOT NULL,
  "eventId" TEXT NOT NULL,
  "countyId" TEXT NOT NULL,
  "townshipId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "address" TEXT NOT NULL,
  "capacity" INTEGER NOT NULL,
  "occupancy" INTEGER NOT NULL DEFAULT 0,
  "createdBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RelocationSite_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "RelocationSite_eventId_countyId_fkey" FOREIGN KEY ("eventId", "countyId") REFERENCES "DisasterEventCounty"("eventId", "countyId") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "RelocationSite_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "RelocationSite_capacity_check" CHECK ("capacity" >= 1 AND "occupancy" >= 0 AND "occupancy" <= "capacity")
);
CREATE UNIQUE INDEX "RelocationSite_eventId_name_key" ON "RelocationSite"("eventId", "name");
CREATE INDEX "RelocationSite_townshipId_idx" ON "RelocationSite"("townshipId");

CREATE TABLE "RelocatedPerson" (
  "id" TEXT NOT NULL,
  "siteId" TEXT NOT NULL,
  "eventId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "idNumber" TEXT,
  "description" TEXT,
  "homeVillageId" TEXT NOT NULL,
  "persons" INTEGER NOT NULL DEFAULT 1,
  "registeredOn" DATE NOT NULL,
  "registeredBy" TEXT NOT NULL,
  "returnedOn" DATE,
  "returnedBy" TEXT,
  "caseId" TEXT,
  "idempotencyKey" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RelocatedPerson_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "RelocatedPerson_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "RelocationSite"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "RelocatedPerson_homeVillageId_fkey" FOREIGN KEY ("homeVillageId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "RelocatedPerson_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "RelocatedPerson_persons_check" CHECK ("persons" BETWEEN 1 AND 20),
  CONSTRAINT "RelocatedPerson_identity_check" CHECK ("idNumber" IS NOT NULL OR "description" IS NOT NULL),
  CONSTRAINT "RelocatedPerson_return_check" CHECK ("returnedOn" IS NULL OR "returnedOn" >= "registeredOn")
);
CREATE INDEX "RelocatedPerson_siteId_returnedOn_idx" ON "RelocatedPerson"("siteId", "returnedOn");
CREATE UNIQUE INDEX "RelocatedPerson_caseId_key" ON "RelocatedPerson"("caseId");
CREATE UNIQUE INDEX "RelocatedPerson_idempotencyKey_key" ON "RelocatedPerson"("idempotencyKey");
-- A known person is at one site of an event at a time.
CREATE UNIQUE INDEX "RelocatedPerson_present_idNumber_key" ON "RelocatedPerson"("eventId", "idNumber")
  WHERE "idNumber" IS NOT NULL AND "returnedOn" IS NULL;

CREATE TABLE "RelocationAid" (
  "id" TEXT NOT NULL,
  "personId" TEXT NOT NULL,
  "kind" "RelocationAidKind" NOT NULL,
  "item" TEXT,
  "quantity" INTEGER,
  "unit" TEXT,
  "amountYuan" DECIMAL(10,2),
  "movementId" TEXT,
  "givenBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RelocationAid_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "RelocationAid_personId_fkey" FOREIGN KEY ("personId") REFERENCES "RelocatedPerson"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "RelocationAid_movementId_fkey" FOREIGN KEY ("movementId") REFERENCES "ReliefMovement"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "RelocationAid_amount_check" CHECK (
    ("kind" = 'CASH' AND "amountYuan" > 0 AND "quantity" IS NULL AND "movementId" IS NULL)
    OR ("kind" <> 'CASH' AND "amountYuan" IS NULL AND "quantity" > 0))
);
CREATE INDEX "RelocationAid_personId_idx" ON "RelocationAid"("personId");
CREATE UNIQUE INDEX "RelocationAid_movementId_key" ON "RelocationAid"("movementId");

-- Aid given is kept as given: a correction is a later entry (the append-only logs trigger function).
CREATE TRIGGER "RelocationAid_append_only"
  BEFORE UPDATE OR DELETE ON "RelocationAid"
  FOR EACH ROW EXECUTE FUNCTION reject_change_to_append_only();
