import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { connectDatabase, type Database } from '../../platform/database';
import { backupReadModel, restoreReadModel, type BackupManifest } from '../../scripts/read-model-backup';
import { caseStateQuery, enrolmentWorkflowId, type CaseView } from '../../workflows/definitions';
import { CaseDriver } from '../support/case-driver';
import { waitFor } from '../support/fixtures';
import { useWorkflowHarness } from '../support/workflow-harness';

const harness = useWorkflowHarness();

const served = { servedOn: '2026-12-04', method: 'inPerson', servedBy: '赵乡镇经办' };

/** The row's fields the workflow's view holds, in the view's terms. */
function viewOfRow(
  row: Awaited<ReturnType<Database['case']['findUniqueOrThrow']>>,
): Omit<CaseView, 'caseNo'> {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    status: row.status as CaseView['status'],
    currentStep: row.currentStep as CaseView['currentStep'],
    assigneeUnitId: row.assigneeUnitId,
    dueAt: iso(row.dueAt),
    overdue: row.overdue,
    overallDueAt: iso(row.overallDueAt),
    overallOverdue: row.overallOverdue,
    monthlyAmount: row.monthlyAmount === null ? null : Number(row.monthlyAmount),
    nextReviewAt: iso(row.nextReviewAt),
  };
}

const normalised = (v: CaseView): Omit<CaseView, 'caseNo'> => ({
  status: v.status,
  currentStep: v.currentStep,
  assigneeUnitId: v.assigneeUnitId,
  dueAt: v.dueAt ? new Date(v.dueAt).toISOString() : null,
  overdue: v.overdue,
  overallDueAt: v.overallDueAt ? new Date(v.overallDueAt).toISOString() : null,
  overallOverdue: v.overallOverdue,
  monthlyAmount: v.monthlyAmount,
  nextReviewAt: v.nextReviewAt ? new Date(v.nextReviewAt).toISOString() : null,
});

/** Each table's rows as JSON text, sorted, hashed: equal hashes, equal rows. */
async function tableDigests(url: string, tables: string[]): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, string> = {};
    for (const t of tables) {
      const { rows } = await client.query<{ digest: string | null }>(
        `SELECT md5(coalesce(string_agg(j, E'\\n' ORDER BY j), '')) AS digest
           FROM (SELECT row_to_json(x)::text AS j FROM "${t}" x) rows`,
      );
      out[t] = rows[0]!.digest ?? '';
    }
    return out;
  } finally {
    await client.end();
  }
}

describe('backup and restore of the read model', () => {
  test('a backup of cases at every step restores into a fresh database, row for row, and every case agrees with its workflow', async () => {
    // Cases at several steps, each quiet in the read model before the backup.
    const filed = await CaseDriver.file(harness.env, harness.db);
    await filed.reach('acceptance');
    const investigating = await CaseDriver.file(harness.env, harness.db);
    await investigating.accept();
    await investigating.reach('investigation');
    const reviewing = await CaseDriver.file(harness.env, harness.db);
    await reviewing.toTownshipReview();
    const onNotice = await CaseDriver.file(harness.env, harness.db);
    await onNotice.toNotice();
    const enrolled = await (await CaseDriver.file(harness.env, harness.db)).toEnrolment();
    const refused = await CaseDriver.file(harness.env, harness.db);
    await refused.toTownshipReview(3);
    await refused.reviewInTownship({ decision: 'refuse', reasons: '民主评议未通过' });
    await waitFor(async () => (await refused.row()).status === 'REFUSED', 'the refusal written');
    const closed = await CaseDriver.file(harness.env, harness.db);
    await closed.toTownshipReview(3);
    await closed.reviewInTownship({ decision: 'refuse', reasons: '民主评议未通过' });
    await waitFor(async () => (await closed.row()).status === 'REFUSED', 'the refusal written');
    await closed.act('recordLetterServed', 'xiang.xizhou', served);
    await closed.completed();
    const drivers = [filed, investigating, reviewing, onNotice, enrolled, refused, closed];
    // The letters mailed, so the outbox is quiet too.
    await waitFor(
      async () => (await harness.db.outboundMail.count({ where: { status: { not: 'SENT' } } })) === 0,
      'the outbox sent',
    );

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiuzhu-backup-'));
    const lines: string[] = [];
    const manifest = await backupReadModel(harness.databaseUrl, dir, { say: (l) => lines.push(l) });
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    // Whichever way it was made, the backup says how.
    expect(lines.join('\n')).toMatch(/pg_dump|built-in logical dump/);

    const restoredUrl = harness.databaseUrl.replace(
      /\/[^/]+$/,
      `/restored_${randomUUID().replace(/-/g, '')}`,
    );
    await restoreReadModel(dir, restoredUrl);
    // Restoring over a database that exists is refused: nothing is overwritten.
    await expect(restoreReadModel(dir, restoredUrl)).rejects.toThrow(/exists already|schema version/);
    const restored = connectDatabase(restoredUrl);
    try {
      if (manifest.format === 'jiuzhu-json') {
        const tables = (manifest as Required<BackupManifest>).tables;
        expect(tables.find((t) => t.name === 'Case')?.rows).toBeGreaterThanOrEqual(drivers.length);
        // Row for row what was dumped: the restored tables hash as the dump's lines do.
        const digests = await tableDigests(
          restoredUrl,
          tables.map((t) => t.name),
        );
        for (const t of tables) {
          const dumped = fs
            .readFileSync(path.join(dir, t.file), 'utf8')
            .split('\n')
            .filter((l) => l.length > 0)
            .sort();
          expect([t.name, digests[t.name]]).toEqual([
            t.name,
            createHash('md5').update(dumped.join('\n')).digest('hex'),
          ]);
        }
      }
      // The case tables as the source holds them now (its workflows are quiet).
      const caseTables = [
        'Case',
        'CaseEvent',
        'Letter',
        'BenefitPayment',
        'OpenClaim',
        'OpenCaseTally',
        'CaseNumberCounter',
      ];
      expect(await tableDigests(restoredUrl, caseTables)).toEqual(
        await tableDigests(harness.databaseUrl, caseTables),
      );

      // Every restored case agrees with its workflow: the running one's view, or a closed run's end.
      for (const d of drivers) {
        const row = await restored.case.findUniqueOrThrow({ where: { id: d.caseId } });
        const application = harness.env.client.workflow.getHandle(row.workflowId);
        const running =
          (await application.describe()).status.name === 'RUNNING'
            ? application
            : row.status === 'ENROLLED'
              ? harness.env.client.workflow.getHandle(enrolmentWorkflowId(row.caseNo))
              : null;
        if (running) {
          expect([row.caseNo, viewOfRow(row)]).toEqual([
            row.caseNo,
            normalised(await running.query(caseStateQuery)),
          ]);
        } else {
          expect(row.closedAt).not.toBeNull();
          expect(row.status).toBe('REFUSED');
        }
        const events = await restored.caseEvent.count({ where: { caseId: d.caseId } });
        expect(events).toBe(row.lastEventSeq);
      }
      // The sequences go on from where they were: a new event of the restored case takes the next id.
      const [{ max }] = (await restored.$queryRaw<
        { max: bigint }[]
      >`SELECT max(id) AS max FROM "CaseEvent"`) as [{ max: bigint }];
      const [{ next }] = (await restored.$queryRaw<
        { next: bigint }[]
      >`SELECT nextval('"CaseEvent_id_seq"') AS next`) as [{ next: bigint }];
      expect(next).toBeGreaterThan(max);
    } finally {
      await restored.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    }

    for (const d of [filed, investigating, reviewing, onNotice, refused]) await d.discard();
    await enrolled.discard();
  });
});
