import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { fileApplication } from '../../api/case-intake';
import { caseWorkflowInput } from '../../api/case-workflows';
import { caseApplicationSchema, type CaseApplication } from '../../api/schemas/case-application';
import type { CareLevel, DailyLivingItem } from '../../domain/care-level';
import type { SupportMode } from '../../domain/tekun-decisions';
import type { Database } from '../../platform/database';
import { enrolmentWorkflowId } from '../../workflows/definitions';
import type { TekunAssessment } from '../../workflows/tekun-assessment';
import { tekunSupport, tekunSupportStateQuery, type TekunSupportState } from '../../workflows/tekun-support';
import { CaseDriver } from './case-driver';
import { actorFor, freshIdNumber, idNumber, waitFor, XIZHOU_VILLAGE } from './fixtures';
import { TEST_TASK_QUEUE } from './temporal';

let people = 0;

/**
 * A 特困 application as the API parses it: one person, found by the village (主动发现). Without a
 * serial, each call is another person (查重 refuses a second open application for one person).
 */
export function tekunApplication(
  person: { name?: string; birthDate?: string; serial?: number; inSchool?: 'seniorSecondary' } = {},
  overrides: Partial<CaseApplication> = {},
): CaseApplication {
  return caseApplicationSchema.parse({
    programme: 'TEKUN',
    villageId: XIZHOU_VILLAGE,
    address: '大理市喜洲镇喜洲村委会五社3号',
    channel: 'villageInitiative',
    dataCheckAuthorisationSigned: true,
    members: [
      {
        name: person.name ?? '段阿婆',
        idNumber:
          person.serial === undefined
            ? freshIdNumber(person.birthDate ?? '1948-05-20', 62, people++)
            : idNumber(person.birthDate ?? '1948-05-20', person.serial),
        relation: 'APPLICANT',
        labourCapacity: 'NONE',
        health: 'CHRONIC',
        ...(person.inSchool ? { inSchool: person.inSchool } : {}),
      },
    ],
    ...overrides,
  });
}

const ALL_ABLE: Record<DailyLivingItem, 'able' | 'unable'> = {
  eating: 'able',
  dressing: 'able',
  bed: 'able',
  toileting: 'able',
  walkingIndoors: 'able',
  bathing: 'able',
};

/** The six items as staff would find them for a care level: 0, 2 or 5 unable. */
export function careItems(level: CareLevel): Record<DailyLivingItem, 'able' | 'unable'> {
  if (level === 'selfCare') return ALL_ABLE;
  if (level === 'partialLoss') return { ...ALL_ABLE, bathing: 'unable', walkingIndoors: 'unable' };
  return {
    ...ALL_ABLE,
    eating: 'unable',
    dressing: 'unable',
    bed: 'unable',
    toileting: 'unable',
    bathing: 'unable',
  };
}

export const careAgreement = {
  carerName: '段建华',
  duties: '每日上门照料起居、代购生活用品、陪同就医',
  signedOn: '2026-12-01',
  signedByPersonCarerAndTownship: true as const,
};

export interface InvestigationOptions {
  careLevel?: CareLevel;
  ownIncomeMonthlyYuan?: number;
  supporterAble?: boolean;
  supportMode?: object;
}

export function tekunReport(options: InvestigationOptions = {}) {
  return {
    homeVisit: {
      visitedOn: '2026-11-30',
      visitors: ['赵乡镇经办', '段社工'],
      signedByVisitorsAndApplicant: true,
    },
    ownIncomeMonthlyYuan: options.ownIncomeMonthlyYuan ?? 0,
    assets: { depositsYuan: 800, vehicles: 0, homes: 1 },
    supporters: [
      options.supporterAble
        ? { name: '段志强', relation: 'child', ability: 'able' }
        : { name: '段志强', relation: 'child', ability: 'unable', unableReason: 'severelyDisabled' },
    ],
    careAssessment: {
      items: careItems(options.careLevel ?? 'partialLoss'),
      assessedOn: '2026-11-30',
      assessors: ['赵乡镇经办', '何医生'],
    },
    supportMode: options.supportMode ?? { mode: 'dispersed', careAgreement },
  };
}

/** Drives a 特困 case: its application through the shared CaseDriver, then its support workflow. */
export class TekunDriver {
  static async file(env: TestWorkflowEnvironment, db: Database, application = tekunApplication()) {
    return CaseDriver.file(env, db, application);
  }

  /** Accepted and investigated: on notice (or, for a minor or a refusal, at the county). */
  static async investigated(c: CaseDriver, options: InvestigationOptions = {}): Promise<void> {
    await c.accept();
    await c.reach('tekunInvestigation');
    await c.decide('tekunInvestigation', 'xiang.xizhou', tekunReport(options));
  }

  static confirm(c: CaseDriver, monthlyAmountYuan: number) {
    return c.decide('countyApproval', 'xian.dali', { decision: 'confirm', monthlyAmountYuan });
  }

  /**
   * Support started straight from a confirmation, as the application would start it: the case
   * row is filed (so letters and events have their case), and the support workflow runs alone.
   * For tests of support itself, which need no walk through the application each time.
   */
  static async support(
    env: TestWorkflowEnvironment,
    db: Database,
    options: {
      application?: CaseApplication;
      careLevel?: CareLevel;
      supportMode?: SupportMode;
      minor?: boolean;
      amountYuan?: number;
      benefitStartMonth?: string;
    } = {},
  ): Promise<CaseDriver> {
    const filer = await actorFor(db, 'cun.xizhou');
    const { caseId } = await fileApplication(db, filer, options.application ?? tekunApplication(), undefined);
    const { workflowId: _application, ...input } = await caseWorkflowInput(db, caseId);
    const members = await db.householdMember.findMany({
      where: { household: { cases: { some: { id: caseId } } } },
    });
    await db.case.update({
      where: { id: caseId },
      data: { status: 'ENROLLED', monthlyAmount: options.amountYuan ?? 1028 },
    });
    const careLevel = options.careLevel ?? 'partialLoss';
    const assessment: TekunAssessment = {
      eligible: true,
      labourCapacityReason: options.minor
        ? { code: 'minor', text: '未满16周岁' }
        : { code: 'elderly', text: '年满60周岁' },
      reasons: [],
      personId: members[0]!.id,
      careLevel,
      dibaoStandardYuan: 560,
      support: { basicLivingYuan: 728, careYuan: 300, totalYuan: 1028, totalFen: 102800 },
    };
    const workflowId = enrolmentWorkflowId(input.caseNo);
    await env.client.workflow.start(tekunSupport, {
      workflowId,
      taskQueue: TEST_TASK_QUEUE,
      args: [
        {
          case: input,
          confirmed: {
            monthlyAmountYuan: options.amountYuan ?? 1028,
            benefitStartMonth: options.benefitStartMonth ?? '2027-01',
            assessment,
            supportMode: options.supportMode ?? { mode: 'dispersed', careAgreement },
          },
        },
      ],
    });
    const driver = CaseDriver.attach(env, db, caseId, workflowId);
    await waitFor(async () => (await driver.row()).nextReviewAt, 'support started');
    return driver;
  }

  static state(c: CaseDriver): Promise<TekunSupportState> {
    return c.ask(tekunSupportStateQuery);
  }
}
