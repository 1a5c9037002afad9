import type { z } from 'zod';
import {
  careReassessmentSchema,
  tekunCountyConfirmationSchema,
  tekunInvestigationSchema,
  tekunObjectionReviewSchema,
  terminationObjectionReviewSchema,
} from '../../domain/tekun-decisions';

const issues = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};
const paths = (schema: z.ZodType, input: unknown) => issues(schema, input).map((i) => i.path);

const careAssessment = {
  items: {
    eating: 'able',
    dressing: 'able',
    bed: 'unable',
    toileting: 'able',
    walkingIndoors: 'able',
    bathing: 'unable',
  },
  assessedOn: '2026-03-02',
  assessors: ['李明', '王芳'],
};
const careAgreement = {
  carerName: '杨秀英',
  carerPhone: '13800000000',
  duties: '每日送餐、打扫卫生、陪同就医',
  signedOn: '2026-03-05',
  signedByPersonCarerAndTownship: true,
};
const investigation = {
  homeVisit: { visitedOn: '2026-03-02', visitors: ['李明', '王芳'], signedByVisitorsAndApplicant: true },
  ownIncomeMonthlyYuan: 0,
  assets: { depositsYuan: 1200.5, vehicles: 0, homes: 1 },
  supporters: [],
  careAssessment,
  supportMode: { mode: 'centralised' },
};

describe('tekunInvestigationSchema', () => {
  test.each<[string, object]>([
    ['centralised support, no supporter', {}],
    ['centralised in a preferred home', { supportMode: { mode: 'centralised', preferredHomeId: 'home-1' } }],
    ['dispersed support with the agreement', { supportMode: { mode: 'dispersed', careAgreement } }],
    [
      'dispersed, the carer without a phone',
      { supportMode: { mode: 'dispersed', careAgreement: { ...careAgreement, carerPhone: undefined } } },
    ],
    [
      'supporters recorded',
      {
        supporters: [
          { name: '张伟', relation: 'child', ability: 'unable', unableReason: 'dibao' },
          { name: '张芳', relation: 'child', ability: 'unable', unableReason: 'imprisoned' },
        ],
      },
    ],
    ['a small income and a note', { ownIncomeMonthlyYuan: 120.35, note: '本人有少量养殖收入' }],
  ])('accepts %s', (_name, overrides) => {
    expect(paths(tekunInvestigationSchema, { ...investigation, ...overrides })).toEqual([]);
  });

  test.each<[string, string, object]>([
    ['one visitor', 'homeVisit.visitors', { homeVisit: { ...investigation.homeVisit, visitors: ['李明'] } }],
    [
      'an unsigned visit record',
      'homeVisit.signedByVisitorsAndApplicant',
      { homeVisit: { ...investigation.homeVisit, signedByVisitorsAndApplicant: false } },
    ],
    ['a negative income', 'ownIncomeMonthlyYuan', { ownIncomeMonthlyYuan: -1 }],
    ['an income in tenths of a fen', 'ownIncomeMonthlyYuan', { ownIncomeMonthlyYuan: 10.001 }],
    ['half a vehicle', 'assets.vehicles', { assets: { ...investigation.assets, vehicles: 0.5 } }],
    ['negative deposits', 'assets.depositsYuan', { assets: { ...investigation.assets, depositsYuan: -5 } }],
    ['no supporters list', 'supporters', { supporters: undefined }],
    [
      'a supporter unable without a reason',
      'supporters.0.unableReason',
      { supporters: [{ name: '张伟', relation: 'child', ability: 'unable' }] },
    ],
    [
      'a care assessment by one person',
      'careAssessment.assessors',
      { careAssessment: { ...careAssessment, assessors: ['李明'] } },
    ],
    ['no care assessment', 'careAssessment', { careAssessment: undefined }],
    ['an unknown mode', 'supportMode.mode', { supportMode: { mode: 'foster' } }],
    ['dispersed without an agreement', 'supportMode.careAgreement', { supportMode: { mode: 'dispersed' } }],
    [
      'an agreement not signed by all three',
      'supportMode.careAgreement.signedByPersonCarerAndTownship',
      {
        supportMode: {
          mode: 'dispersed',
          careAgreement: { ...careAgreement, signedByPersonCarerAndTownship: false },
        },
      },
    ],
    [
      'an agreement without duties',
      'supportMode.careAgreement.duties',
      { supportMode: { mode: 'dispersed', careAgreement: { ...careAgreement, duties: ' ' } } },
    ],
    [
      'an agreement signed on no date',
      'supportMode.careAgreement.signedOn',
      { supportMode: { mode: 'dispersed', careAgreement: { ...careAgreement, signedOn: '2026-3-5' } } },
    ],
  ])('refuses %s at %s', (_name, path, overrides) => {
    expect(paths(tekunInvestigationSchema, { ...investigation, ...overrides })).toEqual([path]);
  });

  test('says in zh-CN that the agreement needs three signatures', () => {
    const input = {
      ...investigation,
      supportMode: {
        mode: 'dispersed',
        careAgreement: { ...careAgreement, signedByPersonCarerAndTownship: false },
      },
    };
    expect(issues(tekunInvestigationSchema, input)[0]?.message).toBe(
      '照料服务协议须由本人、照料人和乡镇三方签订',
    );
  });
});

describe.each([
  ['tekunObjectionReviewSchema', tekunObjectionReviewSchema],
  ['terminationObjectionReviewSchema', terminationObjectionReviewSchema],
])('%s', (_name, schema) => {
  test.each([
    [{ decision: 'dismiss', reasons: '经核实异议不成立' }],
    [{ decision: 'uphold', reasons: '异议属实，重新调查' }],
  ])('accepts %p', (input) => {
    expect(paths(schema, input)).toEqual([]);
  });

  test.each<[string, string, unknown]>([
    ['dismissal without reasons', 'reasons', { decision: 'dismiss' }],
    ['upholding with one character', 'reasons', { decision: 'uphold', reasons: ' 是 ' }],
    ['another decision', 'decision', { decision: 'return', reasons: '退回补充材料' }],
  ])('refuses %s at %s', (_n, path, input) => {
    expect(paths(schema, input)).toEqual([path]);
  });
});

describe('tekunCountyConfirmationSchema', () => {
  test.each([
    [{ decision: 'confirm', monthlyAmountYuan: 1730 }],
    [{ decision: 'confirm', monthlyAmountYuan: 1730.5, note: '按部分丧失生活自理能力计发护理费' }],
    [{ decision: 'confirm', monthlyAmountYuan: 0 }],
    [{ decision: 'refuse', reasons: '其子具备赡养能力' }],
  ])('accepts %p', (input) => {
    expect(paths(tekunCountyConfirmationSchema, input)).toEqual([]);
  });

  test.each<[string, string, unknown]>([
    ['no amount', 'monthlyAmountYuan', { decision: 'confirm' }],
    ['a negative amount', 'monthlyAmountYuan', { decision: 'confirm', monthlyAmountYuan: -1 }],
    ['a fraction of a fen', 'monthlyAmountYuan', { decision: 'confirm', monthlyAmountYuan: 1730.555 }],
    ['an amount as text', 'monthlyAmountYuan', { decision: 'confirm', monthlyAmountYuan: '1730' }],
    ['a refusal without reasons', 'reasons', { decision: 'refuse' }],
    ['approve instead of confirm', 'decision', { decision: 'approve', monthlyAmountYuan: 1730 }],
  ])('refuses %s at %s', (_n, path, input) => {
    expect(paths(tekunCountyConfirmationSchema, input)).toEqual([path]);
  });
});

describe('careReassessmentSchema', () => {
  test('accepts the form with the change', () => {
    expect(paths(careReassessmentSchema, { ...careAssessment, reasons: '中风后无法自行上下床' })).toEqual([]);
  });

  test.each<[string, string, unknown]>([
    ['no change stated', 'reasons', careAssessment],
    ['a change of one character', 'reasons', { ...careAssessment, reasons: '病' }],
    [
      'an item left out',
      'items.eating',
      { ...careAssessment, items: { ...careAssessment.items, eating: undefined }, reasons: '中风后' },
    ],
  ])('refuses %s at %s', (_n, path, input) => {
    expect(paths(careReassessmentSchema, input)).toEqual([path]);
  });
});
