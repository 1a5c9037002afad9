-- A programme's own figures beside the generic case (domain/programme-facts.ts validates them).
ALTER TABLE "Case" ADD COLUMN "programmeFacts" JSONB;
