import { Prisma } from '@prisma/client';

/**
 * Working days in SQL, on the working-day index (WorkingDay: per county and date, the working
 * days up to and including the date), with the same answers as domain/working-days.ts's
 * `workingDaysLeft` and domain/case-ageing.ts's `workingDaysOverdue`. `today` is the local
 * (UTC+8) date the API reads from its own clock, never the database's.
 */

/** The local (UTC+8) date of a timestamp column, as the read model stores instants in UTC. */
export function localDateOf(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${column} + interval '8 hours')::date`;
}

/**
 * Joins `due` (the index row of the due date of `dueAt`) and `today` (today's) for the case or
 * referral `alias` with columns "countyId" and "dueAt". The due date's row is looked up per row
 * (LATERAL, fenced by OFFSET 0: an index probe), never by hashing the whole index.
 */
export function workingDayJoins(alias: string, today: string): Prisma.Sql {
  return workingDayJoinsOn(
    Prisma.raw(`${alias}."countyId"`),
    localDateOf(Prisma.raw(`${alias}."dueAt"`)),
    today,
  );
}

/** workingDayJoins for a county and a due date given as SQL expressions. */
export function workingDayJoinsOn(county: Prisma.Sql, dueDate: Prisma.Sql, today: string): Prisma.Sql {
  return Prisma.sql`
    LEFT JOIN LATERAL (SELECT w.date, w.ordinal FROM "WorkingDay" w
                       WHERE w."countyId" = ${county} AND w.date = ${dueDate} OFFSET 0) AS due ON TRUE
    LEFT JOIN "WorkingDay" today ON today."countyId" = ${county} AND today.date = ${today}::date`;
}

/**
 * Working days left to the deadline, counting today when it is a working day; negative when it
 * has passed (overdue by that many, at least one). Null without a deadline (or one outside the
 * index's years). Needs `workingDayJoins`.
 */
export const DAYS_LEFT = Prisma.sql`
  CASE WHEN due.ordinal IS NULL OR today.ordinal IS NULL THEN NULL
       WHEN due.date >= today.date THEN due.ordinal - today.ordinal + today.working::int
       ELSE -GREATEST(1, today.ordinal - due.ordinal) END`;

/**
 * Working days a step marked overdue is past its deadline: at least one, also when the clock
 * that reads lags the workflow's. Needs `workingDayJoins`.
 */
export const DAYS_OVERDUE = Prisma.sql`GREATEST(1, coalesce(today.ordinal - due.ordinal, 1))`;
