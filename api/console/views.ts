import path from 'node:path';
import type { Express } from 'express';
import { engine } from 'express-handlebars';
import { CASE_STATUSES, PROCEDURE_STEPS } from '../../domain/case-steps';
import { chineseDate } from '../../domain/chinese-date';
import { REFERRAL_KINDS, REFERRAL_DEPARTMENTS } from '../../domain/referral-needs';
import { REFERRAL_STATUSES } from '../../domain/referral-steps';
import { STAFF_ROLE_LABELS } from '../../domain/staff-roles';

export const PAGES = path.resolve(__dirname, '..', '..', 'templates', 'pages');

const lookup = (table: Record<string, unknown>) => (key: unknown) =>
  typeof key === 'string' && key in table ? ((table[key] as { name?: string }).name ?? table[key]) : key;

/** The console's handlebars: pages under templates/pages, one layout, partials, zh-CN helpers. */
export function useConsoleViews(app: Express): void {
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'console',
      layoutsDir: path.join(PAGES, 'layouts'),
      partialsDir: path.join(PAGES, 'partials'),
      helpers: {
        statusName: lookup(CASE_STATUSES),
        stepName: lookup(PROCEDURE_STEPS),
        referralStatusName: lookup(REFERRAL_STATUSES),
        referralKindName: lookup(REFERRAL_KINDS),
        departmentName: lookup(REFERRAL_DEPARTMENTS),
        roleName: lookup(STAFF_ROLE_LABELS),
        date: (d: unknown) => (d instanceof Date || typeof d === 'string' ? chineseDate(new Date(d)) : ''),
        eq: (a: unknown, b: unknown) => a === b,
        json: (value: unknown) => JSON.stringify(value),
      },
    }),
  );
  app.set('view engine', 'hbs');
  app.set('views', PAGES);
}
