import { maskedAccount } from '../../domain/bank-accounts';
import { intakeBankAccountSchema } from '../../api/schemas/payment-rolls';

describe('an account as lists and logs show it', () => {
  test.each([
    ['6230520100012345678', '****5678'],
    ['6210985000099990001', '****0001'],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (account, shown) => expect(maskedAccount(account)).toBe(shown));
});

describe('the account at intake', () => {
  test.each([
    [{ bankName: '大理农村商业银行', accountNo: '6230520100012345678' }, true],
    [{ bankName: '大理农村商业银行', accountNo: '6230520100012345678', holderName: '杨秀英' }, true],
    [{ bankName: '大理农村商业银行', accountNo: '623052010' }, false],
    [{ bankName: '大理农村商业银行', accountNo: '6'.repeat(31) }, false],
    [{ bankName: '大理农村商业银行', accountNo: '6230-5201-0001-2345' }, false],
    [{ bankName: '', accountNo: '6230520100012345678' }, false],
    [{ accountNo: '6230520100012345678' }, false],
    [{ bankName: '大理农村商业银行', accountNo: '6230520100012345678', holderName: '' }, false],
  ])('%j valid: %s', (account, valid) =>
    expect(intakeBankAccountSchema.safeParse(account).success).toBe(valid),
  );
});
