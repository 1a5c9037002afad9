import { condition } from '@temporalio/workflow';
import { chineseDate } from '../domain/chinese-date';
import {
  dailyRateText,
  firstOfNextMonth,
  localDayStart,
  previousDay,
  returnDateProblem,
  transitionalAidForMonth,
} from '../domain/disaster-relocation';
import type { DisasterFacts } from '../domain/programme-facts';
import type { Actor } from '../domain/staff-roles';
import { localDateOf } from '../domain/working-days';
import { closeCase, runApplication } from './application-steps';
import { runDisasterList } from './disaster-list';
import { registerAction } from './case-actions';
import type { CaseProcedure } from './case-procedure';
import type { CaseView, CaseWorkflowInput } from './definitions';
import {
  recordReturnHome,
  RETURN_HOME_ROLES,
  returnHomeSchema,
  type ReturnHome,
} from './disaster-definitions';

/**
 * 受灾人员救助 on the programme seam: transitional living aid 过渡期生活救助 for a person (or a
 * household registered together) relocated at a site 紧急转移安置点 (api/disaster-relocation.ts
 * opens the case when it registers them).
 *
 * The aid runs from the day of relocation, at the county's daily amount in force that day, for at
 * most the county's months (domain/disaster-relocation.ts). At each month's end the month's days
 * go on the payment roster (BenefitPayment, keyed by case and month, so a retried write pays
 * nothing twice); a return home recorded meanwhile (`recordReturnHome`) pays the days up to it
 * and ends the case, and so does the entitlement's last day.
 */
export async function disasterRelief(input: CaseWorkflowInput): Promise<CaseView> {
  // A village list 名单 (house rebuilding, winter/spring relief) is a DISASTER case of its own.
  return runApplication(input, input.disasterList ? runDisasterList : runTransitionalAid);
}

async function runTransitionalAid(proc: CaseProcedure): Promise<CaseView> {
  const start = proc.input.disaster;
  if (!start) throw new Error('a 受灾人员救助 case starts with its relocation');
  let facts: DisasterFacts = { ...start };
  /** The first day not yet on the roster. */
  let paidUntil = facts.relocatedOn;
  let returned: { actor: Actor; payload: ReturnHome } | null = null;
  let closed: CaseView | null = null;

  registerAction<ReturnHome>(proc, recordReturnHome, {
    label: '登记返家',
    roles: RETURN_HOME_ROLES,
    payload: returnHomeSchema,
    notNow: (p) => {
      if (returned) return { type: 'WrongStep', message: '已登记返家 (already returned home)' };
      const problem = returnDateProblem(p.returnedOn, {
        relocatedOn: facts.relocatedOn,
        paidUntil,
        today: localDateOf(Date.now()),
      });
      return problem ? { type: 'InvalidPayload', message: `returnedOn: ${problem}` } : null;
    },
    run: async (actor, payload) => {
      returned = { actor, payload };
      // Answered once the return is written with the days it ends.
      await condition(() => closed !== null);
      return closed!;
    },
  });

  await proc.ledger.record(
    {
      type: 'transitionalAidStarted',
      payload: {
        relocatedOn: facts.relocatedOn,
        endsOn: facts.endsOn,
        dailyYuan: facts.dailyYuan,
        persons: facts.persons,
        siteName: facts.siteName,
      },
    },
    {
      status: 'ENROLLED',
      currentStep: null,
      assigneeUnitId: proc.input.townshipId,
      dueAt: null,
      monthlyAmount: null,
      programmeFacts: facts,
    },
    {
      letter: {
        kind: 'transitionalAidGrant',
        facts: {
          siteName: facts.siteName,
          persons: facts.persons,
          months: facts.months,
          rateText: dailyRateText(facts.dailyYuan),
          relocatedOnText: dayText(facts.relocatedOn),
          lastDayText: dayText(previousDay(facts.endsOn)),
        },
      },
    },
  );

  for (;;) {
    const month = paidUntil.slice(0, 7);
    const monthEnd = firstOfNextMonth(paidUntil);
    const periodEnd = monthEnd < facts.endsOn ? monthEnd : facts.endsOn;
    await condition(() => returned !== null, Math.max(0, localDayStart(periodEnd) - Date.now()));
    const back = returned as { actor: Actor; payload: ReturnHome } | null;
    const stopOn = back && back.payload.returnedOn < periodEnd ? back.payload.returnedOn : periodEnd;
    const paid = transitionalAidForMonth(
      month,
      { relocatedOn: facts.relocatedOn, stopOn },
      { dailyYuan: facts.dailyYuan, persons: facts.persons },
    );
    if (paid) {
      facts = {
        ...facts,
        paidDays: facts.paidDays + paid.days,
        paidYuan: Math.round((facts.paidYuan + paid.amountYuan) * 100) / 100,
      };
    }
    paidUntil = stopOn;
    const ends = back !== null || stopOn >= facts.endsOn;
    const payment = paid ? { payment: { month, amountYuan: paid.amountYuan } } : {};
    const letter = {
      kind: 'transitionalAidEnded' as const,
      facts: {
        siteName: facts.siteName,
        months: facts.months,
        relocatedOnText: dayText(facts.relocatedOn),
        returnedOnText: back ? dayText(back.payload.returnedOn) : null,
        stopOnText: dayText(stopOn),
        lastPaidText: facts.paidDays > 0 ? dayText(previousDay(stopOn)) : null,
        paidDays: facts.paidDays,
        paidYuan: facts.paidYuan.toFixed(2),
      },
    };
    if (!ends) {
      await proc.ledger.record(
        {
          type: 'transitionalAidPaid',
          decision: 'paid',
          payload: { month, from: paid?.from, to: paid?.to, days: paid?.days ?? 0 },
        },
        { monthlyAmount: paid?.amountYuan ?? null, programmeFacts: facts },
        payment,
      );
      continue;
    }
    facts = { ...facts, returnedOn: back ? back.payload.returnedOn : null };
    closed = await closeCase(
      proc,
      'EXITED',
      back
        ? {
            type: 'returnedHome',
            actor: back.actor,
            decision: 'returnedHome',
            reasons: back.payload.note ?? null,
            payload: { returnedOn: back.payload.returnedOn, lastMonth: paid },
          }
        : {
            type: 'caseClosed',
            decision: 'limitReached',
            reasons: `过渡期生活救助期满（${facts.months} 个月）`,
            payload: { endsOn: facts.endsOn, lastMonth: paid },
          },
      { ...payment, letter },
      { monthlyAmount: paid?.amountYuan ?? null, programmeFacts: facts, assigneeUnitId: null },
    );
    return closed;
  }
}

/** A local date as letters write it: 2026年11月30日. */
const dayText = (local: string) => chineseDate(localDayStart(local));
