import type { RequestHandler } from 'express';
import { missingCalendarYears } from '../../domain/calendar-years';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { loadedCalendarYears } from '../calendar-years';

/**
 * For an administrator, on every console page: a banner while this year's holiday calendar is
 * missing, or next year's from 1 October on (domain/calendar-years.ts). Deadlines in such a year
 * are counted on weekends alone until it is loaded.
 */
export function calendarBanner(db: Database): RequestHandler {
  return async (req, res, next) => {
    if (req.actor?.role === 'ADMINISTRATOR') {
      const missing = missingCalendarYears(localDateOf(Date.now()), await loadedCalendarYears(db));
      if (missing.length > 0) res.locals.calendarWarning = { years: missing.join('、') };
    }
    next();
  };
}
