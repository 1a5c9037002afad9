import {
  idCardFacts,
  idCardProblem,
  isValidIdCard,
  maskIdCard,
  withCheckCharacter,
  type IdCardProblem,
} from '../../domain/id-card';

describe('withCheckCharacter', () => {
  test.each([
    ['11010519491231002', '11010519491231002X'], // the GB 11643-1999 example
    ['44052418800101001', '440524188001010014'],
  ])('%s → %s', (first17, expected) => {
    expect(withCheckCharacter(first17)).toBe(expected);
  });

  test.each(['1101051949123100', '1101051949123100X', '110105194912310021'])('rejects %s', (input) => {
    expect(() => withCheckCharacter(input)).toThrow('need 17 digits');
  });
});

describe('idCardProblem', () => {
  const valid = withCheckCharacter('53290119900101123');
  const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');

  test.each<[string, string, IdCardProblem | null]>([
    ['a generated number', valid, null],
    ['born in 1880', '440524188001010014', 'birthDate'],
    ['the standard example ending in X', '11010519491231002X', null],
    ['born on 29 Feb of a leap year', withCheckCharacter('53290120000229123'), null],
    ['a wrong check character', wrongCheck, 'checksum'],
    ['two digits swapped', '11010519491231020X', 'checksum'],
    ['17 characters', valid.slice(0, 17), 'format'],
    ['19 characters', `${valid}1`, 'format'],
    ['a lower-case x', '11010519491231002x', 'format'],
    ['a letter inside', '1101051949A231002X', 'format'],
    ['empty', '', 'format'],
    ['30 February', withCheckCharacter('53290120230230123'), 'birthDate'],
    ['29 Feb of a common year', withCheckCharacter('53290120230229123'), 'birthDate'],
    ['month 13', withCheckCharacter('53290119901301123'), 'birthDate'],
    ['born before 1900', withCheckCharacter('53290118991231123'), 'birthDate'],
  ])('%s', (_name, idNumber, expected) => {
    expect(idCardProblem(idNumber)).toBe(expected);
    expect(isValidIdCard(idNumber)).toBe(expected === null);
  });
});

describe('idCardFacts', () => {
  test.each([
    ['11010519491231002X', { regionCode: '110105', birthDate: '1949-12-31', sex: 'female' }],
    [withCheckCharacter('44052419800101001'), { regionCode: '440524', birthDate: '1980-01-01', sex: 'male' }],
    [withCheckCharacter('53290120000229113'), { regionCode: '532901', birthDate: '2000-02-29', sex: 'male' }],
  ])('%s', (idNumber, expected) => {
    expect(idCardFacts(idNumber)).toEqual(expected);
  });

  test.each(['11010519491231002', '110105194912310021'])('throws on %s', (idNumber) => {
    expect(() => idCardFacts(idNumber)).toThrow('not a valid ID number');
  });
});

describe('maskIdCard', () => {
  test.each([
    ['11010519491231002X', '110***********002X'],
    ['440524188001010014', '440***********0014'],
    ['12345678', '123*5678'],
    ['1234567', '*******'],
    ['', ''],
  ])('%s → %s', (idNumber, expected) => {
    expect(maskIdCard(idNumber)).toBe(expected);
  });

  test('never shows the birth date', () => {
    expect(maskIdCard('11010519491231002X')).not.toContain('19491231');
  });
});
