import { Router } from 'express';
import { keepsNationalCalendar } from '../../domain/account-assignments';
import { dayProblem, isCalendarDate } from '../../domain/calendar-days';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { fieldProblem } from '../administration-access';
import { audit } from '../audit';
import { HttpError } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import {
  calendarDayParamsSchema,
  calendarDaySchema,
  calendarImportSchema,
  calendarQuerySchema,
  calendarYearParamsSchema,
} from '../schemas/calendar';
import { parseCalendarCsv } from '../schemas/calendar-csv';
import { parseStrictInput } from '../schemas/strict-input';

const utcDate = (localDate: string) => new Date(`${localDate}T00:00:00Z`);
const yearRange = (year: number) => ({ gte: utcDate(`${year}-01-01`), lte: utcDate(`${year}-12-31`) });

function requireCalendarKeeper(actor: Actor): void {
  if (!keepsNationalCalendar(actor))
    throw new HttpError(
      403,
      'Forbidden',
      '节假日由州（市）系统管理员维护 (the prefecture administrator keeps the calendar)',
    );
}

export async function calendarYear(db: Database, year: number) {
  const days = await db.calendarDay.findMany({ where: { date: yearRange(year) }, orderBy: { date: 'asc' } });
  return days.map((d) => ({ date: d.date.toISOString().slice(0, 10), kind: d.kind, name: d.name }));
}

/**
 * 节假日: the official calendar every county's working-day deadlines count on. Every user reads
 * it; the prefecture's administrator imports a year from a file (all rows or none) and edits a
 * day. Running procedures count on the new calendar from their next step.
 */
export function calendarRoutes({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    const { year } = parseStrictInput(calendarQuerySchema, req.query, 'query');
    res.json({ year, editable: keepsNationalCalendar(actor), days: await calendarYear(db, year) });
  });

  router.post('/:year/import', async (req, res) => {
    const actor = requireActor(req.actor);
    requireCalendarKeeper(actor);
    const { year } = parseStrictInput(calendarYearParamsSchema, req.params, 'params');
    const { csv } = parseStrictInput(calendarImportSchema, req.body, 'body');
    const parsed = parseCalendarCsv(year, csv);
    if (!parsed.ok) {
      const details = parsed.problems.map((p) => ({
        field: ['body.csv', p.row, p.column].filter((part) => part !== undefined).join('.'),
        ...(p.row !== undefined && { row: p.row }),
        ...(p.column !== undefined && { column: p.column }),
        message: p.message,
      }));
      throw new HttpError(400, 'invalid_input', details.map((d) => d.message).join('; '), details);
    }
    const replaced = await db.$transaction(async (tx) => {
      const { count } = await tx.calendarDay.deleteMany({ where: { date: yearRange(year) } });
      await tx.calendarDay.createMany({
        data: parsed.days.map((d) => ({ date: utcDate(d.date), kind: d.kind, name: d.name })),
      });
      await audit(tx, actor, 'importCalendar', 'calendar', String(year), {
        imported: parsed.days.length,
        replaced: count,
      });
      return count;
    });
    res.status(201).json({ year, imported: parsed.days.length, replaced });
  });

  router.post('/days/:date', async (req, res) => {
    const actor = requireActor(req.actor);
    requireCalendarKeeper(actor);
    const { date } = parseStrictInput(calendarDayParamsSchema, req.params, 'params');
    if (!isCalendarDate(date))
      throw fieldProblem('params.date', `「${date}」不是有效日期`, 400, 'invalid_input');
    const body = parseStrictInput(calendarDaySchema, req.body, 'body');
    if (body.kind !== 'NORMAL') {
      const problem = dayProblem({ date, kind: body.kind });
      if (problem) throw fieldProblem(`body.${problem.column}`, problem.message);
    }
    const before = await db.calendarDay.findUnique({ where: { date: utcDate(date) } });
    await db.$transaction(async (tx) => {
      if (body.kind === 'NORMAL') await tx.calendarDay.deleteMany({ where: { date: utcDate(date) } });
      else
        await tx.calendarDay.upsert({
          where: { date: utcDate(date) },
          create: { date: utcDate(date), kind: body.kind, name: body.name },
          update: { kind: body.kind, name: body.name },
        });
      await audit(tx, actor, 'editCalendarDay', 'calendar', date, {
        before: before ? { kind: before.kind, name: before.name } : null,
        after: body,
      });
    });
    res.json({ date, ...body });
  });

  return router;
}
