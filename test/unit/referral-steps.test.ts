import { referralCompletionSchema, manualReferralSchema } from '../../domain/referral-decisions';
import {
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  referralActionRefusal,
  referralStatusLabel,
  type ReferralAction,
  type ReferralStatus,
} from '../../domain/referral-steps';

describe('referralActionRefusal', () => {
  // Every action against every status: allowed exactly where the table lists it.
  const allowed: Record<ReferralAction, ReferralStatus[]> = {
    confirm: ['PROPOSED'],
    dismiss: ['PROPOSED'],
    accept: ['SENT'],
    decline: ['SENT'],
    progress: ['ACCEPTED', 'IN_PROGRESS'],
    complete: ['ACCEPTED', 'IN_PROGRESS'],
  };
  const rows = (Object.keys(REFERRAL_ACTIONS) as ReferralAction[]).flatMap((action) =>
    (Object.keys(REFERRAL_STATUSES) as ReferralStatus[]).map(
      (status) => [action, status, allowed[action].includes(status)] as const,
    ),
  );
  test.each(rows)('%s while %s → allowed %s', (action, status, ok) => {
    const refusal = referralActionRefusal(action, status);
    if (ok) expect(refusal).toBeNull();
    else expect(refusal).toContain(REFERRAL_STATUSES[status]);
  });
});

describe('referral payloads', () => {
  test.each([
    [{ result: 'served', service: '落实公益性岗位', startedOn: '2027-01-05' }, true],
    [
      {
        result: 'served',
        service: '发放租赁补贴',
        amountYuan: 300.5,
        startedOn: '2027-01-05',
        endedOn: '2027-12-31',
      },
      true,
    ],
    [{ result: 'served', service: '补贴', amountYuan: 1.234, startedOn: '2027-01-05' }, false],
    [{ result: 'served', startedOn: '2027-01-05' }, false],
    [{ result: 'unableToHelp', reasons: '不符合公租房准入条件' }, true],
    [{ result: 'unableToHelp' }, false],
    [{ result: 'memberRefused', refusedOn: '2027-01-05', offer: '保洁员岗位', reasons: '嫌工资低' }, true],
    [{ result: 'memberRefused', refusedOn: '2027-13-05', offer: '保洁员岗位', reasons: '嫌工资低' }, false],
    [{ result: 'done' }, false],
  ])('completion %j parses: %s', (payload, ok) => {
    expect(referralCompletionSchema.safeParse(payload).success).toBe(ok);
  });

  test.each([
    [{ kind: 'legalAid', reason: '拖欠工资纠纷' }, true],
    [{ kind: 'jobReferral', memberId: 'm1', reason: '长期失业' }, true],
    [{ kind: 'lottery', reason: '拖欠工资纠纷' }, false],
    [{ kind: 'legalAid', reason: ' ' }, false],
  ])('manual referral %j parses: %s', (payload, ok) => {
    expect(manualReferralSchema.safeParse(payload).success).toBe(ok);
  });
});

describe('referralStatusLabel', () => {
  test.each([
    ['ACCEPTED', 'returnHome', '乡镇已接收'],
    ['DECLINED', 'returnHome', '乡镇退回'],
    ['ACCEPTED', 'rentalSubsidy', '部门已接收'],
    ['ACCEPTED', undefined, '部门已接收'],
    ['COMPLETED', 'returnHome', '已办结'],
  ])('%s of %s reads %s', (status, kind, label) => {
    expect(referralStatusLabel(status, kind)).toBe(label);
  });
});
