-- 安全日志: every 403 or 404 answered to a signed-in user, read by the supervisors above the user's unit.
-- CreateTable
CREATE TABLE "SecurityLogEntry" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "unitId" TEXT NOT NULL,
    "unitPath" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "errorCode" TEXT NOT NULL,

    CONSTRAINT "SecurityLogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SecurityLogEntry_unitPath_id_idx" ON "SecurityLogEntry"("unitPath" text_pattern_ops, "id");

-- CreateIndex
CREATE INDEX "SecurityLogEntry_username_id_idx" ON "SecurityLogEntry"("username", "id");


-- Evidence, like the audit trail: once written, never changed (the function is the append_only_logs one).
CREATE TRIGGER "SecurityLogEntry_append_only"
  BEFORE UPDATE OR DELETE ON "SecurityLogEntry"
  FOR EACH ROW EXECUTE FUNCTION reject_change_to_append_only();
CREATE TRIGGER "SecurityLogEntry_no_truncate"
  BEFORE TRUNCATE ON "SecurityLogEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change_to_append_only();
