import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseWorkflowInput } from '../../api/case-workflows';
import { admitPerson, findVisibleStation, vagrantIntakeSchema } from '../../api/rescue-stations';
import type { Database } from '../../platform/database';
import { APPLICATION_WORKFLOWS } from '../../workflows/programme-workflows';
import { CaseDriver } from './case-driver';
import { actorFor } from './fixtures';
import { TEST_TASK_QUEUE } from './temporal';

/** 大理市救助管理站 of the seed: its staff are 大理市民政局's (xian.dali). */
export const DALI_STATION = '大理市救助管理站';

export async function stationId(db: Database, name = DALI_STATION): Promise<string> {
  const station = await db.rescueStation.findFirstOrThrow({ where: { name } });
  return station.id;
}

/** An unknown adult found in the street: no name, no ID number, home unknown. */
export const unknownAdult = (overrides: Record<string, unknown> = {}) => ({
  sex: 'male',
  apparentAge: 50,
  features: '身高约 170 厘米，左臂有烧伤疤痕，穿灰色棉衣',
  foundAt: '下关街道泰安桥附近',
  homeKnown: false,
  ...overrides,
});

/** Takes a person in at the station as its staff would, and starts the stay's workflow. */
export async function admit(
  env: TestWorkflowEnvironment,
  db: Database,
  intake: Record<string, unknown>,
  options: { station?: string; staff?: string } = {},
): Promise<CaseDriver> {
  const actor = await actorFor(db, options.staff ?? 'xian.dali');
  const station = await findVisibleStation(db, actor, options.station ?? (await stationId(db)));
  const { caseId } = await admitPerson(db, actor, station, vagrantIntakeSchema.parse(intake), undefined);
  const { workflowId, ...input } = await caseWorkflowInput(db, caseId);
  await env.client.workflow.start(APPLICATION_WORKFLOWS.vagrant, {
    workflowId,
    taskQueue: TEST_TASK_QUEUE,
    args: [input],
  });
  const driver = CaseDriver.attach(env, db, caseId, workflowId);
  await driver.reach('vagrantExit');
  return driver;
}
