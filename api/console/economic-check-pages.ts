import { Router } from 'express';
import type { HumanStepName } from '../../domain/case-steps';
import { chineseDate } from '../../domain/chinese-date';
import { CHECK_SOURCES, type CheckSource } from '../../domain/economic-check';
import { INCOME_KINDS } from '../../domain/income';
import { programmeOf } from '../../domain/programmes';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { loadCountyRules } from '../../activities/county-rules';
import {
  CHECK_REQUESTERS,
  readCheckRequest,
  checksOfCase,
  importColumns,
  listCheckRequests,
  requestParamsSchema,
  sourceOfUnit,
} from '../economic-checks';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';

// 家庭经济状况核对 in the console: the case page's section, and the bureaus' inbox and answer page.

interface CaseForSection {
  id: string;
  caseNo: string;
  programmeCode: string;
  countyId: string;
  currentStep: string | null;
  closedAt: Date | null;
  household: { members: { id: string; name: string; exclusion: string | null }[] };
}

/** The case page's 核对 section: the checks and reports; the forms the township may use now. */
export async function economicCheckSection(db: Database, actor: Actor, found: CaseForSection) {
  const gate = programmeOf(found.programmeCode).economicCheck;
  if (!gate) return null;
  const checks = await checksOfCase(db, found.id);
  const township = CHECK_REQUESTERS.includes(actor.role);
  const atInvestigation =
    !found.closedAt && gate.investigationSteps.includes(found.currentStep as HumanStepName);
  const canAsk = township && atInvestigation && !checks.some((c) => c.status === 'OPEN');
  const { policy } = canAsk ? await loadCountyRules(db, found.countyId) : { policy: null };
  const limit = policy?.economicCheckAnswer;
  return {
    caseNo: found.caseNo,
    checks: checks.map((c) => ({
      ...c,
      report: c.report && {
        ...c.report,
        lines: c.report.lines.map((l) => ({ ...l, sourceName: CHECK_SOURCES[l.source].name })),
      },
    })),
    canResolve: township,
    canAsk,
    answerDays: limit ? `${limit.days} 个${limit.unit === 'working' ? '工作日' : '自然日'}` : '',
    members: found.household.members.filter((m) => !m.exclusion).map((m) => ({ id: m.id, name: m.name })),
    incomeKinds: INCOME_KINDS,
  };
}

/** The bureaus' pages: the inbox with the result-file import, and one request's answer form. */
export function economicCheckPageRoutes(db: Database): Router {
  const router = Router();
  router.get('/economic-checks', async (req, res) => {
    const actor = requireActor(req.actor);
    parseStrictInput(noQuerySchema, req.query, 'query');
    const { items } = await listCheckRequests(db, actor, {});
    const source = actor.role === 'DEPARTMENT_OFFICER' ? await sourceOfUnit(db, actor.unitId) : null;
    res.render('economic-checks', {
      title: '家庭经济状况核对',
      requests: items.map((r) => ({ ...r, dueOn: chineseDate(new Date(r.dueAt)) })),
      importColumns: source && importColumns(source).join(','),
      sourceName: source && CHECK_SOURCES[source].name,
    });
  });
  router.get('/economic-checks/:requestNo', async (req, res) => {
    const actor = requireActor(req.actor);
    const { requestNo } = parseInput(requestParamsSchema, req.params, 'params');
    parseStrictInput(noQuerySchema, req.query, 'query');
    const view = await readCheckRequest(db, actor, requestNo);
    const source = view.source as CheckSource;
    const answers = (view.answers ?? []) as Record<string, unknown>[];
    res.render('economic-check', {
      title: `核对请求 ${requestNo}`,
      r: view,
      dueOn: chineseDate(new Date(view.dueAt)),
      answerable: view.idNumbersShown && view.status === 'PENDING',
      registration: source === 'PUBLIC_SECURITY',
      members: (view.members ?? []).map((m, i) => ({
        ...m,
        index: i,
        fields: view.fields.map((f) => ({
          ...f,
          answered: answers.find((a) => a.memberId === m.memberId)?.[f.field],
        })),
      })),
    });
  });
  return router;
}
