-- Late cases tallied, so the dashboard's late figures sum a few thousand tally rows instead of
-- grouping every late case (20,720 in the million-case bench, 10–12 ms of the prefecture's
-- dashboard). Lateness is a row's, not the clock's: a step's deadline passing is written to the
-- case (overdue, overallOverdue) by its workflow, so a trigger keeps the tally with the row. Only
-- the working days a step is overdue follow the clock: they are counted when read, from the
-- overdue steps tallied by due date.
-- Function bodies hold no literal semicolon (\073 in an E'' string): Prisma's WebAssembly
-- engine splits a migration at every semicolon, inside quotes too.

-- CreateTable
CREATE TABLE "LateCaseTally" (
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "step" TEXT NOT NULL,
    "overdue" INTEGER NOT NULL,
    "overallOverdue" INTEGER NOT NULL,
    "late" INTEGER NOT NULL,

    CONSTRAINT "LateCaseTally_pkey" PRIMARY KEY ("countyId","townshipId","programmeCode","step")
);

-- CreateTable
CREATE TABLE "CountyOverdueTally" (
    "countyId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "dueDate" DATE NOT NULL,
    "overdue" INTEGER NOT NULL,

    CONSTRAINT "CountyOverdueTally_pkey" PRIMARY KEY ("countyId","programmeCode","dueDate")
);

-- A late open case counts once under its township, programme and step ('' for none): overdue
-- if its step is, overall if the whole procedure's limit is exceeded. An overdue step counts
-- once more under its county, programme and local (UTC+8) due date (a step overdue has one).
-- Both sides of a change go in one statement per tally in key order, as tally_open_case's do,
-- and a group that no case is in any more is removed, so the tallies hold only the late.
CREATE FUNCTION tally_late_case() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  before_change "Case"\073
  after_change "Case"\073
BEGIN
  IF TG_OP <> ''INSERT'' AND OLD."closedAt" IS NULL AND (OLD.overdue OR OLD."overallOverdue") THEN
    before_change := OLD\073
  END IF\073
  IF TG_OP <> ''DELETE'' AND NEW."closedAt" IS NULL AND (NEW.overdue OR NEW."overallOverdue") THEN
    after_change := NEW\073
  END IF\073

  INSERT INTO "LateCaseTally" AS t ("countyId", "townshipId", "programmeCode", "step", "overdue", "overallOverdue", "late")
  SELECT side."countyId", side."townshipId", side."programmeCode", coalesce(side."currentStep", ''''),
         sum(side.sign * side.overdue::int)::int, sum(side.sign * side."overallOverdue"::int)::int, sum(side.sign)::int
  FROM (
    SELECT (before_change).*, -1 AS sign WHERE before_change.id IS NOT NULL
    UNION ALL
    SELECT (after_change).*, 1 WHERE after_change.id IS NOT NULL
  ) AS side
  GROUP BY 1, 2, 3, 4
  HAVING sum(side.sign) <> 0 OR sum(side.sign * side.overdue::int) <> 0 OR sum(side.sign * side."overallOverdue"::int) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ("countyId", "townshipId", "programmeCode", "step")
  DO UPDATE SET "overdue" = t."overdue" + EXCLUDED."overdue",
                "overallOverdue" = t."overallOverdue" + EXCLUDED."overallOverdue",
                "late" = t."late" + EXCLUDED."late"\073

  INSERT INTO "CountyOverdueTally" AS t ("countyId", "programmeCode", "dueDate", "overdue")
  SELECT side."countyId", side."programmeCode", (side."dueAt" + interval ''8 hours'')::date, sum(side.sign)::int
  FROM (
    SELECT (before_change).*, -1 AS sign WHERE before_change.overdue AND before_change."dueAt" IS NOT NULL
    UNION ALL
    SELECT (after_change).*, 1 WHERE after_change.overdue AND after_change."dueAt" IS NOT NULL
  ) AS side
  GROUP BY 1, 2, 3
  HAVING sum(side.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT ("countyId", "programmeCode", "dueDate")
  DO UPDATE SET "overdue" = t."overdue" + EXCLUDED."overdue"\073

  -- A group left empty: a concurrent change that added to it has its row lock first, and the
  -- row it committed no longer matches.
  IF before_change.id IS NOT NULL THEN
    DELETE FROM "LateCaseTally" t
    WHERE t."countyId" = before_change."countyId" AND t."townshipId" = before_change."townshipId"
      AND t."programmeCode" = before_change."programmeCode"
      AND t."step" = coalesce(before_change."currentStep", '''') AND t."late" = 0\073
    DELETE FROM "CountyOverdueTally" t
    WHERE t."countyId" = before_change."countyId" AND t."programmeCode" = before_change."programmeCode"
      AND t."dueDate" = (before_change."dueAt" + interval ''8 hours'')::date AND t."overdue" = 0\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "Case_insert_late_tallies"
  AFTER INSERT ON "Case" FOR EACH ROW WHEN (NEW.overdue OR NEW."overallOverdue")
  EXECUTE FUNCTION tally_late_case();
CREATE TRIGGER "Case_update_late_tallies"
  AFTER UPDATE ON "Case" FOR EACH ROW
  WHEN ((OLD.overdue OR OLD."overallOverdue" OR NEW.overdue OR NEW."overallOverdue")
        AND (OLD."closedAt" IS DISTINCT FROM NEW."closedAt" OR OLD.overdue IS DISTINCT FROM NEW.overdue
             OR OLD."overallOverdue" IS DISTINCT FROM NEW."overallOverdue"
             OR OLD."currentStep" IS DISTINCT FROM NEW."currentStep" OR OLD."dueAt" IS DISTINCT FROM NEW."dueAt"
             OR OLD."programmeCode" IS DISTINCT FROM NEW."programmeCode"
             OR OLD."townshipId" IS DISTINCT FROM NEW."townshipId" OR OLD."countyId" IS DISTINCT FROM NEW."countyId"))
  EXECUTE FUNCTION tally_late_case();
CREATE TRIGGER "Case_delete_late_tallies"
  AFTER DELETE ON "Case" FOR EACH ROW WHEN (OLD.overdue OR OLD."overallOverdue")
  EXECUTE FUNCTION tally_late_case();

-- The late tallies counted again from the rows.
CREATE FUNCTION rebuild_late_case_tallies() RETURNS void LANGUAGE sql AS E'
  DELETE FROM "LateCaseTally"\073
  INSERT INTO "LateCaseTally" ("countyId", "townshipId", "programmeCode", "step", "overdue", "overallOverdue", "late")
  SELECT c."countyId", c."townshipId", c."programmeCode", coalesce(c."currentStep", ''''),
         (count(*) FILTER (WHERE c.overdue))::int, (count(*) FILTER (WHERE c."overallOverdue"))::int, count(*)::int
  FROM "Case" c
  WHERE c."closedAt" IS NULL AND (c.overdue OR c."overallOverdue")
  GROUP BY 1, 2, 3, 4\073
  DELETE FROM "CountyOverdueTally"\073
  INSERT INTO "CountyOverdueTally" ("countyId", "programmeCode", "dueDate", "overdue")
  SELECT c."countyId", c."programmeCode", (c."dueAt" + interval ''8 hours'')::date, count(*)::int
  FROM "Case" c
  WHERE c."closedAt" IS NULL AND c.overdue AND c."dueAt" IS NOT NULL
  GROUP BY 1, 2, 3
';

-- rebuild_supervision_tallies() (migration 20261130000009) counts these too: what a bulk load
-- and the tallies' test call.
ALTER FUNCTION rebuild_supervision_tallies() RENAME TO rebuild_case_and_referral_tallies;
CREATE FUNCTION rebuild_supervision_tallies() RETURNS void LANGUAGE sql AS E'
  SELECT rebuild_case_and_referral_tallies()\073
  SELECT rebuild_late_case_tallies()\073
';

SELECT rebuild_late_case_tallies();
