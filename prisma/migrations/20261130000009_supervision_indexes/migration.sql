-- Supervision at a million cases: what the dashboard, its drill-down, the task list and the
-- case list read, answered by SQL from indexes rather than by loading rows into the API.
-- Function bodies hold no literal semicolon (\073 in an E'' string): Prisma's WebAssembly
-- engine splits a migration at every semicolon, inside quotes too.

-- ── The working-day index ────────────────────────────────────────────────────────────────
-- ordinal(d) = the working days from 2015-01-01 up to and including d, per county, so
-- working days overdue = ordinal(today) − ordinal(due date), and working days left =
-- ordinal(due date) − ordinal(yesterday), as domain/working-days.ts counts them.

-- CreateTable
CREATE TABLE "WorkingDay" (
    "countyId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "working" BOOLEAN NOT NULL,

    CONSTRAINT "WorkingDay_pkey" PRIMARY KEY ("countyId","date")
);

-- The official calendar is the prefecture's (CalendarDay has no county yet): every county
-- gets the same days. A county calendar of its own changes this join, not the readers.
CREATE FUNCTION fill_working_days(counties TEXT[]) RETURNS void LANGUAGE sql AS E'
  DELETE FROM "WorkingDay" WHERE counties IS NULL OR "countyId" = ANY (counties)\073
  INSERT INTO "WorkingDay" ("countyId", "date", "ordinal", "working")
  SELECT county.id, day.date,
         count(*) FILTER (WHERE day.working) OVER (PARTITION BY county.id ORDER BY day.date),
         day.working
  FROM "OrgUnit" county
  CROSS JOIN (
    SELECT d::date AS date,
           CASE cal.kind WHEN ''WORKDAY'' THEN true WHEN ''HOLIDAY'' THEN false
                ELSE extract(isodow FROM d) < 6 END AS working
    FROM generate_series(date ''2015-01-01'', date ''2055-12-31'', interval ''1 day'') AS d
    LEFT JOIN "CalendarDay" cal ON cal.date = d::date
  ) AS day
  WHERE county.level = ''COUNTY'' AND (counties IS NULL OR county.id = ANY (counties))
';

-- A changed calendar refills every county, a statement that changed no row (the seed run
-- again) refills nothing.
CREATE FUNCTION working_days_after_calendar_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''TRUNCATE'' THEN
    PERFORM fill_working_days(NULL)\073
  ELSIF EXISTS (SELECT 1 FROM changed) THEN
    PERFORM fill_working_days(NULL)\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "CalendarDay_insert_fills_working_days"
  AFTER INSERT ON "CalendarDay" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION working_days_after_calendar_change();
CREATE TRIGGER "CalendarDay_update_fills_working_days"
  AFTER UPDATE ON "CalendarDay" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION working_days_after_calendar_change();
CREATE TRIGGER "CalendarDay_delete_fills_working_days"
  AFTER DELETE ON "CalendarDay" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION working_days_after_calendar_change();
CREATE TRIGGER "CalendarDay_truncate_fills_working_days"
  AFTER TRUNCATE ON "CalendarDay"
  FOR EACH STATEMENT EXECUTE FUNCTION working_days_after_calendar_change();

CREATE FUNCTION working_days_for_new_county() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM fill_working_days(ARRAY[NEW.id])\073
  RETURN NULL\073
END';

CREATE TRIGGER "OrgUnit_county_fills_working_days"
  AFTER INSERT ON "OrgUnit"
  FOR EACH ROW WHEN (NEW.level = 'COUNTY') EXECUTE FUNCTION working_days_for_new_county();

SELECT fill_working_days(NULL);

-- Today's row of every county, and the working day of an ordinal (where an ageing bucket's
-- due dates begin and end).
CREATE INDEX "WorkingDay_date_countyId_idx" ON "WorkingDay"("date", "countyId");
CREATE INDEX "WorkingDay_countyId_ordinal_idx" ON "WorkingDay"("countyId", "ordinal") WHERE "working";

-- ── Cases: partial indexes on the open and the late ──────────────────────────────────────
-- Open cases by deadline, then number: the drill-down's order, and the overdue ones first in
-- it, with every column its filters test, so a page is chosen from the index alone.
CREATE INDEX "Case_open_dueAt_caseNo_idx" ON "Case"("dueAt", "caseNo")
  INCLUDE ("countyId", "townshipId", "villageId", "programmeCode", "currentStep", "overdue", "overallOverdue")
  WHERE "closedAt" IS NULL;

-- Replaced by the partial indexes: a million entries for one boolean.
DROP INDEX "Case_overdue_idx";

-- Late cases (a step overdue, or the whole procedure's limit exceeded), with every column the
-- dashboard groups them by: its figures come from this index alone.
CREATE INDEX "Case_late_idx" ON "Case"("countyId", "townshipId", "villageId", "programmeCode", "currentStep", "dueAt")
  INCLUDE ("overdue", "overallOverdue", "caseNo")
  WHERE "closedAt" IS NULL AND ("overdue" OR "overallOverdue");

-- Overdue cases by number, with what the case list filters them by: GET /api/cases?overdue=true.
CREATE INDEX "Case_overdue_caseNo_idx" ON "Case"("caseNo")
  INCLUDE ("countyId", "townshipId", "villageId", "programmeCode", "currentStep")
  WHERE "overdue";

-- A county's cases by number: the case list's pages for a county.
CREATE INDEX "Case_countyId_caseNo_idx" ON "Case"("countyId", "caseNo");

-- A household's cases (the foreign key had no index).
CREATE INDEX "Case_householdId_idx" ON "Case"("householdId");

-- The referrals of the households below a unit (a township's inbox and summary): one LIKE on
-- the village path. Its proposals to confirm, soonest due first, have their own.
CREATE INDEX "Referral_villagePath_idx" ON "Referral"("villagePath" text_pattern_ops);
CREATE INDEX "Referral_proposed_villagePath_idx" ON "Referral"("villagePath" text_pattern_ops, "dueAt")
  WHERE "status" = 'PROPOSED';

-- A unit's task list: its open cases at a step, soonest due first (replaces the index on all
-- cases by assignee).
DROP INDEX "Case_assigneeUnitId_dueAt_idx";
CREATE INDEX "Case_open_assigneeUnitId_dueAt_idx" ON "Case"("assigneeUnitId", "dueAt", "caseNo")
  WHERE "closedAt" IS NULL AND "currentStep" IS NOT NULL;

-- ── Tallies: what the dashboard sums instead of counting a million rows ──────────────────
-- Kept by triggers in the transaction that changes a case, so they are never behind it. By
-- township: a village's own figures are counted from its rows. A bulk load with triggers off
-- (session_replication_role = replica) calls rebuild_supervision_tallies() after it.

-- CreateTable
CREATE TABLE "OpenCaseTally" (
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "status" TEXT NOT NULL,
    "cases" INTEGER NOT NULL,
    "members" INTEGER NOT NULL,
    "placed" INTEGER NOT NULL,

    CONSTRAINT "OpenCaseTally_pkey" PRIMARY KEY ("countyId","townshipId","programmeCode","status")
);

-- CreateTable
CREATE TABLE "DecisionTally" (
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "days" INTEGER NOT NULL,
    "decisions" INTEGER NOT NULL,

    CONSTRAINT "DecisionTally_pkey" PRIMARY KEY ("countyId","townshipId","programmeCode","days")
);

-- CreateTable
CREATE TABLE "CountyDecisionTally" (
    "countyId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "days" INTEGER NOT NULL,
    "decisions" INTEGER NOT NULL,

    CONSTRAINT "CountyDecisionTally_pkey" PRIMARY KEY ("countyId","programmeCode","days")
);

-- CreateTable
CREATE TABLE "ReferralBureauSummary" (
    "receivingUnitId" TEXT NOT NULL,
    "department" "DepartmentKind" NOT NULL,
    "received" INTEGER NOT NULL,
    "open" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,
    "declined" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "medianHoursToAccept" DOUBLE PRECISION,
    "medianHoursToComplete" DOUBLE PRECISION,

    CONSTRAINT "ReferralBureauSummary_pkey" PRIMARY KEY ("receivingUnitId")
);

-- An open case counts once under its township, programme and status, with its household's
-- members and its people in a care home (特困 people supported are counted by members, as the
-- care homes' page counts them, and placed by PLACED placements). Both sides of a change go in
-- one statement in key order, so two cases changing at once never wait on each other's tally
-- rows in opposite orders.
CREATE FUNCTION tally_open_case() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  before_change "Case"\073
  after_change "Case"\073
BEGIN
  IF TG_OP <> ''INSERT'' AND OLD."closedAt" IS NULL THEN before_change := OLD\073 END IF\073
  IF TG_OP <> ''DELETE'' AND NEW."closedAt" IS NULL THEN after_change := NEW\073 END IF\073
  INSERT INTO "OpenCaseTally" AS t ("countyId", "townshipId", "programmeCode", "status", "cases", "members", "placed")
  SELECT side."countyId", side."townshipId", side."programmeCode", side.status,
         sum(side.sign)::int,
         sum(side.sign * (SELECT count(*) FROM "HouseholdMember" m WHERE m."householdId" = side."householdId"))::int,
         sum(side.sign * (SELECT count(*) FROM "CarePlacement" p WHERE p."caseId" = side.id AND p.status = ''PLACED''))::int
  FROM (
    SELECT (before_change).*, -1 AS sign WHERE before_change.id IS NOT NULL
    UNION ALL
    SELECT (after_change).*, 1 WHERE after_change.id IS NOT NULL
  ) AS side
  GROUP BY 1, 2, 3, 4
  HAVING sum(side.sign) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT ("countyId", "townshipId", "programmeCode", "status")
  DO UPDATE SET "cases" = t."cases" + EXCLUDED."cases", "members" = t."members" + EXCLUDED."members",
                "placed" = t."placed" + EXCLUDED."placed"\073
  RETURN NULL\073
END';

CREATE TRIGGER "Case_insert_tallies"
  AFTER INSERT ON "Case" FOR EACH ROW EXECUTE FUNCTION tally_open_case();
CREATE TRIGGER "Case_update_tallies"
  AFTER UPDATE ON "Case" FOR EACH ROW
  WHEN (OLD."closedAt" IS DISTINCT FROM NEW."closedAt" OR OLD."status" IS DISTINCT FROM NEW."status"
        OR OLD."programmeCode" IS DISTINCT FROM NEW."programmeCode"
        OR OLD."townshipId" IS DISTINCT FROM NEW."townshipId" OR OLD."countyId" IS DISTINCT FROM NEW."countyId"
        OR OLD."householdId" IS DISTINCT FROM NEW."householdId")
  EXECUTE FUNCTION tally_open_case();
CREATE TRIGGER "Case_delete_tallies"
  AFTER DELETE ON "Case" FOR EACH ROW EXECUTE FUNCTION tally_open_case();

-- A member joining or leaving a household, a person placed in or leaving a care home: the open
-- cases concerned count one more or one less.
CREATE FUNCTION tally_case_people() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  change integer := 0\073
  household text\073
  case_id text\073
BEGIN
  IF TG_TABLE_NAME = ''HouseholdMember'' THEN
    change := CASE TG_OP WHEN ''INSERT'' THEN 1 ELSE -1 END\073
    household := CASE TG_OP WHEN ''INSERT'' THEN NEW."householdId" ELSE OLD."householdId" END\073
  ELSE
    IF TG_OP <> ''INSERT'' AND OLD.status = ''PLACED'' THEN change := change - 1\073 END IF\073
    IF TG_OP <> ''DELETE'' AND NEW.status = ''PLACED'' THEN change := change + 1\073 END IF\073
    case_id := CASE TG_OP WHEN ''DELETE'' THEN OLD."caseId" ELSE NEW."caseId" END\073
  END IF\073
  IF change = 0 THEN RETURN NULL\073 END IF\073
  UPDATE "OpenCaseTally" t
  SET "members" = t."members" + CASE WHEN household IS NOT NULL THEN open.n * change ELSE 0 END,
      "placed" = t."placed" + CASE WHEN case_id IS NOT NULL THEN open.n * change ELSE 0 END
  FROM (
    SELECT c."countyId", c."townshipId", c."programmeCode", c.status, count(*)::int AS n
    FROM "Case" c
    WHERE (c."householdId" = household OR c.id = case_id) AND c."closedAt" IS NULL
    GROUP BY 1, 2, 3, 4
  ) AS open
  WHERE t."countyId" = open."countyId" AND t."townshipId" = open."townshipId"
    AND t."programmeCode" = open."programmeCode" AND t.status = open.status\073
  RETURN NULL\073
END';

CREATE TRIGGER "HouseholdMember_insert_tallies"
  AFTER INSERT ON "HouseholdMember" FOR EACH ROW EXECUTE FUNCTION tally_case_people();
CREATE TRIGGER "HouseholdMember_delete_tallies"
  AFTER DELETE ON "HouseholdMember" FOR EACH ROW EXECUTE FUNCTION tally_case_people();
CREATE TRIGGER "CarePlacement_insert_tallies"
  AFTER INSERT ON "CarePlacement" FOR EACH ROW EXECUTE FUNCTION tally_case_people();
CREATE TRIGGER "CarePlacement_update_tallies"
  AFTER UPDATE ON "CarePlacement" FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION tally_case_people();
CREATE TRIGGER "CarePlacement_delete_tallies"
  AFTER DELETE ON "CarePlacement" FOR EACH ROW EXECUTE FUNCTION tally_case_people();

-- A decided application (its caseClosed event) counts once under its township (and once under
-- its county, for the wider scopes), programme and the calendar days from application to
-- decision on the prefecture's dates (UTC+8), as domain/case-ageing.ts's processingDays counts
-- them. CaseEvent is append-only.
CREATE FUNCTION tally_decision() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  decided record\073
BEGIN
  SELECT c."countyId", c."townshipId", c."programmeCode",
         GREATEST(0, (NEW."occurredAt" + interval ''8 hours'')::date - (c."appliedAt" + interval ''8 hours'')::date) AS days
  INTO decided FROM "Case" c WHERE c.id = NEW."caseId"\073
  IF NOT FOUND THEN RETURN NULL\073 END IF\073
  INSERT INTO "CountyDecisionTally" AS t ("countyId", "programmeCode", "days", "decisions")
  VALUES (decided."countyId", decided."programmeCode", decided.days, 1)
  ON CONFLICT ("countyId", "programmeCode", "days") DO UPDATE SET "decisions" = t."decisions" + 1\073
  INSERT INTO "DecisionTally" AS t ("countyId", "townshipId", "programmeCode", "days", "decisions")
  VALUES (decided."countyId", decided."townshipId", decided."programmeCode", decided.days, 1)
  ON CONFLICT ("countyId", "townshipId", "programmeCode", "days") DO UPDATE SET "decisions" = t."decisions" + 1\073
  RETURN NULL\073
END';

CREATE TRIGGER "CaseEvent_decision_tallies"
  AFTER INSERT ON "CaseEvent" FOR EACH ROW WHEN (NEW."type" = 'caseClosed')
  EXECUTE FUNCTION tally_decision();

-- A bureau's referral figures, as domain/referral-summary.ts defines them, counted again from
-- its sent referrals whenever one of them changes. The medians cannot be added to, so the
-- bureau's referrals are read again (an index range): under the bureau's advisory lock, so two
-- changes at once are counted one after the other, each seeing the other committed.
-- A bureau's sent referrals with what its figures read (and by village path, for a supervisor's
-- households' referrals to a bureau outside the supervisor's unit).
CREATE INDEX "Referral_receivingUnitId_sent_idx" ON "Referral"("receivingUnitId", "villagePath" text_pattern_ops)
  INCLUDE ("department", "status", "overdue", "sentAt", "acceptedAt", "endedAt") WHERE "sentAt" IS NOT NULL;

CREATE FUNCTION summarize_referral_bureau(bureau TEXT) RETURNS void LANGUAGE sql AS E'
  SELECT pg_advisory_xact_lock(hashtext(''ReferralBureauSummary/'' || bureau))\073
  DELETE FROM "ReferralBureauSummary" WHERE "receivingUnitId" = bureau\073
  INSERT INTO "ReferralBureauSummary" ("receivingUnitId", "department", "received", "open", "overdue",
    "declined", "completed", "medianHoursToAccept", "medianHoursToComplete")
  SELECT bureau, min(r.department::text)::"DepartmentKind", count(*)::int,
         (count(*) FILTER (WHERE r.status IN (''SENT'', ''ACCEPTED'', ''IN_PROGRESS'')))::int,
         (count(*) FILTER (WHERE r.status IN (''SENT'', ''ACCEPTED'', ''IN_PROGRESS'') AND r.overdue))::int,
         (count(*) FILTER (WHERE r.status = ''DECLINED''))::int,
         (count(*) FILTER (WHERE r."acceptedAt" IS NOT NULL AND r."endedAt" IS NOT NULL
                           AND r.status IN (''COMPLETED'', ''UNABLE_TO_HELP'', ''MEMBER_REFUSED'')))::int,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY round(extract(epoch FROM r."acceptedAt" - r."sentAt") / 360) / 10)
           FILTER (WHERE r."acceptedAt" IS NOT NULL),
         percentile_cont(0.5) WITHIN GROUP (ORDER BY round(extract(epoch FROM r."endedAt" - r."acceptedAt") / 360) / 10)
           FILTER (WHERE r."acceptedAt" IS NOT NULL AND r."endedAt" IS NOT NULL
                   AND r.status IN (''COMPLETED'', ''UNABLE_TO_HELP'', ''MEMBER_REFUSED''))
  FROM "Referral" r
  WHERE r."receivingUnitId" = bureau AND r."sentAt" IS NOT NULL
  HAVING count(*) > 0
';

CREATE FUNCTION summarize_referral_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' THEN PERFORM summarize_referral_bureau(OLD."receivingUnitId")\073 END IF\073
  IF TG_OP <> ''DELETE'' AND (TG_OP = ''INSERT'' OR NEW."receivingUnitId" <> OLD."receivingUnitId") THEN
    PERFORM summarize_referral_bureau(NEW."receivingUnitId")\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "Referral_insert_summaries"
  AFTER INSERT ON "Referral" FOR EACH ROW WHEN (NEW."sentAt" IS NOT NULL)
  EXECUTE FUNCTION summarize_referral_change();
CREATE TRIGGER "Referral_update_summaries"
  AFTER UPDATE ON "Referral" FOR EACH ROW
  WHEN (OLD."sentAt" IS DISTINCT FROM NEW."sentAt" OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.overdue IS DISTINCT FROM NEW.overdue OR OLD."acceptedAt" IS DISTINCT FROM NEW."acceptedAt"
        OR OLD."endedAt" IS DISTINCT FROM NEW."endedAt" OR OLD."receivingUnitId" IS DISTINCT FROM NEW."receivingUnitId")
  EXECUTE FUNCTION summarize_referral_change();
CREATE TRIGGER "Referral_delete_summaries"
  AFTER DELETE ON "Referral" FOR EACH ROW WHEN (OLD."sentAt" IS NOT NULL)
  EXECUTE FUNCTION summarize_referral_change();

-- Every tally and summary counted again from the rows: after a bulk load, or to check them.
CREATE FUNCTION rebuild_supervision_tallies() RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM "OpenCaseTally"\073
  INSERT INTO "OpenCaseTally" ("countyId", "townshipId", "programmeCode", "status", "cases", "members", "placed")
  SELECT c."countyId", c."townshipId", c."programmeCode", c.status, count(*)::int,
         coalesce(sum(m.n), 0)::int, coalesce(sum(p.n), 0)::int
  FROM "Case" c
  LEFT JOIN (SELECT "householdId", count(*) AS n FROM "HouseholdMember" GROUP BY 1) AS m
         ON m."householdId" = c."householdId"
  LEFT JOIN (SELECT "caseId", count(*) AS n FROM "CarePlacement" WHERE status = ''PLACED'' GROUP BY 1) AS p
         ON p."caseId" = c.id
  WHERE c."closedAt" IS NULL
  GROUP BY 1, 2, 3, 4\073
  DELETE FROM "DecisionTally"\073
  INSERT INTO "DecisionTally" ("countyId", "townshipId", "programmeCode", "days", "decisions")
  SELECT c."countyId", c."townshipId", c."programmeCode",
         GREATEST(0, (e."occurredAt" + interval ''8 hours'')::date - (c."appliedAt" + interval ''8 hours'')::date),
         count(*)::int
  FROM "CaseEvent" e JOIN "Case" c ON c.id = e."caseId"
  WHERE e.type = ''caseClosed''
  GROUP BY 1, 2, 3, 4\073
  DELETE FROM "CountyDecisionTally"\073
  INSERT INTO "CountyDecisionTally" ("countyId", "programmeCode", "days", "decisions")
  SELECT "countyId", "programmeCode", "days", sum("decisions")::int FROM "DecisionTally" GROUP BY 1, 2, 3\073
  DELETE FROM "ReferralBureauSummary"\073
  PERFORM summarize_referral_bureau(bureau.id)
  FROM (SELECT DISTINCT "receivingUnitId" AS id FROM "Referral" WHERE "sentAt" IS NOT NULL) AS bureau\073
END';

SELECT rebuild_supervision_tallies();
