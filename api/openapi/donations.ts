import {
  donationListQuerySchema,
  donationParamsSchema,
  donationSchema,
  exchangeSchema,
  pointsIssueSchema,
  supermarketListQuerySchema,
  supermarketParamsSchema,
  supermarketSchema,
} from '../schemas/donations';
import { errors, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  exampleBody,
  objectAnswer,
  parametersOf,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 社会捐助 and 爱心超市: the donations' and charity supermarkets' paths, with an example body for each write.

const body = exampleBody;
const answer = objectAnswer;
const donations = (op: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['donations'], ...op });
const markets = (op: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({
  tags: ['charity-supermarkets'],
  ...op,
});

const DONATION_ID = parametersOf(donationParamsSchema, 'path', { donationId: 'The donation’s id.' });
const SUPERMARKET_ID = parametersOf(supermarketParamsSchema, 'path', {
  supermarketId: 'The supermarket’s id.',
});

export function donationPaths(): OpenApiPathSource {
  return {
    tags: [
      {
        name: 'donations',
        description: '社会捐助 Donations in money and in kind, receipts, and where each went',
      },
      {
        name: 'charity-supermarkets',
        description: '爱心超市 Charity supermarkets: stock, monthly points, exchanges',
      },
    ],
    paths: {
      '/api/donations': {
        get: donations({
          summary: '捐赠列表 The donations of the counties in the reader’s jurisdiction',
          description:
            'County approvers, supervisors and administrators; `countyId` outside the jurisdiction 403.',
          operationId: 'listDonations',
          security: READ_SECURITY,
          parameters: parametersOf(donationListQuerySchema, 'query'),
          responses: {
            '200': answer('The donations, newest receipt first.'),
            ...errors('400', '403', '422'),
          },
        }),
        post: donations({
          summary: '登记捐赠 Record a donation (money or goods) and issue its receipt',
          description:
            'The county’s approver. Money raises the county’s 社会捐赠 budget line of the directed ' +
            'programme (临时救助 when undirected) for the year received, so rolls can draw on it; goods ' +
            'go on the named supermarket’s shelf. The receipt number is gapless per county and year.',
          operationId: 'recordDonation',
          security: WRITE_SECURITY,
          requestBody: body(donationSchema, '5,000 yuan from a company for 低保 in 喜洲镇', {
            countyId: '532901',
            donorKind: 'ORGANISATION',
            donorName: '大理某某有限公司',
            receivedOn: '2026-11-30',
            direction: { programmeCode: 'DIBAO_RURAL', townshipId: '532901003' },
            money: { amountYuan: 5000 },
          }),
          responses: {
            '201': answer('The donation’s id and receipt number.'),
            ...errors('400', '403', '409', '422'),
          },
        }),
      },
      '/api/donations/{donationId}': {
        get: donations({
          summary: '捐赠 One donation’s receipt number',
          description: 'Another county’s donation answers 404.',
          operationId: 'getDonation',
          security: READ_SECURITY,
          parameters: DONATION_ID,
          responses: { '200': answer('The donation.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/donations/{donationId}/receipt': {
        get: donations({
          summary: '捐赠收据 The printable receipt (zh-CN HTML)',
          description: 'Readers in jurisdiction; another county’s donation answers 404.',
          operationId: 'getDonationReceipt',
          security: READ_SECURITY,
          parameters: DONATION_ID,
          responses: {
            '200': {
              description: 'The receipt, an HTML page.',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
            ...errors('400', '403', '404'),
          },
        }),
      },
      '/api/donations/{donationId}/trace': {
        get: donations({
          summary: '捐赠去向 Where a donation went',
          description:
            'Money: every roll’s draw on its line and the share this donation bore (proportional). ' +
            'Goods: every exchange that took units of its lot, by household and township.',
          operationId: 'traceDonation',
          security: READ_SECURITY,
          parameters: DONATION_ID,
          responses: { '200': answer('The trace.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/charity-supermarkets': {
        get: markets({
          summary: '爱心超市列表 The supermarkets of the counties in the reader’s jurisdiction',
          operationId: 'listSupermarkets',
          security: READ_SECURITY,
          parameters: parametersOf(supermarketListQuerySchema, 'query'),
          responses: { '200': answer('The supermarkets.'), ...errors('400', '403', '422') },
        }),
        post: markets({
          summary: '设立爱心超市 Open (or find) a county’s supermarket by name',
          operationId: 'createSupermarket',
          security: WRITE_SECURITY,
          requestBody: body(supermarketSchema, 'A supermarket in 喜洲镇', {
            countyId: '532901',
            townshipId: '532901003',
            name: '喜洲镇爱心超市',
          }),
          responses: { '201': answer('The supermarket.'), ...errors('400', '403', '422') },
        }),
      },
      '/api/charity-supermarkets/points-issues': {
        post: markets({
          summary: '发放积分 Issue a month’s points to the county’s enrolled 低保 and 特困 households',
          description:
            'The county’s approver. Once per household and month: a second call (a retry) issues nothing ' +
            'and answers `issued: 0`.',
          operationId: 'issueSupermarketPoints',
          security: WRITE_SECURITY,
          requestBody: body(pointsIssueSchema, 'December 2026 for 大理市', {
            countyId: '532901',
            month: '2026-12',
          }),
          responses: {
            '200': answer('How many households were issued points.'),
            ...errors('400', '403', '422'),
          },
        }),
      },
      '/api/charity-supermarkets/{supermarketId}': {
        get: markets({
          summary: '爱心超市库存 A supermarket’s stock by item',
          operationId: 'getSupermarket',
          security: READ_SECURITY,
          parameters: SUPERMARKET_ID,
          responses: { '200': answer('The stock.'), ...errors('400', '403', '404') },
        }),
      },
      '/api/charity-supermarkets/{supermarketId}/exchanges': {
        post: markets({
          summary: '积分兑换 A household exchanges points for goods',
          description:
            'The county’s approver. Not enough stock or points answers 409 and nothing changes; two ' +
            'exchanges racing for the last unit: exactly one wins.',
          operationId: 'exchangeGoods',
          security: WRITE_SECURITY,
          parameters: SUPERMARKET_ID,
          requestBody: body(exchangeSchema, 'Two bags of rice', {
            stockId: '00000000-0000-4000-8000-000000000001',
            householdId: '00000000-0000-4000-8000-000000000002',
            quantity: 2,
          }),
          responses: {
            '201': answer('The exchange, the balance left.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
    },
  };
}
