import path from 'node:path';
import type { Express } from 'express';
import { engine } from 'express-handlebars';
import { CASE_STATUSES, PROCEDURE_STEPS } from '../../domain/case-steps';
import { chineseDate } from '../../domain/chinese-date';
import { DECISION_NAMES } from '../../domain/decision-names';
import { REFERRAL_KINDS, REFERRAL_DEPARTMENTS } from '../../domain/referral-needs';
import { referralStatusLabel } from '../../domain/referral-steps';
import { STAFF_ROLE_LABELS } from '../../domain/staff-roles';

const RELATIONS = {
  APPLICANT: '申请人',
  SPOUSE: '配偶',
  CHILD: '子女',
  PARENT: '父母',
  GRANDCHILD: '孙子女',
  GRANDPARENT: '祖父母',
  SIBLING: '兄弟姐妹',
  OTHER: '其他',
};
const LABOUR = { FULL: '有劳动能力', PARTIAL: '部分丧失', NONE: '无劳动能力' };
const HEALTH = { HEALTHY: '健康', CHRONIC: '慢性病', SERIOUS_ILLNESS: '重特大疾病' };
const HOUSING = {
  adequate: '有适当住房',
  privateRental: '租住私房',
  publicRentalTenant: '承租公租房',
  noHousing: '无房无固定住所',
};

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
        // {{referralStatusName status kind}}: 乡镇 for the kinds a township receives.
        referralStatusName: (status: unknown, kind: unknown) =>
          typeof status === 'string' ? referralStatusLabel(status, kind) : status,
        referralKindName: lookup(REFERRAL_KINDS),
        departmentName: lookup(REFERRAL_DEPARTMENTS),
        roleName: lookup(STAFF_ROLE_LABELS),
        decisionName: lookup(DECISION_NAMES),
        relationName: lookup(RELATIONS),
        labourName: lookup(LABOUR),
        healthName: lookup(HEALTH),
        housingName: lookup(HOUSING),
        date: (d: unknown) => (d instanceof Date || typeof d === 'string' ? chineseDate(new Date(d)) : ''),
        eq: (a: unknown, b: unknown) => a === b,
        json: (value: unknown) => JSON.stringify(value),
      },
    }),
  );
  app.set('view engine', 'hbs');
  app.set('views', PAGES);
}
