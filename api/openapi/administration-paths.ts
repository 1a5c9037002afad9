import type { z } from 'zod';
import { ROLE_UNIT_LEVELS } from '../../domain/account-assignments';
import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import { STAFF_ROLE_LABELS, STAFF_ROLES } from '../../domain/staff-roles';
import { paramsSchema as countyParamsSchema } from '../routes/county-policy';
import {
  accountListQuerySchema,
  accountParamsSchema,
  accountStatusSchema,
  accountUpdateSchema,
  newAccountSchema,
  ownPasswordSchema,
  passwordLinkSchema,
} from '../schemas/accounts';
import {
  calendarDayParamsSchema,
  calendarDaySchema,
  calendarImportSchema,
  calendarQuerySchema,
  calendarYearParamsSchema,
} from '../schemas/calendar';
import { policyChangeSchema } from '../schemas/county-policy-change';
import { newVillageSchema, unitDeleteSchema, unitParamsSchema, unitRenameSchema } from '../schemas/org-units';
import { errors, ok, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  inputJsonSchema,
  json,
  parametersOf,
  ref,
  type JsonSchema,
  type OpenApiExample,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 账号管理, 组织机构, 节假日 and 县级政策 changes: their paths, bodies and answers.

export const NEW_ACCOUNT_EXAMPLE = {
  username: 'xiang.dalizhen',
  displayName: '杨乡镇经办',
  role: 'TOWNSHIP_OFFICER',
  unitId: '532901002',
  email: 'xiang.dalizhen@staff.jiuzhu.local',
};
export const NEW_VILLAGE_EXAMPLE = {
  parentId: '532901003',
  id: '532901003009',
  name: '沙村',
  kind: 'village',
};
export const CALENDAR_IMPORT_EXAMPLE = {
  csv: 'date,kind,name\n2027-01-01,HOLIDAY,元旦\n2027-02-06,WORKDAY,春节调休\n2027-02-08,HOLIDAY,春节\n',
};
export const POLICY_CHANGE_EXAMPLE = {
  effectiveFrom: '2027-01-01',
  reason: '县人民政府 2026 年第 12 号文件：渐退期调整为 3 个月',
  policy: { ...DEFAULT_COUNTY_POLICY, phaseOutMonths: 3 },
};

/** Every request schema of these paths with the example the docs show; each example parses. */
export const ADMINISTRATION_BODIES: Record<
  string,
  { schema: z.ZodType; example: unknown; description: string }
> = {
  NewAccount: {
    schema: newAccountSchema,
    example: NEW_ACCOUNT_EXAMPLE,
    description: '新建账号 A new account; its user sets the password through a link mailed to `email`.',
  },
  AccountUpdate: {
    schema: accountUpdateSchema,
    example: {
      displayName: '杨乡镇经办',
      role: 'SUPERVISOR',
      unitId: '532901',
      email: 'yang@staff.jiuzhu.local',
    },
    description: '修改账号 Name, e-mail, role and unit, all given.',
  },
  AccountStatus: {
    schema: accountStatusSchema,
    example: { active: false, reason: '调离岗位' },
    description: '停用或启用 Disable or enable, with the reason.',
  },
  PasswordLink: { schema: passwordLinkSchema, example: {}, description: '发送重设密码链接 Nothing to send.' },
  OwnPassword: {
    schema: ownPasswordSchema,
    example: { currentPassword: 'jiuzhu-dev-2026', newPassword: 'erhai-moon-2026' },
    description: '修改密码 The current password and the new one (10 characters or more, at most 72 bytes).',
  },
  NewVillage: {
    schema: newVillageSchema,
    example: NEW_VILLAGE_EXAMPLE,
    description: '新增村（社区）Under a township; code = the township code and 3 digits.',
  },
  UnitRename: {
    schema: unitRenameSchema,
    example: { name: '沙村村委会', reason: '按民政部门批复更名' },
    description: '更名 A new name, unique under the same parent, with the reason.',
  },
  UnitDelete: { schema: unitDeleteSchema, example: { reason: '误建' }, description: '删除 With the reason.' },
  CalendarImport: {
    schema: calendarImportSchema,
    example: CALENDAR_IMPORT_EXAMPLE,
    description: '导入 The year as CSV text: `date,kind,name` per line, an optional header line first.',
  },
  CalendarDayEdit: {
    schema: calendarDaySchema,
    example: { kind: 'HOLIDAY', name: '国庆节' },
    description: '修改一天 HOLIDAY, WORKDAY (a weekend working day) or NORMAL (an ordinary day again).',
  },
  PolicyChange: {
    schema: policyChangeSchema,
    example: POLICY_CHANGE_EXAMPLE,
    description:
      '修改县级政策 The whole policy, validated by the same schema as the procedures use, from a date ' +
      '(today or later), with the reason. What differs from the policy of `basedOn` (default ' +
      '`effectiveFrom`) is the change.',
  },
};

const roleFits = STAFF_ROLES.map(
  (r) => `${r} ${STAFF_ROLE_LABELS[r]}: ${ROLE_UNIT_LEVELS[r].join('/')}`,
).join('; ');

const body = (name: keyof typeof ADMINISTRATION_BODIES) => ({
  required: true,
  content: json(ref(name), {
    example: {
      summary: ADMINISTRATION_BODIES[name]!.description,
      value: ADMINISTRATION_BODIES[name]!.example,
    },
  } satisfies Record<string, OpenApiExample>),
});

const account = (operation: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({
  tags: ['administration'],
  ...operation,
});

const accountId = parametersOf(accountParamsSchema, 'path', { userId: "The account's id (UUID)." });
const unitId = parametersOf(unitParamsSchema, 'path', { unitId: "The unit's code, e.g. 532901003001." });
const countyId = parametersOf(countyParamsSchema, 'path', {
  countyId: 'The 6-digit county code, e.g. 532901.',
});

const ADMIN_ONLY =
  '仅系统管理员 Administrators only (403 for any other role), for the accounts and units of the own unit ' +
  'and those below it: any other answers 404; a unit named in the body outside it 403, unknown 422.';

const accountSchema: JsonSchema = {
  title: 'Account',
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string', enum: [...STAFF_ROLES] },
    roleName: { type: 'string' },
    unit: {
      type: 'object',
      properties: { id: { type: 'string' }, name: { type: 'string' }, level: { type: 'string' } },
    },
    email: { type: ['string', 'null'] },
    active: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const unitSchema: JsonSchema = {
  title: 'OrgUnit',
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    level: {
      type: 'string',
      enum: ['PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE', 'DEPARTMENT', 'CARE_HOME'],
    },
    levelName: { type: 'string' },
    parentId: { type: ['string', 'null'] },
    isUrban: { type: 'boolean' },
    email: { type: ['string', 'null'] },
    counts: {
      type: 'object',
      description: 'In the tree: accounts, households (villages) and units directly below.',
      properties: {
        staff: { type: 'integer' },
        households: { type: 'integer' },
        children: { type: 'integer' },
      },
    },
  },
};

const calendarDay: JsonSchema = {
  type: 'object',
  properties: {
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    kind: { type: 'string', enum: ['HOLIDAY', 'WORKDAY'] },
    name: { type: 'string' },
  },
};

const policyChangeAnswer = (title: string, changes: JsonSchema): JsonSchema => ({
  title,
  type: 'object',
  properties: {
    id: { type: 'string' },
    effectiveFrom: { type: 'string' },
    reason: { type: 'string' },
    changedBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    status: { type: 'string', enum: ['inForce', 'scheduled'] },
    changes,
  },
});

const schemas: Record<string, JsonSchema> = {
  ...Object.fromEntries(
    Object.entries(ADMINISTRATION_BODIES).map(([name, b]) => [
      name,
      { ...inputJsonSchema(b.schema), title: name, description: b.description },
    ]),
  ),
  Account: accountSchema,
  AccountList: {
    title: 'AccountList',
    type: 'object',
    properties: { total: { type: 'integer' }, accounts: { type: 'array', items: ref('Account') } },
  },
  AccountDetail: {
    title: 'AccountDetail',
    allOf: [
      ref('Account'),
      {
        type: 'object',
        properties: {
          history: {
            type: 'array',
            description: 'What was done to the account, newest first (created, changed, disabled …).',
            items: {
              type: 'object',
              properties: {
                at: { type: 'string', format: 'date-time' },
                action: { type: 'string' },
                by: { type: ['string', 'null'] },
                reason: { type: ['string', 'null'] },
              },
            },
          },
        },
      },
    ],
  },
  NewAccountCreated: {
    title: 'NewAccountCreated',
    allOf: [
      ref('Account'),
      {
        type: 'object',
        properties: {
          passwordLink: {
            type: 'object',
            properties: { sentTo: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
          },
        },
      },
    ],
  },
  PasswordLinkSent: {
    title: 'PasswordLinkSent',
    type: 'object',
    properties: { sentTo: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
  },
  PasswordChanged: { title: 'PasswordChanged', type: 'object', properties: { changed: { const: true } } },
  OrgUnit: unitSchema,
  OrgUnitTree: {
    title: 'OrgUnitTree',
    type: 'object',
    properties: { units: { type: 'array', items: ref('OrgUnit'), description: 'Parents before children.' } },
  },
  OrgUnitDeleted: { title: 'OrgUnitDeleted', type: 'object', properties: { deleted: { type: 'string' } } },
  Calendar: {
    title: 'Calendar',
    type: 'object',
    properties: {
      year: { type: 'integer' },
      editable: { type: 'boolean', description: 'Whether the user keeps the calendar.' },
      days: { type: 'array', items: calendarDay },
    },
  },
  CalendarImported: {
    title: 'CalendarImported',
    type: 'object',
    properties: { year: { type: 'integer' }, imported: { type: 'integer' }, replaced: { type: 'integer' } },
  },
  CalendarDayEdited: {
    title: 'CalendarDayEdited',
    type: 'object',
    properties: { date: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' } },
  },
  PolicyChangeRecorded: policyChangeAnswer('PolicyChangeRecorded', {
    type: 'object',
    description: 'Each changed figure’s path and its new value.',
  }),
  PolicyHistoryEntry: policyChangeAnswer('PolicyHistoryEntry', {
    type: 'array',
    items: { type: 'object', properties: { field: { type: 'string' }, from: {}, to: {} } },
  }),
  PolicyHistory: {
    title: 'PolicyHistory',
    type: 'object',
    properties: {
      county: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
      changes: { type: 'array', items: ref('PolicyHistoryEntry'), description: 'In the order they apply.' },
    },
  },
};

export function administrationPaths(): OpenApiPathSource {
  return {
    tags: [
      {
        name: 'administration',
        description: '系统管理 Accounts, org units, the holiday calendar and county policy changes',
      },
    ],
    schemas,
    paths: {
      '/api/accounts': {
        get: account({
          summary: '账号列表 The accounts of the own unit and below',
          description: `${ADMIN_ONLY} \`unitId\` narrows to a unit and those below it.`,
          operationId: 'listAccounts',
          security: READ_SECURITY,
          parameters: parametersOf(accountListQuerySchema, 'query'),
          responses: { '200': ok('The accounts, by unit.', 'AccountList'), ...errors('400', '403', '422') },
        }),
        post: account({
          summary: '新建账号 Create an account; its user is mailed a link to set the password',
          description:
            `${ADMIN_ONLY} The role must fit the unit's level (422 \`body.role\`): ${roleFits}. ` +
            'A taken username answers 409 naming `body.username`. The link goes through the mail outbox, ' +
            'is valid 24 hours and once; only its SHA-256 is stored.',
          operationId: 'createAccount',
          security: WRITE_SECURITY,
          requestBody: body('NewAccount'),
          responses: {
            '201': ok('The account, created.', 'NewAccountCreated'),
            ...errors('400', '403', '409', '422'),
          },
        }),
      },
      '/api/accounts/{userId}': {
        get: account({
          summary: '账号 One account and what was done to it',
          description: ADMIN_ONLY,
          operationId: 'getAccount',
          security: READ_SECURITY,
          parameters: accountId,
          responses: { '200': ok('The account.', 'AccountDetail'), ...errors('400', '403', '404') },
        }),
        post: account({
          summary: '修改账号 Change name, e-mail, role and unit',
          description:
            `${ADMIN_ONLY} An administrator's own role and unit stay as they are (409 \`own_account\`). A ` +
            'changed e-mail address is told to the old one (password links go to the new).',
          operationId: 'updateAccount',
          security: WRITE_SECURITY,
          parameters: accountId,
          requestBody: body('AccountUpdate'),
          responses: {
            '200': ok('The account, changed.', 'Account'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/accounts/{userId}/status': {
        post: account({
          summary: '停用 / 启用 Disable or enable an account',
          description:
            `${ADMIN_ONLY} A disabled user is refused at once, HTTP Basic and sessions alike; the ` +
            "account's sessions and unused links end. Not one's own (409).",
          operationId: 'setAccountStatus',
          security: WRITE_SECURITY,
          parameters: accountId,
          requestBody: body('AccountStatus'),
          responses: { '200': ok('The account.', 'Account'), ...errors('400', '403', '404', '409') },
        }),
      },
      '/api/accounts/{userId}/password-link': {
        post: account({
          summary: '重设密码 Mail a one-time link to set a new password',
          description:
            `${ADMIN_ONLY} Valid 24 hours and once; a newer link replaces an older one. A disabled account ` +
            'or one without an e-mail address answers 409.',
          operationId: 'sendPasswordLink',
          security: WRITE_SECURITY,
          parameters: accountId,
          requestBody: { ...body('PasswordLink'), required: false },
          responses: {
            '202': ok('The link, queued for mail.', 'PasswordLinkSent'),
            ...errors('400', '403', '404', '409'),
          },
        }),
      },
      '/api/me/password': {
        post: account({
          summary: '修改密码 Change one’s own password',
          description:
            'Every user. A wrong current password answers 422 `body.currentPassword` and counts as a failed ' +
            "sign-in (429 after ten). The user's other sessions end; the old password stops working at once.",
          operationId: 'changeOwnPassword',
          security: WRITE_SECURITY,
          requestBody: body('OwnPassword'),
          responses: { '200': ok('Changed.', 'PasswordChanged'), ...errors('400', '422') },
        }),
      },
      '/api/org-units': {
        get: account({
          summary: '组织机构 The unit tree below the administrator’s unit',
          description: '仅系统管理员 Administrators only.',
          operationId: 'listOrgUnits',
          security: READ_SECURITY,
          responses: { '200': ok('The tree, parents first.', 'OrgUnitTree'), ...errors('403') },
        }),
        post: account({
          summary: '新增村（社区）Add a village or community under a township',
          description:
            `${ADMIN_ONLY} The parent must be a township (422 \`body.parentId\`); the code its code and three ` +
            'digits (422 `body.id`); code and name (under the township) unused (409).',
          operationId: 'createVillage',
          security: WRITE_SECURITY,
          requestBody: body('NewVillage'),
          responses: { '201': ok('The unit.', 'OrgUnit'), ...errors('400', '403', '409', '422') },
        }),
      },
      '/api/org-units/{unitId}': {
        post: account({
          summary: '更名 Rename a unit',
          description: `${ADMIN_ONLY} Letters already written keep the old name.`,
          operationId: 'renameOrgUnit',
          security: WRITE_SECURITY,
          parameters: unitId,
          requestBody: body('UnitRename'),
          responses: { '200': ok('The unit.', 'OrgUnit'), ...errors('400', '403', '404', '409') },
        }),
      },
      '/api/org-units/{unitId}/delete': {
        post: account({
          summary: '删除村（社区）Delete a village created by mistake',
          description: `${ADMIN_ONLY} Villages only, and only without cases, households, accounts or units below (409).`,
          operationId: 'deleteOrgUnit',
          security: WRITE_SECURITY,
          parameters: unitId,
          requestBody: body('UnitDelete'),
          responses: { '200': ok('Deleted.', 'OrgUnitDeleted'), ...errors('400', '403', '404', '409') },
        }),
      },
      '/api/calendar': {
        get: account({
          summary: '节假日 The official calendar of a year',
          description: 'Every user reads it; `editable` says whether the user keeps it.',
          operationId: 'getCalendar',
          security: READ_SECURITY,
          parameters: parametersOf(calendarQuerySchema, 'query', { year: 'e.g. 2026' }),
          responses: {
            '200': ok('The year’s holidays and working weekend days.', 'Calendar'),
            ...errors('400'),
          },
        }),
      },
      '/api/calendar/{year}/import': {
        post: account({
          summary: '导入节假日 Replace a year’s calendar from a CSV file',
          description:
            'The administrator at the top of the unit tree only (403). Every row is checked; any problem ' +
            'answers 400 with one detail per problem, `field` `body.csv.<row>.<column>` and `row`, `column`, ' +
            'and nothing is written.',
          operationId: 'importCalendar',
          security: WRITE_SECURITY,
          parameters: parametersOf(calendarYearParamsSchema, 'path', { year: 'e.g. 2027' }),
          requestBody: body('CalendarImport'),
          responses: { '201': ok('Imported.', 'CalendarImported'), ...errors('400', '403') },
        }),
      },
      '/api/calendar/days/{date}': {
        post: account({
          summary: '修改一天 Set one day: holiday, weekend working day, or ordinary',
          description:
            'The administrator at the top of the unit tree only. A weekday WORKDAY answers 422 `body.kind`.',
          operationId: 'editCalendarDay',
          security: WRITE_SECURITY,
          parameters: parametersOf(calendarDayParamsSchema, 'path', { date: 'YYYY-MM-DD' }),
          requestBody: body('CalendarDayEdit'),
          responses: { '200': ok('The day.', 'CalendarDayEdited'), ...errors('400', '403', '422') },
        }),
      },
      '/api/counties/{countyId}/policy': {
        post: {
          tags: ['counties', 'administration'],
          summary: '修改县级政策 Change the county’s figures from a date, with a reason',
          description:
            "仅本县民政局审批人员 The county's approver only (403; a county the user may not read 404). " +
            'Every figure is checked by the schema the procedures use (400 naming each field, unknown ' +
            'fields too); a date before today or a change that changes nothing answers 422. In force from ' +
            'its date; running procedures take it up at their next step. Audited with its reason.',
          operationId: 'changeCountyPolicy',
          security: WRITE_SECURITY,
          parameters: countyId,
          requestBody: body('PolicyChange'),
          responses: {
            '201': ok('The change, recorded.', 'PolicyChangeRecorded'),
            ...errors('400', '403', '404', '422'),
          },
        },
      },
      '/api/counties/{countyId}/policy/changes': {
        get: {
          tags: ['counties', 'administration'],
          summary: '政策变更记录 The county’s policy changes: who, when, why, what from what',
          description:
            "Readable by the county's own staff and by those above it; any other county answers 404.",
          operationId: 'getCountyPolicyChanges',
          security: READ_SECURITY,
          parameters: countyId,
          responses: { '200': ok('The history.', 'PolicyHistory'), ...errors('400', '404') },
        },
      },
    },
  };
}
