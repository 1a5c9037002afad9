-- Medical assistance 医疗救助: each person's year across every claim (the yearly cap's guard),
-- and what the rules granted each medical case at each stage, once.

-- CreateTable
CREATE TABLE "MedicalAssistanceYear" (
    "idNumber" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "paidFen" BIGINT NOT NULL DEFAULT 0,
    "reservedFen" BIGINT NOT NULL DEFAULT 0,
    "deductibleUsedFen" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MedicalAssistanceYear_pkey" PRIMARY KEY ("idNumber","year"),
    -- Prisma cannot state it: no year ever goes below zero, whatever a retry does.
    CONSTRAINT "MedicalAssistanceYear_not_negative" CHECK ("paidFen" >= 0 AND "reservedFen" >= 0 AND "deductibleUsedFen" >= 0)
);

-- CreateTable
CREATE TABLE "MedicalAssistanceEntry" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "eligibleFen" BIGINT NOT NULL,
    "deductibleAppliedFen" BIGINT NOT NULL,
    "computedFen" BIGINT NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "capLeftFen" BIGINT NOT NULL,
    "topUpFen" BIGINT NOT NULL DEFAULT 0,
    "recoverFen" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MedicalAssistanceEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MedicalAssistanceEntry_caseId_stage_key" ON "MedicalAssistanceEntry"("caseId", "stage");

-- CreateIndex
CREATE INDEX "MedicalAssistanceEntry_idNumber_year_idx" ON "MedicalAssistanceEntry"("idNumber", "year");

-- CreateTable
CREATE TABLE "PremiumSubsidy" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "category" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "startedOn" DATE NOT NULL,
    "endedOn" DATE,
    "startEventKey" TEXT NOT NULL,
    "endEventKey" TEXT,

    CONSTRAINT "PremiumSubsidy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PremiumSubsidy_caseId_memberId_key" ON "PremiumSubsidy"("caseId", "memberId");

-- CreateIndex
CREATE INDEX "PremiumSubsidy_countyId_startedOn_idx" ON "PremiumSubsidy"("countyId", "startedOn");
