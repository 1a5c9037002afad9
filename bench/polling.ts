/**
 * How often the bench asks a workflow whether its next step is open. The test driver polls
 * every 100 ms, too coarse to measure step-to-step latency; finer polling adds query load,
 * the same for the lifecycle and the minimal workflow.
 */
export const POLL_INTERVAL_MS = 10;

/** Polls `probe` until it answers truthy. Errors count as "not yet" (e.g. a run just continued as new). */
export async function pollUntil<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 60_000,
  intervalMs = POLL_INTERVAL_MS,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > until) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
