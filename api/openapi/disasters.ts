import {
  aidSchema,
  eventDeclarationSchema,
  eventParamsSchema,
  issueSchema,
  personParamsSchema,
  receiptSchema,
  registrationSchema,
  returnSchema,
  siteParamsSchema,
  siteSchema,
  reportSchema,
  stockListQuerySchema,
  stockParamsSchema,
  transferSchema,
} from '../schemas/disasters';
import { listHouseholdParamsSchema, listProposalSchema, stageSchema } from '../schemas/disaster-lists';
import { idempotencyKeyHeaderSchema } from '../schemas/case-application';
import { errors, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  exampleBody,
  objectAnswer,
  parametersOf,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 灾害救助: disaster events, their dated reports, and relief supplies 救灾物资, with an example
// body for each write.

const body = exampleBody;
const answer = objectAnswer;
const disasters = (op: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['disasters'], ...op });

const EVENT_ID = parametersOf(eventParamsSchema, 'path', { eventId: 'The event’s id.' });
const STOCK_ID = parametersOf(stockParamsSchema, 'path', { stockId: 'The stock’s id.' });
const SITE_ID = parametersOf(siteParamsSchema, 'path', { siteId: 'The relocation site’s id.' });
const PERSON_ID = parametersOf(personParamsSchema, 'path', {
  siteId: 'The relocation site’s id.',
  personId: 'The relocated person’s id.',
});
const IDEMPOTENCY_KEY = parametersOf(idempotencyKeyHeaderSchema, 'header', {
  'idempotency-key':
    'The same key again answers the person already registered (200) and takes no second place.',
});
const LIST_HOUSEHOLD_ID = parametersOf(listHouseholdParamsSchema, 'path', {
  eventId: 'The event’s id.',
  listId: 'The list’s id.',
  householdId: 'The household’s id on the list.',
});
const SITE_STAFF_TEXT = 'Township officers of the site’s township and the county’s approver; others 403.';

export function disasterPaths(): OpenApiPathSource {
  return {
    tags: [{ name: 'disasters', description: '灾害救助 Disaster events, their tallies, relief supplies' }],
    paths: {
      '/api/disasters': {
        get: disasters({
          summary:
            '灾害事件 The open events of the counties in the reader’s jurisdiction, with their tallies',
          description: 'County approvers, supervisors and administrators; others 403.',
          operationId: 'listDisasterEvents',
          security: READ_SECURITY,
          responses: { '200': answer('The open events, latest first.'), ...errors('400', '403') },
        }),
        post: disasters({
          summary: '启动灾害事件 Declare a disaster event for the counties hit',
          description:
            'County approvers and supervisors, the prefecture’s for any county; every county hit must be ' +
            'in the jurisdiction (403), an unknown one 422. Response level 1–4 (Ⅰ–Ⅳ级响应).',
          operationId: 'declareDisasterEvent',
          security: WRITE_SECURITY,
          requestBody: body(eventDeclarationSchema, 'An earthquake in 大理市', {
            kind: 'EARTHQUAKE',
            name: '大理市5.2级地震',
            occurredOn: '2026-11-20',
            responseLevel: 3,
            countyIds: ['532901'],
          }),
          responses: { '201': answer('The event.'), ...errors('400', '403', '422') },
        }),
      },
      '/api/disasters/{eventId}': {
        get: disasters({
          summary: '灾情 One event: the tally per village and county, how it grew, supplies issued',
          description:
            'The tally is the latest report of each village; `growth` the total as of each report date. ' +
            'An event of no county in the jurisdiction answers 404.',
          operationId: 'getDisasterEvent',
          security: READ_SECURITY,
          parameters: EVENT_ID,
          responses: { '200': answer('The event.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/disasters/{eventId}/reports': {
        post: disasters({
          summary: '报告灾情 File a dated report of one village’s figures',
          description:
            'County approvers and supervisors of the village. Reports are kept as filed (a correction is ' +
            'a later report). A village outside the counties hit, a date before the event, or more ' +
            'relocated, dead or missing than affected answer 422 naming the field.',
          operationId: 'fileDisasterReport',
          security: WRITE_SECURITY,
          parameters: EVENT_ID,
          requestBody: body(reportSchema, '喜洲村 two days on', {
            villageId: '532901003001',
            reportedOn: '2026-11-22',
            affected: 180,
            relocated: 40,
            dead: 0,
            missing: 1,
            housesCollapsed: 3,
            housesDamaged: 25,
            directLossYuan: 920000,
          }),
          responses: {
            '201': answer('The report’s id and the event.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/disasters/{eventId}/lists': {
        get: disasters({
          summary:
            '救助名单 The event’s village lists (rebuilding, winter/spring relief) in the jurisdiction',
          description:
            'County approvers, supervisors, administrators, township officers and village assistants (their ' +
            'villages’ lists): each list’s case and step, its households (ID numbers masked) with the reason ' +
            'a step took one off, the grant approved, the rebuilding stages paid and the roster months.',
          operationId: 'listDisasterLists',
          security: READ_SECURITY,
          parameters: EVENT_ID,
          responses: { '200': answer('The lists.'), ...errors('400', '403', '404') },
        }),
        post: disasters({
          summary: '提名救助名单 Propose a village’s list of households for 倒损民房恢复重建 or 冬春救助',
          description:
            'Village assistants and township officers of the village. Opens the list’s DISASTER case, whose ' +
            'workflow runs 民主评议 (appraisal), the 7-day 公示 with objections (异议处理), 乡镇审核 and 县级审批 ' +
            'through the case’s step routes; on approval each household kept gets a case of its own, winter ' +
            'relief on the roster in the month approved. A village’s second list of a kind for the event 409.',
          operationId: 'proposeDisasterList',
          security: WRITE_SECURITY,
          parameters: EVENT_ID,
          requestBody: body(listProposalSchema, 'Two households whose houses fell or were damaged', {
            kind: 'REBUILDING',
            villageId: '532901003001',
            households: [
              {
                name: '杨树林',
                idNumber: '532901197001010019',
                amountYuan: 40000,
                reason: '主房倒塌，无力自建',
                houseDamage: 'COLLAPSED',
              },
              { name: '段红梅', amountYuan: 20000, reason: '房屋严重损坏', houseDamage: 'DAMAGED' },
            ],
          }),
          responses: {
            '201': answer('The list as proposed, with its case number.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/disasters/{eventId}/lists/{listId}/households/{householdId}/stages': {
        post: disasters({
          summary: '登记重建进度 Record a rebuilding stage: its instalment goes on this month’s roster',
          description:
            'Township officers of the village. Stages come in order (started, roofOn, finished, inspected); ' +
            'each instalment (the county’s share of the grant) is paid once — a stage recorded twice, or two ' +
            'recordings racing, 409 and pay nothing — and added to the case’s roster row of the month, so two ' +
            'stages in one month make one row. Not approved yet, or a winter list, 409; a future date 422.',
          operationId: 'recordRebuildingStage',
          security: WRITE_SECURITY,
          parameters: LIST_HOUSEHOLD_ID,
          requestBody: body(stageSchema, 'Works started', { stage: 'started', reachedOn: '2026-12-01' }),
          responses: {
            '201': answer('The list with the instalments paid.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/disasters/{eventId}/sites': {
        get: disasters({
          summary: '安置点 The event’s relocation sites in the jurisdiction, with the people still there',
          description:
            'County approvers, supervisors, administrators and township officers (their township’s sites). ' +
            'ID numbers are masked. An event of no county in the jurisdiction answers 404.',
          operationId: 'listRelocationSites',
          security: READ_SECURITY,
          parameters: EVENT_ID,
          responses: { '200': answer('The sites and the people present.'), ...errors('400', '403', '404') },
        }),
        post: disasters({
          summary: '设立安置点 Set up a relocation site 紧急转移安置点 in a township of a county hit',
          description: `${SITE_STAFF_TEXT} Occupancy never exceeds the capacity; a second site of the name 409.`,
          operationId: 'createRelocationSite',
          security: WRITE_SECURITY,
          parameters: EVENT_ID,
          requestBody: body(siteSchema, 'A school as a site', {
            townshipId: '532901003',
            name: '喜洲镇中心小学安置点',
            address: '大理市喜洲镇中心小学',
            capacity: 200,
          }),
          responses: { '201': answer('The site.'), ...errors('400', '403', '404', '409', '422') },
        }),
      },
      '/api/disasters/sites/{siteId}/people': {
        post: disasters({
          summary: '登记安置人员 Register a person (or household) at a site, with the aid given',
          description:
            `${SITE_STAFF_TEXT} The ID number is optional (then a description); a full site answers 409 ` +
            'and takes nothing, so of registrations racing for the last places only as many succeed as ' +
            'there are places. Goods with a `stockId` are issued from the county’s reserve (409 when it ' +
            'holds too few). `transitionalAid` opens a 受灾人员救助 case (ZH-…) that pays 过渡期生活救助 ' +
            'per person and day until the return home or the county’s months.',
          operationId: 'registerRelocatedPerson',
          security: WRITE_SECURITY,
          parameters: [...SITE_ID, ...IDEMPOTENCY_KEY],
          requestBody: body(registrationSchema, 'A family of three with a tent from the reserve', {
            name: '杨树林',
            idNumber: '532901197001010019',
            homeVillageId: '532901003001',
            persons: 3,
            transitionalAid: true,
            aid: [
              { kind: 'TENT', stockId: '6f1c1c36-3f0e-4f63-9d5e-0c4b7a3e2d12', quantity: 1 },
              { kind: 'FOOD', item: '方便面', quantity: 2, unit: '箱' },
            ],
          }),
          responses: {
            '200': answer('The person registered before with this Idempotency-Key.'),
            '201': answer('The person, the site’s occupancy, the case number when aid was granted.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/disasters/sites/{siteId}/people/{personId}/aid': {
        post: disasters({
          summary: '发放救助 Record further aid given to a person at the site',
          description: `${SITE_STAFF_TEXT} Goods from a stock are issued from the reserve (409 when too few).`,
          operationId: 'giveRelocationAid',
          security: WRITE_SECURITY,
          parameters: PERSON_ID,
          requestBody: body(aidSchema, 'Water and cash', {
            aid: [
              { kind: 'WATER', item: '矿泉水', quantity: 12, unit: '瓶' },
              { kind: 'CASH', amountYuan: 200 },
            ],
          }),
          responses: {
            '201': answer('The person with all aid given.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/disasters/sites/{siteId}/people/{personId}/return': {
        post: disasters({
          summary: '登记返家 The person went home: the place is freed, transitional aid stops',
          description:
            `${SITE_STAFF_TEXT} The day of return is not paid; a date before the days already paid or in ` +
            'the future answers 422 and changes nothing; twice 409.',
          operationId: 'recordReturnHome',
          security: WRITE_SECURITY,
          parameters: PERSON_ID,
          requestBody: body(returnSchema, 'Home after the repairs', {
            returnedOn: '2026-12-20',
            note: '房屋鉴定安全，返家居住',
          }),
          responses: {
            '200': answer('The person as returned.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/disasters/supplies': {
        get: disasters({
          summary: '救灾物资储备 The reserves of the counties in the reader’s jurisdiction',
          description: 'County approvers, supervisors and administrators.',
          operationId: 'listReliefStocks',
          security: READ_SECURITY,
          parameters: parametersOf(stockListQuerySchema, 'query', {
            countyId: 'The 6-digit county code, e.g. 532901.',
          }),
          responses: { '200': answer('The stocks.'), ...errors('400', '403', '422') },
        }),
        post: disasters({
          summary: '物资入库 Receive supplies into a county’s reserve',
          description:
            'The county’s approver. Adds to the stock of the item at the place (made if new); the same ' +
            'item there in another unit answers 409.',
          operationId: 'receiveReliefSupplies',
          security: WRITE_SECURITY,
          requestBody: body(receiptSchema, 'Tents into the county store', {
            countyId: '532901',
            item: '帐篷',
            unit: '顶',
            location: '大理市救灾物资储备库',
            quantity: 200,
          }),
          responses: { '200': answer('The stock.'), ...errors('400', '403', '409', '422') },
        }),
      },
      '/api/disasters/supplies/{stockId}/issues': {
        post: disasters({
          summary: '物资发放 Issue supplies to a relocation site of an event',
          description:
            'The county’s approver. More than the stock holds answers 409 and takes nothing; of two ' +
            'requests racing for the last items only one succeeds. An event not hitting the county 422.',
          operationId: 'issueReliefSupplies',
          security: WRITE_SECURITY,
          parameters: STOCK_ID,
          requestBody: body(issueSchema, 'Tents to a school site', {
            eventId: '6f1c1c36-3f0e-4f63-9d5e-0c4b7a3e2d11',
            siteName: '喜洲镇中心小学安置点',
            quantity: 20,
          }),
          responses: {
            '201': answer('The movement and the stock after it.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
      '/api/disasters/supplies/{stockId}/transfers': {
        post: disasters({
          summary: '物资调拨 Transfer supplies to another place or county',
          description:
            'The county’s approver; the receiving county must be in the jurisdiction too (a prefecture ' +
            'transfer is the prefecture’s). Never more than the stock holds (409).',
          operationId: 'transferReliefSupplies',
          security: WRITE_SECURITY,
          parameters: STOCK_ID,
          requestBody: body(transferSchema, 'To a township’s forward store', {
            toCountyId: '532901',
            toLocation: '喜洲镇前置仓',
            quantity: 30,
          }),
          responses: {
            '201': answer('The movement, the stock from and to.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
    },
  };
}
