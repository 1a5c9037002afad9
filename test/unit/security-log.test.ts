import { HttpError } from '../../api/http-error';
import { loggedPath, maySeeSecurityLog, refusalOf } from '../../domain/security-log';
import { STAFF_ROLES, type StaffRole } from '../../domain/staff-roles';

describe('refusalOf: which answers are refusals, and their code', () => {
  const csrf = Object.assign(new Error('invalid csrf token'), { statusCode: 403, code: 'EBADCSRFTOKEN' });
  test.each([
    [
      'an HttpError 404',
      new HttpError(404, 'not_found', '案件不存在'),
      { status: 404, errorCode: 'not_found' },
    ],
    ['an HttpError 403', new HttpError(403, 'forbidden', '无权'), { status: 403, errorCode: 'forbidden' }],
    [
      "a workflow validator's 403",
      new HttpError(403, 'Forbidden', 'role'),
      { status: 403, errorCode: 'Forbidden' },
    ],
    ["csrf-sync's error", csrf, { status: 403, errorCode: 'EBADCSRFTOKEN' }],
    ['a 403 without a code', { status: 403 }, { status: 403, errorCode: 'forbidden' }],
    [
      'a 404 with a type',
      { status: 404, type: 'entity.not.found' },
      { status: 404, errorCode: 'entity.not.found' },
    ],
    ['a code no log should hold', { status: 404, code: 'x y\n' }, { status: 404, errorCode: 'not_found' }],
    ['a 400', new HttpError(400, 'invalid_input', 'bad'), null],
    ['a 401', new HttpError(401, 'unauthenticated', 'sign in'), null],
    ['a 409', new HttpError(409, 'WrongStep', 'not now'), null],
    ['a 503', new HttpError(503, 'unavailable', 'down'), null],
    ['an error without a status', new Error('boom'), null],
    ['a string', 'boom', null],
    ['null', null, null],
  ])('%s', (_name, error, expected) => {
    expect(refusalOf(error)).toEqual(expected);
  });
});

describe('maySeeSecurityLog: supervisors and administrators only', () => {
  const readers: StaffRole[] = ['SUPERVISOR', 'ADMINISTRATOR'];
  test.each(STAFF_ROLES.map((role) => [role, readers.includes(role)] as const))('%s → %s', (role, may) => {
    expect(maySeeSecurityLog(role)).toBe(may);
  });
});

describe('loggedPath: the path without its query, at most 512 characters', () => {
  test.each([
    ['a case', '/api/cases/DB-532901-2026-000001', '/api/cases/DB-532901-2026-000001'],
    ['a query dropped', '/referrals?status=SENT&name=%E6%9D%A8', '/referrals'],
    ['an empty query', '/cases/x?', '/cases/x'],
    ['600 characters', '/' + 'a'.repeat(600), '/' + 'a'.repeat(510) + '…'],
  ])('%s', (_name, url, expected) => {
    expect(loggedPath(url)).toBe(expected);
    expect(loggedPath(url).length).toBeLessThanOrEqual(512);
  });
});
