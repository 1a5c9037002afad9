import { AGEING_BUCKETS, PROCESSING_BUCKETS, type SupportSplit } from '../../domain/case-ageing';
import { PROCEDURE_STEPS } from '../../domain/case-steps';
import { OPEN_PROGRAMME_CODES } from '../../domain/programmes';
import { REFERRAL_DEPARTMENTS } from '../../domain/referral-needs';
import { dashboardApiQuerySchema } from '../routes/dashboard';
import { caseListQuerySchema } from '../schemas/case-list-query';
import type { CaseListItem } from '../supervision/case-list';
import type { Counted, Dashboard } from '../supervision/dashboard';
import {
  LIST_PHASES,
  type DisasterEventFigures,
  type EventListFigures,
  type EventTally,
} from '../supervision/disaster-figures';
import { DISASTER_KINDS } from '../../domain/disaster';
import { DISASTER_LIST_KINDS } from '../../domain/disaster-lists';
import { caseNo, caseStatus, dateTime, errors, nullable, objectOf, ok, READ_SECURITY } from './responses';
import { parametersOf, ref, type JsonSchema, type OpenApiPaths } from './types';

// The supervision routes: the case list (GET /api/cases) and the dashboard's figures.

const integer: JsonSchema = { type: 'integer', minimum: 0 };
const programme: JsonSchema = { type: 'string', enum: [...OPEN_PROGRAMME_CODES] };
const localDate: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2026-11-30'] };

const counted = (title: string, description: string, key: JsonSchema = { type: 'string' }) => ({
  type: 'array',
  items: objectOf<Counted>(title, description, { key, name: { type: 'string' }, count: integer }),
});

export const supervisionSchemas: Record<string, JsonSchema> = {
  CaseListItem: objectOf<CaseListItem>(
    'CaseListItem',
    '案件列表中的一件 A case as the list shows it: names, never an ID number.',
    {
      caseNo,
      programme,
      programmeName: { type: 'string' },
      status: caseStatus,
      statusName: { type: 'string', description: 'The status as the programme names it.' },
      applicantName: { type: 'string' },
      countyId: { type: 'string' },
      townshipId: { type: 'string' },
      villageId: { type: 'string' },
      village: { type: 'string' },
      currentStep: nullable({ type: 'string', enum: Object.keys(PROCEDURE_STEPS) }),
      stepName: nullable({ type: 'string', description: 'The step as the programme names it.' }),
      assigneeUnitId: nullable({ type: 'string' }),
      dueAt: nullable(dateTime),
      overdue: { type: 'boolean' },
      workingDaysLeft: nullable({
        type: 'integer',
        description:
          "Working days left to the step's deadline on the county's calendar, today counted when a " +
          'working day; negative: overdue by that many. Null without a deadline.',
      }),
      overallDueAt: nullable(dateTime),
      overallOverdue: { type: 'boolean' },
      appliedAt: dateTime,
      closedAt: nullable(dateTime),
    },
  ),
  CasePage: {
    title: 'CasePage',
    type: 'object',
    properties: {
      items: { type: 'array', items: ref('CaseListItem') },
      nextCursor: nullable({
        type: 'string',
        description: 'Send as `cursor` for the next page; null on the last page.',
      }),
    },
    required: ['items', 'nextCursor'],
  },
  Dashboard: objectOf<Dashboard>(
    'Dashboard',
    "督办看板 The dashboard's figures, of the cases below the user's unit.",
    {
      asOf: { ...localDate, description: 'The local (UTC+8) date the figures are counted on.' },
      programme: nullable(programme),
      totals: {
        type: 'object',
        properties: {
          open: { ...integer, description: 'Open cases, enrolled included.' },
          overdue: { ...integer, description: 'Steps past their deadline.' },
          overallOverdue: { ...integer, description: "Cases past the whole procedure's limit." },
          late: { ...integer, description: 'Cases either overdue or past the overall limit.' },
          decided: { ...integer, description: 'Applications decided (not accepted, refused or approved).' },
          medianProcessingDays: nullable({
            type: 'number',
            description: 'Median calendar days from application to decision.',
          }),
        },
        required: ['open', 'overdue', 'overallOverdue', 'late', 'decided', 'medianProcessingDays'],
      },
      overdueByStep: counted('StepCount', 'Steps overdue by step, named as each programme names it.'),
      overdueByTownship: counted('TownshipCount', 'Steps overdue by township.'),
      overdueByCounty: counted('CountyCount', 'Steps overdue by county.'),
      ageing: counted('AgeingCount', 'Steps overdue by working days overdue, on each county’s calendar.', {
        type: 'string',
        enum: AGEING_BUCKETS.map((b) => b.key),
      }),
      processing: counted('ProcessingCount', 'Decided applications by calendar days taken.', {
        type: 'string',
        enum: PROCESSING_BUCKETS.map((b) => b.key),
      }),
      openByProgramme: {
        type: 'array',
        items: {
          allOf: [
            objectOf<Counted>('ProgrammeCount', 'Open cases of a programme.', {
              key: programme,
              name: { type: 'string' },
              count: integer,
            }),
            {
              type: 'object',
              properties: {
                support: {
                  anyOf: [
                    objectOf<SupportSplit>(
                      'SupportSplit',
                      '特困 people supported: in a care home or at home.',
                      {
                        supported: integer,
                        centralised: integer,
                        dispersed: integer,
                        share: nullable({ type: 'number' }),
                      },
                    ),
                    { type: 'null' },
                  ],
                },
              },
            },
          ],
        },
      },
      openByCounty: counted('OpenCountyCount', 'Open cases by county, every county below the unit.'),
      referrals: nullable({
        type: 'array',
        description:
          'Per receiving bureau, as GET /api/referrals/summary; null for a programme that does not refer.',
        items: {
          type: 'object',
          properties: {
            receivingUnitId: { type: 'string' },
            receivingUnit: { type: 'string' },
            department: { type: 'string', enum: Object.keys(REFERRAL_DEPARTMENTS) },
          },
        },
      }),
      disasterEvents: {
        type: 'array',
        description:
          '灾害救助 Each open disaster event with a county below the user’s unit (empty when another ' +
          'programme is chosen), counted in the unit’s jurisdiction.',
        items: ref('DisasterEventFigures'),
      },
    },
  ),
  DisasterEventFigures: objectOf<DisasterEventFigures>(
    'DisasterEventFigures',
    '在办灾害事件 An open event: its tally, people still relocated, supplies left, lists, overdue steps.',
    {
      eventId: { type: 'string', format: 'uuid' },
      name: { type: 'string' },
      kind: { type: 'string', enum: Object.keys(DISASTER_KINDS) },
      kindName: { type: 'string' },
      responseLevel: { type: 'integer', minimum: 1, maximum: 4 },
      responseLevelName: { type: 'string' },
      occurredOn: localDate,
      tally: objectOf<EventTally>(
        'EventTally',
        'The latest report of each village in the jurisdiction, summed.',
        {
          villages: integer,
          affected: integer,
          relocated: integer,
          dead: integer,
          missing: integer,
          housesCollapsed: integer,
          housesDamaged: integer,
          directLossYuan: { type: 'number', minimum: 0 },
        },
      ),
      stillRelocated: { ...integer, description: 'People at the event’s relocation sites now.' },
      supplies: {
        type: 'array',
        description: 'Reserves left in the event’s counties, by item and unit.',
        items: {
          type: 'object',
          properties: { item: { type: 'string' }, unit: { type: 'string' }, quantity: integer },
          required: ['item', 'unit', 'quantity'],
        },
      },
      lists: {
        type: 'array',
        items: objectOf<EventListFigures>(
          'EventListFigures',
          '名单 The village lists of one kind: how many in each phase, households kept, amounts.',
          {
            kind: { type: 'string', enum: Object.keys(DISASTER_LIST_KINDS) },
            kindName: { type: 'string' },
            phases: {
              type: 'object',
              properties: Object.fromEntries(Object.keys(LIST_PHASES).map((k) => [k, integer])),
              required: Object.keys(LIST_PHASES),
            },
            inProgress: integer,
            householdsKept: integer,
            approvedYuan: { type: 'number', minimum: 0 },
            paidYuan: {
              type: 'number',
              minimum: 0,
              description: 'Put on the roster (the monthly rows the payment roll pays).',
            },
          },
        ),
      },
      listsInProgress: integer,
      overdue: {
        type: 'object',
        description: 'Steps overdue now: of the lists, of the transitional aid, in all.',
        properties: { lists: integer, aid: integer, total: integer },
        required: ['lists', 'aid', 'total'],
      },
    },
  ),
};

export function supervisionPaths(): OpenApiPaths {
  return {
    '/api/cases': {
      get: {
        tags: ['supervision'],
        summary: '案件列表 The cases below the user’s unit, filtered, by case number',
        description:
          '按单位路径确定管辖：村、乡镇、县、州的人员看到其下各户的案件，部门经办不看案件（403）。列表不含身份证号码。\n\n' +
          "Jurisdiction by unit path, as the console's: a village's, township's, county's or " +
          "prefecture's staff see the cases of the households below their unit; a department officer " +
          'sees none (403). Ordered by case number, a page at a time: send the answer’s `nextCursor` ' +
          'as `cursor` for the next page. ID numbers are never in the list. An unknown parameter ' +
          'answers 400 naming it.',
        operationId: 'listCases',
        security: READ_SECURITY,
        parameters: parametersOf(caseListQuerySchema, 'query', {
          programme: 'One programme.',
          countyId: 'One county (6 digits).',
          townshipId: 'One township (9 digits).',
          status: 'One status or a comma-separated list.',
          step: 'The step the case is at now.',
          overdue: 'Only cases whose step is overdue (true) or not (false).',
          dueBefore: "The step's deadline before this local (UTC+8) date, YYYY-MM-DD.",
          limit: 'Page size, 1–200 (default 50).',
          cursor: 'Where the page starts: the previous page’s `nextCursor`.',
        }),
        responses: { '200': ok('One page of cases.', 'CasePage'), ...errors('400', '403') },
      },
    },
    '/api/dashboard': {
      get: {
        tags: ['supervision'],
        summary: '督办看板 The dashboard’s figures for a supervisor',
        description:
          '监督人员和系统管理员使用，统计其单位以下各户的案件。\n\n' +
          "Supervisors and administrators only (403 for others): the console dashboard's figures " +
          "for the cases of the households below the user's unit, for every programme or one. " +
          'Working days on each county’s calendar.',
        operationId: 'getDashboard',
        security: READ_SECURITY,
        parameters: parametersOf(dashboardApiQuerySchema, 'query', {
          programme: 'Count one programme only; every programme by default.',
        }),
        responses: { '200': ok('The figures.', 'Dashboard'), ...errors('400', '403') },
      },
    },
  };
}
