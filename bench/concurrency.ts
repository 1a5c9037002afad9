export interface Outcomes<T> {
  results: T[];
  failures: { index: number; error: unknown }[];
}

/**
 * Runs `task(0…count-1)` with at most `limit` at once. A failed task does not stop the others,
 * so everything has settled (nothing still in flight) when the caller tears the world down.
 */
export async function runConcurrently<T>(
  count: number,
  limit: number,
  task: (index: number) => Promise<T>,
): Promise<Outcomes<T>> {
  const outcomes: Outcomes<T> = { results: [], failures: [] };
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      try {
        outcomes.results.push(await task(index));
      } catch (error) {
        outcomes.failures.push({ index, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
  return outcomes;
}
