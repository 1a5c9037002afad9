import fc from 'fast-check';
import request from 'supertest';
import { DEMO_PASSWORD } from '../../prisma/seed/seed';
import { dibaoApplication, waitFor } from '../support/fixtures';
import { useTestApp } from '../support/test-app';
import { textWithUnstorable } from '../support/unstorable-text';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();
const http = useTestApp(harness);

const auth = (username: string) => `Basic ${Buffer.from(`${username}:${DEMO_PASSWORD}`).toString('base64')}`;

async function written() {
  const [cases, households, members, events, claims, counters] = await Promise.all([
    harness.db.case.count(),
    harness.db.household.count(),
    harness.db.householdMember.count(),
    harness.db.caseEvent.count({ where: { type: 'applicationReceived' } }),
    harness.db.openClaim.count(),
    harness.db.caseNumberCounter.findMany({ orderBy: [{ countyId: 'asc' }, { prefix: 'asc' }] }),
  ]);
  return { cases, households, members, events, claims, counters };
}

/** The application's names, address and village: where a person's text goes. */
const TEXT_FIELDS = ['members.0.name', 'members.1.name', 'members.2.name', 'address', 'villageId'] as const;

function put(body: Record<string, unknown>, field: string, value: string) {
  const path = field.split('.');
  let node = body as Record<string, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = value;
}

describe('text Postgres cannot store answers 400 naming the field, and writes nothing', () => {
  test('any control character or lone surrogate in any name, the address or the village of an application', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXT_FIELDS), textWithUnstorable(), async (field, text) => {
        const before = await written();
        const body = structuredClone(dibaoApplication()) as unknown as Record<string, unknown>;
        put(body, field, text);
        const res = await request(http.app)
          .post('/api/cases')
          .set('Authorization', auth('cun.xizhou'))
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('invalid_input');
        expect(res.body.details).toContainEqual({
          field: `body.${field}`,
          message: expect.stringMatching(/控制字符|字符编码/),
        });
        expect(await written()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  test('in the free text of a step or an action, sent on to a workflow: 400, and nothing recorded', async () => {
    const filed = await request(http.app)
      .post('/api/cases')
      .set('Authorization', auth('cun.xizhou'))
      .send(dibaoApplication());
    expect(filed.status).toBe(201);
    const { caseNo } = filed.body;
    await waitFor(
      async () => (await harness.db.case.findUnique({ where: { caseNo } }))?.currentStep === 'acceptance',
      'the acceptance step',
    );
    await fc.assert(
      fc.asyncProperty(textWithUnstorable({ multiline: true }), async (reasons) => {
        const events = await harness.db.caseEvent.count({ where: { caseId: filed.body.id } });
        const res = await request(http.app)
          .post(`/api/cases/${caseNo}/steps/acceptance`)
          .set('Authorization', auth('xiang.xizhou'))
          .send({ decision: 'reject', reasons });
        expect(res.status).toBe(400);
        expect(res.body.details).toEqual([
          { field: 'body.reasons', message: expect.stringMatching(/控制字符|字符编码/) },
        ]);
        expect(await harness.db.caseEvent.count({ where: { caseId: filed.body.id } })).toBe(events);
      }),
      { numRuns: 25 },
    );
    // Lines and tabs are a multi-line field's own: the step is taken.
    const accepted = await request(http.app)
      .post(`/api/cases/${caseNo}/steps/acceptance`)
      .set('Authorization', auth('xiang.xizhou'))
      .send({ decision: 'reject', reasons: '户籍不在本村：\n\t请向户籍地乡镇申请' });
    expect(accepted.status).toBe(200);
  });
});
