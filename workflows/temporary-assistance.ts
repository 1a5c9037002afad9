import { amountDifference, amountDifferenceRefused } from '../domain/approved-amount';
import { monthOf } from '../domain/benefit-months';
import { chineseMonth } from '../domain/chinese-date';
import type { CountyPolicy } from '../domain/county-policy';
import type { HouseholdFacts } from '../activities/household-facts';
import { effectiveStandard } from '../domain/eligibility';
import type { TemporaryFacts } from '../domain/programme-facts';
import type { Actor } from '../domain/staff-roles';
import {
  TEMPORARY_CAUSES,
  TEMPORARY_PATHS,
  temporaryAmount,
  urgentGrantProblem,
  type TemporaryAmount,
} from '../domain/temporary-assistance';
import {
  temporaryCountyDecisionSchema,
  temporaryInvestigationSchema,
  urgentGrantSchema,
  type TemporaryCountyDecision,
  type TemporaryInvestigation,
  type UrgentGrantDecision,
} from '../domain/temporary-decisions';
import { localDateOf } from '../domain/working-days';
import { closeCase, refuseCase, runAcceptance, runApplication, startOverallLimit } from './application-steps';
import type { CaseProcedure } from './case-procedure';
import type { CaseView, CaseWorkflowInput, StepRejection } from './definitions';
import { runHumanStep } from './run-human-step';

/**
 * 临时救助 (《社会救助暂行办法》 chapter on temporary assistance), on the programme seam.
 *
 * Urgent path 急难型: the township grants at once 先行救助 (cash or goods, within the county's
 * cap, with reasons; cash goes on the payment roster that month), then the paperwork follows as
 * human steps with deadlines like any other: the township's investigation, the county's
 * confirmation 审核确认.
 *
 * Expense path 支出型: acceptance, the township's investigation (the expense still borne), the
 * county's approval of the amount by the rule (months of the 低保 standard by cause, capped),
 * all within the county's whole-procedure limit (15 working days by default); the grant is paid
 * that month and the decision letter sent.
 *
 * Either way a grant closes the case GRANTED; the person's claim on the cause stays for the
 * county's repeat window (api/open-claims.ts).
 */
export async function temporaryAssistance(input: CaseWorkflowInput): Promise<CaseView> {
  return runApplication(input, runProcedure);
}

async function runProcedure(proc: CaseProcedure): Promise<CaseView> {
  const request = proc.input.temporary;
  if (!request) throw new Error('a 临时救助 case starts with its request');
  return request.path === 'urgent' ? urgentPath(proc, request) : expensePath(proc, request);
}

const blocked = (message: string): { type: StepRejection; message: string } => ({
  type: 'InvalidPayload',
  message,
});

async function urgentPath(proc: CaseProcedure, request: TemporaryFacts): Promise<CaseView> {
  const { policy } = await proc.rules();
  const limits = policy.temporaryAssistance.stepLimits;
  // 先行救助: at once, by the township, within the cap.
  const { payload: grant } = await runHumanStep<UrgentGrantDecision>(proc, {
    step: 'temporaryUrgentGrant',
    status: 'SUBMITTED',
    payload: urgentGrantSchema,
    assigneeUnitId: proc.input.townshipId,
    limit: limits.urgentGrant,
    guard: (p) => {
      const problem = urgentGrantProblem(p, policy);
      return problem ? blocked(problem) : null;
    },
    summarize: (p) => ({
      decision: p.kind,
      reasons: `${p.kind === 'cash' ? `现金 ${p.amountYuan} 元` : `实物：${p.goods}（折价 ${p.valueYuan} 元）`}；${p.reasons}`,
    }),
    // Cash goes on the roster with the decision itself, in its transaction.
    onDecision: (p) => ({
      correspondence:
        p.kind === 'cash' ? { payment: { month: monthOf(Date.now()), amountYuan: p.amountYuan } } : {},
      change: {
        status: 'ACCEPTED',
        monthlyAmount: p.kind === 'cash' ? p.amountYuan : null,
        programmeFacts: {
          ...request,
          grantedYuan: p.kind === 'cash' ? p.amountYuan : null,
          goods: p.kind === 'goods' ? p.goods : null,
          goodsValueYuan: p.kind === 'goods' ? p.valueYuan : null,
        },
      },
    }),
  });
  const paidMonth = grant.kind === 'cash' ? monthOf(Date.now()) : null;

  // The paperwork afterwards: investigation, then the county's confirmation.
  await investigate(proc, limits.investigation);
  const rules = await proc.rules();
  const decided = await runHumanStep<TemporaryCountyDecision>(proc, {
    step: 'countyApproval',
    status: 'COUNTY_APPROVAL',
    payload: temporaryCountyDecisionSchema,
    assigneeUnitId: proc.input.countyId,
    limit: rules.policy.temporaryAssistance.stepLimits.countyApproval,
    guard: (p) =>
      p.decision === 'approve'
        ? blocked(
            '先行救助已发放，县级审核确认（confirm）或不予确认（refuse） (urgent grant: confirm or refuse)',
          )
        : null,
  });
  if (decided.payload.decision === 'refuse') {
    return refuseCase(
      proc,
      'countyApproval',
      decided.actor,
      decided.payload.reasons,
      '县级人民政府民政部门审核',
    );
  }
  return grantCase(proc, decided.actor, request, rules.policy, {
    urgent: true,
    amountYuan: grant.kind === 'cash' ? grant.amountYuan : null,
    goods: grant.kind === 'goods' ? grant.goods : null,
    goodsValueYuan: grant.kind === 'goods' ? grant.valueYuan : null,
    explanation: grant.reasons,
    paidMonth,
    reasons: decided.payload.note ?? null,
  });
}

async function expensePath(proc: CaseProcedure, request: TemporaryFacts): Promise<CaseView> {
  const { policy } = await proc.rules();
  const limits = policy.temporaryAssistance.stepLimits;
  const overall = { days: limits.overall.days, extendedDays: limits.overallExtended.days };
  const notAccepted = await runAcceptance(proc, policy.stepLimits, overall);
  if (notAccepted) return notAccepted;
  await startOverallLimit(proc, {
    ...policy.stepLimits,
    overall: limits.overall,
    overallExtended: limits.overallExtended,
  });
  proc.overall!.extendedDays = limits.overallExtended.days;

  // Read before the step opens, as 低保 and 特困 do: a local activity started after the decision
  // would race the decision's own write, and the Update's answer would land in a different
  // place in the history on replay than it did when it ran.
  const facts = await proc.ledger.householdFacts();
  const report = await investigate(proc, limits.investigation);
  const assessed = await assess(proc, request, report, facts);

  const { policy: current } = await proc.rules();
  const computedYuan = assessed.amount?.amountYuan ?? null;
  const decided = await runHumanStep<TemporaryCountyDecision>(proc, {
    step: 'countyApproval',
    status: 'COUNTY_APPROVAL',
    payload: temporaryCountyDecisionSchema,
    assigneeUnitId: proc.input.countyId,
    limit: current.temporaryAssistance.stepLimits.countyApproval,
    guard: (p) => {
      if (p.decision === 'refuse') return null;
      if (p.decision === 'confirm')
        return blocked(
          '支出型临时救助须审批金额（approve）或不予批准（refuse） (expense path: approve or refuse)',
        );
      if (!assessed.eligible) return blocked(`调查核实结果不符合救助条件，不能批准：${assessed.reasons}`);
      if (assessed.amount && p.amountYuan > assessed.amount.capYuan)
        return blocked(`批准金额超过本县救助上限 ${assessed.amount.capYuan} 元 (over the cap)`);
      const differs = amountDifferenceRefused({
        approvedYuan: p.amountYuan,
        computedYuan,
        amountReasons: p.amountReasons,
      });
      return differs ? blocked(differs) : null;
    },
  });
  const { actor, payload } = decided;
  if (payload.decision === 'refuse') {
    return refuseCase(proc, 'countyApproval', actor, payload.reasons, '县级人民政府民政部门审批');
  }
  if (payload.decision !== 'approve') throw new Error('the guard lets only approve or refuse through');
  const paidMonth = payload.amountYuan > 0 ? monthOf(Date.now()) : null;
  const difference = amountDifference({
    approvedYuan: payload.amountYuan,
    computedYuan,
    amountReasons: payload.amountReasons,
  });
  return grantCase(proc, actor, request, current, {
    urgent: false,
    amountYuan: payload.amountYuan,
    goods: null,
    goodsValueYuan: null,
    explanation: difference?.amountReasons ?? assessed.amount?.explanation ?? null,
    paidMonth,
    reasons: payload.note ?? difference?.amountReasons ?? null,
    difference,
    ...(paidMonth && { payment: { month: paidMonth, amountYuan: payload.amountYuan } }),
  });
}

/** 调查核实 by the township: the home visit, whether the hardship is as stated, the expense borne. */
async function investigate(
  proc: CaseProcedure,
  limit: CountyPolicy['temporaryAssistance']['stepLimits']['investigation'],
) {
  const { payload } = await runHumanStep<TemporaryInvestigation>(proc, {
    step: 'temporaryInvestigation',
    status: 'INVESTIGATING',
    payload: temporaryInvestigationSchema,
    assigneeUnitId: proc.input.townshipId,
    limit,
    summarize: (p) => ({ decision: p.hardshipConfirmed ? 'confirmed' : 'notConfirmed', reasons: p.findings }),
  });
  return payload;
}

interface Assessed {
  eligible: boolean;
  amount: TemporaryAmount | null;
  reasons: string;
}

/** The amount by the county's rule on today's 低保 standard, staged with the investigation. */
async function assess(
  proc: CaseProcedure,
  request: TemporaryFacts,
  report: TemporaryInvestigation,
  facts: HouseholdFacts,
): Promise<Assessed> {
  const { policy } = await proc.rules();
  const standard = effectiveStandard(facts.standards, facts.programme, localDateOf(Date.now()));
  const amount = standard
    ? temporaryAmount(
        {
          cause: request.cause,
          standardYuan: standard.monthlyYuan,
          expenseYuan: report.expenseYuan ?? request.statedExpenseYuan,
        },
        policy,
      )
    : null;
  const problems = [
    ...(report.hardshipConfirmed ? [] : ['调查核实困难情形不属实']),
    ...(standard ? [] : ['本县尚未设定低保标准，无法核定救助金额']),
  ];
  const eligible = problems.length === 0 && amount !== null && amount.amountYuan > 0;
  const reasons = problems.join('；') || amount?.explanation || '';
  await proc.ledger.stage(
    {
      type: 'assessmentComputed',
      step: 'temporaryInvestigation',
      decision: eligible ? 'eligible' : 'notEligible',
      reasons,
      payload: { amount, cause: request.cause },
    },
    { monthlyAmount: eligible ? amount!.amountYuan : null },
  );
  return { eligible, amount, reasons };
}

/**
 * Closes the case GRANTED with the decision letter, and the expense path's payment on the roster
 * in the same write (the urgent grant was paid with its decision); the claim on the cause stays.
 */
function grantCase(
  proc: CaseProcedure,
  actor: Actor,
  request: TemporaryFacts,
  policy: CountyPolicy,
  grant: {
    urgent: boolean;
    amountYuan: number | null;
    goods: string | null;
    goodsValueYuan: number | null;
    explanation: string | null;
    paidMonth: string | null;
    reasons: string | null;
    difference?: ReturnType<typeof amountDifference>;
    /** Paid with this write: the expense path's approval. */
    payment?: { month: string; amountYuan: number };
  },
): Promise<CaseView> {
  const facts: TemporaryFacts = {
    ...request,
    grantedYuan: grant.amountYuan,
    goods: grant.goods,
    goodsValueYuan: grant.goodsValueYuan,
  };
  return closeCase(
    proc,
    'GRANTED',
    {
      type: 'caseClosed',
      step: 'countyApproval',
      actor,
      decision: 'granted',
      reasons: grant.reasons,
      payload: { ...facts, paidMonth: grant.paidMonth, ...grant.difference },
    },
    {
      letter: {
        kind: 'temporaryGrant',
        facts: {
          urgent: grant.urgent,
          pathName: TEMPORARY_PATHS[request.path],
          causeName: TEMPORARY_CAUSES[request.cause],
          amountYuan: grant.amountYuan,
          goods: grant.goods,
          goodsValueYuan: grant.goodsValueYuan,
          explanation: grant.explanation,
          paidMonth: grant.paidMonth && chineseMonth(grant.paidMonth),
          decidedBy: grant.urgent ? '乡镇先行救助、县级人民政府民政部门审核确认' : '县级人民政府民政部门审批',
          repeatWindowMonths: policy.temporaryAssistance.repeatWindowMonths,
        },
      },
      ...(grant.payment && { payment: grant.payment }),
    },
    { monthlyAmount: grant.amountYuan, programmeFacts: facts },
  );
}
