import { Router } from 'express';
import { RELOCATION_AID_KINDS } from '../../domain/disaster-relocation';
import { formatYuan, yuanToFen } from '../../domain/money';
import { localDateOf } from '../../domain/working-days';
import type { Database } from '../../platform/database';
import { CASE_STATUSES, PROCEDURE_STEPS, type CaseStatus, type ProcedureStep } from '../../domain/case-steps';
import { DISASTER_LIST_KINDS, HOUSE_DAMAGE } from '../../domain/disaster-lists';
import { REBUILDING_STAGE_ORDER, REBUILDING_STAGES } from '../../domain/disaster-rebuilding';
import type { Actor } from '../../domain/staff-roles';
import { LIST_PROPOSERS, listLists, STAGE_RECORDERS } from '../disaster-lists';
import { caseScopeOf } from '../supervision/case-scope';
import { disasterEventFigures } from '../supervision/disaster-figures';
import { availableForms, formPartial } from './case-forms';
import { relocationOverview, SITE_READERS } from '../disaster-relocation';
import { DISASTER_READERS, listEvents, listStocks } from '../disasters';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { noQuerySchema } from '../schemas/strict-input';

/**
 * 灾害救助 as a console page (zh-CN): each open event with its tally, how it grew and the supplies
 * issued (for the county's bureau, supervisors and administrators); its relocation sites with the
 * people still there, the transitional aid in progress and any overdue step, with the forms to set
 * up a site, register a person and record a return home (township officers and the county's
 * approver); the village lists 名单 of rebuilding and winter/spring relief with their step and
 * payments, and the forms to propose a list, decide its open step (taking households off with a
 * reason) and record the rebuilding stages (village assistants see their village's lists only);
 * and the supplies left in the reader's counties.
 */
export function disasterPageRoutes(db: Database): Router {
  const router = Router();
  router.get('/disasters', async (req, res) => {
    const actor = requireActor(req.actor);
    parseInput(noQuerySchema, req.query, 'query');
    const overview = await relocationOverview(db, actor);
    // 名单办理情况 per event: counted in SQL over the reader's jurisdiction (as the dashboard's).
    const figures = new Map(
      (await disasterEventFigures(db, await caseScopeOf(db, actor))).map((f) => [f.eventId, f]),
    );
    const readsTally = DISASTER_READERS.includes(actor.role);
    const [{ events }, { stocks }] = readsTally
      ? await Promise.all([listEvents(db, actor), listStocks(db, actor, {})])
      : [{ events: [] }, { stocks: [] }];
    const runsSites = actor.role === 'TOWNSHIP_OFFICER' || actor.role === 'COUNTY_APPROVER';
    const tallies = new Map(events.map((e) => [e.eventId, e]));
    // 救助名单 of each event, in the reader's villages: where each stands and what it pays.
    const lists = new Map<string, Awaited<ReturnType<typeof listLists>>['lists']>();
    for (const o of overview) lists.set(o.eventId, (await listLists(db, actor, o.eventId)).lists);
    res.render('disasters', {
      title: '灾害救助',
      today: localDateOf(Date.now()),
      events: overview.map((o) => {
        const e = tallies.get(o.eventId);
        return {
          ...o,
          runsSites,
          // Village assistants see their lists only: no relocation sites.
          readsSites: SITE_READERS.includes(actor.role),
          tally: e && {
            ...e,
            loss: formatYuan(yuanToFen(e.tally.directLossYuan)),
            counties: e.counties.map((c) => ({ ...c, loss: formatYuan(yuanToFen(c.directLossYuan)) })),
          },
          lists: (lists.get(o.eventId) ?? []).map((l) => {
            const kept = l.households.filter((h) => h.removedWhy === null);
            return {
              ...l,
              // Not statusName/stepName: those are the views' helpers, which a bare {{name}} would call.
              statusText: l.status ? (CASE_STATUSES[l.status as CaseStatus] ?? l.status) : '',
              stepText: l.currentStep
                ? (PROCEDURE_STEPS[l.currentStep as ProcedureStep] ?? l.currentStep)
                : '',
              dueOn: l.dueAt ? localDateOf(Date.parse(l.dueAt)) : '',
              kept: kept.length,
              totalText: formatYuan(yuanToFen(kept.reduce((s, h) => s + h.amountYuan, 0))),
              ...listForms(actor, l),
            };
          }),
          listFigures: (figures.get(o.eventId)?.lists ?? []).map((l) => ({
            ...l,
            approvedText: formatYuan(yuanToFen(l.approvedYuan)),
            paidText: formatYuan(yuanToFen(l.paidYuan)),
          })),
          listsOverdue: figures.get(o.eventId)?.overdue.lists ?? 0,
          // 提名救助名单: the village's assistant or the township's officer, for a village of theirs hit.
          proposesLists: LIST_PROPOSERS.includes(actor.role) && o.villages.length > 0,
          listKinds: Object.entries(DISASTER_LIST_KINDS).map(([value, label]) => ({ value, label })),
          houseDamages: Object.entries(HOUSE_DAMAGE).map(([value, label]) => ({ value, label })),
          proposalRows: [0, 1, 2, 3, 4].map((i) => ({ i, n: i + 1 })),
          aidKinds: Object.entries(RELOCATION_AID_KINDS).map(([value, label]) => ({ value, label })),
        };
      }),
      stocks,
      showStocks: readsTally,
    });
  });
  return router;
}

type ListRow = Awaited<ReturnType<typeof listLists>>['lists'][number];

/**
 * The forms a list offers the reader: its open step's (the case page's own partial, with the
 * households still on the list to take off with a reason) when the reader's role decides it, and
 * for a rebuilding household approved and not yet inspected the township's 重建进度 form.
 */
function listForms(actor: Actor, l: ListRow) {
  const step =
    l.status && l.currentStep
      ? availableForms(actor, {
          programmeCode: 'DISASTER',
          status: l.status,
          currentStep: l.currentStep,
          closedAt: null,
          relativeOfStaff: false,
          overallOverdue: false,
        }).step
      : null;
  const recordsStages = l.kind === 'REBUILDING' && STAGE_RECORDERS.includes(actor.role);
  return {
    stepPartial: step && formPartial('DISASTER', 'step', step),
    // What the step partials read as on the case page.
    c: { caseNo: l.caseNo },
    listHouseholds: l.households.filter((h) => h.removedWhy === null),
    householdRows: l.households.map((h) => {
      const reached = h.stages.map((st) => st.stage);
      const next = REBUILDING_STAGE_ORDER.find((st) => !reached.includes(st));
      return {
        ...h,
        amountText: formatYuan(yuanToFen(h.amountYuan)),
        approvedText: h.approvedYuan === null ? null : formatYuan(yuanToFen(h.approvedYuan)),
        stages: h.stages.map((st) => ({ ...st, amountText: formatYuan(yuanToFen(st.amountYuan)) })),
        paidText: formatYuan(yuanToFen(h.payments.reduce((n, p) => n + p.amountYuan, 0))),
        stageForm:
          recordsStages && h.caseNo !== null && h.approvedYuan !== null && next !== undefined
            ? REBUILDING_STAGE_ORDER.map((st) => ({
                value: st,
                label: REBUILDING_STAGES[st],
                next: st === next,
              }))
            : null,
      };
    }),
  };
}
