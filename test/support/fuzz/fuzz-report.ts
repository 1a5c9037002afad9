import type { FuzzFailure, FuzzReport } from './fuzz-run';

/** One failure, short enough to read in a list: the route, the problem, the request that showed it. */
export function describeFailure(f: FuzzFailure): string {
  const e = f.example;
  return [
    `${f.route} ×${f.times}: ${f.problem.replace(/\s+/g, ' ').slice(0, 240)}`,
    `    ${e.method} ${e.url.slice(0, 200)}  [${e.auth}] → ${e.status}`,
    ...e.changes.map((c) => `      ${c.slice(0, 120)}`),
  ].join('\n');
}

/** The statuses seen, `200×312 400×2011 …`, in order. */
export function statusLine(statuses: Record<number, number>): string {
  return Object.entries(statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, n]) => `${status}×${n}`)
    .join(' ');
}

/** The whole run: the count, the seed, statuses overall and per route, and each failure. */
export function formatReport(report: FuzzReport): string {
  const width = Math.max(...Object.keys(report.byRoute).map((r) => r.length));
  return [
    `${report.requests} requests (seed ${report.seed}): ${statusLine(report.statuses)}`,
    ...(report.unjudged
      ? [`${report.unjudged} refused while a workflow was still writing: their rows not compared`]
      : []),
    '',
    ...Object.entries(report.byRoute)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([route, statuses]) => `  ${route.padEnd(width)}  ${statusLine(statuses)}`),
    '',
    report.failures.length
      ? `${report.failures.length} kinds of failure:\n${report.failures.map(describeFailure).join('\n')}`
      : 'no failures',
  ].join('\n');
}
