import { parseProgrammeFacts } from '../../domain/programme-facts';

const facts = {
  careLevel: 'partialLoss',
  basicLivingYuan: 728,
  careYuan: 300,
  supportMode: 'centralised',
  carerName: null,
  careHome: { homeId: '532901003-JLY', homeName: '喜洲镇敬老院', bedLabel: '2-01' },
  waitingForBed: false,
};

describe("a programme's own figures", () => {
  it.each([
    ['特困 figures as written', 'TEKUN', facts, 'ok'],
    ['none at all', 'TEKUN', null, 'ok'],
    ['an unknown care level', 'TEKUN', { ...facts, careLevel: 'bedridden' }, 'careLevel'],
    ['a negative amount', 'TEKUN', { ...facts, careYuan: -1 }, 'careYuan'],
    ['a missing field', 'TEKUN', { ...facts, waitingForBed: undefined }, 'waitingForBed'],
  ])('%s', (_, programme, given, expected) => {
    if (expected === 'ok') {
      expect(parseProgrammeFacts(programme, given)).toEqual(given);
    } else {
      expect(() => parseProgrammeFacts(programme, given)).toThrow(expected);
    }
  });

  it('a programme that keeps no figures of its own takes none', () => {
    expect(parseProgrammeFacts('DIBAO_RURAL', null)).toBeNull();
    expect(() => parseProgrammeFacts('DIBAO_RURAL', facts)).toThrow(/keeps no figures/);
  });
});
