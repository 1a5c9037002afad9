import { countyPolicySchema, DEFAULT_COUNTY_POLICY, type CountyPolicy } from '../../domain/county-policy';
import { applyPolicyChanges, policyDelta, valueAt } from '../../domain/county-policy-changes';

const withChange = (change: (p: CountyPolicy) => void): CountyPolicy => {
  const policy = structuredClone(DEFAULT_COUNTY_POLICY);
  change(policy);
  return policy;
};

describe('county policy changes as what they change', () => {
  test('a delta names each changed figure; day counts, shares and add-on rates change whole', () => {
    const after = withChange((p) => {
      p.stepLimits.acceptance.days = 4;
      p.appraisal.quorum.numerator = 3;
      p.appraisal.quorum.denominator = 4;
      p.classifiedAddOns.rates.minor = null;
      p.classifiedAddOns.rates.elderly = { kind: 'fixed', yuan: 40 };
      p.assetLimits.vehicleAllowed = true;
      p.incomeNotCounted = [...p.incomeNotCounted].reverse();
    });
    expect(policyDelta(DEFAULT_COUNTY_POLICY, after)).toEqual({
      'stepLimits.acceptance': { days: 4, unit: 'working' },
      'appraisal.quorum': { numerator: 3, denominator: 4 },
      'classifiedAddOns.rates.elderly': { kind: 'fixed', yuan: 40 },
      'classifiedAddOns.rates.minor': null,
      'assetLimits.vehicleAllowed': true,
    });
    expect(policyDelta(after, after)).toEqual({});
  });

  test('changes apply in order, each touching only what it names, and the result is checked by the schema', () => {
    const first = { phaseOutMonths: 3 };
    const second = { 'stepLimits.acceptance': { days: 4, unit: 'working' } };
    const third = { phaseOutMonths: 2, 'extremePoverty.careStandards.fullLoss': 800 };
    const policy = applyPolicyChanges(DEFAULT_COUNTY_POLICY, [first, second, third]);
    expect(policy.phaseOutMonths).toBe(2);
    expect(policy.stepLimits.acceptance.days).toBe(4);
    expect(policy.extremePoverty.careStandards).toEqual({ selfCare: 0, partialLoss: 300, fullLoss: 800 });
    expect(countyPolicySchema.parse(policy)).toEqual(policy);
    expect(DEFAULT_COUNTY_POLICY.phaseOutMonths).toBe(6);
    expect(() => applyPolicyChanges(DEFAULT_COUNTY_POLICY, [{ phaseOutMonths: -1 }])).toThrow();
  });

  test('the value a figure had, by its path', () => {
    expect(valueAt(DEFAULT_COUNTY_POLICY, 'stepLimits.acceptance')).toEqual({ days: 3, unit: 'working' });
    expect(valueAt(DEFAULT_COUNTY_POLICY, 'benefit.floorShareOfStandard')).toBeNull();
  });
});
