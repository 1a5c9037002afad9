import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { TaskQueueKind, TaskQueueType } = temporal.api.enums.v1;

/** Asks `probe` every `everyMs` until it says yes, or `cancelled()` does (then answers false). */
export async function waitUntil(
  probe: () => Promise<boolean>,
  { everyMs = 250, cancelled = () => false }: { everyMs?: number; cancelled?: () => boolean } = {},
): Promise<boolean> {
  while (!cancelled()) {
    if (await probe().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return false;
}

/**
 * The dev script's own view of Temporal: a lazy connection whose calls each get 2 s, so a
 * restarting server is asked again rather than waited on.
 */
export class TemporalProbe {
  private readonly connection: Connection;

  constructor(address: string) {
    this.connection = Connection.lazy({ address, connectTimeout: '2s' });
  }

  private call<T>(fn: () => Promise<T>): Promise<T> {
    return this.connection.withDeadline(Date.now() + 2_000, fn);
  }

  async answers(): Promise<boolean> {
    await this.call(() => this.connection.workflowService.getSystemInfo({}));
    return true;
  }

  /** Whether a worker of this identity has polled the task queue for workflow tasks. */
  async polledBy(namespace: string, taskQueue: string, identity: string): Promise<boolean> {
    const { pollers } = await this.call(() =>
      this.connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    return pollers.some((poller) => poller.identity === identity);
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

/** Whether the API answers its health check with 200 (every part up). */
export async function apiHealthy(baseUrl: string): Promise<boolean> {
  const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(3_000) });
  return res.status === 200;
}
