import { DEFAULT_COUNTY_POLICY, type CountyPolicy } from '../../domain/county-policy';
import {
  assessTekunEligibility,
  supporterSchema,
  type LabourCapacityGround,
  type Supporter,
  type TekunAssets,
  type TekunIneligibilityCode,
  type TekunPerson,
} from '../../domain/tekun-eligibility';

const ON = '2026-06-15';
const ELDERLY: TekunPerson = { birthDate: '1950-01-01', disability: null };

const policyWith = (
  extremePoverty: Partial<CountyPolicy['extremePoverty']> = {},
  assetLimits: Partial<CountyPolicy['assetLimits']> = {},
): Pick<CountyPolicy, 'extremePoverty' | 'assetLimits'> => ({
  extremePoverty: { ...DEFAULT_COUNTY_POLICY.extremePoverty, ...extremePoverty },
  assetLimits: { ...DEFAULT_COUNTY_POLICY.assetLimits, ...assetLimits },
});

const assess = (
  overrides: Partial<Parameters<typeof assessTekunEligibility>[0]> = {},
  policy = policyWith(),
) =>
  assessTekunEligibility(
    { person: ELDERLY, supporters: [], ownIncomeMonthlyYuan: 0, onDate: ON, ...overrides },
    policy,
  );
const codes = (result: ReturnType<typeof assess>) => result.reasons.map((r) => r.code);

describe('no labour capacity 无劳动能力 (on 2026-06-15)', () => {
  test.each<[string, TekunPerson, LabourCapacityGround | null, number?]>([
    ['60 today', { birthDate: '1966-06-15' }, 'elderly'],
    ['60 tomorrow', { birthDate: '1966-06-16' }, null],
    ['15, 16 tomorrow', { birthDate: '2010-06-16' }, 'minor'],
    ['16 today', { birthDate: '2010-06-15' }, null],
    ['a newborn', { birthDate: '2026-06-01' }, 'minor'],
    ['17 where the county says under 18', { birthDate: '2009-01-01' }, 'minor', 18],
    [
      '30, grade 2 intellectual',
      { birthDate: '1996-01-01', disability: { grade: 2, type: 'intellectual' } },
      'intellectualOrMental',
    ],
    [
      '30, grade 2 mental',
      { birthDate: '1996-01-01', disability: { grade: 2, type: 'mental' } },
      'intellectualOrMental',
    ],
    [
      '30, grade 3 intellectual',
      { birthDate: '1996-01-01', disability: { grade: 3, type: 'intellectual' } },
      null,
    ],
    [
      '30, grade 1 physical',
      { birthDate: '1996-01-01', disability: { grade: 1, type: 'physical' } },
      'physical',
    ],
    ['30, grade 2 physical', { birthDate: '1996-01-01', disability: { grade: 2, type: 'physical' } }, null],
    ['30, grade 1 visual', { birthDate: '1996-01-01', disability: { grade: 1, type: 'visual' } }, null],
    [
      '30, grade 1 multiple',
      { birthDate: '1996-01-01', disability: { grade: 1, type: 'multiple' } },
      'multiple',
    ],
    ['30, grade 2 multiple', { birthDate: '1996-01-01', disability: { grade: 2, type: 'multiple' } }, null],
    [
      'a disabled minor: the disability, which lasts',
      { birthDate: '2016-01-01', disability: { grade: 1, type: 'physical' } },
      'physical',
    ],
    [
      '70 with grade 2 mental: the disability first',
      { birthDate: '1956-01-01', disability: { grade: 2, type: 'mental' } },
      'intellectualOrMental',
    ],
    [
      '70 with grade 3 physical: the age',
      { birthDate: '1956-01-01', disability: { grade: 3, type: 'physical' } },
      'elderly',
    ],
  ])('%s → %p', (_name, person, ground, minorAgeLimit = 16) => {
    const result = assess({ person }, policyWith({ minorAgeLimit }));
    expect(result.labourCapacityReason?.code ?? null).toBe(ground);
    expect(result.eligible).toBe(ground !== null);
    expect(codes(result)).toEqual(ground ? [] : ['hasLabourCapacity']);
  });

  test.each<[TekunPerson, number, string]>([
    [ELDERLY, 16, '年满60周岁'],
    [{ birthDate: '2012-01-01' }, 16, '未满16周岁的未成年人'],
    [{ birthDate: '2009-01-01' }, 18, '未满18周岁的未成年人'],
    [{ birthDate: '1996-01-01', disability: { grade: 1, type: 'mental' } }, 16, '一、二级智力或精神残疾'],
  ])('names the ground: %p → %s', (person, minorAgeLimit, text) => {
    expect(assess({ person }, policyWith({ minorAgeLimit })).labourCapacityReason?.text).toBe(text);
  });

  test('says why a working-age person has labour capacity', () => {
    expect(assess({ person: { birthDate: '1986-01-01' } }).reasons[0]?.text).toBe(
      '不属于无劳动能力的情形（40 周岁，已满16周岁、未满60周岁；无一、二级智力或精神残疾，无一级肢体或多重残疾）',
    );
  });
});

describe('no income 无生活来源', () => {
  test.each<[string, number, number | null, string | null]>([
    ['no income, no threshold', 0, null, null],
    ['one fen, no threshold', 0.01, null, '本人有收入，不属于无生活来源（月收入 0.01 元）'],
    ['under the county threshold', 299.99, 300, null],
    [
      'at the county threshold',
      300,
      300,
      '本人有收入，不属于无生活来源（月收入 300.00 元，不低于本县认定线 300.00 元）',
    ],
    [
      'a threshold of 0 excludes even no income',
      0,
      0,
      '本人有收入，不属于无生活来源（月收入 0.00 元，不低于本县认定线 0.00 元）',
    ],
  ])('%s', (_name, income, limit, text) => {
    const result = assess({ ownIncomeMonthlyYuan: income }, policyWith({ incomeLimitMonthlyYuan: limit }));
    expect(result.eligible).toBe(text === null);
    expect(result.reasons.map((r) => r.text)).toEqual(text ? [text] : []);
  });

  test.each<[string, TekunAssets, Partial<CountyPolicy['assetLimits']>, TekunIneligibilityCode[]]>([
    ['deposits at the limit', { depositsYuan: 20000, vehicles: 0, homes: 1 }, {}, []],
    ['deposits one fen over', { depositsYuan: 20000.01, vehicles: 0, homes: 1 }, {}, ['depositsOverLimit']],
    ['no home', { depositsYuan: 0, vehicles: 0, homes: 0 }, {}, []],
    ['a vehicle', { depositsYuan: 0, vehicles: 1, homes: 1 }, {}, ['ownsVehicle']],
    ['a vehicle the county allows', { depositsYuan: 0, vehicles: 1, homes: 1 }, { vehicleAllowed: true }, []],
    ['a second home', { depositsYuan: 0, vehicles: 0, homes: 2 }, {}, ['ownsSecondHome']],
    [
      'a second home the county allows',
      { depositsYuan: 0, vehicles: 0, homes: 2 },
      { secondHomeAllowed: true },
      [],
    ],
    [
      'everything over',
      { depositsYuan: 50000, vehicles: 2, homes: 3 },
      {},
      ['depositsOverLimit', 'ownsVehicle', 'ownsSecondHome'],
    ],
  ])('assets: %s', (_name, assets, limits, expected) => {
    const result = assess({ assets }, policyWith({}, limits));
    expect(codes(result)).toEqual(expected);
    expect(result.eligible).toBe(expected.length === 0);
  });

  test('names the deposit limit', () => {
    expect(assess({ assets: { depositsYuan: 30000, vehicles: 0, homes: 1 } }).reasons[0]?.text).toBe(
      '本人存款等金融资产超过本县限额（限额 20000.00 元）',
    );
  });

  test('without assets, only income is checked', () => {
    expect(assess({ assets: null }).eligible).toBe(true);
  });
});

describe('no supporter able to support 无履行义务能力', () => {
  const supporter = (
    name: string,
    relation: Supporter['relation'],
    ability: Supporter['ability'],
  ): Pick<Supporter, 'name' | 'relation' | 'ability'> => ({ name, relation, ability });

  test.each<[string, ReturnType<typeof supporter>[], string[]]>([
    ['no supporter', [], []],
    [
      'supporters all unable',
      [supporter('张伟', 'child', 'unable'), supporter('张芳', 'child', 'unable')],
      [],
    ],
    ['an able son', [supporter('张伟', 'child', 'able')], ['子女张伟具备赡养能力']],
    ['an able parent of a minor', [supporter('张强', 'parent', 'able')], ['父母张强具备抚养能力']],
    ['an able spouse', [supporter('李梅', 'spouse', 'able')], ['配偶李梅具备扶养能力']],
    ['an able grandchild', [supporter('张晓', 'grandchild', 'able')], ['孙子女、外孙子女张晓具备赡养能力']],
    [
      'one of two able, another relation',
      [supporter('张伟', 'child', 'unable'), supporter('张兰', 'other', 'able')],
      ['其他法定义务人张兰具备赡养、抚养或扶养能力'],
    ],
    [
      'each able supporter is named',
      [supporter('张伟', 'child', 'able'), supporter('张军', 'sibling', 'able')],
      ['子女张伟具备赡养能力', '兄弟姐妹张军具备扶养能力'],
    ],
  ])('%s', (_name, supporters, details) => {
    const result = assess({ supporters });
    expect(result.eligible).toBe(details.length === 0);
    expect(result.reasons.map((r) => r.text)).toEqual(
      details.map((d) => `有法定义务人具备履行义务的能力（${d}）`),
    );
  });
});

describe('assessTekunEligibility', () => {
  test('an eligible person: no reasons, the ground named', () => {
    expect(assess()).toEqual({
      eligible: true,
      labourCapacityReason: { code: 'elderly', text: '年满60周岁' },
      reasons: [],
    });
  });

  test('lists every failed condition, in order', () => {
    const result = assess({
      person: { birthDate: '1986-01-01' },
      ownIncomeMonthlyYuan: 2000,
      assets: { depositsYuan: 0, vehicles: 1, homes: 1 },
      supporters: [{ name: '李梅', relation: 'spouse', ability: 'able' }],
    });
    expect(result.eligible).toBe(false);
    expect(result.labourCapacityReason).toBeNull();
    expect(codes(result)).toEqual(['hasLabourCapacity', 'hasIncome', 'ownsVehicle', 'supporterAble']);
  });
});

describe('supporterSchema', () => {
  const paths = (input: unknown) => {
    const result = supporterSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };

  test.each<[string, unknown]>([
    ['able, no reason', { name: '张伟', relation: 'child', ability: 'able' }],
    ['unable, also 特困', { name: '张伟', relation: 'child', ability: 'unable', unableReason: 'alsoTekun' }],
    [
      'unable for another reason, explained',
      { name: '张伟', relation: 'sibling', ability: 'unable', unableReason: 'other', note: '长期患病卧床' },
    ],
  ])('accepts %s', (_name, input) => {
    expect(paths(input)).toEqual([]);
  });

  test.each<[string, string, unknown]>([
    ['unable without a reason', 'unableReason', { name: '张伟', relation: 'child', ability: 'unable' }],
    [
      'able with a reason',
      'unableReason',
      { name: '张伟', relation: 'child', ability: 'able', unableReason: 'dibao' },
    ],
    [
      'another reason unexplained',
      'note',
      { name: '张伟', relation: 'child', ability: 'unable', unableReason: 'other', note: ' ' },
    ],
    [
      'an unknown reason',
      'unableReason',
      { name: '张伟', relation: 'child', ability: 'unable', unableReason: 'busy' },
    ],
    ['an unknown relation', 'relation', { name: '张伟', relation: 'neighbour', ability: 'able' }],
    ['a blank name', 'name', { name: '  ', relation: 'child', ability: 'able' }],
    ['an unknown ability', 'ability', { name: '张伟', relation: 'child', ability: 'maybe' }],
  ])('refuses %s at %s', (_name, path, input) => {
    expect(paths(input)).toEqual([path]);
  });
});
