import type { Measurements } from './measurements';
import { distribution, type Distribution } from './percentiles';

type Cell = string | number | null;

const ms = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(1));

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  return a == null || b == null || b === 0 ? '—' : `${(a / b).toFixed(2)}×`;
}

/** Plain-text columns: the first left-aligned, the others right-aligned. */
export function table(headers: string[], rows: Cell[][], indent = '  '): string {
  const text = [headers, ...rows.map((row) => row.map((cell) => (cell == null ? '—' : String(cell))))];
  const widths = headers.map((_, col) => Math.max(...text.map((row) => (row[col] ?? '').length)));
  return text
    .map(
      (row) =>
        indent +
        row
          .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

function distributionRow(label: string, d: Distribution | null): Cell[] {
  return [label, d?.n ?? 0, ms(d?.p50), ms(d?.p90), ms(d?.p99), ms(d?.max)];
}

/** Latencies by kind with an "all" line: one row per Update name, in the order first seen. */
export function latencyTable(byKind: Map<string, number[]>, firstColumn: string): string {
  const rows = [...byKind].map(([kind, samples]) =>
    distributionRow(`${firstColumn}${kind}`, distribution(samples)),
  );
  rows.push(distributionRow('all', distribution([...byKind.values()].flat())));
  return table(['', 'n', 'p50', 'p90', 'p99', 'max'], rows);
}

function caseFigures(m: Measurements) {
  const totals = m.runEvents.map((runs) => runs.reduce((a, b) => a + b, 0));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  return {
    wallS: m.wallMs / 1000,
    casesPerS: m.cases / (m.wallMs / 1000),
    updatesPerCase: mean(m.updatesPerCase),
    eventsPerCaseMean: mean(totals),
    eventsPerCaseMax: totals.length ? Math.max(...totals) : null,
    runsPerCase: mean(m.runEvents.map((runs) => runs.length)),
    maxEventsInRun: m.runEvents.length ? Math.max(...m.runEvents.flat()) : null,
    update: distribution(m.allUpdates()),
    stepToStep: distribution(m.allStepToStep()),
  };
}

/** The figures of both runs side by side, with lifecycle ÷ minimal. */
export function comparisonTable(
  lifecycle: Measurements,
  minimal: Measurements,
  baseline = 'minimal',
): string {
  const l = caseFigures(lifecycle);
  const b = caseFigures(minimal);
  const fixed = (digits: number) => (v: number | null) => (v == null ? null : v.toFixed(digits));
  const line = (label: string, a: number | null, c: number | null, format = fixed(1)): Cell[] => [
    label,
    format(a),
    format(c),
    ratio(a, c),
  ];
  const percentiles = (label: string, of: 'update' | 'stepToStep') =>
    (['p50', 'p90', 'p99', 'max'] as const).map((p) =>
      line(`${label} ${p}, ms`, l[of]?.[p] ?? null, b[of]?.[p] ?? null),
    );
  return table(
    ['', 'lifecycle', baseline, 'ratio'],
    [
      [`cases completed`, lifecycle.cases, minimal.cases, ''],
      line('Updates per case', l.updatesPerCase, b.updatesPerCase, fixed(0)),
      line('wall time, s', l.wallS, b.wallS, fixed(2)),
      line('cases/s', l.casesPerS, b.casesPerS, fixed(2)),
      ...percentiles('Update latency', 'update'),
      ...percentiles('step-to-step', 'stepToStep'),
      line('history events per case, mean', l.eventsPerCaseMean, b.eventsPerCaseMean),
      line('history events per case, max', l.eventsPerCaseMax, b.eventsPerCaseMax, fixed(0)),
      line('workflow runs per case', l.runsPerCase, b.runsPerCase),
      line('max events in a single run', l.maxEventsInRun, b.maxEventsInRun, fixed(0)),
    ],
  );
}

/** p50 of each kind, lifecycle beside minimal. */
export function medianByKindTable(
  lifecycle: Map<string, number[]>,
  minimal: Map<string, number[]>,
  firstColumn: string,
): string {
  const kinds = [...new Set([...lifecycle.keys(), ...minimal.keys()])];
  return table(
    ['', 'lifecycle', 'minimal', 'ratio'],
    kinds.map((kind) => {
      const a = distribution(lifecycle.get(kind) ?? [])?.p50;
      const c = distribution(minimal.get(kind) ?? [])?.p50;
      return [`${firstColumn}${kind}`, ms(a), ms(c), ratio(a, c)];
    }),
  );
}
