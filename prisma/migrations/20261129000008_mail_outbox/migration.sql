-- Mail is claimed before it is sent (an outbox sender beside the workflows, FOR UPDATE SKIP LOCKED).
ALTER TYPE "MailStatus" ADD VALUE 'SENDING' BEFORE 'SENT';
ALTER TABLE "OutboundMail" ADD COLUMN "claimedAt" TIMESTAMP(3);
CREATE INDEX "OutboundMail_status_createdAt_idx" ON "OutboundMail"("status", "createdAt");
