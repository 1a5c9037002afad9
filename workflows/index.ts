export { dibaoApplication } from './dibao-application';
export { dibaoEnrolment } from './dibao-enrolment';
export { tekunApplication } from './tekun-application';
export { tekunSupport } from './tekun-support';
export { standardChange } from './standard-change';
export { referral } from './referral';
export { medicalAssistance } from './medical-assistance';
export { paymentRoll, paymentRollsOfMonth } from './payment-roll';
export { temporaryAssistance } from './temporary-assistance';
