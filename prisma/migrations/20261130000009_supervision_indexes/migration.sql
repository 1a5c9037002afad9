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
