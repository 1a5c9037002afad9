-- The monthly payment roll 发放名册 (one line per household and programme, never two), household
-- bank accounts, overpayments to recover after fraud exits, and funds by source 资金: yearly
-- budget lines that the approval of a roll draws on, never above what is allocated.

-- AlterTable
ALTER TABLE "BenefitPayment" ADD COLUMN     "rollLineId" TEXT;

-- CreateEnum
CREATE TYPE "PaymentRollStatus" AS ENUM ('BUILDING', 'REVIEW', 'APPROVED');

-- CreateEnum
CREATE TYPE "PaymentRollLineStatus" AS ENUM ('PENDING', 'PAID', 'FAILED');

-- CreateEnum
CREATE TYPE "FundSource" AS ENUM ('COUNTY_BUDGET', 'PREFECTURE_BUDGET', 'HIGHER_TRANSFER', 'WELFARE_LOTTERY', 'DONATIONS');

-- CreateTable
CREATE TABLE "PaymentRoll" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "status" "PaymentRollStatus" NOT NULL DEFAULT 'BUILDING',
    "linesDone" INTEGER NOT NULL DEFAULT 0,
    "linesTotal" INTEGER NOT NULL DEFAULT 0,
    "totalYuan" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "reviewDueAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "approvedAt" TIMESTAMP(3),
    "approvedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentRoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentRollLine" (
    "id" TEXT NOT NULL,
    "rollId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "townshipId" TEXT NOT NULL,
    "regularYuan" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "adjustmentYuan" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "requeuedYuan" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "amountYuan" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "payeeName" TEXT NOT NULL,
    "payeeIdNumber" TEXT NOT NULL,
    "bankName" TEXT,
    "accountNo" TEXT,
    "status" "PaymentRollLineStatus" NOT NULL DEFAULT 'PENDING',
    "failureReason" TEXT,
    "requeuedToLineId" TEXT,

    CONSTRAINT "PaymentRollLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdBankAccount" (
    "householdId" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "bankName" TEXT NOT NULL,
    "accountNo" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "HouseholdBankAccount_pkey" PRIMARY KEY ("householdId")
);

-- CreateTable
CREATE TABLE "OverpaymentRecovery" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "fromMonth" TEXT NOT NULL,
    "owedYuan" DECIMAL(12,2) NOT NULL,
    "repaidYuan" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OverpaymentRecovery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundBudgetLine" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "source" "FundSource" NOT NULL,
    "allocatedYuan" DECIMAL(14,2) NOT NULL,
    "drawnYuan" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundBudgetLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundDraw" (
    "id" TEXT NOT NULL,
    "budgetLineId" TEXT NOT NULL,
    "rollId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "amountYuan" DECIMAL(14,2) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundDraw_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundReallocation" (
    "id" TEXT NOT NULL,
    "fromLineId" TEXT NOT NULL,
    "toLineId" TEXT NOT NULL,
    "amountYuan" DECIMAL(14,2) NOT NULL,
    "reason" TEXT NOT NULL,
    "byUsername" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundReallocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BenefitPayment_rollLineId_idx" ON "BenefitPayment"("rollLineId");

-- CreateIndex
CREATE INDEX "BenefitPayment_month_idx" ON "BenefitPayment"("month");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentRoll_workflowId_key" ON "PaymentRoll"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentRoll_countyId_month_key" ON "PaymentRoll"("countyId", "month");

-- CreateIndex
CREATE INDEX "PaymentRollLine_status_requeuedToLineId_idx" ON "PaymentRollLine"("status", "requeuedToLineId");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentRollLine_rollId_householdId_programmeCode_key" ON "PaymentRollLine"("rollId", "householdId", "programmeCode");

-- CreateIndex
CREATE UNIQUE INDEX "OverpaymentRecovery_caseId_key" ON "OverpaymentRecovery"("caseId");

-- CreateIndex
CREATE INDEX "OverpaymentRecovery_countyId_idx" ON "OverpaymentRecovery"("countyId");

-- CreateIndex
CREATE UNIQUE INDEX "FundBudgetLine_countyId_year_programmeCode_source_key" ON "FundBudgetLine"("countyId", "year", "programmeCode", "source");

-- CreateIndex
CREATE UNIQUE INDEX "FundDraw_rollId_budgetLineId_key" ON "FundDraw"("rollId", "budgetLineId");

-- AddForeignKey
ALTER TABLE "PaymentRollLine" ADD CONSTRAINT "PaymentRollLine_rollId_fkey" FOREIGN KEY ("rollId") REFERENCES "PaymentRoll"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundDraw" ADD CONSTRAINT "FundDraw_budgetLineId_fkey" FOREIGN KEY ("budgetLineId") REFERENCES "FundBudgetLine"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Money never goes negative, a budget line is never drawn above its allocation whatever the code
-- does (the draw is a conditional update as well), a recovery is never repaid beyond what is owed.
ALTER TABLE "FundBudgetLine" ADD CONSTRAINT "FundBudgetLine_allocated_check" CHECK ("allocatedYuan" >= 0);
ALTER TABLE "FundBudgetLine" ADD CONSTRAINT "FundBudgetLine_drawn_check" CHECK ("drawnYuan" >= 0 AND "drawnYuan" <= "allocatedYuan");
ALTER TABLE "FundDraw" ADD CONSTRAINT "FundDraw_amount_check" CHECK ("amountYuan" >= 0);
ALTER TABLE "FundReallocation" ADD CONSTRAINT "FundReallocation_amount_check" CHECK ("amountYuan" > 0);
ALTER TABLE "FundReallocation" ADD CONSTRAINT "FundReallocation_reason_given" CHECK (length(btrim("reason")) > 0);
ALTER TABLE "OverpaymentRecovery" ADD CONSTRAINT "OverpaymentRecovery_repaid_check" CHECK ("repaidYuan" >= 0 AND "repaidYuan" <= "owedYuan");
