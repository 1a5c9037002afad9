-- The case event log and the audit trail are evidence: once written, never changed.
-- The function body holds no literal semicolon (\073 is one, in an E'' string): Prisma's
-- WebAssembly engine splits a migration at every semicolon, inside quotes too.
CREATE FUNCTION reject_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''% is append-only: % rejected'', TG_TABLE_NAME, TG_OP USING ERRCODE = ''insufficient_privilege''\073 END';

CREATE TRIGGER "CaseEvent_append_only"
  BEFORE UPDATE OR DELETE ON "CaseEvent"
  FOR EACH ROW EXECUTE FUNCTION reject_change_to_append_only();
CREATE TRIGGER "CaseEvent_no_truncate"
  BEFORE TRUNCATE ON "CaseEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change_to_append_only();

CREATE TRIGGER "AuditEntry_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION reject_change_to_append_only();
CREATE TRIGGER "AuditEntry_no_truncate"
  BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change_to_append_only();
