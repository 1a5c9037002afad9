import {
  listAppraisalSchema,
  listCountyApprovalSchema,
  listTownshipReviewSchema,
  withRemovals,
} from '../../domain/disaster-lists';
import { listProposalSchema, stageSchema } from '../../api/schemas/disaster-lists';

describe('a list keeps each household off once, by the first step that took it off', () => {
  test.each([
    { was: [], more: [{ householdId: 'a', why: '旧损' }], is: [{ householdId: 'a', why: '旧损' }] },
    {
      was: [{ householdId: 'a', why: '旧损' }],
      more: [
        { householdId: 'a', why: '再次' },
        { householdId: 'b', why: '已自建' },
      ],
      is: [
        { householdId: 'a', why: '旧损' },
        { householdId: 'b', why: '已自建' },
      ],
    },
    { was: [{ householdId: 'a', why: '旧损' }], more: [], is: [{ householdId: 'a', why: '旧损' }] },
  ])('$was + $more', ({ was, more, is }) => {
    expect(withRemovals(was, more)).toEqual(is);
  });
});

describe('the step payloads', () => {
  test.each([
    [listAppraisalSchema, { heldOn: '2026-12-01', representativesPresent: 20, minutes: '一致同意' }, true],
    [listAppraisalSchema, { heldOn: '2026-12-01', representativesPresent: 0, minutes: '一致同意' }, false],
    [listTownshipReviewSchema, { decision: 'pass' }, true],
    [listTownshipReviewSchema, { decision: 'approve' }, false],
    [listTownshipReviewSchema, { decision: 'refuse' }, false],
    [listCountyApprovalSchema, { decision: 'refuse', reasons: '资金不足' }, true],
    [listCountyApprovalSchema, { decision: 'approve', remove: [{ householdId: 'x', why: '' }] }, false],
  ] as const)('%#', (schema, payload, ok) => {
    expect(schema.safeParse(payload).success).toBe(ok);
  });
});

describe('a proposal', () => {
  const household = { name: '杨树林', amountYuan: 1000, reason: '房屋倒塌' };
  test.each([
    ['winter relief needs no house damage', { kind: 'WINTER_RELIEF', households: [household] }, null],
    [
      'rebuilding needs the house damage',
      { kind: 'REBUILDING', households: [household] },
      'households.0.houseDamage',
    ],
    ['a household twice', { kind: 'WINTER_RELIEF', households: [household, household] }, 'households.1.name'],
    [
      'no fractions of a fen',
      { kind: 'WINTER_RELIEF', households: [{ ...household, amountYuan: 1.005 }] },
      'households.0.amountYuan',
    ],
    ['nobody proposed', { kind: 'WINTER_RELIEF', households: [] }, 'households'],
  ])('%s', (_, body, field) => {
    const parsed = listProposalSchema.safeParse({ villageId: '532901003001', ...body });
    if (field === null) expect(parsed.success).toBe(true);
    else expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(field);
  });

  test.each([
    [{ stage: 'roofOn', reachedOn: '2026-12-01' }, true],
    [{ stage: 'painted', reachedOn: '2026-12-01' }, false],
    [{ stage: 'started', reachedOn: '2026-02-30' }, false],
  ])('stage %j', (body, ok) => {
    expect(stageSchema.safeParse(body).success).toBe(ok);
  });
});
