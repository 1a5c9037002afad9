-- 灾害救助 disaster relief, first slice: events with dated, append-only reports (the tally is the
-- latest report per village), and county relief supplies 救灾物资 whose quantity never goes below
-- zero (CHECK), moved only by a conditional update recorded in an append-only ledger.

CREATE TYPE "DisasterKind" AS ENUM ('EARTHQUAKE', 'FLOOD', 'LANDSLIDE', 'DROUGHT', 'SNOW');
CREATE TYPE "ReliefMovementKind" AS ENUM ('RECEIPT', 'ISSUE', 'TRANSFER');

CREATE TABLE "DisasterEvent" (
  "id" TEXT NOT NULL,
  "kind" "DisasterKind" NOT NULL,
  "name" TEXT NOT NULL,
  "occurredOn" DATE NOT NULL,
  "responseLevel" INTEGER NOT NULL,
  "declaredByUnitId" TEXT NOT NULL,
  "declaredBy" TEXT NOT NULL,
  "closedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "DisasterEvent_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "DisasterEvent_responseLevel_check" CHECK ("responseLevel" BETWEEN 1 AND 4)
);

CREATE TABLE "DisasterEventCounty" (
  "eventId" TEXT NOT NULL,
  "countyId" TEXT NOT NULL,
  CONSTRAINT "DisasterEventCounty_pkey" PRIMARY KEY ("eventId", "countyId"),
  CONSTRAINT "DisasterEventCounty_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "DisasterEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "DisasterEventCounty_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "DisasterEventCounty_countyId_idx" ON "DisasterEventCounty"("countyId");

CREATE TABLE "DisasterReport" (
  "id" TEXT NOT NULL,
  "eventId" TEXT NOT NULL,
  "countyId" TEXT NOT NULL,
  "villageId" TEXT NOT NULL,
  "reportedOn" DATE NOT NULL,
  "affected" INTEGER NOT NULL,
  "relocated" INTEGER NOT NULL,
  "dead" INTEGER NOT NULL,
  "missing" INTEGER NOT NULL,
  "housesCollapsed" INTEGER NOT NULL,
  "housesDamaged" INTEGER NOT NULL,
  "directLossYuan" DECIMAL(14,2) NOT NULL,
  "reportedBy" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "DisasterReport_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "DisasterReport_eventId_countyId_fkey" FOREIGN KEY ("eventId", "countyId") REFERENCES "DisasterEventCounty"("eventId", "countyId") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "DisasterReport_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "DisasterReport_counts_check" CHECK (
    "affected" >= 0 AND "relocated" >= 0 AND "dead" >= 0 AND "missing" >= 0
    AND "housesCollapsed" >= 0 AND "housesDamaged" >= 0 AND "directLossYuan" >= 0)
);
CREATE INDEX "DisasterReport_eventId_villageId_reportedOn_idx" ON "DisasterReport"("eventId", "villageId", "reportedOn");

-- Reports are kept as they were filed: a correction is a later report, never an edit (the
-- append-only logs' trigger function).
CREATE TRIGGER "DisasterReport_append_only"
  BEFORE UPDATE OR DELETE ON "DisasterReport"
  FOR EACH ROW EXECUTE FUNCTION reject_change_to_append_only();
CREATE TRIGGER "DisasterReport_no_truncate"
  BEFORE TRUNCATE ON "DisasterReport"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change_to_append_only();

CREATE TABLE "ReliefStock" (
  "id" TEXT NOT NULL,
  "countyId" TEXT NOT NULL,
  "item" TEXT NOT NULL,
  "unit" TEXT NOT NULL,
  "location" TEXT NOT NULL,
  "quantity" INTEGER NOT NULL,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ReliefStock_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ReliefStock_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "ReliefStock_quantity_check" CHECK ("quantity" >= 0)
);
CREATE UNIQUE INDEX "ReliefStock_countyId_item_location_key" ON "ReliefStock"("countyId", "item", "location");

CREATE TABLE "ReliefMovement" (
  "id" TEXT NOT NULL,
  "kind" "ReliefMovementKind" NOT NULL,
  "stockId" TEXT NOT NULL,
  "toStockId" TEXT,
  "eventId" TEXT,
  "siteName" TEXT,
  "quantity" INTEGER NOT NULL,
  "byUsername" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ReliefMovement_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "ReliefMovement_stockId_fkey" FOREIGN KEY ("stockId") REFERENCES "ReliefStock"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "ReliefMovement_toStockId_fkey" FOREIGN KEY ("toStockId") REFERENCES "ReliefStock"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "ReliefMovement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "DisasterEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "ReliefMovement_quantity_check" CHECK ("quantity" > 0),
  CONSTRAINT "ReliefMovement_transfer_check" CHECK (("kind" = 'TRANSFER') = ("toStockId" IS NOT NULL))
);
CREATE INDEX "ReliefMovement_eventId_idx" ON "ReliefMovement"("eventId");
CREATE INDEX "ReliefMovement_stockId_idx" ON "ReliefMovement"("stockId");
