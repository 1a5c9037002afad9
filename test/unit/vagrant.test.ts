import { DEFAULT_COUNTY_POLICY, parseCountyPolicy, type CountyPolicy } from '../../domain/county-policy';
import {
  ageInYears,
  exitProblem,
  hoursSince,
  isMinor,
  resumedDueAt,
  stayDueAt,
  stayExtensionProblem,
  stayNearingEnd,
  tracingNoticeDueAt,
  type ExitSituation,
  type VagrantExitWay,
} from '../../domain/vagrant';
import { vagrantExitSchema } from '../../domain/vagrant-decisions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const policy: CountyPolicy = DEFAULT_COUNTY_POLICY;
const withVagrant = (vagrant: Partial<CountyPolicy['vagrant']>): CountyPolicy =>
  parseCountyPolicy({ vagrant });
const admitted = new Date('2026-11-30T10:00:00+08:00').getTime();

describe('ageInYears and isMinor: adults from the county age (16 by default)', () => {
  test.each<[string, string, number]>([
    ['2010-12-01', '2026-11-30', 15],
    ['2010-11-30', '2026-11-30', 16],
    ['1970-05-01', '2026-11-30', 56],
    ['2008-02-29', '2026-02-28', 17],
  ])('born %s, on %s: %i', (birth, on, age) => expect(ageInYears(birth, on)).toBe(age));

  test.each<[number | null, Partial<CountyPolicy['vagrant']>, boolean]>([
    [15, {}, true],
    [16, {}, false],
    [17, { adultAge: 18 }, true],
    [null, {}, true],
  ])('age %p with %j: minor %p', (age, v, minor) => expect(isMinor(age, withVagrant(v))).toBe(minor));
});

describe('the clocks from intake', () => {
  test.each<[string, number, number]>([
    ['tracing notice: 24 hours', tracingNoticeDueAt(admitted, policy), admitted + 24 * HOUR],
    ['an adult stays 10 days', stayDueAt(admitted, false, policy), admitted + 10 * DAY],
    ['a minor is referred within 24 hours', stayDueAt(admitted, true, policy), admitted + 24 * HOUR],
    ['a county with 7 days', stayDueAt(admitted, false, withVagrant({ stayDays: 7 })), admitted + 7 * DAY],
    [
      'a county with 12 notice hours',
      tracingNoticeDueAt(admitted, withVagrant({ tracingNoticeHours: 12 })),
      admitted + 12 * HOUR,
    ],
    [
      '3 days in hospital move the stay on',
      resumedDueAt(admitted + 10 * DAY, admitted + DAY, admitted + 4 * DAY),
      admitted + 13 * DAY,
    ],
    [
      'a return before the transfer moves nothing',
      resumedDueAt(admitted + 10 * DAY, admitted + DAY, admitted),
      admitted + 10 * DAY,
    ],
  ])('%s', (_, got, want) => expect(got).toBe(want));

  test.each<[number, number]>([
    [0, 0],
    [59 * 60_000, 0],
    [HOUR, 1],
    [25.5 * HOUR, 25],
    [-HOUR, 0],
  ])('%i ms after intake: %i hours', (ms, hours) => expect(hoursSince(admitted, admitted + ms)).toBe(hours));

  test.each<[string, number | null, number, boolean]>([
    ['3 days left', admitted + 3 * DAY, admitted, false],
    ['48 hours left', admitted + 48 * HOUR, admitted, true],
    ['passed', admitted - HOUR, admitted, true],
    ['paused (in hospital)', null, admitted, false],
  ])('nearing the end: %s', (_, due, now, nearing) => expect(stayNearingEnd(due, now, policy)).toBe(nearing));
});

describe('exitProblem: who may leave how', () => {
  const adult: ExitSituation = { minor: false, condition: 'none', treated: false, inHospital: false };
  const minor: ExitSituation = { ...adult, minor: true };
  const ill: ExitSituation = { ...adult, condition: 'criticallyIll' };
  test.each<[string, VagrantExitWay, ExitSituation, boolean]>([
    ['an adult ticketed home', 'ticketHome', adult, true],
    ['an adult escorted home', 'escortHome', adult, true],
    ['an adult to family', 'familyHandover', adult, true],
    ['an adult of own will', 'ownWill', adult, true],
    ['an adult to child protection', 'childProtection', adult, false],
    ['a minor to child protection', 'childProtection', minor, true],
    ['a minor to family', 'familyHandover', minor, true],
    ['a minor ticketed home', 'ticketHome', minor, false],
    ['a minor of own will', 'ownWill', minor, false],
    ['the critically ill, untreated, home', 'escortHome', ill, false],
    ['the mentally ill, untreated, to family', 'familyHandover', { ...ill, condition: 'mentallyIll' }, false],
    ['the critically ill refusing treatment', 'ownWill', ill, true],
    ['the critically ill, treated, home', 'escortHome', { ...ill, treated: true }, true],
    ['anyone still in hospital', 'familyHandover', { ...ill, treated: true, inHospital: true }, false],
  ])('%s: allowed %p', (_, way, situation, allowed) =>
    expect(exitProblem(way, situation) === null).toBe(allowed),
  );
});

describe('stayExtensionProblem: an adult only, within the most days (20 by default)', () => {
  test.each<[number, { minor: boolean; extendedDays: number }, boolean]>([
    [5, { minor: false, extendedDays: 0 }, true],
    [20, { minor: false, extendedDays: 0 }, true],
    [21, { minor: false, extendedDays: 0 }, false],
    [6, { minor: false, extendedDays: 15 }, false],
    [5, { minor: false, extendedDays: 15 }, true],
    [1, { minor: true, extendedDays: 0 }, false],
  ])('%i days after %j: allowed %p', (days, s, allowed) =>
    expect(stayExtensionProblem(days, s, policy) === null).toBe(allowed),
  );
});

describe('vagrantExitSchema: each way with its record', () => {
  test.each<[string, unknown, boolean]>([
    [
      'family with who and relation',
      { way: 'familyHandover', claimantName: '李国强', relation: '兄弟' },
      true,
    ],
    ['family without a relation', { way: 'familyHandover', claimantName: '李国强' }, false],
    ['ticket home', { way: 'ticketHome', destination: '昆明市', ticket: 'D8765' }, true],
    ['a township of origin not a township code', { way: 'ownWill', homeTownshipId: '5329' }, true],
    [
      'escort with a township',
      { way: 'escortHome', destination: '漾濞县', escortedBy: '杨某', homeTownshipId: '532922001' },
      true,
    ],
    [
      'escort with a bad township',
      { way: 'escortHome', destination: '漾濞县', escortedBy: '杨某', homeTownshipId: '53' },
      false,
    ],
    ['an unknown way', { way: 'deported' }, false],
  ])('%s: valid %p', (_, body, valid) => expect(vagrantExitSchema.safeParse(body).success).toBe(valid));
});
