import {
  compileReport,
  findingSchemaOf,
  withCheckedFigures,
  withCheckedTekunFigures,
  type CheckMember,
  type Declaration,
  type InvestigationFigures,
  type MemberFinding,
} from '../../domain/economic-check';

const MEMBERS: CheckMember[] = [
  { memberId: 'm1', name: '施玉兰' },
  { memberId: 'm2', name: '杨建国' },
];

const NOTHING: Declaration = {
  vehicles: 0,
  homes: 1,
  registeredBusiness: false,
  depositsYuan: 2000,
  incomes: [],
};

const quiet = {
  PUBLIC_SECURITY: [
    { memberId: 'm1', registration: 'registered', vehicles: 0 },
    { memberId: 'm2', registration: 'registered', vehicles: 0 },
  ],
  NATURAL_RESOURCES: [
    { memberId: 'm1', homes: 1 },
    { memberId: 'm2', homes: 0 },
  ],
  HUMAN_RESOURCES: [
    { memberId: 'm1', pensionMonthlyYuan: 0, insuredWageMonthlyYuan: 0 },
    { memberId: 'm2', pensionMonthlyYuan: 0, insuredWageMonthlyYuan: 0 },
  ],
  MARKET_REGULATION: [
    { memberId: 'm1', businesses: 0 },
    { memberId: 'm2', businesses: 0 },
  ],
  TAX: [
    { memberId: 'm1', taxedIncomeMonthlyYuan: 0 },
    { memberId: 'm2', taxedIncomeMonthlyYuan: 0 },
  ],
  BANKS: [
    { memberId: 'm1', depositsYuan: 1500 },
    { memberId: 'm2', depositsYuan: 500 },
  ],
} satisfies Record<string, MemberFinding[]>;

const changed = (source: keyof typeof quiet, memberId: string, change: Partial<MemberFinding>) => ({
  ...quiet,
  [source]: quiet[source].map((f) => (f.memberId === memberId ? { ...f, ...change } : f)),
});

describe('核对报告 compileReport', () => {
  test('findings matching the declaration flag nothing', () => {
    const report = compileReport(NOTHING, MEMBERS, quiet);
    expect(report.mismatches).toBe(0);
    expect(report.lines.length).toBeGreaterThan(6);
  });

  test.each([
    ['an undeclared car', changed('PUBLIC_SECURITY', 'm2', { vehicles: 1 }), '机动车'],
    [
      'a death in the registration',
      changed('PUBLIC_SECURITY', 'm2', { registration: 'deceased' }),
      '户籍状态',
    ],
    ['a second home', changed('NATURAL_RESOURCES', 'm2', { homes: 1 }), '房产'],
    ['a pension', changed('HUMAN_RESOURCES', 'm1', { pensionMonthlyYuan: 1800 }), '养老金'],
    [
      'insured employment',
      changed('HUMAN_RESOURCES', 'm2', { insuredWageMonthlyYuan: 3000 }),
      '参保就业工资',
    ],
    ['a business', changed('MARKET_REGULATION', 'm2', { businesses: 1 }), '登记经营主体'],
    [
      'taxed income above the declared',
      changed('TAX', 'm2', { taxedIncomeMonthlyYuan: 2500 }),
      '纳税申报收入',
    ],
    ['deposits above the declared', changed('BANKS', 'm1', { depositsYuan: 90000 }), '存款'],
  ])('%s is a mismatch', (_name, answers, topic) => {
    const report = compileReport(NOTHING, MEMBERS, answers as never);
    expect(report.mismatches).toBe(1);
    expect(report.lines.find((l) => l.mismatch)?.topic).toBe(topic);
  });

  test.each([
    ['a declared pension at the found amount', 1800, 0],
    ['a declared pension below the found amount', 1000, 1],
  ])('%s', (_name, declaredPension, mismatches) => {
    const declared: Declaration = {
      ...NOTHING,
      incomes: [{ memberId: 'm1', kind: 'basicPension', monthlyYuan: declaredPension }],
    };
    const report = compileReport(
      declared,
      MEMBERS,
      changed('HUMAN_RESOURCES', 'm1', { pensionMonthlyYuan: 1800 }),
    );
    expect(report.mismatches).toBe(mismatches);
  });

  test('a declared business covers a registered one', () => {
    const report = compileReport(
      { ...NOTHING, registeredBusiness: true },
      MEMBERS,
      changed('MARKET_REGULATION', 'm1', { businesses: 2 }),
    );
    expect(report.mismatches).toBe(0);
  });
});

describe('checked figures 核对数据优先 withCheckedFigures', () => {
  const entered: InvestigationFigures = {
    incomes: [
      { memberId: 'm2', kind: 'wages', amountYuan: 12000, period: 'yearly' },
      { memberId: 'm1', kind: 'basicPension', amountYuan: 200, period: 'monthly' },
    ],
    assets: { depositsYuan: 2000, vehicles: 0, homes: 1, registeredBusiness: false },
  };

  test.each([
    ['nothing found beyond the entries', quiet, [], entered.assets, 1000],
    [
      'deposits above the entered ones',
      changed('BANKS', 'm1', { depositsYuan: 30000 }),
      ['assets.depositsYuan'],
      { ...entered.assets, depositsYuan: 30500 },
      1000,
    ],
    [
      'wages from the tax bureau above the entered ones',
      changed('TAX', 'm2', { taxedIncomeMonthlyYuan: 2500 }),
      ['incomes.wages'],
      entered.assets,
      2500,
    ],
    [
      'insured wages below the entered ones leave the entry',
      changed('HUMAN_RESOURCES', 'm2', { insuredWageMonthlyYuan: 800 }),
      [],
      entered.assets,
      1000,
    ],
  ])('%s', (_name, answers, fields, assets, m2MonthlyWages) => {
    const report = compileReport(NOTHING, MEMBERS, answers as never);
    const { figures, substitutions } = withCheckedFigures(entered, report.checked);
    expect(substitutions.map((s) => s.field)).toEqual(fields);
    expect(figures.assets).toEqual(assets);
    const monthly = figures.incomes
      .filter((i) => i.memberId === 'm2' && i.kind === 'wages')
      .reduce((sum, i) => sum + (i.period === 'monthly' ? i.amountYuan : i.amountYuan / 12), 0);
    expect(monthly).toBeCloseTo(m2MonthlyWages, 2);
  });

  test('a car, a home and a business found replace the entered assets', () => {
    const answers = {
      ...changed('PUBLIC_SECURITY', 'm1', { vehicles: 1 }),
      NATURAL_RESOURCES: [{ memberId: 'm1', homes: 2 }],
      MARKET_REGULATION: [{ memberId: 'm2', businesses: 1 }],
    };
    const { figures, substitutions } = withCheckedFigures(
      entered,
      compileReport(NOTHING, MEMBERS, answers as never).checked,
    );
    expect(figures.assets).toEqual({ depositsYuan: 2000, vehicles: 1, homes: 2, registeredBusiness: true });
    expect(substitutions).toHaveLength(3);
  });

  test('a pension found replaces the entered one', () => {
    const answers = changed('HUMAN_RESOURCES', 'm1', { pensionMonthlyYuan: 1800 });
    const { figures } = withCheckedFigures(
      entered,
      compileReport(NOTHING, MEMBERS, answers as never).checked,
    );
    const pension = figures.incomes.filter((i) => i.memberId === 'm1' && i.kind === 'basicPension');
    expect(pension.reduce((s, i) => s + i.amountYuan, 0)).toBe(1800);
  });
});

describe('what each bureau answers', () => {
  test.each([
    ['PUBLIC_SECURITY', { registration: 'registered', vehicles: 1 }, true],
    ['PUBLIC_SECURITY', { registration: 'alive', vehicles: 1 }, false],
    ['PUBLIC_SECURITY', { vehicles: 1 }, false],
    ['BANKS', { depositsYuan: 12.345 }, false],
    ['BANKS', { depositsYuan: 12.34 }, true],
    ['TAX', { taxedIncomeMonthlyYuan: -1 }, false],
    ['TAX', { taxedIncomeMonthlyYuan: 1, homes: 1 }, false],
  ] as const)('%s %j accepted: %s', (source, answer, ok) => {
    expect(findingSchemaOf(source).safeParse(answer).success).toBe(ok);
  });
});

describe('特困 checked figures withCheckedTekunFigures', () => {
  test.each([
    ['nothing found', quiet, 0, 0],
    ['a pension found', changed('HUMAN_RESOURCES', 'm1', { pensionMonthlyYuan: 900 }), 900, 1],
    [
      'a pension below the entered income',
      changed('HUMAN_RESOURCES', 'm1', { pensionMonthlyYuan: 100 }),
      300,
      0,
    ],
  ])('%s', (_name, answers, income, substitutions) => {
    const entered = { ownIncomeMonthlyYuan: 300, assets: { depositsYuan: 2000, vehicles: 0, homes: 1 } };
    const out = withCheckedTekunFigures(entered, compileReport(NOTHING, MEMBERS, answers as never).checked);
    expect(out.figures.ownIncomeMonthlyYuan).toBe(income === 0 ? 300 : income);
    expect(out.substitutions).toHaveLength(substitutions);
  });
});
