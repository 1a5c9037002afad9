/** Each part of the stack by name, in the order they are stopped: what uses a part goes first. */
export const STOP_ORDER = ['proxy', 'api', 'worker', 'temporal', 'mail catcher', 'postgres'] as const;
export type PartName = (typeof STOP_ORDER)[number];

export interface Part {
  name: string;
  stop(): Promise<void>;
}

/**
 * The parts started so far. `stop()` stops them one after another in STOP_ORDER; a part added
 * while stopping (a start still under way) is stopped at once.
 */
export class Stack {
  private readonly parts: Part[] = [];
  private readonly late: Promise<void>[] = [];
  private stopping = false;

  constructor(private readonly say: (message: string) => void) {}

  get isStopping(): boolean {
    return this.stopping;
  }

  add(part: Part): void {
    if (this.stopping) this.late.push(this.stopPart(part));
    else this.parts.push(part);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // Several of a kind are numbered ("worker 1", "worker 2") and stop in their kind's place.
    const order = (part: Part) => STOP_ORDER.indexOf(part.name.replace(/ \d+$/, '') as PartName);
    for (const part of [...this.parts].sort((a, b) => order(a) - order(b))) await this.stopPart(part);
    await Promise.all(this.late);
  }

  private async stopPart(part: Part): Promise<void> {
    const started = Date.now();
    await part.stop().catch((error) => this.say(`${part.name} did not stop cleanly: ${error}`));
    this.say(`stopped ${part.name} (${Date.now() - started} ms)`);
  }
}
