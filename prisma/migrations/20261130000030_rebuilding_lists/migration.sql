-- Village lists (mingdan) for house rebuilding and winter/spring relief after a disaster event,
-- the households proposed on them and the rebuilding instalments paid by stage, once each.

CREATE TABLE "DisasterList" (
  "id" TEXT NOT NULL,
  "eventId" TEXT NOT NULL,
  "kind" TEXT NOT NULL,
  "countyId" TEXT NOT NULL,
  "townshipId" TEXT NOT NULL,
  "villageId" TEXT NOT NULL,
  "caseId" TEXT NOT NULL,
  "createdBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "DisasterList_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "DisasterList_kind_check" CHECK ("kind" IN ('REBUILDING', 'WINTER_RELIEF'))
);
CREATE UNIQUE INDEX "DisasterList_caseId_key" ON "DisasterList"("caseId");
CREATE UNIQUE INDEX "DisasterList_eventId_kind_villageId_key" ON "DisasterList"("eventId", "kind", "villageId");
CREATE INDEX "DisasterList_eventId_idx" ON "DisasterList"("eventId");

CREATE TABLE "DisasterListHousehold" (
  "id" TEXT NOT NULL,
  "listId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "idNumber" TEXT,
  "amountYuan" DECIMAL(10,2) NOT NULL,
  "reason" TEXT NOT NULL,
  "houseDamage" TEXT,
  "removedAt" TEXT,
  "removedWhy" TEXT,
  "caseId" TEXT,
  "approvedYuan" DECIMAL(10,2),
  "stageShares" JSONB,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "DisasterListHousehold_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "DisasterListHousehold_listId_fkey" FOREIGN KEY ("listId") REFERENCES "DisasterList"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "DisasterListHousehold_amount_check" CHECK ("amountYuan" > 0),
  CONSTRAINT "DisasterListHousehold_damage_check" CHECK ("houseDamage" IS NULL OR "houseDamage" IN ('COLLAPSED', 'DAMAGED'))
);
CREATE UNIQUE INDEX "DisasterListHousehold_caseId_key" ON "DisasterListHousehold"("caseId");
CREATE UNIQUE INDEX "DisasterListHousehold_listId_name_key" ON "DisasterListHousehold"("listId", "name");

CREATE TABLE "RebuildingInstalment" (
  "id" TEXT NOT NULL,
  "caseId" TEXT NOT NULL,
  "stage" TEXT NOT NULL,
  "reachedOn" DATE NOT NULL,
  "month" TEXT NOT NULL,
  "amountYuan" DECIMAL(10,2) NOT NULL,
  "recordedBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RebuildingInstalment_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "RebuildingInstalment_stage_check" CHECK ("stage" IN ('started', 'roofOn', 'finished', 'inspected')),
  CONSTRAINT "RebuildingInstalment_amount_check" CHECK ("amountYuan" >= 0)
);
CREATE UNIQUE INDEX "RebuildingInstalment_caseId_stage_key" ON "RebuildingInstalment"("caseId", "stage");
