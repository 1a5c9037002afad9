import type { ProcedureFamily } from '../domain/programmes';
import { dibaoApplication } from './dibao-application';
import { disasterRelief } from './disaster-relief';
import type { CaseView, CaseWorkflowInput } from './definitions';
import { medicalAssistance } from './medical-assistance';
import { tekunApplication } from './tekun-application';
import { temporaryAssistance } from './temporary-assistance';
import { vagrantAssistance } from './vagrant-assistance';

/**
 * Each procedure family's application workflow, started by its function (a typed start, not a
 * string). The enrolment that follows an approval is started by the application itself.
 */
export const APPLICATION_WORKFLOWS = {
  dibao: dibaoApplication,
  tekun: tekunApplication,
  medical: medicalAssistance,
  temporary: temporaryAssistance,
  vagrant: vagrantAssistance,
  disaster: disasterRelief,
} satisfies Record<ProcedureFamily, (input: CaseWorkflowInput) => Promise<CaseView>>;
