import type { LetterRequest } from '../activities/letters';
import type { MedicalGrant } from '../activities/medical-ledger';
import { addToMonth, monthOf } from '../domain/benefit-months';
import {
  MEDICAL_CATEGORIES,
  medicalTerms,
  type MedicalAssistanceComputed,
  type MedicalAssistanceTerms,
  type MedicalBills,
} from '../domain/medical-assistance';
import {
  MEDICAL_CLAIM_KINDS,
  medicalApprovalSchema,
  medicalCheckSchema,
  medicalSettlementSchema,
  type MedicalApproval,
  type MedicalCheck,
  type MedicalCheckPassed,
  type MedicalSettlement,
} from '../domain/medical-decisions';
import { formatYuan, RATIO_SCALE } from '../domain/money';
import type { MedicalFacts } from '../domain/programme-facts';
import { localDateOf } from '../domain/working-days';
import { closeCase, refuseCase, runApplication } from './application-steps';
import { records } from './case-ledger';
import type { CaseProcedure } from './case-procedure';
import type { CaseView, CaseWorkflowInput } from './definitions';
import { runHumanStep } from './run-human-step';

/**
 * 医疗救助 (《社会救助暂行办法》第五章), one claim per case: the household or the hospital hands
 * in the bills; the township checks them and names the person's category (乡镇审核); the county
 * approves (县级审批), and the rules compute the assistance on the person's year as it then
 * stands (domain/medical-assistance.ts, the yearly cap kept by activities/medical-ledger.ts);
 * the amount goes on the payment roster of the month. An advance 事前救助 is checked on the
 * hospital's estimate, paid ahead and reserved against the cap; the final bills settle it —
 * the difference paid on top (on the next month's roster when the advance holds this one) or
 * recovered 追回. Every step has its deadline, reminder and escalation (runHumanStep).
 */
export async function medicalAssistance(input: CaseWorkflowInput): Promise<CaseView> {
  return runApplication(input, runProcedure);
}

const DECIDED_BY = '县级人民政府民政部门审批';

async function runProcedure(proc: CaseProcedure): Promise<CaseView> {
  const { input, ledger } = proc;
  const { policy } = await proc.rules();
  const limits = policy.medicalAssistance.stepLimits;

  // 乡镇审核
  const check = await runHumanStep<MedicalCheck>(proc, {
    step: 'medicalCheck',
    status: 'SUBMITTED',
    payload: medicalCheckSchema,
    assigneeUnitId: input.townshipId,
    limit: limits.claimCheck,
    summarize: (p) =>
      p.decision === 'pass'
        ? {
            decision: 'pass',
            reasons: `${MEDICAL_CLAIM_KINDS[p.kind]}，${MEDICAL_CATEGORIES[p.category]}，${p.diagnosis}`,
          }
        : { decision: p.decision, reasons: p.reasons },
  });
  const passed = check.payload.decision === 'pass' ? check.payload : null;
  const terms = passed ? medicalTerms(policy, passed.category) : null;
  if (passed && terms) {
    // An activity, not a local one: beside the decision's own write (a local activity) a second
    // one could finish first or last, and the Update's answer would move between them on replay.
    const preview = await records.previewMedicalAssistance({
      caseId: input.caseId,
      category: passed.category,
      terms,
      bills: passed.bills,
      year: yearNow(),
    });
    await ledger.stage(
      {
        type: 'assessmentComputed',
        step: 'medicalCheck',
        decision: preview.capped ? 'capped' : 'computed',
        reasons: `按本年度已救助情况核算，拟救助 ${formatYuan(preview.amountFen)} 元`,
        payload: preview,
      },
      { programmeFacts: factsOf(passed, preview, null) },
    );
  }

  // 县级审批
  const approval = await runHumanStep<MedicalApproval>(proc, {
    step: 'medicalApproval',
    status: 'COUNTY_APPROVAL',
    payload: medicalApprovalSchema,
    assigneeUnitId: input.countyId,
    limit: limits.claimApproval,
    guard: (p) =>
      p.decision === 'approve' && !passed
        ? {
            type: 'InvalidPayload',
            message: '乡镇审核建议不予救助，县级只能不予批准或退回重新申请 (the township proposed a refusal)',
          }
        : null,
  });
  if (approval.payload.decision === 'refuse' || !passed || !terms) {
    const reasons = approval.payload.decision === 'refuse' ? approval.payload.reasons : '';
    return refuseCase(proc, 'medicalApproval', approval.actor, reasons, DECIDED_BY);
  }

  const month = monthOf(Date.now());
  const grant = await records.grantMedicalAssistance({
    caseId: input.caseId,
    stage: passed.kind,
    category: passed.category,
    terms,
    bills: passed.bills,
    year: yearNow(),
  });
  await pay(proc, month, grant.amountFen);
  const letterFacts = (
    stage: 'claim' | 'advance' | 'settlement',
    bills: MedicalBills,
    g: MedicalGrant,
    paidMonth: string,
  ) => letterOf(stage, passed, bills, g, terms, paidMonth);

  if (passed.kind === 'claim') {
    return closeCase(
      proc,
      'ASSISTED',
      {
        type: 'caseClosed',
        step: 'medicalApproval',
        actor: approval.actor,
        decision: 'assisted',
        reasons: grant.capped ? '已达年度救助限额，按剩余限额救助' : null,
        payload: { ...grant, month },
      },
      { letter: letterFacts('claim', passed.bills, grant, month) },
      { programmeFacts: factsOf(passed, grant, grant.amountFen) },
    );
  }

  // 事前救助: paid ahead, reserved against the cap until the final bills come.
  await ledger.stage(
    {
      type: 'medicalAssistancePaid',
      step: 'medicalApproval',
      actor: approval.actor,
      decision: 'advance',
      payload: { ...grant, month },
    },
    { programmeFacts: factsOf(passed, grant, grant.amountFen) },
    { letter: letterFacts('advance', passed.bills, grant, month) },
  );
  const settlement = await runHumanStep<MedicalSettlement>(proc, {
    step: 'medicalSettlement',
    status: 'AWAITING_SETTLEMENT',
    payload: medicalSettlementSchema,
    assigneeUnitId: input.townshipId,
    limit: limits.advanceSettlement,
    summarize: (p) => ({ decision: 'settle', reasons: p.note ?? null }),
  });
  const settled = await records.settleMedicalAdvance({
    caseId: input.caseId,
    category: passed.category,
    terms,
    bills: settlement.payload.bills,
  });
  // The roster holds one payment per case and month: a top-up in the advance's month goes on the next.
  const now = monthOf(Date.now());
  const topUpMonth = now === month ? addToMonth(month, 1) : now;
  await pay(proc, topUpMonth, settled.topUpFen);
  return closeCase(
    proc,
    'ASSISTED',
    {
      type: 'medicalAdvanceSettled',
      step: 'medicalSettlement',
      actor: settlement.actor,
      decision: settled.recoverFen > 0 ? 'recover' : settled.topUpFen > 0 ? 'topUp' : 'even',
      reasons:
        settled.recoverFen > 0
          ? `多发 ${formatYuan(settled.recoverFen)} 元，予以追回`
          : settled.topUpFen > 0
            ? `补发 ${formatYuan(settled.topUpFen)} 元`
            : null,
      payload: { ...settled, month: topUpMonth },
    },
    { letter: letterFacts('settlement', settlement.payload.bills, settled, topUpMonth) },
    { programmeFacts: factsOf(passed, settled, settled.amountFen) },
  );
}

/** The prefecture's calendar year now: the year a claim counts against. */
function yearNow(): number {
  return Number(localDateOf(Date.now()).slice(0, 4));
}

/** On the payment roster 发放名册, once per (case, month); nothing for a zero amount. */
async function pay(proc: CaseProcedure, month: string, amountFen: number): Promise<void> {
  if (amountFen <= 0) return;
  await records.recordBenefitPayment({ caseId: proc.input.caseId, month, amountYuan: amountFen / 100 });
}

function factsOf(
  passed: MedicalCheckPassed,
  computed: MedicalAssistanceComputed,
  paidFen: number | null,
): MedicalFacts {
  return {
    kind: passed.kind,
    category: passed.category,
    eligibleFen: computed.eligibleFen,
    deductibleAppliedFen: computed.deductibleAppliedFen,
    computedFen: computed.beforeCapFen,
    paidFen,
    capped: computed.capped,
  };
}

function letterOf(
  stage: 'claim' | 'advance' | 'settlement',
  passed: MedicalCheckPassed,
  bills: MedicalBills,
  grant: MedicalGrant,
  terms: MedicalAssistanceTerms,
  month: string,
): LetterRequest {
  const kind =
    stage === 'claim' ? 'medicalApproval' : stage === 'advance' ? 'medicalAdvance' : 'medicalSettlement';
  return {
    kind,
    facts: {
      isClaim: stage === 'claim',
      isAdvance: stage === 'advance',
      isSettlement: stage === 'settlement',
      category: MEDICAL_CATEGORIES[passed.category],
      hospital: bills.hospital,
      totalYuan: bills.totalYuan.toFixed(2),
      insurerPaidYuan: bills.insurerPaidYuan.toFixed(2),
      selfPaidYuan: bills.selfPaidYuan.toFixed(2),
      outsideListYuan: bills.outsideListYuan.toFixed(2),
      eligibleYuan: formatYuan(grant.eligibleFen),
      deductibleAppliedYuan: formatYuan(grant.deductibleAppliedFen),
      sharePercent: ((terms.shareMillionths * 100) / RATIO_SCALE).toString(),
      beforeCapYuan: formatYuan(grant.beforeCapFen),
      capLeftYuan: formatYuan(grant.capLeftFen),
      amountYuan: formatYuan(grant.amountFen),
      yearlyCapYuan: formatYuan(terms.yearlyCapFen),
      capped: grant.capped,
      paid: grant.amountFen > 0,
      month,
      advanceYuan: formatYuan(grant.advanceFen),
      topUpYuan: grant.topUpFen > 0 ? formatYuan(grant.topUpFen) : null,
      recoverYuan: grant.recoverFen > 0 ? formatYuan(grant.recoverFen) : null,
    },
  };
}
