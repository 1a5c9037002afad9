import { Router } from 'express';
import { z } from 'zod';
import { keepsNationalCalendar } from '../../domain/account-assignments';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { calendarYear } from '../routes/calendar';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const pageQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/**
 * 节假日: a year's holidays and weekend working days; for the prefecture's administrator, the
 * forms to import the year from a file and to change one day (JSON to /api/calendar).
 */
export function calendarPageRoutes(db: Database): Router {
  const router = Router();

  router.get('/calendar', async (req, res) => {
    const actor = requireActor(req.actor);
    const thisYear = Number(localDateOf(new Date()).slice(0, 4));
    const year = parseInput(pageQuerySchema, req.query, 'query').year ?? thisYear;
    const days = await calendarYear(db, year);
    res.render('calendar', {
      title: `节假日 · ${year}`,
      year,
      years: [thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ y, selected: y === year })),
      editable: keepsNationalCalendar(actor),
      // `day`, not `date`: {{date}} is the pages' date helper.
      days: days.map((d) => ({
        day: d.date,
        kind: d.kind,
        name: d.name,
        weekday: WEEKDAYS[new Date(`${d.date}T00:00:00Z`).getUTCDay()],
        kindName: d.kind === 'HOLIDAY' ? '放假' : '调休上班',
      })),
    });
  });

  return router;
}
