import { defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import type { StaffRole } from '../domain/staff-roles';
import type { CaseView, StepSubmission } from './definitions';
import { lazySchema } from '../domain/lazy-schema';

/** 受灾人员救助's own Update, recorded by the relocation register's return route (api/disaster-relocation.ts). */

export const RETURN_HOME_ROLES: readonly StaffRole[] = ['TOWNSHIP_OFFICER', 'COUNTY_APPROVER'];

/** 返家: the day the person went home (that day is not paid). */
export const returnHomeSchema = lazySchema(() =>
  z.strictObject({
    returnedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
    note: z.string().max(500).optional(),
  }),
);

export type ReturnHome = z.infer<typeof returnHomeSchema>;

export const recordReturnHome = defineUpdate<CaseView, [StepSubmission]>('recordReturnHome');
