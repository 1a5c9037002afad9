import { z } from 'zod';
import { INCOME_KINDS, type IncomeItem, type IncomeKind } from './income';
import { divideRounded, fenToYuan, yuanToFen } from './money';
import { lazySchema } from './lazy-schema';

/**
 * 家庭经济状况核对 the household economic check: which bureau answers what of each member, the
 * household's declaration the answers are held against, the report that compares them, and the
 * investigation figures the rules then read (the checked ones where they differ).
 */

/** The bureaus a check fans out to, as DepartmentKind in prisma/schema.prisma, with what each holds. */
export const CHECK_SOURCES = {
  PUBLIC_SECURITY: {
    code: 'GA',
    department: 'PUBLIC_SECURITY',
    name: '公安（户籍、车辆）',
    fields: ['registration', 'vehicles'],
  },
  NATURAL_RESOURCES: {
    code: 'ZR',
    department: 'NATURAL_RESOURCES',
    name: '自然资源（不动产登记）',
    fields: ['homes'],
  },
  HUMAN_RESOURCES: {
    code: 'RS',
    department: 'LABOUR',
    name: '人社（养老金、参保就业）',
    fields: ['pensionMonthlyYuan', 'insuredWageMonthlyYuan'],
  },
  MARKET_REGULATION: {
    code: 'SC',
    department: 'MARKET_REGULATION',
    name: '市场监管（登记经营主体）',
    fields: ['businesses'],
  },
  TAX: { code: 'SW', department: 'TAX', name: '税务（纳税收入）', fields: ['taxedIncomeMonthlyYuan'] },
  BANKS: {
    code: 'YH',
    department: 'CHECK_CENTRE',
    name: '银行存款（经县核对中心）',
    fields: ['depositsYuan'],
  },
} as const;

export type CheckSource = keyof typeof CHECK_SOURCES;
export const CHECK_SOURCE_NAMES = Object.keys(CHECK_SOURCES) as [CheckSource, ...CheckSource[]];

export const REGISTRATION_STATUSES = {
  registered: '正常户籍',
  deceased: '已死亡注销',
  movedOut: '已迁出',
  notFound: '查无此人',
} as const;
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES;

const count = lazySchema(() => z.number().int('须为整数').min(0, '不能为负数').max(1000, '数量过大'));
const yuan = lazySchema(() =>
  z.number().min(0, '不能为负数').max(100_000_000, '金额过大').multipleOf(0.01, '最多两位小数'),
);

/** What a bureau may report of one member; each source fills its own fields. */
export const FINDING_FIELDS = {
  registration: {
    label: '户籍状态',
    schema: z.enum(Object.keys(REGISTRATION_STATUSES) as [RegistrationStatus, ...RegistrationStatus[]], {
      error: `应为 ${Object.keys(REGISTRATION_STATUSES).join('/')} 之一`,
    }),
    kind: 'text',
  },
  vehicles: { label: '登记机动车（辆）', schema: count, kind: 'count' },
  homes: { label: '登记房产（套）', schema: count, kind: 'count' },
  pensionMonthlyYuan: { label: '养老金（元/月）', schema: yuan, kind: 'yuan' },
  insuredWageMonthlyYuan: { label: '参保缴费工资（元/月）', schema: yuan, kind: 'yuan' },
  businesses: { label: '登记经营主体（户）', schema: count, kind: 'count' },
  taxedIncomeMonthlyYuan: { label: '纳税申报收入（元/月）', schema: yuan, kind: 'yuan' },
  depositsYuan: { label: '存款余额（元）', schema: yuan, kind: 'yuan' },
} as const;
export type FindingField = keyof typeof FINDING_FIELDS;

/** One member's answer from one bureau: the member's id and the source's fields. */
export type MemberFinding = { memberId: string } & Partial<{
  registration: RegistrationStatus;
  vehicles: number;
  homes: number;
  pensionMonthlyYuan: number;
  insuredWageMonthlyYuan: number;
  businesses: number;
  taxedIncomeMonthlyYuan: number;
  depositsYuan: number;
}>;

/** The fields one source must answer for a member, as a strict zod object. */
export function findingSchemaOf(source: CheckSource) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of CHECK_SOURCES[source].fields) shape[field] = FINDING_FIELDS[field].schema;
  return z.strictObject(shape);
}

/** 家庭经济状况申报: what the household declared, held against the bureaus' findings. */
export const declarationSchema = lazySchema(() =>
  z.strictObject({
    vehicles: count,
    homes: count,
    registeredBusiness: z.boolean(),
    depositsYuan: yuan,
    /** Monthly income by member and kind, as declared. */
    incomes: z
      .array(
        z.strictObject({
          memberId: z.string().trim().min(1).max(100),
          kind: z.enum(Object.keys(INCOME_KINDS) as [IncomeKind, ...IncomeKind[]]),
          monthlyYuan: yuan,
        }),
      )
      .max(100)
      .default([]),
  }),
);
export type Declaration = z.infer<typeof declarationSchema>;

export interface CheckMember {
  memberId: string;
  name: string;
}

/** One line of the report: what a source found against what was declared. */
export interface ReportLine {
  source: CheckSource;
  topic: string;
  memberId: string | null;
  memberName: string | null;
  declared: string;
  found: string;
  mismatch: boolean;
}

export interface CheckReport {
  lines: ReportLine[];
  mismatches: number;
  /** The checked figures, household-wide and per member, that the investigation rules read. */
  checked: CheckedFigures;
}

export interface CheckedFigures {
  vehicles: number;
  homes: number;
  businesses: number;
  depositsYuan: number;
  /** Per member: monthly pension and monthly wages (the larger of insured wage and taxed income). */
  members: {
    memberId: string;
    pensionMonthlyYuan: number;
    wagesMonthlyYuan: number;
    registration: RegistrationStatus;
  }[];
}

const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const yuanText = (n: number) => `${fenToYuan(yuanToFen(n)).toFixed(2)} 元`;

function declaredMonthly(declaration: Declaration, memberId: string, kinds: readonly IncomeKind[]): number {
  return fenToYuan(
    sumOf(
      declaration.incomes
        .filter((i) => i.memberId === memberId && kinds.includes(i.kind))
        .map((i) => yuanToFen(i.monthlyYuan)),
    ),
  );
}

/**
 * 核对报告: every source's findings, member by member, against the declaration. A mismatch is a
 * finding the declaration did not show: more vehicles, homes or deposits than declared, a
 * business not declared, a pension or wages above the declared figure, a member who died or
 * moved out of the registration.
 */
export function compileReport(
  declaration: Declaration,
  members: readonly CheckMember[],
  answers: Partial<Record<CheckSource, readonly MemberFinding[]>>,
): CheckReport {
  const lines: ReportLine[] = [];
  const nameOf = (id: string) => members.find((m) => m.memberId === id)?.name ?? null;
  const all = (source: CheckSource) => answers[source] ?? [];
  const total = (source: CheckSource, field: FindingField) =>
    sumOf(all(source).map((f) => Number(f[field as keyof MemberFinding] ?? 0)));

  for (const f of all('PUBLIC_SECURITY')) {
    const registration = f.registration ?? 'registered';
    lines.push({
      source: 'PUBLIC_SECURITY',
      topic: '户籍状态',
      memberId: f.memberId,
      memberName: nameOf(f.memberId),
      declared: REGISTRATION_STATUSES.registered,
      found: REGISTRATION_STATUSES[registration],
      mismatch: registration !== 'registered',
    });
  }
  const household = (source: CheckSource, topic: string, declared: number, found: number, unit: string) =>
    lines.push({
      source,
      topic,
      memberId: null,
      memberName: null,
      declared: `${declared} ${unit}`,
      found: `${found} ${unit}`,
      mismatch: found > declared,
    });
  const vehicles = total('PUBLIC_SECURITY', 'vehicles');
  const homes = total('NATURAL_RESOURCES', 'homes');
  const businesses = total('MARKET_REGULATION', 'businesses');
  const depositsYuan = fenToYuan(sumOf(all('BANKS').map((f) => yuanToFen(f.depositsYuan ?? 0))));
  if (answers.PUBLIC_SECURITY) household('PUBLIC_SECURITY', '机动车', declaration.vehicles, vehicles, '辆');
  if (answers.NATURAL_RESOURCES) household('NATURAL_RESOURCES', '房产', declaration.homes, homes, '套');
  if (answers.MARKET_REGULATION)
    lines.push({
      source: 'MARKET_REGULATION',
      topic: '登记经营主体',
      memberId: null,
      memberName: null,
      declared: declaration.registeredBusiness ? '有' : '无',
      found: businesses > 0 ? `${businesses} 户` : '无',
      mismatch: businesses > 0 && !declaration.registeredBusiness,
    });
  if (answers.BANKS)
    lines.push({
      source: 'BANKS',
      topic: '存款',
      memberId: null,
      memberName: null,
      declared: yuanText(declaration.depositsYuan),
      found: yuanText(depositsYuan),
      mismatch: yuanToFen(depositsYuan) > yuanToFen(declaration.depositsYuan),
    });

  const checkedMembers: CheckedFigures['members'] = members.map((m) => {
    const hr = all('HUMAN_RESOURCES').find((f) => f.memberId === m.memberId);
    const tax = all('TAX').find((f) => f.memberId === m.memberId);
    const ps = all('PUBLIC_SECURITY').find((f) => f.memberId === m.memberId);
    const pension = hr?.pensionMonthlyYuan ?? 0;
    const wages = Math.max(hr?.insuredWageMonthlyYuan ?? 0, tax?.taxedIncomeMonthlyYuan ?? 0);
    const declaredPension = declaredMonthly(declaration, m.memberId, ['basicPension']);
    const declaredWages = declaredMonthly(declaration, m.memberId, ['wages', 'business', 'property']);
    if (hr) {
      lines.push({
        source: 'HUMAN_RESOURCES',
        topic: '养老金',
        memberId: m.memberId,
        memberName: m.name,
        declared: yuanText(declaredPension),
        found: yuanText(pension),
        mismatch: yuanToFen(pension) > yuanToFen(declaredPension),
      });
      lines.push({
        source: 'HUMAN_RESOURCES',
        topic: '参保就业工资',
        memberId: m.memberId,
        memberName: m.name,
        declared: yuanText(declaredWages),
        found: yuanText(hr.insuredWageMonthlyYuan ?? 0),
        mismatch: yuanToFen(hr.insuredWageMonthlyYuan ?? 0) > yuanToFen(declaredWages),
      });
    }
    if (tax)
      lines.push({
        source: 'TAX',
        topic: '纳税申报收入',
        memberId: m.memberId,
        memberName: m.name,
        declared: yuanText(declaredWages),
        found: yuanText(tax.taxedIncomeMonthlyYuan ?? 0),
        mismatch: yuanToFen(tax.taxedIncomeMonthlyYuan ?? 0) > yuanToFen(declaredWages),
      });
    return {
      memberId: m.memberId,
      pensionMonthlyYuan: pension,
      wagesMonthlyYuan: wages,
      registration: ps?.registration ?? 'registered',
    };
  });
  return {
    lines,
    mismatches: lines.filter((l) => l.mismatch).length,
    checked: { vehicles, homes, businesses, depositsYuan, members: checkedMembers },
  };
}

/** The investigation figures the means test reads (domain/step-decisions.ts investigationReportSchema). */
export interface InvestigationFigures {
  incomes: IncomeItem[];
  assets: { depositsYuan: number; vehicles: number; homes: number; registeredBusiness: boolean };
}

export interface Substitution {
  field: string;
  memberId: string | null;
  entered: string;
  checked: string;
}

function monthlyOf(items: readonly IncomeItem[], memberId: string, kinds: readonly IncomeKind[]): number {
  // Yearly items as a twelfth, to the fen (half up).
  return fenToYuan(
    sumOf(
      items
        .filter((i) => i.memberId === memberId && kinds.includes(i.kind))
        .map((i) =>
          i.period === 'monthly' ? yuanToFen(i.amountYuan) : divideRounded(yuanToFen(i.amountYuan), 12),
        ),
    ),
  );
}

/**
 * The figures the rules read after a check: where a bureau found more than the investigation
 * entered (assets, a member's pension, a member's wages), the checked figure replaces the entered
 * one; where it found as much or less, the entered figure stands. Answers what was replaced.
 */
export function withCheckedFigures<T extends InvestigationFigures>(
  entered: T,
  checked: CheckedFigures,
): { figures: T; substitutions: Substitution[] } {
  const substitutions: Substitution[] = [];
  const assets = { ...entered.assets };
  const more = (field: 'vehicles' | 'homes', found: number) => {
    if (found > assets[field]) {
      substitutions.push({
        field: `assets.${field}`,
        memberId: null,
        entered: String(assets[field]),
        checked: String(found),
      });
      assets[field] = found;
    }
  };
  more('vehicles', checked.vehicles);
  more('homes', checked.homes);
  if (checked.businesses > 0 && !assets.registeredBusiness) {
    substitutions.push({ field: 'assets.registeredBusiness', memberId: null, entered: '无', checked: '有' });
    assets.registeredBusiness = true;
  }
  if (yuanToFen(checked.depositsYuan) > yuanToFen(assets.depositsYuan)) {
    substitutions.push({
      field: 'assets.depositsYuan',
      memberId: null,
      entered: yuanText(assets.depositsYuan),
      checked: yuanText(checked.depositsYuan),
    });
    assets.depositsYuan = checked.depositsYuan;
  }
  let incomes: IncomeItem[] = [...entered.incomes];
  const replace = (
    memberId: string,
    kinds: readonly IncomeKind[],
    as: IncomeKind,
    found: number,
    field: string,
  ) => {
    const was = monthlyOf(incomes, memberId, kinds);
    if (yuanToFen(found) <= yuanToFen(was)) return;
    substitutions.push({ field, memberId, entered: yuanText(was), checked: yuanText(found) });
    // The entered items of those kinds stand; the difference is added as a checked item.
    incomes = [
      ...incomes,
      { memberId, kind: as, amountYuan: fenToYuan(yuanToFen(found) - yuanToFen(was)), period: 'monthly' },
    ];
  };
  for (const m of checked.members) {
    replace(m.memberId, ['basicPension'], 'basicPension', m.pensionMonthlyYuan, 'incomes.basicPension');
    replace(m.memberId, ['wages', 'business', 'property'], 'wages', m.wagesMonthlyYuan, 'incomes.wages');
  }
  return { figures: { ...entered, assets, incomes }, substitutions };
}

/** 特困's investigation figures: the person's own monthly income and assets. */
export interface TekunFigures {
  ownIncomeMonthlyYuan: number;
  assets: { depositsYuan: number; vehicles: number; homes: number };
}

/** As withCheckedFigures for 特困: the checked assets and the household's checked income where larger. */
export function withCheckedTekunFigures<T extends TekunFigures>(
  entered: T,
  checked: CheckedFigures,
): { figures: T; substitutions: Substitution[] } {
  const substitutions: Substitution[] = [];
  const assets = { ...entered.assets };
  for (const field of ['vehicles', 'homes'] as const)
    if (checked[field] > assets[field]) {
      substitutions.push({
        field: `assets.${field}`,
        memberId: null,
        entered: String(assets[field]),
        checked: String(checked[field]),
      });
      assets[field] = checked[field];
    }
  if (yuanToFen(checked.depositsYuan) > yuanToFen(assets.depositsYuan)) {
    substitutions.push({
      field: 'assets.depositsYuan',
      memberId: null,
      entered: yuanText(assets.depositsYuan),
      checked: yuanText(checked.depositsYuan),
    });
    assets.depositsYuan = checked.depositsYuan;
  }
  const income = fenToYuan(
    sumOf(checked.members.map((m) => yuanToFen(m.pensionMonthlyYuan) + yuanToFen(m.wagesMonthlyYuan))),
  );
  let ownIncomeMonthlyYuan = entered.ownIncomeMonthlyYuan;
  if (yuanToFen(income) > yuanToFen(ownIncomeMonthlyYuan)) {
    substitutions.push({
      field: 'ownIncomeMonthlyYuan',
      memberId: null,
      entered: yuanText(ownIncomeMonthlyYuan),
      checked: yuanText(income),
    });
    ownIncomeMonthlyYuan = income;
  }
  return { figures: { ...entered, assets, ownIncomeMonthlyYuan }, substitutions };
}
