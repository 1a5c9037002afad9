import { ageOn } from '../../domain/household';
import { localDateOf } from '../../domain/working-days';
import type { Client } from '@temporalio/client';
import { audit } from '../audit';
import type { UpdateDefinition } from '@temporalio/common';
import { Prisma } from '@prisma/client';
import { Router } from 'express';
import { z } from 'zod';
import { HUMAN_STEPS, isEnrolled, type HumanStepName } from '../../domain/case-steps';
import { maskIdCard } from '../../domain/id-card';
import {
  CLOSED_CASE_ACTIONS,
  PROGRAMME_ACTIONS,
  isCaseNo,
  programmeOf,
  type ProgrammeActionName,
  type ProgrammeDefinition,
} from '../../domain/programmes';
import { canSeeCase, type Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import {
  enrolmentWorkflowId,
  programmeActions,
  referByHand,
  stepUpdates,
  type CaseView,
  type StepSubmission,
} from '../../workflows/definitions';

const CASE_CLOSED = { code: 'CaseClosed', message: '案件已办结 (the case is closed)' };

type CaseUpdate = UpdateDefinition<CaseView, [StepSubmission]>;
import { fileApplication } from '../case-intake';
import { throughEconomicCheck } from '../economic-checks';
import { assertCategoryOfEnrolment } from '../medical-category';
import { assertHomeTownship } from '../rescue-stations';
import { assertReviewer, reviewPossibleDuplicate } from '../possible-duplicate-review';
import { possibleDuplicatesInclude, presentPossibleDuplicate } from '../possible-duplicates';
import { startCaseWorkflow } from '../case-workflows';
import { HttpError, parseInput } from '../http-error';
import { readCaseSnapshot, type CaseSnapshot } from '../case-read';
import { outageOf } from '../outage';
import { answerOfFinishedRun, executeStaffUpdate } from '../workflow-updates';
import { requireActor } from '../middleware/authenticate';
import { caseListQuerySchema } from '../schemas/case-list-query';
import { listCases } from '../supervision/case-list';
import {
  caseApplicationSchema,
  caseRefSchema,
  idempotencyKeyHeaderSchema,
} from '../schemas/case-application';
import {
  possibleDuplicateParamsSchema,
  possibleDuplicateReviewSchema,
} from '../schemas/possible-duplicate-review';
import { storableBodySchema } from '../schemas/storable-text';
import { assertPendingDibao, fileTemporaryFromCase, temporaryFromCaseSchema } from '../temporary-from-case';

export interface CaseRoutesDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
}

export async function findVisibleCase(db: Database, actor: Actor, ref: string) {
  const where = isCaseNo(ref) ? { caseNo: ref } : { id: ref };
  // One snapshot: the case row and its events are read as one transaction wrote them.
  const found = await db.$transaction(
    (tx) =>
      tx.case.findUnique({
        where,
        include: {
          household: { include: { members: true, village: { select: { path: true, name: true } } } },
          events: { orderBy: { seq: 'asc' } },
          possibleDuplicates: possibleDuplicatesInclude,
        },
      }),
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  // Out of jurisdiction answers exactly like "no such case": existence is not disclosed.
  if (!found || !canSeeCase(actor, found.household.village.path)) {
    throw new HttpError(404, 'not_found', '案件不存在 (no such case)');
  }
  return found;
}

type FoundCase = Awaited<ReturnType<typeof findVisibleCase>>;

/** The case view: from findVisibleCase's Prisma read or GET /:id's one-statement snapshot. */
export function presentCase(found: FoundCase | CaseSnapshot) {
  return {
    id: found.id,
    caseNo: found.caseNo,
    programme: found.programmeCode,
    status: found.status,
    currentStep: found.currentStep,
    assigneeUnitId: found.assigneeUnitId,
    dueAt: found.dueAt,
    overdue: found.overdue,
    monthlyAmount: found.monthlyAmount === null ? null : Number(found.monthlyAmount),
    nextReviewAt: found.nextReviewAt,
    appliedAt: found.appliedAt,
    closedAt: found.closedAt,
    workflowId: found.workflowId,
    household: {
      id: found.household.id,
      village: found.household.village.name,
      address: found.household.address,
      members: found.household.members.map((m) => ({
        id: m.id,
        name: m.name,
        idNumber: maskIdCard(m.idNumber),
        relation: m.relation,
        // The ID number is shown masked, its birth date with it: the age is what staff need.
        age: ageOn(m.birthDate.toISOString().slice(0, 10), localDateOf(new Date())),
        sex: m.sex,
        disabilityGrade: m.disabilityGrade,
        labourCapacity: m.labourCapacity,
        health: m.health,
      })),
    },
    possibleDuplicates: found.possibleDuplicates.map(presentPossibleDuplicate),
    events: found.events.map((e) => ({
      seq: e.seq,
      type: e.type,
      step: e.step,
      actor: e.actorName,
      actorRole: e.actorRole,
      decision: e.decision,
      reasons: e.reasons,
      payload: e.payload,
      occurredAt: e.occurredAt,
    })),
  };
}

export const actionParamsSchema = caseRefSchema.extend({
  action: z.enum(PROGRAMME_ACTIONS),
});

export const memberParamsSchema = caseRefSchema.extend({ memberId: z.uuid('not a member id') });

export const stepParamsSchema = caseRefSchema.extend({
  step: z.enum(Object.keys(HUMAN_STEPS) as [HumanStepName, ...HumanStepName[]]),
});

export function caseRoutes({ db, temporal, taskQueue }: CaseRoutesDeps): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    const headers = parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers');
    const application = parseInput(caseApplicationSchema, req.body, 'body');
    const result = await fileApplication(db, actor, application, headers['idempotency-key']);
    try {
      await startCaseWorkflow(db, temporal, taskQueue, result.caseId, result.workflow);
    } catch (error) {
      // The case is written and numbered; with Temporal down its workflow waits for the
      // reconciler (api/main.ts), which starts it once Temporal is back: accepted, not failed.
      if (outageOf(error) !== 'temporal') throw error;
      const found = await findVisibleCase(db, actor, result.caseId);
      res.status(202).json({ ...presentCase(found), workflow: 'pending' });
      return;
    }
    const found = await findVisibleCase(db, actor, result.caseId);
    res.status(result.created ? 201 : 200).json(presentCase(found));
  });

  /** The cases below the user's unit, filtered, a page at a time (api/supervision/case-list.ts). */
  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    if (actor.role === 'DEPARTMENT_OFFICER') {
      throw new HttpError(
        403,
        'forbidden',
        '部门经办只办理转介，不查看案件 (department officers see referrals, not cases)',
      );
    }
    const query = parseInput(caseListQuerySchema, req.query, 'query');
    res.json(await listCases(db, actor, query));
  });

  router.get('/:id', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id } = parseInput(caseRefSchema, req.params, 'params');
    // One statement for the case, its household, events, flags and 一户一档 (api/case-read.ts).
    const { found, householdCases: others } = await readCaseSnapshot(db, actor, id);
    await audit(db, actor, 'read', 'case', found.id);
    res.json({
      ...presentCase(found),
      householdCases: others.map((o) => ({
        caseNo: o.caseNo,
        programme: o.programme,
        programmeName: o.programmeName,
        status: o.status,
        statusLabel: o.statusLabel,
      })),
    });
  });

  /**
   * Hands a staff member's submission to the Update of the workflow that holds the case now
   * (the application's, or once approved the enrolment's) and answers with the case after it.
   */
  async function submit<R>(
    actor: Actor,
    caseRef: string,
    pickUpdate: (
      enrolled: boolean,
      programme: ProgrammeDefinition,
    ) => UpdateDefinition<R, [StepSubmission]> | string,
    payload: unknown,
    idempotencyKey: string | undefined,
    /** The submission is one a closed case still takes (the workflow decides whether it is owed). */
    whileClosed = false,
  ): Promise<R> {
    // The workflow's schemas decide the fields; text Postgres cannot store is refused here, 400.
    parseInput(storableBodySchema, payload, 'body');
    const found = await findVisibleCase(db, actor, caseRef);
    if (found.closedAt && !whileClosed) {
      const answer =
        idempotencyKey && (await answerOfClosingDecision(found, pickUpdate, payload, actor, idempotencyKey));
      if (answer) return answer;
      throw new HttpError(409, CASE_CLOSED.code, CASE_CLOSED.message);
    }
    const enrolled = isEnrolled(found.status);
    const update = pickUpdate(enrolled, programmeOf(found.programmeCode));
    if (typeof update === 'string') throw new HttpError(409, 'WrongStep', update);
    const workflowId = enrolled ? enrolmentWorkflowId(found.caseNo) : found.workflowId;
    return executeStaffUpdate(temporal, workflowId, update, { actor, payload }, CASE_CLOSED, idempotencyKey);
  }

  /** The retry of the keyed decision that closed the case gets its answer again (null: it was not that). */
  async function answerOfClosingDecision<R>(
    found: FoundCase,
    pickUpdate: (
      enrolled: boolean,
      programme: ProgrammeDefinition,
    ) => UpdateDefinition<R, [StepSubmission]> | string,
    payload: unknown,
    actor: Actor,
    idempotencyKey: string,
  ): Promise<R | null> {
    const programme = programmeOf(found.programmeCode);
    const runs = [
      { workflowId: found.workflowId, update: pickUpdate(false, programme) },
      { workflowId: enrolmentWorkflowId(found.caseNo), update: pickUpdate(true, programme) },
    ].filter(
      (run): run is { workflowId: string; update: UpdateDefinition<R, [StepSubmission]> } =>
        typeof run.update !== 'string',
    );
    return answerOfFinishedRun(temporal, runs, { actor, payload }, idempotencyKey);
  }

  const notWhile = (enrolled: boolean) =>
    enrolled
      ? '保障期间不能办理此事项 (not while enrolled)'
      : '纳入保障后方可办理此事项 (only while enrolled)';
  const notInProgramme = (programme: ProgrammeDefinition) =>
    `${programme.name}没有此事项 (not in this programme)`;

  /** A human step's decision. */
  router.post('/:id/steps/:step', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id, step } = parseInput(stepParamsSchema, req.params, 'params');
    if (step === 'medicalCheck') {
      const visible = await findVisibleCase(db, actor, id);
      await assertCategoryOfEnrolment(db, visible.id, req.body);
    }
    if (step === 'vagrantExit') {
      await findVisibleCase(db, actor, id);
      await assertHomeTownship(db, req.body, 'body.homeTownshipId');
    }
    // 家庭经济状况核对: held back while a check is open or its mismatch unresolved; the report's
    // number and the checked figures go into the investigation.
    const payload = await throughEconomicCheck(db, actor, id, step, req.body);
    res.json(
      await submit(
        actor,
        id,
        // The workflow refuses a step of its procedure that is not open now; a step of another
        // programme's procedure is refused here.
        (_, programme) =>
          [...programme.applicationSteps, ...programme.enrolmentSteps].includes(step)
            ? stepUpdates[step]
            : `${programme.name}没有「${HUMAN_STEPS[step]}」环节 (no such step in this programme)`,
        payload,
        parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers')['idempotency-key'],
      ),
    );
  });

  /** Supervision, objections, the county's home visit; while enrolled, reported changes and exits. */
  router.post('/:id/actions/:action', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id, action } = parseInput(actionParamsSchema, req.params, 'params');
    const accepted = (enrolled: boolean, programme: ProgrammeDefinition): readonly ProgrammeActionName[] =>
      enrolled ? programme.enrolmentActions : programme.applicationActions;
    res.json(
      await submit(
        actor,
        id,
        (enrolled, programme): CaseUpdate | string => {
          if (accepted(enrolled, programme).includes(action)) return programmeActions[action];
          return accepted(!enrolled, programme).includes(action)
            ? notWhile(enrolled)
            : notInProgramme(programme);
        },
        req.body,
        parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers')['idempotency-key'],
        CLOSED_CASE_ACTIONS.includes(action),
      ),
    );
  });

  /** 核实疑似重复: the township confirms or clears a possible duplicate flagged at intake. */
  router.post('/:id/possible-duplicates/:flagId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id, flagId } = parseInput(possibleDuplicateParamsSchema, req.params, 'params');
    const found = await findVisibleCase(db, actor, id);
    assertReviewer(actor);
    const review = parseInput(possibleDuplicateReviewSchema, req.body, 'body');
    res.json(await reviewPossibleDuplicate(db, actor, found.id, flagId, review));
  });

  /** 查看完整身份证号: a member's full ID number, for those who may see the case; every reading logged. */
  router.post('/:id/members/:memberId/id-number', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id, memberId } = parseInput(memberParamsSchema, req.params, 'params');
    const found = await findVisibleCase(db, actor, id);
    const member = found.household.members.find((m) => m.id === memberId);
    if (!member) throw new HttpError(404, 'not_found', '家庭成员不存在 (no such member)');
    await audit(db, actor, 'revealIdNumber', 'householdMember', member.id, { caseNo: found.caseNo });
    res.json({ idNumber: member.idNumber });
  });

  /** 手动转介: while enrolled, staff refer the household to another bureau by hand. */
  router.post('/:id/referrals', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id } = parseInput(caseRefSchema, req.params, 'params');
    const made = await submit(
      actor,
      id,
      (enrolled, programme) => {
        if (!programme.referrals) return notInProgramme(programme);
        return enrolled ? referByHand : notWhile(enrolled);
      },
      req.body,
      parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers')['idempotency-key'],
    );
    res.status(201).json(made);
  });

  /** 临时救助 while a 低保 application is pending: a new 临时救助 case of the same household. */
  router.post('/:id/temporary-assistance', async (req, res) => {
    const actor = requireActor(req.actor);
    const { id } = parseInput(caseRefSchema, req.params, 'params');
    const found = await findVisibleCase(db, actor, id);
    assertPendingDibao(found, actor);
    const headers = parseInput(idempotencyKeyHeaderSchema, req.headers, 'headers');
    const request = parseInput(temporaryFromCaseSchema, req.body, 'body');
    const result = await fileTemporaryFromCase(db, actor, found, request, headers['idempotency-key']);
    await startCaseWorkflow(db, temporal, taskQueue, result.caseId, result.workflow);
    const filed = await findVisibleCase(db, actor, result.caseId);
    res.status(result.created ? 201 : 200).json(presentCase(filed));
  });

  return router;
}
