-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "nextReviewAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "BenefitPayment" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "amountYuan" DECIMAL(10,2) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BenefitPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BenefitPayment_caseId_month_key" ON "BenefitPayment"("caseId", "month");

-- AddForeignKey
ALTER TABLE "BenefitPayment" ADD CONSTRAINT "BenefitPayment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

