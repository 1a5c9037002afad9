import { STAFF_ROLES } from '../../domain/staff-roles';
import { SECURITY_LOG_READERS } from '../../domain/security-log';
import { SECURITY_LOG_PAGE_MAX, securityLogQuerySchema, type SecurityLogItem } from '../security-log';
import { roleNames } from './request-bodies';
import { errors, ok, READ_SECURITY } from './responses';
import { parametersOf, ref, type JsonSchema, type OpenApiPaths } from './types';

// 安全日志: the path and the schema of its answer.

const entryProperties: { [K in keyof SecurityLogItem]-?: JsonSchema } = {
  id: {
    type: 'string',
    pattern: '^[1-9]\\d*$',
    description: 'The entry’s number; later entries have larger ones.',
  },
  at: { type: 'string', format: 'date-time' },
  userId: { type: 'string' },
  username: { type: 'string', examples: ['xiang.dalizhen'] },
  role: { type: 'string', enum: [...STAFF_ROLES] },
  unitId: { type: 'string', examples: ['532901002'] },
  unitName: { type: ['string', 'null'], examples: ['大理镇'] },
  method: { type: 'string', examples: ['GET'] },
  path: {
    type: 'string',
    description: 'The path asked for, without its query.',
    examples: ['/api/cases/DB-532901-2026-000001'],
  },
  status: { type: 'integer', enum: [403, 404] },
  errorCode: { type: 'string', examples: ['not_found', 'forbidden'] },
};

export const securityLogSchemas: Record<string, JsonSchema> = {
  SecurityLogEntry: {
    title: 'SecurityLogEntry',
    description: '一次被拒绝的访问 One refused access: who, what they asked for, how it was answered, when.',
    type: 'object',
    properties: entryProperties,
    required: Object.keys(entryProperties),
  },
  SecurityLog: {
    title: 'SecurityLog',
    description: 'One page, newest first.',
    type: 'object',
    properties: {
      items: { type: 'array', items: ref('SecurityLogEntry') },
      nextCursor: {
        type: ['string', 'null'],
        description: 'The `cursor` of the next (older) page; null on the last page.',
      },
    },
    required: ['items', 'nextCursor'],
  },
};

export function securityLogPaths(): OpenApiPaths {
  return {
    '/api/security-log': {
      get: {
        tags: ['security-log'],
        summary: '安全日志 Refused accesses (403, 404) of users in the reader’s unit and below',
        description:
          '登录用户每一次被拒绝的访问（403 无权限；404 不存在，或不在管辖范围内）都记入安全日志：用户、角色、单位、请求、状态、错误代码和时间。\n\n' +
          'Every 403 or 404 answered to a signed-in user, on any API route or console page, is recorded ' +
          'with the user (id, username, role, unit), the method, path, status, error code and time. ' +
          `Readable by ${roleNames(SECURITY_LOG_READERS)}, for the users of their unit and the units ` +
          'below it; any other role answers 403 (itself recorded). Unknown query parameters answer 400.',
        operationId: 'listSecurityLog',
        security: READ_SECURITY,
        parameters: parametersOf(securityLogQuerySchema, 'query', {
          limit: `Page size, 1–${SECURITY_LOG_PAGE_MAX}; 50 by default.`,
          cursor: 'The `nextCursor` of the page before; the newest page without it.',
          username: 'Only this user’s refusals.',
          since:
            'Only from this local (UTC+8) date, YYYY-MM-DD, or from this ISO 8601 instant with its offset.',
        }),
        responses: { '200': ok('One page of the log.', 'SecurityLog'), ...errors('400', '403') },
      },
    },
  };
}
