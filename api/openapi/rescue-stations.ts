import { STATION_READERS, STATION_STAFF, stationParamsSchema, vagrantIntakeSchema } from '../rescue-stations';
import { noQuerySchema } from '../schemas/strict-input';
import { roleNames } from './request-bodies';
import { errors, READ_SECURITY, WRITE_SECURITY } from './responses';
import {
  exampleBody,
  objectAnswer,
  parametersOf,
  type OpenApiOperation,
  type OpenApiPathSource,
} from './types';

// 救助管理站 rescue stations: the stations, the people present, and intake (入站登记).

const op = (o: Omit<OpenApiOperation, 'tags'>): OpenApiOperation => ({ tags: ['rescue-stations'], ...o });

const STATION = parametersOf(stationParamsSchema, 'path', { stationId: 'The station’s id (UUID).' });

/** An unknown man found in the street: no name, no ID number, home unknown. */
export const VAGRANT_INTAKE_EXAMPLE = {
  sex: 'male',
  apparentAge: 50,
  features: '身高约 170 厘米，左臂有烧伤疤痕，穿灰色棉衣',
  foundAt: '下关街道泰安桥附近',
  homeKnown: false,
  condition: 'none',
};

export function rescueStationPaths(): OpenApiPathSource {
  return {
    tags: [
      {
        name: 'rescue-stations',
        description: '救助管理站 Rescue stations for vagrants and beggars: the people present and intake',
      },
    ],
    paths: {
      '/api/rescue-stations': {
        get: op({
          summary: '救助管理站 The stations of the reader’s county, or of every county below the unit',
          description: `${roleNames(STATION_READERS)}; others 403. Each with its capacity and occupancy.`,
          operationId: 'listRescueStations',
          security: READ_SECURITY,
          parameters: parametersOf(noQuerySchema, 'query'),
          responses: { '200': objectAnswer('The stations.'), ...errors('400', '403') },
        }),
      },
      '/api/rescue-stations/{stationId}': {
        get: op({
          summary: '在站人员 One station with the people present and their clocks',
          description:
            `${roleNames(STATION_READERS)}; others 403; a station outside the reader’s unit 404. Each ` +
            'person present: case number, name or description (身份不明人员), the ID number masked, hours ' +
            'since intake, the tracing notice due (寻亲公告, and whether late), the stay’s end and whether ' +
            'it is near, a hospital stay. Audited as a read with the case numbers shown.',
          operationId: 'getRescueStation',
          security: READ_SECURITY,
          parameters: [...STATION, ...parametersOf(noQuerySchema, 'query')],
          responses: {
            '200': objectAnswer('The station and the people present.'),
            ...errors('400', '403', '404'),
          },
        }),
      },
      '/api/rescue-stations/{stationId}/intakes': {
        post: op({
          summary: '入站登记 Take a person in: opens their VAGRANT case (VG-…) and starts its workflow',
          description:
            `${roleNames(STATION_STAFF)} of the station’s county; others 403; a station outside the unit 404. ` +
            'Voluntary and free; identity as far as known — without an ID number, `sex` and `apparentAge` ' +
            'are required. Home unknown (`homeKnown: false`): the tracing notice is due within the county’s ' +
            'hours (24). An adult stays at most the county’s days (10); a minor (under the county’s ' +
            '`adultAge`, 16) is referred at once. A full station answers 409 `station_full`: the place is ' +
            'taken by a conditional update and a CHECK, so racing intakes never pass the capacity. ' +
            '`Idempotency-Key` makes a retry answer with the first case.',
          operationId: 'admitToRescueStation',
          security: WRITE_SECURITY,
          parameters: STATION,
          requestBody: exampleBody(
            vagrantIntakeSchema,
            'An unknown man found in the street',
            VAGRANT_INTAKE_EXAMPLE,
          ),
          responses: {
            '201': objectAnswer('The case opened: caseNo, status, workflow.'),
            '200': objectAnswer('The same case again (the same Idempotency-Key).'),
            '202': objectAnswer('Written and numbered; the workflow starts once Temporal is back.'),
            ...errors('400', '403', '404', '409', '422'),
          },
        }),
      },
    },
  };
}
