import fs from 'node:fs';
import path from 'node:path';
import {
  actionLabel,
  availableForms,
  formPartial,
  stepLabel,
  type CaseNow,
} from '../../api/console/case-forms';
import { PROGRAMMES } from '../../domain/programmes';
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
  programmeCode: 'DIBAO_RURAL',
  status: 'INVESTIGATING',
  currentStep: 'investigation',
  closedAt: null,
  relativeOfStaff: false,
  overallOverdue: false,
  ...c,
});

describe('availableForms', () => {
  test.each<[string, StaffRole, Partial<CaseNow>, string | null, string[]]>([
    ['township at the investigation', 'TOWNSHIP_OFFICER', {}, 'investigation', ['recordInvestigationStart']],
    [
      'township at the investigation, its start recorded',
      'TOWNSHIP_OFFICER',
      { investigationStarted: true },
      'investigation',
      [],
    ],
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

/** A 特困 case (its own steps and actions, domain/programmes.ts), at its investigation unless told. */
const tekunAt = (c: Partial<CaseNow>): CaseNow => ({
  programmeCode: 'TEKUN',
  status: 'INVESTIGATING',
  currentStep: 'tekunInvestigation',
  closedAt: null,
  relativeOfStaff: false,
  overallOverdue: false,
  ...c,
});

const SUPPORTED = ['reportCareChange', 'changeSupportMode', 'requestExit'];

describe('availableForms of a 特困 case', () => {
  test.each<[string, StaffRole, Partial<CaseNow>, string | null, string[]]>([
    [
      'township at acceptance',
      'TOWNSHIP_OFFICER',
      { status: 'SUBMITTED', currentStep: 'acceptance' },
      'acceptance',
      [],
    ],
    ['township at the investigation', 'TOWNSHIP_OFFICER', {}, 'tekunInvestigation', []],
    ['village assistant at the investigation', 'VILLAGE_ASSISTANT', {}, null, []],
    [
      'township, a 低保 step named on a 特困 case',
      'TOWNSHIP_OFFICER',
      { currentStep: 'investigation' },
      null,
      [],
    ],
    ['supervisor at the investigation', 'SUPERVISOR', {}, null, ['extendStepDeadline']],
    // 特困 sets no whole-procedure limit: nothing to extend.
    ['supervisor, overall flag set', 'SUPERVISOR', { overallOverdue: true }, null, ['extendStepDeadline']],
    [
      'village on notice',
      'VILLAGE_ASSISTANT',
      { status: 'ON_NOTICE', currentStep: 'publicNotice' },
      null,
      ['recordObjection'],
    ],
    ['supervisor on notice', 'SUPERVISOR', { status: 'ON_NOTICE', currentStep: 'publicNotice' }, null, []],
    // No county home visit in the 特困 procedure, relative of staff or not.
    [
      'county on notice, relative of staff',
      'COUNTY_APPROVER',
      { status: 'ON_NOTICE', currentStep: 'publicNotice', relativeOfStaff: true },
      null,
      [],
    ],
    [
      'township at the objection review',
      'TOWNSHIP_OFFICER',
      { status: 'OBJECTION_REVIEW', currentStep: 'objectionReview' },
      'objectionReview',
      [],
    ],
    [
      'county at its confirmation',
      'COUNTY_APPROVER',
      { status: 'COUNTY_APPROVAL', currentStep: 'countyApproval' },
      'countyApproval',
      [],
    ],
    ['township, supported', 'TOWNSHIP_OFFICER', { status: 'ENROLLED', currentStep: null }, null, SUPPORTED],
    [
      'village assistant, supported',
      'VILLAGE_ASSISTANT',
      { status: 'ENROLLED', currentStep: null },
      null,
      ['reportCareChange'],
    ],
    // No 手动转介 form: the referral route takes 低保 enrolments only.
    [
      'county, supported',
      'COUNTY_APPROVER',
      { status: 'ENROLLED', currentStep: null },
      null,
      ['requestExit'],
    ],
    [
      'township at the annual review',
      'TOWNSHIP_OFFICER',
      { status: 'RECERTIFYING', currentStep: 'tekunReview' },
      'tekunReview',
      SUPPORTED,
    ],
    [
      'supervisor at the annual review',
      'SUPERVISOR',
      { status: 'RECERTIFYING', currentStep: 'tekunReview' },
      null,
      ['extendStepDeadline'],
    ],
    [
      'township at a care reassessment',
      'TOWNSHIP_OFFICER',
      { status: 'ENROLLED', currentStep: 'careReassessment' },
      'careReassessment',
      SUPPORTED,
    ],
    [
      'township at a bed offer',
      'TOWNSHIP_OFFICER',
      { status: 'ENROLLED', currentStep: 'bedOfferAnswer' },
      'bedOfferAnswer',
      SUPPORTED,
    ],
    [
      'village on the termination notice',
      'VILLAGE_ASSISTANT',
      { status: 'TERMINATION_ON_NOTICE', currentStep: 'publicNotice' },
      null,
      ['recordObjection'],
    ],
    [
      'township on the termination notice: objections only',
      'TOWNSHIP_OFFICER',
      { status: 'TERMINATION_ON_NOTICE', currentStep: 'publicNotice' },
      null,
      ['recordObjection'],
    ],
    [
      'supervisor on the termination notice',
      'SUPERVISOR',
      { status: 'TERMINATION_ON_NOTICE', currentStep: 'publicNotice' },
      null,
      [],
    ],
    [
      'township at the termination objection review',
      'TOWNSHIP_OFFICER',
      { status: 'TERMINATION_ON_NOTICE', currentStep: 'terminationObjectionReview' },
      'terminationObjectionReview',
      [],
    ],
    [
      'village at the termination objection review: no more objections',
      'VILLAGE_ASSISTANT',
      { status: 'TERMINATION_ON_NOTICE', currentStep: 'terminationObjectionReview' },
      null,
      [],
    ],
    [
      'township, termination decided',
      'TOWNSHIP_OFFICER',
      { status: 'EXIT_NOTIFIED', currentStep: null },
      null,
      [],
    ],
    [
      'department officer, supported',
      'DEPARTMENT_OFFICER',
      { status: 'ENROLLED', currentStep: null },
      null,
      [],
    ],
    [
      'anyone, closed case',
      'TOWNSHIP_OFFICER',
      { status: 'EXITED', currentStep: null, closedAt: new Date() },
      null,
      [],
    ],
  ])('%s', (_, role, c, step, actions) => {
    expect(availableForms(actor(role), tekunAt(c))).toEqual({ step, actions });
  });
});

describe('the form partials and names of each programme', () => {
  test.each<[string, 'step' | 'action', string, string]>([
    ['DIBAO_RURAL', 'step', 'countyApproval', 'step-countyApproval'],
    ['DIBAO_URBAN', 'step', 'objectionReview', 'step-objectionReview'],
    ['DIBAO_RURAL', 'action', 'requestExit', 'action-requestExit'],
    ['TEKUN', 'step', 'acceptance', 'step-acceptance'],
    ['TEKUN', 'step', 'tekunInvestigation', 'step-tekunInvestigation'],
    ['TEKUN', 'step', 'objectionReview', 'tekun-step-objectionReview'],
    ['TEKUN', 'step', 'countyApproval', 'tekun-step-countyApproval'],
    ['TEKUN', 'action', 'recordObjection', 'action-recordObjection'],
    ['TEKUN', 'action', 'requestExit', 'tekun-action-requestExit'],
  ])('%s %s %s → %s', (code, kind, name, partial) => {
    expect(formPartial(code, kind, name)).toBe(partial);
  });

  const partials = path.resolve(__dirname, '..', '..', 'templates', 'pages', 'partials');
  test.each(Object.values(PROGRAMMES).map((p) => [p.code, p] as const))(
    'every step and action of %s has its form',
    (code, p) => {
      const steps = [...p.applicationSteps, ...p.enrolmentSteps].map((s) => formPartial(code, 'step', s));
      const actions = [...p.applicationActions, ...p.enrolmentActions].map((a) =>
        formPartial(code, 'action', a),
      );
      const missing = [...steps, ...actions].filter(
        (name) => !fs.existsSync(path.join(partials, `${name}.hbs`)),
      );
      expect(missing).toEqual([]);
    },
  );

  test.each<[string, string | null, string | null]>([
    ['DIBAO_RURAL', 'countyApproval', '县级审批'],
    ['TEKUN', 'countyApproval', '县级审核确认'],
    ['TEKUN', 'tekunInvestigation', '调查核实'],
    ['TEKUN', 'publicNotice', '公示'],
    ['TEKUN', null, null],
  ])('%s names step %s %s', (code, step, label) => {
    expect(stepLabel(code, step)).toBe(label);
  });

  test('the notice of a proposed termination is named as such', () => {
    expect(stepLabel('TEKUN', 'publicNotice', 'TERMINATION_ON_NOTICE')).toBe('拟终止供养公示');
    expect(stepLabel('TEKUN', 'publicNotice', 'ON_NOTICE')).toBe('公示');
  });

  test('特困 words its exit and its termination-notice objection its own way', () => {
    expect(actionLabel('DIBAO_RURAL', 'requestExit')).toBe('办理退出');
    expect(actionLabel('TEKUN', 'requestExit')).toBe('终止供养');
    expect(actionLabel('TEKUN', 'recordObjection', 'ON_NOTICE')).toBe('登记公示异议');
    expect(actionLabel('TEKUN', 'recordObjection', 'TERMINATION_ON_NOTICE')).toBe('登记终止供养公示异议');
  });
});
