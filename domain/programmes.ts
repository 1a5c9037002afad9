import type { CaseStatus, HumanStepName } from './case-steps';

/**
 * The programme seam 救助项目: what intake, the case routes, the console, letters, the dashboard
 * and OpenAPI need to know of each programme, in one definition per programme. A new programme
 * adds its definition here, its rules in domain/ and its procedure in workflows/ (registered in
 * workflows/programme-workflows.ts), not a branch in every layer.
 */

/** As prisma/schema.prisma's ProgrammeCode. */
export const PROGRAMME_CODES = [
  'DIBAO_URBAN',
  'DIBAO_RURAL',
  'TEKUN',
  'MEDICAL',
  'TEMPORARY',
  'DISASTER',
  'VAGRANT',
] as const;

export type ProgrammeCode = (typeof PROGRAMME_CODES)[number];

/** The procedures written so far; programmes sharing one run the same workflows. */
export type ProcedureFamily = 'dibao' | 'tekun' | 'medical' | 'temporary' | 'vagrant' | 'disaster';

export interface ProgrammeDefinition {
  code: ProgrammeCode;
  /** zh-CN name, as in the Programme table and the console. */
  name: string;
  family: ProcedureFamily;
  /** Case numbers read `<prefix>-<county>-<year>-<serial>`. */
  caseNoPrefix: string;
  /**
   * 查重: a person has at most one open case among the programmes of a group (低保 urban, rural
   * and 特困 are one: basic living support is one or the other, never both). Null: no 查重, a
   * person may hold several open cases of it (medical claims; the yearly cap is their guard).
   */
  exclusivityGroup: string | null;
  /** What letters call the support, e.g. 最低生活保障 in 最低生活保障批准通知书. */
  letterName: string;
  /** The rules the notices cite. */
  rulesCited: string;
  /** How applications may come in: 主动发现 (the village finds the person) is 特困's. */
  channels: readonly ApplicationChannel[];
  /** Human steps of the application, then of the enrolment, in the order they usually come. */
  applicationSteps: readonly HumanStepName[];
  enrolmentSteps: readonly HumanStepName[];
  /** Actions the case's workflows accept beside the steps, before and after enrolment. */
  applicationActions: readonly ProgrammeActionName[];
  enrolmentActions: readonly ProgrammeActionName[];
  /** Status names differing from the shared zh-CN names of domain/case-steps.ts. */
  statusLabels: Partial<Record<CaseStatus, string>>;
  /** Whether minors appear on the public notice 公示. */
  minorsOnNotice: boolean;
  /** Whether an enrolled household is referred to other bureaus (转介), by the rules and by hand. */
  referrals: boolean;
  /**
   * 家庭经济状况核对 (domain/economic-check.ts), for programmes that means-test: the steps at which
   * the township may ask for a check (and that wait for its report, reading the checked figures),
   * and the steps whose proposal waits until a mismatch the report found is resolved. Null: none.
   */
  economicCheck: {
    investigationSteps: readonly HumanStepName[];
    proposalSteps: readonly HumanStepName[];
  } | null;
}

export const APPLICATION_CHANNELS = {
  inPerson: '本人申请',
  online: '网上申请',
  proxy: '委托代办',
  villageInitiative: '村（居）委会主动发现',
} as const;

export type ApplicationChannel = keyof typeof APPLICATION_CHANNELS;

/** Every action a case workflow may register; each programme lists those it accepts. */
export const PROGRAMME_ACTIONS = [
  'extendStepDeadline',
  'extendOverallLimit',
  'recordObjection',
  'recordCountyHomeVisit',
  'recordInvestigationStart',
  'recordLetterServed',
  'reportChange',
  'requestExit',
  'recordJobReferralRefusal',
  'reportCareChange',
  'changeSupportMode',
  'recordTracingNotice',
  'extendStay',
  'transferToHospital',
  'returnFromHospital',
] as const;

export type ProgrammeActionName = (typeof PROGRAMME_ACTIONS)[number];

/** Actions a closed case still takes: the refusal letter's service (送达) follows the refusal. */
export const CLOSED_CASE_ACTIONS: readonly ProgrammeActionName[] = ['recordLetterServed'];

const DIBAO = {
  family: 'dibao',
  caseNoPrefix: 'DB',
  exclusivityGroup: 'basicLiving',
  letterName: '最低生活保障',
  rulesCited: '《最低生活保障审核确认办法》',
  channels: ['inPerson', 'online', 'proxy'],
  applicationSteps: [
    'acceptance',
    'investigation',
    'appraisal',
    'townshipReview',
    'objectionReview',
    'countyApproval',
  ],
  enrolmentSteps: ['recertInvestigation', 'recertReview'],
  applicationActions: [
    'extendStepDeadline',
    'extendOverallLimit',
    'recordObjection',
    'recordCountyHomeVisit',
    'recordInvestigationStart',
    'recordLetterServed',
  ],
  enrolmentActions: ['extendStepDeadline', 'reportChange', 'requestExit', 'recordJobReferralRefusal'],
  statusLabels: {},
  minorsOnNotice: true,
  referrals: true,
  economicCheck: {
    investigationSteps: ['investigation', 'recertInvestigation'],
    proposalSteps: ['townshipReview', 'recertReview'],
  },
} as const satisfies Omit<ProgrammeDefinition, 'code' | 'name'>;

export const PROGRAMMES = {
  DIBAO_URBAN: { code: 'DIBAO_URBAN', name: '城市最低生活保障', ...DIBAO },
  DIBAO_RURAL: { code: 'DIBAO_RURAL', name: '农村最低生活保障', ...DIBAO },
  TEKUN: {
    code: 'TEKUN',
    name: '特困人员救助供养',
    family: 'tekun',
    caseNoPrefix: 'TK',
    exclusivityGroup: 'basicLiving',
    letterName: '特困人员救助供养',
    rulesCited: '《特困人员认定办法》',
    channels: ['inPerson', 'proxy', 'villageInitiative'],
    applicationSteps: ['acceptance', 'tekunInvestigation', 'objectionReview', 'countyApproval'],
    enrolmentSteps: ['tekunReview', 'careReassessment', 'bedOfferAnswer', 'terminationObjectionReview'],
    applicationActions: ['extendStepDeadline', 'recordObjection', 'recordLetterServed'],
    enrolmentActions: [
      'extendStepDeadline',
      'recordObjection',
      'reportCareChange',
      'changeSupportMode',
      'requestExit',
    ],
    statusLabels: {
      COUNTY_APPROVAL: '县级审核确认中',
      ENROLLED: '特困供养中',
      RECERTIFYING: '年度复核中',
      EXIT_NOTIFIED: '已告知终止供养',
      EXITED: '已终止供养',
      REFUSED: '不予认定',
    },
    minorsOnNotice: false,
    referrals: false,
    // The investigation is also the township's proposal: it waits for the report and its resolution.
    economicCheck: {
      investigationSteps: ['tekunInvestigation', 'tekunReview'],
      proposalSteps: ['tekunInvestigation', 'tekunReview'],
    },
  },
  MEDICAL: {
    code: 'MEDICAL',
    name: '医疗救助',
    family: 'medical',
    caseNoPrefix: 'YL',
    exclusivityGroup: null,
    letterName: '医疗救助',
    rulesCited: '《社会救助暂行办法》第五章',
    channels: ['inPerson', 'online', 'proxy'],
    applicationSteps: ['medicalCheck', 'medicalApproval', 'medicalSettlement'],
    enrolmentSteps: [],
    applicationActions: ['extendStepDeadline', 'recordLetterServed'],
    enrolmentActions: [],
    statusLabels: { SUBMITTED: '已提交票据', COUNTY_APPROVAL: '县级审批中', REFUSED: '不予救助' },
    minorsOnNotice: false,
    referrals: false,
    economicCheck: null,
  },
  TEMPORARY: {
    code: 'TEMPORARY',
    name: '临时救助',
    family: 'temporary',
    caseNoPrefix: 'LS',
    // Not exclusive with 低保 or 特困: each cause is its own claim (domain/temporary-assistance.ts).
    exclusivityGroup: 'temporary',
    letterName: '临时救助',
    rulesCited: '《社会救助暂行办法》',
    channels: ['inPerson', 'proxy', 'villageInitiative'],
    applicationSteps: ['temporaryUrgentGrant', 'acceptance', 'temporaryInvestigation', 'countyApproval'],
    enrolmentSteps: [],
    applicationActions: ['extendStepDeadline', 'extendOverallLimit', 'recordLetterServed'],
    enrolmentActions: [],
    statusLabels: { COUNTY_APPROVAL: '县级审批中', REFUSED: '不予救助' },
    minorsOnNotice: false,
    referrals: false,
    economicCheck: null,
  },
  VAGRANT: {
    code: 'VAGRANT',
    name: '流浪乞讨人员救助',
    family: 'vagrant',
    caseNoPrefix: 'VG',
    // Voluntary and free: a person may come again; the station's capacity is the guard.
    exclusivityGroup: null,
    letterName: '流浪乞讨人员救助',
    rulesCited: '《城市生活无着的流浪乞讨人员救助管理办法》',
    // Taken in at the station (api/rescue-stations.ts), never through the application form.
    channels: [],
    applicationSteps: ['vagrantExit'],
    enrolmentSteps: [],
    applicationActions: ['recordTracingNotice', 'extendStay', 'transferToHospital', 'returnFromHospital'],
    enrolmentActions: [],
    statusLabels: { ACCEPTED: '在站救助', EXITED: '已离站' },
    minorsOnNotice: false,
    referrals: false,
    // Not means-tested: help at the station is voluntary and free.
    economicCheck: null,
  },
  DISASTER: {
    code: 'DISASTER',
    name: '受灾人员救助',
    family: 'disaster',
    caseNoPrefix: 'ZH',
    // A person relocated twice (two events) holds two cases; one site at a time is the
    // relocation register's own guard (api/disaster-relocation.ts).
    exclusivityGroup: null,
    letterName: '过渡期生活救助',
    rulesCited: '《自然灾害救助条例》',
    // Not applied for: a case is opened when a relocated person is registered at a site, or
    // when a village proposes a list 名单 (rebuilding, winter/spring relief), whose steps these are.
    channels: [],
    applicationSteps: ['appraisal', 'objectionReview', 'townshipReview', 'countyApproval'],
    enrolmentSteps: [],
    applicationActions: ['extendStepDeadline', 'recordObjection'],
    enrolmentActions: [],
    statusLabels: { ENROLLED: '过渡期生活救助中', EXITED: '过渡期生活救助已停止' },
    minorsOnNotice: false,
    referrals: false,
    // Not means-tested: aid follows the relocation register.
    economicCheck: null,
  },
} as const satisfies Partial<Record<ProgrammeCode, ProgrammeDefinition>>;

/** The programmes whose procedures exist: applications are taken for these. */
export type OpenProgrammeCode = keyof typeof PROGRAMMES;

export const OPEN_PROGRAMME_CODES = Object.keys(PROGRAMMES) as [OpenProgrammeCode, ...OpenProgrammeCode[]];

/**
 * Programmes whose cases are opened where the person is met, never by application: at a rescue
 * station (api/rescue-stations.ts) or at a relocation site's register (api/disaster-relocation.ts).
 */
export type OpenedOnSiteProgrammeCode = 'VAGRANT' | 'DISASTER';

/** The programmes one applies for through POST /api/cases: those with application channels. */
export const APPLICATION_PROGRAMME_CODES = OPEN_PROGRAMME_CODES.filter(
  (code) => (PROGRAMMES[code].channels as readonly string[]).length > 0,
) as [
  Exclude<OpenProgrammeCode, OpenedOnSiteProgrammeCode>,
  ...Exclude<OpenProgrammeCode, OpenedOnSiteProgrammeCode>[],
];

export function programmeOf(code: string): ProgrammeDefinition {
  const found = (PROGRAMMES as Record<string, ProgrammeDefinition>)[code];
  if (!found) throw new RangeError(`no procedure for programme ${code}`);
  return found;
}

const prefixes = [...new Set(Object.values(PROGRAMMES).map((p) => p.caseNoPrefix))].join('|');

/** A case number of any programme, e.g. DB-532901-2026-000001 or TK-532901-2026-000002. */
export const CASE_NO_PATTERN = new RegExp(`^(?:${prefixes})-\\d{6}-\\d{4}-\\d{6}$`);

/** A referral's number: its case's number and a counter. */
export const REFERRAL_NO_PATTERN = new RegExp(`^(?:${prefixes})-\\d{6}-\\d{4}-\\d{6}-Z\\d{2,}$`);

export function isCaseNo(ref: string): boolean {
  return CASE_NO_PATTERN.test(ref);
}

export function caseNumber(code: OpenProgrammeCode, countyId: string, year: number, serial: number): string {
  return `${PROGRAMMES[code].caseNoPrefix}-${countyId}-${year}-${String(serial).padStart(6, '0')}`;
}

/** The programmes a person may hold only one open case of, with `code` among them (none when it has no 查重). */
export function exclusiveWith(code: OpenProgrammeCode): OpenProgrammeCode[] {
  const group: string | null = PROGRAMMES[code].exclusivityGroup;
  if (group === null) return [];
  return OPEN_PROGRAMME_CODES.filter((c) => PROGRAMMES[c].exclusivityGroup === group);
}

/** The status as this programme names it. */
export function statusLabel(code: string, status: CaseStatus, shared: string): string {
  const programme = (PROGRAMMES as Record<string, ProgrammeDefinition>)[code];
  return programme?.statusLabels[status] ?? shared;
}
