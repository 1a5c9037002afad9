import { Router } from 'express';
import { UNIT_LEVEL_LABELS } from '../../domain/account-assignments';
import { isWithinJurisdiction } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { requireAdministrator } from '../administration-access';
import { HttpError, parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { unitsBelow } from '../routes/org-units';
import { unitParamsSchema } from '../schemas/org-units';

type TreeUnit = Awaited<ReturnType<typeof unitsBelow>>[number];
interface TreeNode extends TreeUnit {
  children: TreeNode[];
}

/** The flat list (parents first) as a tree under the administrator's unit. */
function treeOf(units: TreeUnit[]): TreeNode[] {
  const nodes = new Map(units.map((u) => [u.id, { ...u, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/**
 * 组织机构 pages: the tree below the administrator's unit, and one unit with its forms — rename;
 * for a township, add a village or community; for an unused village, delete. The forms post
 * JSON to /api/org-units.
 */
export function orgUnitPageRoutes(db: Database): Router {
  const router = Router();

  router.get('/org-units', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    res.render('org-units', { title: '组织机构', tree: treeOf(await unitsBelow(db, actor)) });
  });

  router.get('/org-units/:unitId', async (req, res) => {
    const actor = requireActor(req.actor);
    requireAdministrator(actor);
    const { unitId } = parseInput(unitParamsSchema, req.params, 'params');
    const unit = await db.orgUnit.findUnique({
      where: { id: unitId },
      include: {
        parent: { select: { id: true, name: true } },
        children: { orderBy: { id: 'asc' }, select: { id: true, name: true, level: true } },
        _count: { select: { staff: true, householdsInVillage: true } },
      },
    });
    if (!unit || !isWithinJurisdiction(actor.unitPath, unit.path))
      throw new HttpError(404, 'not_found', '单位不存在 (no such unit)');
    const cases = unit.level === 'VILLAGE' ? await db.case.count({ where: { villageId: unit.id } }) : 0;
    const used = cases + unit._count.householdsInVillage + unit._count.staff + unit.children.length > 0;
    // The next free code under a township, as a suggestion: the last village's and one.
    const lastVillage = unit.children.filter((c) => /^\d{12}$/.test(c.id)).at(-1)?.id;
    const suggestedCode = lastVillage ? String(Number(lastVillage) + 1) : `${unit.id}001`;
    res.render('org-unit', {
      title: `组织机构 · ${unit.name}`,
      unit: { ...unit, levelName: UNIT_LEVEL_LABELS[unit.level] },
      children: unit.children.map((c) => ({ ...c, levelName: UNIT_LEVEL_LABELS[c.level] })),
      counts: { staff: unit._count.staff, households: unit._count.householdsInVillage, cases },
      isTownship: unit.level === 'TOWNSHIP',
      suggestedCode: unit.level === 'TOWNSHIP' ? suggestedCode : null,
      deletable: unit.level === 'VILLAGE' && !used,
      inUse: unit.level === 'VILLAGE' && used,
      created: req.query.created === '1',
    });
  });

  return router;
}
