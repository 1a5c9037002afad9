import { describeChange, policyFormView, POLICY_SECTIONS } from '../../api/console/county-policy-form';
import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import { policyDelta } from '../../domain/county-policy-changes';

/** Every figure of a policy as a change would name it: a value changed whole is one figure. */
function figures(value: unknown, path: string[] = []): string[] {
  const whole = (v: Record<string, unknown>) => 'unit' in v || 'numerator' in v || 'kind' in v;
  if (value && typeof value === 'object' && !Array.isArray(value) && !whole(value as Record<string, unknown>))
    return Object.entries(value).flatMap(([key, v]) => figures(v, [...path, key]));
  return [path.join('.')];
}

describe('the 县级政策 form', () => {
  test('has exactly one field for every figure of the county policy schema', () => {
    const fields = POLICY_SECTIONS.flatMap((s) => s.fields.map((f) => f.path));
    expect(new Set(fields).size).toBe(fields.length);
    expect([...fields].sort()).toEqual(figures(DEFAULT_COUNTY_POLICY).sort());
    // Changing any one figure is a change of exactly that field.
    const changed = structuredClone(DEFAULT_COUNTY_POLICY);
    changed.classifiedAddOns.rates.student = null;
    expect(Object.keys(policyDelta(DEFAULT_COUNTY_POLICY, changed))).toEqual([
      'classifiedAddOns.rates.student',
    ]);
  });

  test('fields carry the values in force and are read-only unless the user may change them', () => {
    const view = policyFormView(DEFAULT_COUNTY_POLICY, false).flatMap((s) => s.fields);
    const acceptance = view.find((f) => f.path === 'stepLimits.acceptance')!;
    expect(acceptance).toMatchObject({
      name: 'policy.stepLimits.acceptance',
      value: { days: 3, unit: 'working' },
    });
    expect(view.every((f) => f.disabled)).toBe(true);
    const elderly = policyFormView(DEFAULT_COUNTY_POLICY, true)
      .flatMap((s) => s.fields)
      .find((f) => f.path === 'classifiedAddOns.rates.elderly')!;
    expect(elderly).toMatchObject({ disabled: false, rateKind: 'shareOfStandard', share: 0.1 });
  });

  test('a change reads in words', () => {
    expect(
      describeChange({
        field: 'stepLimits.acceptance',
        from: { days: 3, unit: 'working' },
        to: { days: 5, unit: 'calendar' },
      }),
    ).toEqual({ field: 'stepLimits.acceptance', label: '受理', from: '3 个工作日', to: '5 个自然日' });
    expect(
      describeChange({
        field: 'classifiedAddOns.rates.minor',
        from: { kind: 'shareOfStandard', share: 0.1 },
        to: null,
      }),
    ).toMatchObject({ from: '保障标准的 10%', to: '不发放' });
  });
});
