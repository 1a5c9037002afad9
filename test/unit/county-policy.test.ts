import {
  DEFAULT_COUNTY_POLICY,
  countyPolicySchema,
  parseCountyPolicy,
  type CountyPolicy,
} from '../../domain/county-policy';

describe('DEFAULT_COUNTY_POLICY holds the seeded figures', () => {
  test.each<[string, (p: CountyPolicy) => unknown, unknown]>([
    ['acceptance', (p) => p.stepLimits.acceptance, { days: 3, unit: 'working' }],
    ['investigation start', (p) => p.stepLimits.investigationStart, { days: 3, unit: 'working' }],
    ['investigation', (p) => p.stepLimits.investigation, { days: 10, unit: 'working' }],
    ['appraisal', (p) => p.stepLimits.appraisal, { days: 5, unit: 'working' }],
    ['township review', (p) => p.stepLimits.townshipReview, { days: 5, unit: 'working' }],
    ['public notice', (p) => p.stepLimits.publicNotice, { days: 7, unit: 'calendar' }],
    ['county approval', (p) => p.stepLimits.countyApproval, { days: 10, unit: 'working' }],
    ['refusal letter', (p) => p.stepLimits.refusalLetter, { days: 3, unit: 'working' }],
    ['overall', (p) => p.stepLimits.overall, { days: 30, unit: 'working' }],
    ['overall extended', (p) => p.stepLimits.overallExtended, { days: 45, unit: 'working' }],
    ['quorum', (p) => p.appraisal.quorum, { numerator: 2, denominator: 3 }],
    ['pass share', (p) => p.appraisal.passShare, { numerator: 2, denominator: 3 }],
    ['floor off', (p) => p.benefit.floorShareOfStandard, null],
    [
      'severe disability add-on',
      (p) => p.classifiedAddOns.rates.severelyDisabled,
      { kind: 'shareOfStandard', share: 0.4 },
    ],
    ['single-person multiplier', (p) => p.singlePersonInclusion.incomeMultiplier, 1.5],
    ['recertification', (p) => p.recertification, { stableMonths: 12, irregularMonths: 6 }],
    ['phase-out', (p) => p.phaseOutMonths, 6],
    ['referral accept', (p) => p.referralServiceLevels.accept, { days: 5, unit: 'working' }],
    ['referral complete', (p) => p.referralServiceLevels.complete, { days: 20, unit: 'working' }],
    ['特困 premium subsidy', (p) => p.medicalAssistance.premiumSubsidyShare.extremePoverty, 1],
    ['特困 minor age', (p) => p.extremePoverty.minorAgeLimit, 16],
    ['特困 multiplier', (p) => p.extremePoverty.basicLivingMultiplier, 1.3],
  ])('%s', (_name, pick, expected) => {
    expect(pick(DEFAULT_COUNTY_POLICY)).toEqual(expected);
  });

  test('leaves out the seven income kinds named in the brief', () => {
    expect([...DEFAULT_COUNTY_POLICY.incomeNotCounted].sort()).toEqual(
      [
        'basicPension',
        'survivorBenefit',
        'oldAgeAllowance',
        'scholarship',
        'temporaryAssistance',
        'oneChildAward',
        'braveryAward',
      ].sort(),
    );
  });

  test('is valid and survives a JSON round trip (it is stored as JSON)', () => {
    expect(countyPolicySchema.parse(DEFAULT_COUNTY_POLICY)).toEqual(DEFAULT_COUNTY_POLICY);
    expect(parseCountyPolicy(JSON.parse(JSON.stringify(DEFAULT_COUNTY_POLICY)))).toEqual(
      DEFAULT_COUNTY_POLICY,
    );
  });
});

describe('parseCountyPolicy', () => {
  test.each([{}, null, undefined, 'x', 42, []])('takes every default from %p', (json) => {
    expect(parseCountyPolicy(json)).toEqual(DEFAULT_COUNTY_POLICY);
  });

  test.each<[string, unknown, (p: CountyPolicy) => unknown, unknown]>([
    [
      'one step limit',
      { stepLimits: { acceptance: { days: 5, unit: 'working' } } },
      (p) => p.stepLimits.acceptance,
      { days: 5, unit: 'working' },
    ],
    [
      '…keeps the other limits',
      { stepLimits: { acceptance: { days: 5, unit: 'working' } } },
      (p) => p.stepLimits.investigation,
      { days: 10, unit: 'working' },
    ],
    [
      '…and a missing unit',
      { stepLimits: { acceptance: { days: 5 } } },
      (p) => p.stepLimits.acceptance,
      { days: 5, unit: 'working' },
    ],
    [
      'quorum only',
      { appraisal: { quorum: { numerator: 1, denominator: 2 } } },
      (p) => p.appraisal,
      { quorum: { numerator: 1, denominator: 2 }, passShare: { numerator: 2, denominator: 3 } },
    ],
    [
      'a list replaces the default list',
      { incomeNotCounted: ['scholarship'] },
      (p) => p.incomeNotCounted,
      ['scholarship'],
    ],
    ['a floor', { benefit: { floorShareOfStandard: 0.2 } }, (p) => p.benefit.floorShareOfStandard, 0.2],
    [
      'an add-on turned off',
      { classifiedAddOns: { rates: { elderly: null } } },
      (p) => p.classifiedAddOns.rates.elderly,
      null,
    ],
    [
      '…keeps the others',
      { classifiedAddOns: { rates: { elderly: null } } },
      (p) => p.classifiedAddOns.rates.minor,
      { kind: 'shareOfStandard', share: 0.1 },
    ],
    [
      'an add-on changed to a fixed amount',
      { classifiedAddOns: { rates: { severelyDisabled: { kind: 'fixed', yuan: 300 } } } },
      (p) => p.classifiedAddOns.rates.severelyDisabled,
      { kind: 'fixed', yuan: 300 },
    ],
    [
      'a quarterly review',
      { recertification: { irregularMonths: 3 } },
      (p) => p.recertification,
      { stableMonths: 12, irregularMonths: 3 },
    ],
    [
      '特困 minors to 18',
      { extremePoverty: { minorAgeLimit: 18 } },
      (p) => p.extremePoverty.minorAgeLimit,
      18,
    ],
    ['unknown keys are dropped', { somethingElse: 1 }, (p) => 'somethingElse' in p, false],
  ])('overrides %s', (_name, json, pick, expected) => {
    expect(pick(parseCountyPolicy(json))).toEqual(expected);
  });

  test.each<[string, unknown]>([
    ['an unknown unit', { stepLimits: { acceptance: { days: 3, unit: 'weekly' } } }],
    ['negative days', { stepLimits: { acceptance: { days: -1 } } }],
    ['fractional days', { stepLimits: { acceptance: { days: 2.5 } } }],
    ['a share above 1', { appraisal: { quorum: { numerator: 4, denominator: 3 } } }],
    ['a zero denominator', { appraisal: { passShare: { numerator: 0, denominator: 0 } } }],
    ['an unknown income kind', { incomeNotCounted: ['lottery'] }],
    ['a floor above the standard', { benefit: { floorShareOfStandard: 1.5 } }],
    ['a fixed add-on without an amount', { classifiedAddOns: { rates: { elderly: { kind: 'fixed' } } } }],
    ['an unknown add-on kind', { classifiedAddOns: { rates: { elderly: { kind: 'percent', share: 0.1 } } } }],
    ['a multiplier below 1', { singlePersonInclusion: { incomeMultiplier: 0.5 } }],
    ['a text where a number belongs', { phaseOutMonths: 'six' }],
  ])('rejects %s', (_name, json) => {
    expect(() => parseCountyPolicy(json)).toThrow();
  });
});
