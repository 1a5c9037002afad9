import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@prisma/client';
import type { Database } from '../../platform/database';
import { fileCase } from '../support/supervision-fixtures';
import { createTestDatabase } from '../support/test-database';

/**
 * A transaction's queries go to its one connection one at a time (platform/one-query-at-a-time.ts)
 * even when Prisma sends two at once — sibling relations of one read, or a `Promise.all` on the
 * transaction. The integration tests run with pg 9's rule (test/support/one-query-at-a-time.ts),
 * under which Prisma's own adapter fails these same reads.
 */

let db: Database;
let url: string;
let caseId: string;
beforeAll(async () => {
  ({ db, url } = await createTestDatabase());
  ({ id: caseId } = await fileCase(db, { villageId: '532901003001', name: '杨一并' }));
});
afterAll(() => db?.$disconnect());

/** What the case page reads in one snapshot: a case with its household's members and village, and its events. */
function readCaseAndItsRelations(client: PrismaClient) {
  return client.$transaction((tx) =>
    Promise.all([
      tx.$queryRaw<{ slept: string }[]>`SELECT pg_sleep(0.05)::text AS slept`,
      tx.case.findUniqueOrThrow({
        where: { id: caseId },
        include: { household: { include: { members: true, village: true } }, events: true },
      }),
    ]),
  );
}

test('two reads of one transaction at once, one with sibling relations: both answered', async () => {
  const [, found] = await readCaseAndItsRelations(db);
  expect(found.household.members.map((m) => m.name)).toEqual(['杨一并']);
  expect(found.household.village.name).toBe('喜洲村');
  expect(found.events.length).toBeGreaterThan(0);
});

test('queries taking turns are still one transaction: a write seen by the next read, and undone by a failure', async () => {
  const note = '一并写入';
  await expect(
    db.$transaction(async (tx) => {
      await tx.household.updateMany({ where: { cases: { some: { id: caseId } } }, data: { address: note } });
      const [seen] = await Promise.all([
        tx.household.findFirstOrThrow({ where: { cases: { some: { id: caseId } } } }),
        tx.case.findUniqueOrThrow({ where: { id: caseId }, include: { household: true, events: true } }),
      ]);
      expect(seen.address).toBe(note);
      throw new Error('roll back');
    }),
  ).rejects.toThrow('roll back');
  const after = await db.household.findFirstOrThrow({ where: { cases: { some: { id: caseId } } } });
  expect(after.address).not.toBe(note);
});

test("without the turns, pg 9's rule refuses the same reads (the rule is in force in these tests)", async () => {
  const bare = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  // The rule also says so on stderr (a refusal a retrying activity swallows); kept out of the log here.
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await expect(readCaseAndItsRelations(bare)).rejects.toThrow(/pg 9 refuses it/);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('[one-query-at-a-time]');
  } finally {
    stderr.mockRestore();
    await bare.$disconnect();
  }
});
