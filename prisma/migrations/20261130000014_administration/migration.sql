-- Administration: one-time password links (kept as hashes), effective-dated county policy changes
-- with their reasons (append-only, like the audit trail), and mail whose body is a secret until sent.

-- AlterTable
ALTER TABLE "OutboundMail" ADD COLUMN     "sensitive" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" TEXT,

    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CountyPolicyChange" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "changes" JSONB NOT NULL,
    "reason" TEXT NOT NULL,
    "changedById" TEXT NOT NULL,
    "changedByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CountyPolicyChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PasswordResetToken_tokenHash_key" ON "PasswordResetToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordResetToken_userId_idx" ON "PasswordResetToken"("userId");

-- CreateIndex
CREATE INDEX "CountyPolicyChange_countyId_effectiveFrom_idx" ON "CountyPolicyChange"("countyId", "effectiveFrom");

-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "StaffUser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyPolicyChange" ADD CONSTRAINT "CountyPolicyChange_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A policy change is evidence of who set which figures from when, and why: never changed.
ALTER TABLE "CountyPolicyChange" ADD CONSTRAINT "CountyPolicyChange_reason_given" CHECK (length(btrim("reason")) > 0);
CREATE TRIGGER "CountyPolicyChange_append_only"
  BEFORE UPDATE OR DELETE ON "CountyPolicyChange"
  FOR EACH ROW EXECUTE FUNCTION reject_change_to_append_only();
CREATE TRIGGER "CountyPolicyChange_no_truncate"
  BEFORE TRUNCATE ON "CountyPolicyChange"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change_to_append_only();
