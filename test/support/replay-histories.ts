import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { z } from 'zod';

/**
 * Fetches the histories of the workflows named (saved in protobuf's binary form in `fetchInto`;
 * the SDK's JSON conversion fails on these histories), then replays
 * every history file in the folders given against the workflow bundle, printing one JSON
 * line per history with the error, if the code no longer replays it. A process of its own:
 * protobufjs's types do not survive Jest's module registries.
 */
const { History } = temporal.api.history.v1;

const argsSchema = z.object({
  bundle: z.string().min(1),
  address: z.string().min(1),
  fetch: z.string().default(''),
  fetchInto: z.string().min(1),
  folders: z.string().min(1),
});

async function main(): Promise<void> {
  const args = argsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const connection = await Connection.connect({ address: args.address });
  const client = new Client({ connection });
  for (const entry of args.fetch.split(',').filter(Boolean)) {
    const [name, workflowId] = entry.split('=') as [string, string];
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    fs.writeFileSync(path.join(args.fetchInto, `${name}.binpb`), History.encode(history).finish());
  }
  await connection.close();

  const histories = args.folders.split(',').flatMap((folder) =>
    fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.binpb'))
      .map((file) => ({
        workflowId: path.join(path.basename(folder), file),
        history: History.decode(fs.readFileSync(path.join(folder, file))),
      })),
  );
  const workflowBundle = { code: fs.readFileSync(args.bundle, 'utf8') };
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
    process.stdout.write(
      `${JSON.stringify({ history: result.workflowId, error: result.error ? String(result.error) : null })}\n`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
