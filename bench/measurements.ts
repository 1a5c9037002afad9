/** What one benchmark run observed: latencies by kind, histories per case, wall time. */
export class Measurements {
  /** Update name → ms from sending the Update to its result. */
  readonly updateMs = new Map<string, number[]>();
  /** Update name → ms from that Update's return until the next step was open. */
  readonly stepToStepMs = new Map<string, number[]>();
  /** Per completed case: history events of each of its workflow runs. */
  readonly runEvents: number[][] = [];
  /** Updates sent per completed case. */
  readonly updatesPerCase: number[] = [];
  wallMs = 0;
  /** Filings sent again after the database refused them for overload (no connection in time). */
  filingRetries = 0;

  update(kind: string, ms: number): void {
    push(this.updateMs, kind, ms);
  }

  stepToStep(kind: string, ms: number): void {
    push(this.stepToStepMs, kind, ms);
  }

  get cases(): number {
    return this.runEvents.length;
  }

  allUpdates(): number[] {
    return [...this.updateMs.values()].flat();
  }

  allStepToStep(): number[] {
    return [...this.stepToStepMs.values()].flat();
  }
}

function push(map: Map<string, number[]>, kind: string, ms: number): void {
  const samples = map.get(kind);
  if (samples) samples.push(ms);
  else map.set(kind, [ms]);
}
