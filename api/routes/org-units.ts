import { Prisma, type OrgUnit } from '@prisma/client';
import { Router } from 'express';
import { UNIT_LEVEL_LABELS } from '../../domain/account-assignments';
import { isWithinJurisdiction, type Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { fieldProblem, requireAdministrator, unitForAdministrator } from '../administration-access';
import { audit } from '../audit';
import { HttpError } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { newVillageSchema, unitDeleteSchema, unitParamsSchema, unitRenameSchema } from '../schemas/org-units';
import { noQuerySchema, parseStrictInput } from '../schemas/strict-input';

export function unitView(unit: OrgUnit, counts?: { staff: number; households: number; children: number }) {
  return {
    id: unit.id,
    name: unit.name,
    level: unit.level,
    levelName: UNIT_LEVEL_LABELS[unit.level],
    parentId: unit.parentId,
    isUrban: unit.isUrban,
    email: unit.email,
    ...(counts && { counts }),
  };
}

/** The units at and below the administrator's own, tree order (a parent before its children). */
export async function unitsBelow(db: Database, actor: Actor) {
  const units = await db.orgUnit.findMany({
    where: { path: { startsWith: actor.unitPath } },
    include: { _count: { select: { staff: true, householdsInVillage: true, children: true } } },
    orderBy: { path: 'asc' },
  });
  return units.map(({ _count, ...unit }) =>
    unitView(unit, {
      staff: _count.staff,
      households: _count.householdsInVillage,
      children: _count.children,
    }),
  );
}

/** A unit the administrator keeps (the own or one below); any other answers 404. */
async function ownUnit(db: Database, actor: Actor, unitId: string): Promise<OrgUnit> {
  const unit = await db.orgUnit.findUnique({ where: { id: unitId } });
  if (!unit || !isWithinJurisdiction(actor.unitPath, unit.path))
    throw new HttpError(404, 'not_found', '单位不存在 (no such unit)');
  return unit;
}

async function requireFreeName(db: Database, parentId: string | null, name: string, except?: string) {
  const same = await db.orgUnit.findFirst({
    where: { parentId, name, ...(except && { id: { not: except } }) },
  });
  if (same) throw fieldProblem('body.name', `同一上级下已有「${name}」(${same.id})`, 409, 'name_taken');
}

/**
 * 组织机构: the tree of units below the administrator's own; a village or community added under a
 * township; any unit renamed; a village or community deleted only while nothing refers to it
 * (no household, hence no case, no account, no unit below).
 */
export function orgUnitRoutes({ db }: { db: Database }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    parseStrictInput(noQuerySchema, req.query, 'query');
    res.json({ units: await unitsBelow(db, actor) });
  });

  router.post('/', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const body = parseStrictInput(newVillageSchema, req.body, 'body');
    const township = await unitForAdministrator(db, actor, body.parentId, 'body.parentId');
    if (township.level !== 'TOWNSHIP')
      throw fieldProblem('body.parentId', '只能在乡镇（街道）下新增村（社区）');
    if (!body.id.startsWith(township.id))
      throw fieldProblem('body.id', `编码应以所属乡镇的编码 ${township.id} 开头，再加 3 位数字`);
    await requireFreeName(db, township.id, body.name);
    const unit = await db
      .$transaction(async (tx) => {
        const unit = await tx.orgUnit.create({
          data: {
            id: body.id,
            name: body.name,
            level: 'VILLAGE',
            parentId: township.id,
            path: `${township.path}${body.id}/`,
            isUrban: body.kind === 'community',
            email: body.email ?? null,
          },
        });
        await audit(tx, actor, 'createUnit', 'orgUnit', unit.id, body);
        return unit;
      })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
          throw fieldProblem('body.id', `编码 ${body.id} 已被使用`, 409, 'id_taken');
        throw error;
      });
    res.status(201).json(unitView(unit));
  });

  router.post('/:unitId', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const { unitId } = parseStrictInput(unitParamsSchema, req.params, 'params');
    const unit = await ownUnit(db, actor, unitId);
    const body = parseStrictInput(unitRenameSchema, req.body, 'body');
    if (body.name === unit.name) return res.json(unitView(unit));
    await requireFreeName(db, unit.parentId, body.name, unit.id);
    const renamed = await db.$transaction(async (tx) => {
      const renamed = await tx.orgUnit.update({ where: { id: unit.id }, data: { name: body.name } });
      await audit(tx, actor, 'renameUnit', 'orgUnit', unit.id, {
        from: unit.name,
        to: body.name,
        reason: body.reason,
      });
      return renamed;
    });
    res.json(unitView(renamed));
  });

  router.post('/:unitId/delete', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const { unitId } = parseStrictInput(unitParamsSchema, req.params, 'params');
    const unit = await ownUnit(db, actor, unitId);
    const body = parseStrictInput(unitDeleteSchema, req.body, 'body');
    if (unit.level !== 'VILLAGE')
      throw new HttpError(409, 'unit_in_use', '只能删除村（社区）；其他单位请更名 (villages only)');
    const [households, cases, staff, children] = await Promise.all([
      db.household.count({ where: { villageId: unit.id } }),
      db.case.count({ where: { villageId: unit.id } }),
      db.staffUser.count({ where: { unitId: unit.id } }),
      db.orgUnit.count({ where: { parentId: unit.id } }),
    ]);
    const uses = [
      cases > 0 && `${cases} 件案件`,
      households > 0 && `${households} 户家庭`,
      staff > 0 && `${staff} 个账号`,
      children > 0 && `${children} 个下级单位`,
    ].filter(Boolean);
    if (uses.length > 0)
      throw new HttpError(
        409,
        'unit_in_use',
        `「${unit.name}」有${uses.join('、')}，不能删除 (the unit is in use)`,
      );
    await db.$transaction(async (tx) => {
      await tx.orgUnit.delete({ where: { id: unit.id } });
      await audit(tx, actor, 'deleteUnit', 'orgUnit', unit.id, { name: unit.name, reason: body.reason });
    });
    res.json({ deleted: unit.id });
  });

  return router;
}
