import { median, summarizeReferrals, type ReferralTimes } from '../../domain/referral-summary';

const at = (hours: number) => new Date(Date.UTC(2027, 0, 4) + hours * 3_600_000);
const row = (r: Partial<ReferralTimes>): ReferralTimes => ({
  status: 'SENT',
  overdue: false,
  sentAt: at(0),
  acceptedAt: null,
  endedAt: null,
  ...r,
});

describe('median', () => {
  test.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('%j → %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('summarizeReferrals', () => {
  test('nothing received', () => {
    expect(summarizeReferrals([])).toEqual({
      received: 0,
      open: 0,
      overdue: 0,
      declined: 0,
      completed: 0,
      medianHoursToAccept: null,
      medianHoursToComplete: null,
    });
  });

  test('counts what the department had, and the median times to accept and to complete', () => {
    const summary = summarizeReferrals([
      // A proposal the township never sent, and one it dismissed: not the department's.
      row({ status: 'PROPOSED', sentAt: null }),
      row({ status: 'DISMISSED', sentAt: null, endedAt: at(3) }),
      row({ status: 'SENT', overdue: true }),
      row({ status: 'SENT' }),
      row({ status: 'IN_PROGRESS', acceptedAt: at(10), overdue: true }),
      row({ status: 'DECLINED', endedAt: at(5) }),
      row({ status: 'COMPLETED', acceptedAt: at(2), endedAt: at(50) }),
      row({ status: 'MEMBER_REFUSED', acceptedAt: at(4), endedAt: at(28) }),
      // Closed by the household's exit after acceptance: received, not completed.
      row({ status: 'CLOSED', acceptedAt: at(6), endedAt: at(100) }),
    ]);
    expect(summary).toEqual({
      received: 7,
      open: 3,
      overdue: 2,
      declined: 1,
      completed: 2,
      medianHoursToAccept: 5, // 2, 4, 6, 10
      medianHoursToComplete: 36, // 48 and 24
    });
  });
});
