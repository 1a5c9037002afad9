import { availableForms, type CaseNow } from '../../api/console/case-forms';
import type { Actor, StaffRole } from '../../domain/staff-roles';

const actor = (role: StaffRole): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  role,
  unitId: 'x',
  unitPath: '/x/',
});
const at = (c: Partial<CaseNow>): CaseNow => ({
  status: 'INVESTIGATING',
  currentStep: 'investigation',
  closedAt: null,
  relativeOfStaff: false,
  overallOverdue: false,
  ...c,
});

describe('availableForms', () => {
  test.each<[string, StaffRole, Partial<CaseNow>, string | null, string[]]>([
    ['township at the investigation', 'TOWNSHIP_OFFICER', {}, 'investigation', []],
    ['village assistant at the investigation', 'VILLAGE_ASSISTANT', {}, null, []],
    [
      'village assistant at the appraisal',
      'VILLAGE_ASSISTANT',
      { currentStep: 'appraisal' },
      'appraisal',
      [],
    ],
    [
      'county at its approval',
      'COUNTY_APPROVER',
      { status: 'COUNTY_APPROVAL', currentStep: 'countyApproval' },
      'countyApproval',
      [],
    ],
    ['supervisor at any open step', 'SUPERVISOR', {}, null, ['extendStepDeadline']],
    [
      'supervisor, overall limit passed',
      'SUPERVISOR',
      { overallOverdue: true },
      null,
      ['extendStepDeadline', 'extendOverallLimit'],
    ],
    [
      'village on notice',
      'VILLAGE_ASSISTANT',
      { status: 'ON_NOTICE', currentStep: 'publicNotice' },
      null,
      ['recordObjection'],
    ],
    [
      'county on notice, relative of staff',
      'COUNTY_APPROVER',
      { status: 'ON_NOTICE', currentStep: 'publicNotice', relativeOfStaff: true },
      null,
      ['recordCountyHomeVisit'],
    ],
    [
      'county on notice, no relative',
      'COUNTY_APPROVER',
      { status: 'ON_NOTICE', currentStep: 'publicNotice' },
      null,
      [],
    ],
    [
      'township, enrolled',
      'TOWNSHIP_OFFICER',
      { status: 'ENROLLED', currentStep: null },
      null,
      ['reportChange', 'requestExit', 'recordJobReferralRefusal', 'referByHand'],
    ],
    [
      'county, enrolled',
      'COUNTY_APPROVER',
      { status: 'ENROLLED', currentStep: null },
      null,
      ['requestExit', 'referByHand'],
    ],
    ['township, exit notified', 'TOWNSHIP_OFFICER', { status: 'EXIT_NOTIFIED', currentStep: null }, null, []],
    [
      'department officer, anywhere',
      'DEPARTMENT_OFFICER',
      { status: 'ENROLLED', currentStep: null },
      null,
      [],
    ],
    [
      'anyone, closed case',
      'TOWNSHIP_OFFICER',
      { status: 'REFUSED', currentStep: null, closedAt: new Date() },
      null,
      [],
    ],
  ])('%s', (_, role, c, step, actions) => {
    expect(availableForms(actor(role), at(c))).toEqual({ step, actions });
  });
});
