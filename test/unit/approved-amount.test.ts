import { amountDifference, amountDifferenceRefused } from '../../domain/approved-amount';

describe('县级审批: the approved amount against the computed one', () => {
  test.each([
    { approvedYuan: 1360, computedYuan: 1360, amountReasons: undefined, refused: false, recorded: false },
    { approvedYuan: 1300, computedYuan: 1360, amountReasons: undefined, refused: true, recorded: false },
    {
      approvedYuan: 1300,
      computedYuan: 1360,
      amountReasons: '赡养费按协议核减',
      refused: false,
      recorded: true,
    },
    { approvedYuan: 1360, computedYuan: 1360, amountReasons: '多余的理由', refused: false, recorded: false },
    { approvedYuan: 800, computedYuan: null, amountReasons: undefined, refused: false, recorded: false },
  ])('approved $approvedYuan, computed $computedYuan, reasons $amountReasons', (row) => {
    const { refused, recorded, ...amount } = row;
    const message = amountDifferenceRefused(amount);
    expect(message !== null).toBe(refused);
    if (refused) expect(message).toContain(`核算金额 ${row.computedYuan} 元`);
    expect(amountDifference(amount) !== null).toBe(recorded);
  });
});
