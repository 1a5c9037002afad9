import { ADULT_AGE, ageOn } from '../domain/household';
import { followingMonth } from '../domain/benefit-months';
import { chineseMonth } from '../domain/chinese-date';
import { CARE_LEVELS } from '../domain/care-level';
import { STEP_ROLES } from '../domain/step-roles';
import {
  tekunCountyConfirmationSchema,
  tekunInvestigationSchema,
  tekunObjectionReviewSchema,
  type TekunCountyConfirmation,
  type TekunInvestigation,
  type TekunObjectionReview,
} from '../domain/tekun-decisions';
import { localDateOf } from '../domain/working-days';
import { closeCase, refuseCase, runAcceptance } from './application-steps';
import { records } from './case-ledger';
import { CaseProcedure } from './case-procedure';
import { enrolmentWorkflowId, type CaseView, type CaseWorkflowInput } from './definitions';
import { runPublicNotice } from './public-notice';
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
  const proc = new CaseProcedure(input);
  const view = await runProcedure(proc);
  await proc.ledger.settled();
  return view;
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
  let assessment: TekunAssessment | null = null;
  let report: TekunInvestigation | null = null;
  let noticeRound = 0;
  let minor = false;
  for (;;) {
    switch (phase) {
      case 'investigation': {
        // 调查核实
        const facts = await records.loadHouseholdFacts({ caseId: input.caseId });
        const decided = await runHumanStep<TekunInvestigation>(proc, {
          step: 'tekunInvestigation',
          status: 'INVESTIGATING',
          roles: STEP_ROLES.tekunInvestigation,
          payload: tekunInvestigationSchema,
          assigneeUnitId: input.townshipId,
          limit: reinvestigation ? limits.objectionReinvestigation : limits.investigation,
          summarize: (p) => ({ decision: p.supportMode.mode, reasons: p.note ?? null }),
        });
        report = decided.payload;
        const { policy: current } = await proc.rules();
        assessment = assessTekun(facts, report, current);
        minor = ageOn(tekunPerson(facts).birthDate, localDateOf(Date.now())) < ADULT_AGE;
        await ledger.record(
          {
            type: 'assessmentComputed',
            step: 'tekunInvestigation',
            decision: assessment.eligible ? 'eligible' : 'notEligible',
            reasons:
              assessment.reasons.map((r) => r.text).join('；') ||
              `${CARE_LEVELS[assessment.careLevel]}，${report.supportMode.mode === 'centralised' ? '集中供养' : '分散供养'}`,
            payload: { ...assessment, minor },
          },
          { monthlyAmount: assessment.support?.totalYuan ?? null },
        );
        // Only a proposal to support goes on notice; the county decides a refusal directly.
        phase = assessment.eligible ? 'notice' : 'countyApproval';
        break;
      }
      case 'notice': {
        // 公示, never of a minor (未成年人不予公示)
        if (minor) {
          await ledger.record({
            type: 'noticeSkipped',
            step: 'publicNotice',
            reasons: '申请人为未成年人，依规定不予公示',
          });
          phase = 'countyApproval';
          break;
        }
        const objections = await runPublicNotice(proc, {
          round: ++noticeRound,
          limit: limits.noticeDays,
          letter: {
            kind: 'publicNotice',
            facts: { amount: assessment!.support?.totalYuan ?? 0, personNotice: true },
          },
        });
        if (objections.length === 0) {
          phase = 'countyApproval';
          break;
        }
        // 异议处理: upheld, the township investigates again within its limit and publishes again.
        const review = await runHumanStep<TekunObjectionReview>(proc, {
          step: 'objectionReview',
          status: 'OBJECTION_REVIEW',
          roles: STEP_ROLES.objectionReview,
          payload: tekunObjectionReviewSchema,
          assigneeUnitId: input.townshipId,
          limit: policy.stepLimits.townshipReview,
        });
        reinvestigation = review.payload.decision === 'uphold';
        phase = reinvestigation ? 'investigation' : 'countyApproval';
        break;
      }
      case 'countyApproval': {
        // 县级审核确认
        const eligible = assessment!.eligible;
        const confirmation = await runHumanStep<TekunCountyConfirmation>(proc, {
          step: 'countyApproval',
          status: 'COUNTY_APPROVAL',
          roles: STEP_ROLES.countyApproval,
          payload: tekunCountyConfirmationSchema,
          guard: (p) =>
            p.decision === 'confirm' && !eligible
              ? {
                  type: 'InvalidPayload',
                  message: '调查核实结果不符合特困人员认定条件，不能确认 (assessment is not eligible)',
                }
              : null,
          assigneeUnitId: input.countyId,
          limit: limits.countyConfirmation,
        });
        if (confirmation.payload.decision === 'refuse') {
          return refuseCase(
            proc,
            'countyApproval',
            confirmation.actor,
            confirmation.payload.reasons,
            '县级人民政府民政部门审核确认',
          );
        }
        const amount = confirmation.payload.monthlyAmountYuan;
        const benefitStartMonth = followingMonth(Date.now());
        const mode = report!.supportMode;
        const view = await closeCase(
          proc,
          'ENROLLED',
          {
            type: 'caseClosed',
            step: 'countyApproval',
            actor: confirmation.actor,
            decision: 'enrolled',
            payload: { monthlyAmountYuan: amount, benefitStartMonth, supportMode: mode.mode },
          },
          {
            letter: {
              kind: 'tekunCertificate',
              facts: {
                amount,
                basicLivingYuan: assessment!.support?.basicLivingYuan,
                careYuan: assessment!.support?.careYuan,
                careLevel: CARE_LEVELS[assessment!.careLevel],
                supportMode: mode.mode === 'centralised' ? '集中供养' : '分散供养',
                carerName: mode.mode === 'dispersed' ? mode.careAgreement.carerName : null,
                benefitStartMonth: chineseMonth(benefitStartMonth),
                issuer: '县级人民政府民政部门',
              },
            },
          },
          { monthlyAmount: amount },
        );
        await records.startTekunSupport({
          workflowId: enrolmentWorkflowId(input.caseNo),
          input: {
            case: input,
            confirmed: {
              monthlyAmountYuan: amount,
              benefitStartMonth,
              assessment: assessment!,
              supportMode: mode,
            },
          },
        });
        return view;
      }
    }
  }
}
