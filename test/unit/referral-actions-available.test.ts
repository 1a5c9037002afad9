import { availableReferralActions, type ReferralNow } from '../../api/console/referral-actions-available';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../domain/referral-steps';
import type { Actor, StaffRole } from '../../domain/staff-roles';

const actor = (role: StaffRole, unitPath: string): Pick<Actor, 'role' | 'unitPath'> => ({ role, unitPath });

const township = actor('TOWNSHIP_OFFICER', '/5329/532901/532901003/');
const otherTownship = actor('TOWNSHIP_OFFICER', '/5329/532901/532901004/');
const education = actor('DEPARTMENT_OFFICER', '/5329/532901/532901-JY/');
const housing = actor('DEPARTMENT_OFFICER', '/5329/532901/532901-ZJ/');
const yangbiEducation = actor('DEPARTMENT_OFFICER', '/5329/532922/532922-JY/');

const referral = (over: Partial<ReferralNow> = {}): ReferralNow => ({
  status: 'PROPOSED',
  department: 'EDUCATION',
  memberId: 'member-1',
  villagePath: '/5329/532901/532901003/532901003001/',
  receivingUnitPath: '/5329/532901/532901-JY/',
  ...over,
});

describe('availableReferralActions', () => {
  test('the township of the household confirms or dismisses a proposal; the bureau sees no form on it', () => {
    expect(availableReferralActions(township, referral())).toEqual({
      actions: ['confirm', 'dismiss'],
      completions: [],
    });
    expect(availableReferralActions(education, referral()).actions).toEqual([]);
  });

  test('a township elsewhere, or a role that is no party, is offered nothing', () => {
    for (const who of [
      otherTownship,
      actor('VILLAGE_ASSISTANT', '/5329/532901/532901003/532901003001/'),
      actor('COUNTY_APPROVER', '/5329/532901/'),
      actor('SUPERVISOR', '/5329/532901/'),
      actor('ADMINISTRATOR', '/5329/'),
    ]) {
      for (const status of Object.keys(REFERRAL_STATUSES) as ReferralStatus[]) {
        expect(availableReferralActions(who, referral({ status })).actions).toEqual([]);
      }
    }
  });

  test('the receiving bureau accepts or declines a sent referral; another bureau or county does not', () => {
    const sent = referral({ status: 'SENT' });
    expect(availableReferralActions(education, sent).actions).toEqual(['accept', 'decline']);
    expect(availableReferralActions(township, sent).actions).toEqual([]);
    expect(availableReferralActions(housing, sent).actions).toEqual([]);
    expect(availableReferralActions(yangbiEducation, sent).actions).toEqual([]);
  });

  test.each(['ACCEPTED', 'IN_PROGRESS'] as const)(
    'while %s the bureau records progress and completes, served or unable to help',
    (status) => {
      expect(availableReferralActions(education, referral({ status }))).toEqual({
        actions: ['progress', 'complete'],
        completions: ['served', 'unableToHelp'],
      });
    },
  );

  test('a member’s refusal is offered only on a labour referral for a member', () => {
    const labour = { status: 'ACCEPTED', department: 'LABOUR', receivingUnitPath: '/5329/532901/532901-RS/' };
    const renshe = actor('DEPARTMENT_OFFICER', '/5329/532901/532901-RS/');
    expect(availableReferralActions(renshe, referral(labour)).completions).toEqual([
      'served',
      'unableToHelp',
      'memberRefused',
    ]);
    expect(availableReferralActions(renshe, referral({ ...labour, memberId: null })).completions).toEqual([
      'served',
      'unableToHelp',
    ]);
    expect(availableReferralActions(education, referral({ status: 'ACCEPTED' })).completions).not.toContain(
      'memberRefused',
    );
  });

  test.each(['DISMISSED', 'DECLINED', 'COMPLETED', 'UNABLE_TO_HELP', 'MEMBER_REFUSED', 'CLOSED'] as const)(
    'nothing is offered once %s',
    (status) => {
      expect(availableReferralActions(township, referral({ status })).actions).toEqual([]);
      expect(availableReferralActions(education, referral({ status }))).toEqual({
        actions: [],
        completions: [],
      });
    },
  );

  describe('返乡转介: a township receives it', () => {
    const cangshanxi = actor('TOWNSHIP_OFFICER', '/5329/532922/532922001/');
    const stationTownship = actor('TOWNSHIP_OFFICER', '/5329/532901/532901001/');
    const stationCounty = actor('COUNTY_APPROVER', '/5329/532901/');
    const yangbiSupervisor = actor('SUPERVISOR', '/5329/532922/');
    const returnHome = (status: ReferralStatus) =>
      referral({
        status,
        kind: 'returnHome',
        department: 'CIVIL_AFFAIRS',
        memberId: null,
        villagePath: '/5329/532901/532901001/532901001001/',
        receivingUnitPath: '/5329/532922/532922001/',
      });

    test.each([
      ['SENT', cangshanxi, ['accept', 'decline'], []],
      ['ACCEPTED', cangshanxi, ['progress', 'complete'], ['caseOpened', 'noneNeeded']],
      ['IN_PROGRESS', cangshanxi, ['progress', 'complete'], ['caseOpened', 'noneNeeded']],
      ['COMPLETED', cangshanxi, [], []],
      ['SENT', stationTownship, [], []],
      ['ACCEPTED', stationCounty, [], []],
      ['ACCEPTED', yangbiSupervisor, [], []],
      ['ACCEPTED', yangbiEducation, [], []],
    ] as const)('%s, as %o: %j', (status, who, actions, completions) => {
      expect(availableReferralActions(who, returnHome(status))).toEqual({ actions, completions });
    });

    test('a bureau referral offers a township none of the township outcomes', () => {
      expect(availableReferralActions(education, referral({ status: 'ACCEPTED' })).completions).not.toContain(
        'caseOpened',
      );
    });
  });
});
