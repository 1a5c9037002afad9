import { isWithinJurisdiction, type Actor } from '../domain/staff-roles';
import type { Database } from '../platform/database';
import { HttpError } from './http-error';

/** Accounts, units and the calendar are kept by administrators only. */
export function requireAdministrator(actor: Actor): void {
  if (actor.role !== 'ADMINISTRATOR')
    throw new HttpError(403, 'Forbidden', '仅系统管理员可以办理 (administrators only)');
}

/**
 * A unit named in a body (`body.unitId`, `body.parentId`): unknown answers 422 naming the field,
 * one outside the administrator's unit 403 — the unit is a referenced id, not the resource.
 */
export async function unitForAdministrator(db: Database, actor: Actor, unitId: string, field: string) {
  const unit = await db.orgUnit.findUnique({ where: { id: unitId } });
  if (!unit) throw fieldProblem(field, '没有这个单位 (no such unit)');
  if (!isWithinJurisdiction(actor.unitPath, unit.path))
    throw new HttpError(403, 'Forbidden', '该单位不在您的管辖范围内 (unit outside your jurisdiction)');
  return unit;
}

/** An account the administrator manages (of the own unit or below); any other answers 404. */
export async function accountForAdministrator(db: Database, actor: Actor, userId: string) {
  const user = await db.staffUser.findUnique({ where: { id: userId }, include: { unit: true } });
  if (!user || !isWithinJurisdiction(actor.unitPath, user.unit.path))
    throw new HttpError(404, 'not_found', '账号不存在 (no such account)');
  return user;
}

/** A 422 naming one body field, as the console shows beside it. */
export function fieldProblem(
  field: string,
  message: string,
  status = 422,
  code = 'InvalidPayload',
): HttpError {
  return new HttpError(status, code, `${field}: ${message}`, [{ field, message }]);
}
