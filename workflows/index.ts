export { dibaoApplication } from './dibao-application';
