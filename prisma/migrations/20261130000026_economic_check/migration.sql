-- Household economic check (issue 15, part 1): a check asked at an investigation, fanned out to
-- the bureaus that hold the data, one request per bureau with its deadline, and the report.
-- New department kinds for the bureaus that answer checks.

-- AlterEnum
ALTER TYPE "DepartmentKind" ADD VALUE 'PUBLIC_SECURITY';
ALTER TYPE "DepartmentKind" ADD VALUE 'NATURAL_RESOURCES';
ALTER TYPE "DepartmentKind" ADD VALUE 'MARKET_REGULATION';
ALTER TYPE "DepartmentKind" ADD VALUE 'TAX';
ALTER TYPE "DepartmentKind" ADD VALUE 'CHECK_CENTRE';

-- CreateTable
CREATE TABLE "EconomicCheck" (
    "id" TEXT NOT NULL,
    "checkNo" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villagePath" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "members" JSONB NOT NULL,
    "declared" JSONB NOT NULL,
    "requestedById" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "workflowId" TEXT NOT NULL,
    "report" JSONB,
    "reportedAt" TIMESTAMPTZ(3),
    "mismatch" BOOLEAN NOT NULL DEFAULT false,
    "resolution" TEXT,
    "resolvedById" TEXT,
    "resolvedByName" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "EconomicCheck_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "EconomicCheck_status_check" CHECK ("status" IN ('OPEN', 'REPORTED')),
    CONSTRAINT "EconomicCheck_resolution_check" CHECK (("resolvedAt" IS NULL) = ("resolution" IS NULL))
);

-- CreateTable
CREATE TABLE "EconomicCheckRequest" (
    "id" TEXT NOT NULL,
    "requestNo" TEXT NOT NULL,
    "checkId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "remindedAt" TIMESTAMPTZ(3),
    "answers" JSONB,
    "answeredVia" TEXT,
    "answeredById" TEXT,
    "answeredByName" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EconomicCheckRequest_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "EconomicCheckRequest_status_check" CHECK ("status" IN ('PENDING', 'ANSWERED')),
    CONSTRAINT "EconomicCheckRequest_answered_check" CHECK (("status" = 'ANSWERED') = ("answers" IS NOT NULL))
);

-- CreateIndex
CREATE UNIQUE INDEX "EconomicCheck_checkNo_key" ON "EconomicCheck"("checkNo");

-- CreateIndex
CREATE UNIQUE INDEX "EconomicCheck_workflowId_key" ON "EconomicCheck"("workflowId");

-- CreateIndex
CREATE INDEX "EconomicCheck_caseId_idx" ON "EconomicCheck"("caseId");

-- One open check per case at a time, settled by the database when two requests race
CREATE UNIQUE INDEX "EconomicCheck_one_open_per_case" ON "EconomicCheck"("caseId") WHERE "status" = 'OPEN';

-- CreateIndex
CREATE UNIQUE INDEX "EconomicCheckRequest_requestNo_key" ON "EconomicCheckRequest"("requestNo");

-- CreateIndex
CREATE INDEX "EconomicCheckRequest_unitId_status_idx" ON "EconomicCheckRequest"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "EconomicCheckRequest_checkId_source_key" ON "EconomicCheckRequest"("checkId", "source");

-- AddForeignKey
ALTER TABLE "EconomicCheck" ADD CONSTRAINT "EconomicCheck_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EconomicCheckRequest" ADD CONSTRAINT "EconomicCheckRequest_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "EconomicCheck"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
