import fs from 'node:fs';
import type { RunningPostgres } from '../../scripts/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __jiuzhuTest?: { postgres: RunningPostgres; workDir: string } })
    .__jiuzhuTest;
  if (!state) return;
  await state.postgres.stop();
  fs.rmSync(state.workDir, { recursive: true, force: true });
}
