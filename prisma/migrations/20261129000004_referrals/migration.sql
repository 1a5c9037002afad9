-- Referrals (转介) as workflows: their number, the deadline they wait on, when each answer came,
-- and the referral's own letters and mail.
-- DropIndex
DROP INDEX "OutboundMail_caseId_idx";

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "acceptedAt" TIMESTAMP(3),
ADD COLUMN     "dueAt" TIMESTAMP(3),
ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "handler" TEXT,
ADD COLUMN     "memberName" TEXT,
ADD COLUMN     "proposedAt" TIMESTAMP(3),
ADD COLUMN     "referralNo" TEXT NOT NULL,
ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "source" TEXT NOT NULL,
ADD COLUMN     "villagePath" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "Letter" ADD COLUMN     "referralId" TEXT;

-- AlterTable
ALTER TABLE "OutboundMail" ADD COLUMN     "referralId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Referral_referralNo_key" ON "Referral"("referralNo");

-- CreateIndex
CREATE INDEX "Referral_countyId_department_status_idx" ON "Referral"("countyId", "department", "status");

-- CreateIndex
CREATE INDEX "Referral_caseId_idx" ON "Referral"("caseId");

-- CreateIndex
CREATE INDEX "OutboundMail_caseId_referralId_status_idx" ON "OutboundMail"("caseId", "referralId", "status");

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_receivingUnitId_fkey" FOREIGN KEY ("receivingUnitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Letter" ADD CONSTRAINT "Letter_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

