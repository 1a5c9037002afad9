import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ReferralAction, ReferralStatus } from '../../domain/referral-steps';
import type { Database } from '../../platform/database';
import { referByHand } from '../../workflows/definitions';
import {
  referralStateQuery,
  referralUpdates,
  referralWorkflowId,
  type ReferralView,
} from '../../workflows/referral-definitions';
import type { CaseDriver } from './case-driver';
import { answered } from './answered';
import { actorFor, waitFor } from './fixtures';

/** The seeded officer of each county bureau of 大理市. */
export const DEPARTMENT_OFFICERS = {
  EDUCATION: 'bumen.jiaoyu.dali',
  HOUSING: 'bumen.zhujian.dali',
  LABOUR: 'bumen.renshe.dali',
  JUSTICE: 'bumen.sifa.dali',
  HEALTH: 'bumen.weijian.dali',
} as const;

export const staffAddress = (username: string) => `${username}@staff.jiuzhu.local`;

/** Drives one referral workflow as the township and the departments would. */
export class ReferralDriver {
  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: Database,
    readonly referralNo: string,
  ) {}

  get handle() {
    return this.env.client.workflow.getHandle(referralWorkflowId(this.referralNo));
  }

  /** The case's referrals once `count` of them are written, in number order. */
  static async ofCase(
    c: CaseDriver,
    count: number,
    where: { source?: 'proposed' | 'manual' } = {},
  ): Promise<ReferralDriver[]> {
    const rows = await waitFor(async () => {
      const found = await c.db.referral.findMany({
        where: { caseId: c.caseId, ...where },
        orderBy: { referralNo: 'asc' },
      });
      return found.length >= count && found;
    }, `${count} referrals`);
    return rows.map((r) => new ReferralDriver(c.env, c.db, r.referralNo));
  }

  /** A referral made by hand on the case's enrolment; answers its driver once it is sent. */
  static async byHand(
    enrolment: CaseDriver,
    payload: { kind: string; memberId?: string | null; reason: string },
    username = 'xiang.xizhou',
  ): Promise<ReferralDriver> {
    const actor = await actorFor(enrolment.db, username);
    const { referralNo } = await enrolment.handle.executeUpdate(referByHand, { args: [{ actor, payload }] });
    const driver = new ReferralDriver(enrolment.env, enrolment.db, referralNo);
    await driver.reach('SENT');
    return driver;
  }

  async act(action: ReferralAction, username: string, payload: unknown): Promise<ReferralView> {
    const actor = await actorFor(this.db, username);
    return this.handle.executeUpdate(referralUpdates[action], { args: [{ actor, payload }] });
  }

  view(): Promise<ReferralView> {
    return answered(this.env, this.handle, 'query referralState', () =>
      this.handle.query(referralStateQuery),
    );
  }

  row() {
    return this.db.referral.findUniqueOrThrow({ where: { referralNo: this.referralNo } });
  }

  /** Waits until the referral's row shows `status`. */
  async reach(status: ReferralStatus) {
    return waitFor(async () => {
      const row = await this.db.referral.findUnique({ where: { referralNo: this.referralNo } });
      return row?.status === status && row;
    }, `referral ${this.referralNo} ${status}`);
  }

  /** Accepted, a progress note, and completed as served: a department's whole path. */
  async serve(username: string, service: string, amountYuan: number | null = null) {
    await this.act('accept', username, { handler: '承办人甲' });
    await this.act('progress', username, { on: '2027-01-04', note: '已入户了解情况，正在办理' });
    return this.act('complete', username, { result: 'served', service, amountYuan, startedOn: '2027-01-05' });
  }

  /** The events this referral wrote into its case's log, by type. */
  async eventTypes(): Promise<string[]> {
    const { caseId } = await this.row();
    const events = await this.db.caseEvent.findMany({ where: { caseId }, orderBy: { seq: 'asc' } });
    return events
      .filter((e) => (e.payload as { referralNo?: string } | null)?.referralNo === this.referralNo)
      .map((e) => e.type);
  }
}
