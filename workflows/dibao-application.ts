import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { chineseMonth } from '../domain/chinese-date';
import { decideAppraisal } from '../domain/democratic-appraisal';
import { approvalProposalRefused } from '../domain/township-review';
import type { DibaoAssessment } from '../domain/dibao-assessment';
import {
  appraisalRecordSchema,
  countyApprovalSchema,
  investigationReportSchema,
  objectionReviewSchema,
  townshipReviewSchema,
  type AppraisalRecord,
  type CountyApproval,
  type InvestigationReport,
  type ObjectionReview,
  type TownshipReview,
} from '../domain/step-decisions';
import type { IncomeItem } from '../domain/income';
import type { CountyPolicy } from '../domain/county-policy';
import { assessSinglePerson, type SinglePersonAssessment } from '../domain/single-person-assessment';
import type { HouseholdFacts } from '../activities/household-facts';
import { records } from './case-ledger';
import { CaseProcedure } from './case-procedure';
import { assessReport, incomeOutsideHousehold } from './household-assessment';
import { dibaoEnrolment } from './dibao-enrolment';
import { enrolmentWorkflowId, type CaseView, type CaseWorkflowInput } from './definitions';
import {
  closeEnrolled,
  refuseCase,
  runAcceptance,
  runApplication,
  runCountyDecision,
  startOverallLimit,
} from './application-steps';
import { runNoticeWithObjections } from './public-notice';
import { runHumanStep } from './run-human-step';
import { watchInvestigationStart } from './investigation-start';
import { since } from './lean-history';

/** The enrolment is started by an activity, not as a child workflow (see activities/workflow-start.ts). */
const ENROLMENT_STARTED_BY_ACTIVITY = 'enrolment-started-by-activity';

type Phase = 'investigation' | 'appraisal' | 'townshipReview' | 'notice' | 'countyApproval';

/**
 * 低保 application, urban or rural: acceptance → household economic-status investigation →
 * village democratic appraisal → township review → 7-day public notice → county approval →
 * enrolment. A refusal at any decision ends the case with a written letter; an objection on
 * notice sends the case back and posts a new notice.
 */
export async function dibaoApplication(input: CaseWorkflowInput): Promise<CaseView> {
  return runApplication(input, runProcedure);
}

async function runProcedure(proc: CaseProcedure): Promise<CaseView> {
  const { input } = proc;
  const { ledger } = proc;
  const { policy } = await proc.rules();
  const limits = policy.stepLimits;
  // 受理
  const overall = { days: limits.overall.days, extendedDays: limits.overallExtended.days };
  const notAccepted = await runAcceptance(proc, limits, overall);
  if (notAccepted) return notAccepted;
  await startOverallLimit(proc, limits);

  let phase: Phase = 'investigation';
  let assessment: DibaoAssessment | null = null;
  let incomes: IncomeItem[] = [];
  let circumstances: InvestigationReport['circumstances'] | undefined;
  let investigated: { facts: HouseholdFacts; policy: CountyPolicy } | null = null;
  /** 单人保 as the township proposed it: the member enrolled alone, with the amount for one. */
  let singlePerson: (SinglePersonAssessment & { allowed: true; name: string }) | null = null;
  let noticeRound = 0;
  let appraisalPassed: boolean | null = null;
  for (;;) {
    switch (phase) {
      case 'investigation': {
        // 家庭经济状况调查核对
        const facts = await ledger.householdFacts();
        const endStartWatch = await watchInvestigationStart(proc, limits.investigationStart);
        const report = await runHumanStep<InvestigationReport>(proc, {
          step: 'investigation',
          status: 'INVESTIGATING',
          payload: investigationReportSchema,
          guard: (p) => incomeOutsideHousehold(facts, p.incomes),
          assigneeUnitId: input.townshipId,
          limit: limits.investigation,
          summarize: (p) => ({ decision: p.dataCheck.result, reasons: p.note ?? null }),
        });
        endStartWatch();
        const { policy: current } = await proc.rules();
        incomes = report.payload.incomes;
        circumstances = report.payload.circumstances;
        investigated = { facts, policy: current };
        assessment = assessReport(facts, report.payload, current);
        await ledger.stage(
          {
            type: 'assessmentComputed',
            step: 'investigation',
            decision: assessment.eligible ? 'eligible' : 'notEligible',
            reasons: assessment.reasons.map((r) => r.text).join('；') || null,
            payload: assessment,
          },
          { monthlyAmount: assessment.proposedMonthlyYuan },
        );
        phase = 'appraisal';
        break;
      }
      case 'appraisal': {
        // 民主评议
        const appraisal = await runHumanStep<AppraisalRecord>(proc, {
          step: 'appraisal',
          status: 'APPRAISING',
          payload: appraisalRecordSchema,
          guard: (p) => {
            const outcome = decideAppraisal(p, policy);
            if (!outcome.ok) return { type: 'InvalidPayload', message: outcome.error.text };
            if (!outcome.valid)
              return {
                type: 'InvalidPayload',
                message: `到会 ${p.present} 人，不足 ${outcome.requiredPresent} 人，评议无效，请重新组织`,
              };
            return null;
          },
          assigneeUnitId: input.villageId,
          limit: limits.appraisal,
          summarize: (p) => {
            const outcome = decideAppraisal(p, policy);
            return {
              decision: outcome.ok && outcome.passed ? 'passed' : 'notPassed',
              reasons: `赞成 ${p.votesFor} / 到会 ${p.present} / 应到 ${p.representativesTotal}`,
            };
          },
        });
        const outcome = decideAppraisal(appraisal.payload, policy);
        appraisalPassed = outcome.ok && outcome.passed;
        phase = 'townshipReview';
        break;
      }
      case 'townshipReview': {
        // 乡镇审核
        const basis = { eligible: assessment?.eligible ?? false, appraisalPassed };
        // 单人保: the rule, re-applied to the investigation's figures on the day it assessed them.
        const single = (memberId: string): SinglePersonAssessment =>
          assessment && investigated
            ? assessSinglePerson({
                memberId,
                household: assessment,
                members: investigated.facts.members,
                incomes,
                singleParentFamily: investigated.facts.singleParentFamily,
                on: assessment.on,
                policy: investigated.policy,
              })
            : {
                allowed: false,
                reason: { code: 'singlePersonNotAllowed', text: '尚无核算结果，不能单人保' },
              };
        const review = await runHumanStep<TownshipReview>(proc, {
          step: 'townshipReview',
          status: 'TOWNSHIP_REVIEW',
          payload: townshipReviewSchema,
          guard: (p) => {
            if (p.decision !== 'approve') return null;
            if (p.singlePerson) {
              const chosen = single(p.singlePerson.memberId);
              const refused = chosen.allowed
                ? approvalProposalRefused({ eligible: true, appraisalPassed })
                : chosen.reason.text;
              return refused ? { type: 'InvalidPayload' as const, message: refused } : null;
            }
            const refused = approvalProposalRefused(basis);
            return refused ? { type: 'InvalidPayload' as const, message: refused } : null;
          },
          assigneeUnitId: input.townshipId,
          limit: limits.townshipReview,
        });
        const chosen = review.payload.decision === 'approve' ? review.payload.singlePerson : undefined;
        const wasSinglePerson = singlePerson !== null;
        singlePerson = null;
        if (chosen) {
          const decided = single(chosen.memberId);
          if (decided.allowed) {
            const name = investigated?.facts.members.find((m) => m.id === decided.memberId)?.name ?? '';
            singlePerson = { ...decided, name };
            await ledger.stage(
              {
                type: 'assessmentComputed',
                step: 'townshipReview',
                decision: 'singlePerson',
                reasons: `单人保：${decided.groundsText}`,
                payload: decided,
              },
              { monthlyAmount: decided.monthlyYuan },
            );
          }
        } else if (wasSinglePerson && assessment) {
          // A later review without 单人保: the household's own computed amount again.
          await ledger.stage(
            {
              type: 'assessmentComputed',
              step: 'townshipReview',
              decision: 'household',
              payload: assessment,
            },
            { monthlyAmount: assessment.proposedMonthlyYuan },
          );
        }
        if (review.payload.decision === 'refuse') {
          return refuseCase(
            proc,
            'townshipReview',
            review.actor,
            review.payload.reasons,
            '乡镇人民政府（街道办事处）审核',
          );
        }
        phase = review.payload.decision === 'return' ? 'investigation' : 'notice';
        break;
      }
      case 'notice': {
        // 公示, and 异议处理 when someone objects
        const review = await runNoticeWithObjections<ObjectionReview>(
          proc,
          {
            round: ++noticeRound,
            limit: limits.publicNotice,
            letter: {
              kind: 'publicNotice',
              facts: {
                amount: ledger.current.monthlyAmount ?? 0,
                ...(singlePerson && {
                  householdSize: 1,
                  singlePerson: { grounds: singlePerson.groundsText },
                }),
              },
            },
          },
          {
            step: 'objectionReview',
            status: 'OBJECTION_REVIEW',
            payload: objectionReviewSchema,
            limit: limits.townshipReview,
          },
        );
        if (!review) {
          phase = 'countyApproval';
          break;
        }
        phase = review.payload.decision === 'dismiss' ? 'notice' : review.payload.redo;
        break;
      }
      case 'countyApproval': {
        // 县级审批 (审核确认)
        const decided = await runCountyDecision<CountyApproval>(proc, {
          payload: countyApprovalSchema,
          limit: limits.countyApproval,
          approvalBlocked: () =>
            input.relativeOfStaff && !proc.countyVisit
              ? {
                  type: 'NotYet',
                  message: '近亲属备案案件须先登记县级入户核查，方可批准 (county home visit required)',
                }
              : null,
        });
        if ('refused' in decided) return decided.refused;
        const { actor, amount, benefitStartMonth, difference } = decided.approved;
        const alone = singlePerson && {
          memberId: singlePerson.memberId,
          name: singlePerson.name,
          grounds: singlePerson.groundsText,
        };
        const view = await closeEnrolled(
          proc,
          {
            actor,
            amount,
            benefitStartMonth,
            difference,
            ...(alone && { payload: { singlePerson: alone } }),
          },
          {
            kind: 'approval',
            facts: {
              amount,
              benefitStartMonth: chineseMonth(benefitStartMonth),
              issuer: '县级人民政府民政部门',
              ...(alone && { householdSize: 1, singlePerson: alone }),
            },
          },
        );
        const enrolment = {
          workflowId: enrolmentWorkflowId(input.caseNo),
          input: {
            case: input,
            approved: {
              monthlyAmountYuan: amount,
              benefitStartMonth,
              incomes,
              circumstances,
              ...(singlePerson && { singlePerson: { memberId: singlePerson.memberId } }),
            },
          },
        };
        if (since(ENROLMENT_STARTED_BY_ACTIVITY)) {
          await records.startEnrolment(enrolment);
        } else {
          // Histories recorded before the patch started the enrolment as an abandoned child.
          await startChild(dibaoEnrolment, {
            workflowId: enrolment.workflowId,
            args: [enrolment.input],
            parentClosePolicy: ParentClosePolicy.ABANDON,
          });
        }
        return view;
      }
    }
  }
}
