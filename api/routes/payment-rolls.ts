import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { Router } from 'express';
import { openPaymentRoll } from '../../activities/payment-roll';
import { paymentRollWorkflowId } from '../../domain/payment-roll';
import {
  approveRollUpdate,
  paymentRoll,
  rebuildRollUpdate,
  ROLL_REJECTIONS,
  type RollSubmission,
} from '../../workflows/payment-roll';
import { audit } from '../audit';
import { bankFileCsv, bankFileXlsx, returnRows, sheetRows } from '../bank-files';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import {
  bankFileOf,
  countyInJurisdiction,
  importBankReturn,
  listRolls,
  requireRole,
  rollFor,
  rollView,
  ROLL_ACTORS,
  summaryOf,
} from '../payment-rolls';
import {
  bankFileQuerySchema,
  bankReturnSchema,
  rollApprovalSchema,
  rollListQuerySchema,
  rollParamsSchema,
  rollRebuildSchema,
  rollStartSchema,
  rollViewQuerySchema,
} from '../schemas/payment-rolls';
import type { RouteServices } from '../services';

const ACT = '发放名册仅由本县（市）民政局审批人员办理';

/** An approved roll is frozen: answered here, without asking its (ended) workflow. */
function requireInReview(status: string): void {
  if (status === 'APPROVED')
    throw new HttpError(
      409,
      'RollNotInReview',
      '发放名册已审核，不能修改；更正请在下月以调整方式处理 (the roll is approved and frozen)',
    );
}

/** 发放名册: start, read, rebuild, approve, export for the bank, import the bank's answer. */
export function paymentRollRoutes({ db, temporal, taskQueue }: RouteServices) {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    res.json(await listRolls(db, actor, parseInput(rollListQuerySchema, req.query, 'query')));
  });

  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireRole(actor, ROLL_ACTORS, ACT);
    const body = parseInput(rollStartSchema, req.body, 'body');
    const county = await countyInJurisdiction(db, actor, body.countyId, 'body.countyId');
    const workflowId = paymentRollWorkflowId(county.id, body.month);
    const { rollId } = await openPaymentRoll(db, { countyId: county.id, month: body.month, workflowId });
    try {
      await temporal.workflow.start(paymentRoll, {
        workflowId,
        taskQueue,
        args: [{ countyId: county.id, countyPath: county.path, month: body.month }],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await audit(db, actor, 'startPaymentRoll', 'PaymentRoll', rollId, body);
    const roll = await db.paymentRoll.findUniqueOrThrow({ where: { id: rollId } });
    res.status(202).json(summaryOf(roll, county.name));
  });

  router.get('/:rollId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { rollId } = parseInput(rollParamsSchema, req.params, 'params');
    const page = parseInput(rollViewQuerySchema, req.query, 'query');
    const { roll, county } = await rollFor(db, actor, rollId);
    const view = await rollView(db, roll, county.name, page);
    await audit(db, actor, 'readPaymentRoll', 'PaymentRoll', rollId, { lines: view.lines.length });
    res.json(view);
  });

  /** Hands the approver's decision to the roll's workflow; its rejections answer 403/409. */
  async function update(
    workflowId: string,
    which: typeof approveRollUpdate | typeof rebuildRollUpdate,
    submission: RollSubmission,
  ) {
    try {
      return await temporal.workflow.getHandle(workflowId).executeUpdate(which as typeof approveRollUpdate, {
        args: [submission],
      });
    } catch (error) {
      if ((error as Error)?.name === 'WorkflowNotFoundError')
        throw new HttpError(409, 'RollNotInReview', '发放名册已审核或已结束 (the roll has ended)');
      if (
        error instanceof WorkflowUpdateFailedError ||
        (error as Error)?.name === 'WorkflowUpdateFailedError'
      ) {
        const cause = (error as WorkflowUpdateFailedError).cause as
          { type?: string; message?: string; details?: unknown[] } | undefined;
        const type = cause?.type as keyof typeof ROLL_REJECTIONS | undefined;
        if (type && type in ROLL_REJECTIONS)
          throw new HttpError(ROLL_REJECTIONS[type], type, cause?.message ?? type, cause?.details?.[0]);
      }
      throw error;
    }
  }

  router.post('/:rollId/rebuild', async (req, res) => {
    const actor = requireActor(req.actor);
    const { rollId } = parseInput(rollParamsSchema, req.params, 'params');
    parseInput(rollRebuildSchema, req.body ?? {}, 'body');
    const { roll, county } = await rollFor(db, actor, rollId);
    requireRole(actor, ROLL_ACTORS, ACT);
    requireInReview(roll.status);
    await update(roll.workflowId, rebuildRollUpdate, { actor });
    await audit(db, actor, 'rebuildPaymentRoll', 'PaymentRoll', rollId);
    res.json(summaryOf(await db.paymentRoll.findUniqueOrThrow({ where: { id: rollId } }), county.name));
  });

  router.post('/:rollId/approval', async (req, res) => {
    const actor = requireActor(req.actor);
    const { rollId } = parseInput(rollParamsSchema, req.params, 'params');
    const body = parseInput(rollApprovalSchema, req.body ?? {}, 'body');
    const { roll, county } = await rollFor(db, actor, rollId);
    requireRole(actor, ROLL_ACTORS, ACT);
    requireInReview(roll.status);
    await update(roll.workflowId, approveRollUpdate, { actor, fundSources: body.fundSources ?? {} });
    await audit(db, actor, 'approvePaymentRoll', 'PaymentRoll', rollId, body);
    res.json(summaryOf(await db.paymentRoll.findUniqueOrThrow({ where: { id: rollId } }), county.name));
  });

  router.get('/:rollId/bank-file', async (req, res) => {
    const actor = requireActor(req.actor);
    const { rollId } = parseInput(rollParamsSchema, req.params, 'params');
    const { format } = parseInput(bankFileQuerySchema, req.query, 'query');
    const { roll } = await rollFor(db, actor, rollId);
    requireRole(actor, ROLL_ACTORS, '银行代发文件含完整身份证号码，仅由县民政局审批人员导出');
    if (roll.status !== 'APPROVED')
      throw new HttpError(
        409,
        'not_approved',
        '发放名册审核后方可导出银行文件 (the roll is not approved yet)',
      );
    const file = await bankFileOf(db, roll);
    await audit(db, actor, 'exportBankFile', 'PaymentRoll', rollId, { format, lines: file.lines.length });
    const name = `payment-roll-${roll.countyId}-${roll.month}.${format}`;
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.setHeader('X-Lines-Without-Account', String(file.withoutAccount));
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(await bankFileCsv(file));
    else
      res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await bankFileXlsx(file));
  });

  router.post('/:rollId/bank-returns', async (req, res) => {
    const actor = requireActor(req.actor);
    const { rollId } = parseInput(rollParamsSchema, req.params, 'params');
    const body = parseInput(bankReturnSchema, req.body, 'body');
    const { roll } = await rollFor(db, actor, rollId);
    requireRole(actor, ROLL_ACTORS, ACT);
    const rows = await sheetRows(body.format, body.content);
    const checked = returnRows(rows);
    if (checked.problems.length > 0)
      throw new HttpError(
        422,
        'invalid_rows',
        checked.problems.map((p) => `第 ${p.row} 行 ${p.column}: ${p.message}`).join('; '),
        checked.problems,
      );
    const result = await importBankReturn(db, roll, checked.rows);
    await audit(db, actor, 'importBankReturn', 'PaymentRoll', rollId, result);
    res.json({ rollId, ...result });
  });

  return router;
}
