export { dibaoApplication } from './dibao-application';
export { dibaoEnrolment } from './dibao-enrolment';
export { standardChange } from './standard-change';
export { referral } from './referral';
