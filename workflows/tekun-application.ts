import { ADULT_AGE, ageOn } from '../domain/household';
import { chineseMonth } from '../domain/chinese-date';
import { CARE_LEVELS } from '../domain/care-level';
import {
  tekunCountyConfirmationSchema,
  tekunInvestigationSchema,
  tekunObjectionReviewSchema,
  type TekunCountyConfirmation,
  type TekunInvestigation,
  type TekunObjectionReview,
} from '../domain/tekun-decisions';
import { localDateOf, type DayCount } from '../domain/working-days';
import { closeEnrolled, runAcceptance, runApplication, runCountyDecision } from './application-steps';
import { records } from './case-ledger';
import { CaseProcedure } from './case-procedure';
import { enrolmentWorkflowId, type CaseView, type CaseWorkflowInput } from './definitions';
import { runNoticeWithObjections } from './public-notice';
import { runHumanStep } from './run-human-step';
import { assessTekun, tekunPerson, type TekunAssessment } from './tekun-assessment';

type Phase = 'investigation' | 'notice' | 'countyApproval';

/**
 * 特困 application (《特困人员认定办法》): acceptance → township investigation (home visit,
 * income and assets, supporters, the six-item care assessment, the person's choice of
 * centralised or dispersed support) → 7-day public notice, never for a minor → county
 * confirmation → the 特困供养证 and support from the next month. An objection the township
 * upholds sends the case back to a new investigation and a new notice.
 */
export async function tekunApplication(input: CaseWorkflowInput): Promise<CaseView> {
  return runApplication(input, runProcedure);
}

async function runProcedure(proc: CaseProcedure): Promise<CaseView> {
  const { input, ledger } = proc;
  const { policy } = await proc.rules();
  const limits = policy.extremePoverty.stepLimits;

  // 特困 sets no whole-procedure limit: each step has its own.
  const notAccepted = await runAcceptance(proc, policy.stepLimits, null);
  if (notAccepted) return notAccepted;

  let phase: Phase = 'investigation';
  let reinvestigation = false;
  let found: Investigated | null = null;
  let noticeRound = 0;
  for (;;) {
    switch (phase) {
      case 'investigation': {
        found = await investigate(
          proc,
          reinvestigation ? limits.objectionReinvestigation : limits.investigation,
        );
        // Only a proposal to support goes on notice; the county decides a refusal directly.
        phase = found.assessment.eligible ? 'notice' : 'countyApproval';
        break;
      }
      case 'notice': {
        // 公示, never of a minor (未成年人不予公示)
        if (found!.minor) {
          await ledger.record({
            type: 'noticeSkipped',
            step: 'publicNotice',
            reasons: '申请人为未成年人，依规定不予公示',
          });
          phase = 'countyApproval';
          break;
        }
        // 异议处理: upheld, the township investigates again within its limit and publishes again.
        const review = await runNoticeWithObjections<TekunObjectionReview>(
          proc,
          {
            round: ++noticeRound,
            limit: limits.noticeDays,
            letter: {
              kind: 'publicNotice',
              facts: { amount: found!.assessment.support?.totalYuan ?? 0, personNotice: true },
            },
          },
          {
            step: 'objectionReview',
            status: 'OBJECTION_REVIEW',
            payload: tekunObjectionReviewSchema,
            limit: policy.stepLimits.townshipReview,
          },
        );
        if (!review) {
          phase = 'countyApproval';
          break;
        }
        reinvestigation = review.payload.decision === 'uphold';
        phase = reinvestigation ? 'investigation' : 'countyApproval';
        break;
      }
      case 'countyApproval': {
        // 县级审核确认
        const { eligible } = found!.assessment;
        const decided = await runCountyDecision<TekunCountyConfirmation>(proc, {
          payload: tekunCountyConfirmationSchema,
          limit: limits.countyConfirmation,
          approvalBlocked: () =>
            eligible
              ? null
              : {
                  type: 'InvalidPayload',
                  message: '调查核实结果不符合特困人员认定条件，不能确认 (assessment is not eligible)',
                },
        });
        if ('refused' in decided) return decided.refused;
        const { actor, amount, benefitStartMonth, difference } = decided.approved;
        const mode = found!.report.supportMode;
        const support = found!.assessment.support;
        const view = await closeEnrolled(
          proc,
          { actor, amount, benefitStartMonth, difference, payload: { supportMode: mode.mode } },
          {
            kind: 'tekunCertificate',
            facts: {
              amount,
              basicLivingYuan: support?.basicLivingYuan,
              careYuan: support?.careYuan,
              careLevel: CARE_LEVELS[found!.assessment.careLevel],
              supportMode: mode.mode === 'centralised' ? '集中供养' : '分散供养',
              carerName: mode.mode === 'dispersed' ? mode.careAgreement.carerName : null,
              benefitStartMonth: chineseMonth(benefitStartMonth),
              issuer: '县级人民政府民政部门',
            },
          },
        );
        await records.startTekunSupport({
          workflowId: enrolmentWorkflowId(input.caseNo),
          input: {
            case: input,
            confirmed: {
              monthlyAmountYuan: amount,
              benefitStartMonth,
              assessment: found!.assessment,
              supportMode: mode,
            },
          },
        });
        return view;
      }
    }
  }
}

interface Investigated {
  report: TekunInvestigation;
  assessment: TekunAssessment;
  minor: boolean;
}

/**
 * 调查核实: the township's report (home visit, income and assets, supporters, the care
 * assessment, the chosen mode), and what the rules conclude from it on today's standards.
 */
async function investigate(proc: CaseProcedure, limit: DayCount): Promise<Investigated> {
  const facts = await proc.ledger.householdFacts();
  const { payload: report } = await runHumanStep<TekunInvestigation>(proc, {
    step: 'tekunInvestigation',
    status: 'INVESTIGATING',
    payload: tekunInvestigationSchema,
    assigneeUnitId: proc.input.townshipId,
    limit,
    summarize: (p) => ({ decision: p.supportMode.mode, reasons: p.note ?? null }),
  });
  const { policy } = await proc.rules();
  const assessment = assessTekun(facts, report, policy);
  const minor = ageOn(tekunPerson(facts).birthDate, localDateOf(Date.now())) < ADULT_AGE;
  await proc.ledger.stage(
    {
      type: 'assessmentComputed',
      step: 'tekunInvestigation',
      decision: assessment.eligible ? 'eligible' : 'notEligible',
      reasons:
        assessment.reasons.map((r) => r.text).join('；') ||
        `${CARE_LEVELS[assessment.careLevel]}，${report.supportMode.mode === 'centralised' ? '集中供养' : '分散供养'}`,
      payload: { ...assessment, minor },
    },
    {
      monthlyAmount: assessment.support?.totalYuan ?? null,
      programmeFacts: {
        careLevel: assessment.careLevel,
        basicLivingYuan: assessment.support?.basicLivingYuan ?? 0,
        careYuan: assessment.support?.careYuan ?? 0,
        supportMode: report.supportMode.mode,
        carerName:
          report.supportMode.mode === 'dispersed' ? report.supportMode.careAgreement.carerName : null,
        careHome: null,
        waitingForBed: false,
      },
    },
  );
  return { report, assessment, minor };
}
