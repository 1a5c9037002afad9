-- Public tip-offs 举报 and complaints 投诉 (issue 15, part 2): reports filed without sign-in, each a
-- verification task 核查 for the township or the county with its deadline, and the spent
-- proof-of-work challenges (kept until they expire, so none is used twice).

-- CreateEnum
CREATE TYPE "TipOffKind" AS ENUM ('TIP_OFF', 'COMPLAINT');

-- CreateEnum
CREATE TYPE "TipOffStatus" AS ENUM ('VERIFYING', 'SUBSTANTIATED', 'NOT_SUBSTANTIATED');

-- CreateTable
CREATE TABLE "TipOff" (
    "id" TEXT NOT NULL,
    "receiptNo" TEXT NOT NULL,
    "kind" "TipOffKind" NOT NULL,
    "status" "TipOffStatus" NOT NULL DEFAULT 'VERIFYING',
    "villageId" TEXT,
    "countyId" TEXT NOT NULL,
    "assigneeUnitId" TEXT NOT NULL,
    "assigneePath" TEXT NOT NULL,
    "caseNo" TEXT,
    "facts" TEXT NOT NULL,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "dueAt" TIMESTAMPTZ(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "reminded" BOOLEAN NOT NULL DEFAULT false,
    "escalated" BOOLEAN NOT NULL DEFAULT false,
    "outcomeText" TEXT,
    "findings" TEXT,
    "closedBy" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TipOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TipOffChallengeUse" (
    "challengeId" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TipOffChallengeUse_pkey" PRIMARY KEY ("challengeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "TipOff_receiptNo_key" ON "TipOff"("receiptNo");

-- CreateIndex
CREATE INDEX "TipOff_assigneePath_status_idx" ON "TipOff"("assigneePath", "status");

-- CreateIndex
CREATE INDEX "TipOff_caseNo_idx" ON "TipOff"("caseNo");

-- CreateIndex
CREATE INDEX "TipOffChallengeUse_expiresAt_idx" ON "TipOffChallengeUse"("expiresAt");
