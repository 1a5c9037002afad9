import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseApplicationSchema, type CaseApplication } from '../../api/schemas/case-application';
import type { MedicalCategory } from '../../domain/medical-assistance';
import type { Database } from '../../platform/database';
import { CaseDriver } from './case-driver';
import { idNumber, XIZHOU_VILLAGE } from './fixtures';

/** A medical assistance claim of one patient (the applicant); the same serial is the same person. */
export function medicalApplication(serial: number, name = '杨丽华'): CaseApplication {
  return caseApplicationSchema.parse({
    programme: 'MEDICAL',
    villageId: XIZHOU_VILLAGE,
    address: '大理市喜洲镇喜洲村委会三社8号',
    channel: 'inPerson',
    dataCheckAuthorisationSigned: true,
    members: [
      {
        name,
        idNumber: idNumber('1965-12-04', serial),
        relation: 'APPLICANT',
        labourCapacity: 'PARTIAL',
        health: 'SERIOUS_ILLNESS',
      },
    ],
  });
}

/** Bills where the self-paid part is `selfPaidYuan`, of which `outsideListYuan` outside the list. */
export function bills(selfPaidYuan: number, outsideListYuan = 0) {
  return {
    hospital: '大理州人民医院',
    totalYuan: selfPaidYuan * 3,
    insurerPaidYuan: selfPaidYuan * 2,
    selfPaidYuan,
    outsideListYuan,
  };
}

export interface ClaimOptions {
  category: MedicalCategory;
  kind?: 'claim' | 'advance';
  selfPaidYuan: number;
  outsideListYuan?: number;
}

/** Drives a 医疗救助 case: filed, checked by the township, approved by the county. */
export class MedicalDriver {
  static async file(
    env: TestWorkflowEnvironment,
    db: Database,
    application: CaseApplication,
  ): Promise<CaseDriver> {
    const driver = await CaseDriver.file(env, db, application, 'medicalCheck');
    return driver;
  }

  static check(c: CaseDriver, options: ClaimOptions) {
    return c.decide('medicalCheck', 'xiang.xizhou', {
      decision: 'pass',
      kind: options.kind ?? 'claim',
      submittedBy: 'hospital',
      category: options.category,
      diagnosis: '急性心肌梗死',
      bills: bills(options.selfPaidYuan, options.outsideListYuan),
    });
  }

  static approve(c: CaseDriver) {
    return c.decide('medicalApproval', 'xian.dali', { decision: 'approve' });
  }

  /** Filed, checked and approved: the closed case (or, for an advance, waiting for its final bills). */
  static async claim(
    env: TestWorkflowEnvironment,
    db: Database,
    serial: number,
    options: ClaimOptions,
  ): Promise<CaseDriver> {
    const c = await MedicalDriver.file(env, db, medicalApplication(serial));
    await MedicalDriver.check(c, options);
    await c.reach('medicalApproval');
    await MedicalDriver.approve(c);
    return c;
  }
}
