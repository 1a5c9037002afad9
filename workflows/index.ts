export { dibaoApplication } from './dibao-application';
export { dibaoEnrolment } from './dibao-enrolment';
