import type { WorkflowClient, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export type UpdateObserver = (updateName: string, ms: number) => void;

/** `target` with some members replaced; the others are the target's own, methods bound to it. */
function overriding<T extends object>(target: T, members: Partial<T>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (Object.hasOwn(members, prop)) return members[prop as keyof T];
      const value: unknown = Reflect.get(t, prop, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

function timedHandle<H extends WorkflowHandle>(handle: H, observe: UpdateObserver): H {
  const executeUpdate = async (...args: Parameters<WorkflowHandle['executeUpdate']>) => {
    const [definition] = args;
    const started = performance.now();
    const result: unknown = await handle.executeUpdate(...args);
    observe(typeof definition === 'string' ? definition : definition.name, performance.now() - started);
    return result;
  };
  return overriding(handle, { executeUpdate } as Partial<H>);
}

/**
 * The environment the bench gives CaseDriver: the same server and client, except that every
 * workflow handle reports how long each `executeUpdate` took, from sending the Update to its
 * result. So the figure leaves out the driver's own database reads before it (the actor, the
 * household's members), which an API would make as well but which are not the workflow's.
 */
export function timingUpdates(
  env: TestWorkflowEnvironment,
  observe: UpdateObserver,
): TestWorkflowEnvironment {
  const workflow = env.client.workflow;
  const start = async (...args: Parameters<WorkflowClient['start']>) =>
    timedHandle(await workflow.start(...args), observe);
  const getHandle = (...args: Parameters<WorkflowClient['getHandle']>) =>
    timedHandle(workflow.getHandle(...args), observe);
  const timedWorkflow = overriding(workflow, { start, getHandle } as Partial<WorkflowClient>);
  const client = overriding(env.client, { workflow: timedWorkflow });
  return overriding(env, { client });
}
