-- Verification findings and random checks (issue 15, parts 2 and 3): the consequence a closed
-- tip-off or check visit had for its case (none, an out-of-cycle review, a fraud exit), each
-- county's quarterly seeded draw of its enrolled cases, and the verification visit of each case drawn.

-- CreateEnum
CREATE TYPE "VerificationConsequence" AS ENUM ('NONE', 'REVIEW', 'FRAUD_EXIT');

-- CreateEnum
CREATE TYPE "VerificationSource" AS ENUM ('TIP_OFF', 'RANDOM_CHECK');

-- CreateEnum
CREATE TYPE "RandomCheckVisitStatus" AS ENUM ('CHECKING', 'CHECKED');

-- CreateTable
CREATE TABLE "VerificationFinding" (
    "id" TEXT NOT NULL,
    "source" "VerificationSource" NOT NULL,
    "sourceRef" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "caseNo" TEXT,
    "consequence" "VerificationConsequence" NOT NULL,
    "reasons" TEXT NOT NULL,
    "ineligibleFromMonth" TEXT,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VerificationFinding_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "VerificationFinding_case_check" CHECK ("consequence" = 'NONE' OR "caseNo" IS NOT NULL),
    CONSTRAINT "VerificationFinding_fraud_check" CHECK ("consequence" <> 'FRAUD_EXIT' OR "ineligibleFromMonth" IS NOT NULL)
);

-- CreateTable
CREATE TABLE "RandomCheckDraw" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "countyPath" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "share" DECIMAL(5,4) NOT NULL,
    "candidates" JSONB NOT NULL,
    "candidatesHash" TEXT NOT NULL,
    "drawnCaseNos" JSONB NOT NULL,
    "drawnBy" TEXT NOT NULL,
    "drawnAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RandomCheckDraw_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RandomCheckDraw_share_check" CHECK ("share" > 0 AND "share" <= 1)
);

-- CreateTable
CREATE TABLE "RandomCheckVisit" (
    "id" TEXT NOT NULL,
    "drawId" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "assigneeUnitId" TEXT NOT NULL,
    "assigneePath" TEXT NOT NULL,
    "status" "RandomCheckVisitStatus" NOT NULL DEFAULT 'CHECKING',
    "consequence" "VerificationConsequence",
    "findings" TEXT,
    "dueAt" TIMESTAMPTZ(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "reminded" BOOLEAN NOT NULL DEFAULT false,
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "closedBy" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RandomCheckVisit_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "RandomCheckVisit_closed_check" CHECK (("status" = 'CHECKED') = ("consequence" IS NOT NULL))
);

-- CreateIndex
CREATE UNIQUE INDEX "VerificationFinding_source_sourceRef_key" ON "VerificationFinding"("source", "sourceRef");

-- CreateIndex
CREATE INDEX "VerificationFinding_caseNo_idx" ON "VerificationFinding"("caseNo");

-- CreateIndex
CREATE INDEX "VerificationFinding_countyId_recordedAt_idx" ON "VerificationFinding"("countyId", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RandomCheckDraw_countyId_quarter_key" ON "RandomCheckDraw"("countyId", "quarter");

-- CreateIndex
CREATE INDEX "RandomCheckDraw_countyPath_quarter_idx" ON "RandomCheckDraw"("countyPath", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "RandomCheckVisit_drawId_caseNo_key" ON "RandomCheckVisit"("drawId", "caseNo");

-- CreateIndex
CREATE INDEX "RandomCheckVisit_assigneePath_status_idx" ON "RandomCheckVisit"("assigneePath", "status");

-- CreateIndex
CREATE INDEX "RandomCheckVisit_caseNo_idx" ON "RandomCheckVisit"("caseNo");

-- AddForeignKey
ALTER TABLE "RandomCheckVisit" ADD CONSTRAINT "RandomCheckVisit_drawId_fkey" FOREIGN KEY ("drawId") REFERENCES "RandomCheckDraw"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
