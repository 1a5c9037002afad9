import { keepsNationalCalendar, roleFitsUnit, roleUnitMismatch } from '../../domain/account-assignments';

describe('which unit each role works at', () => {
  test.each([
    ['VILLAGE_ASSISTANT', 'VILLAGE', true],
    ['VILLAGE_ASSISTANT', 'TOWNSHIP', false],
    ['TOWNSHIP_OFFICER', 'TOWNSHIP', true],
    ['COUNTY_APPROVER', 'COUNTY', true],
    ['COUNTY_APPROVER', 'PREFECTURE', false],
    ['DEPARTMENT_OFFICER', 'DEPARTMENT', true],
    ['SUPERVISOR', 'DEPARTMENT', true],
    ['SUPERVISOR', 'VILLAGE', false],
    ['ADMINISTRATOR', 'COUNTY', true],
    ['ADMINISTRATOR', 'TOWNSHIP', false],
    ['CARE_HOME_MANAGER', 'CARE_HOME', true],
  ] as const)('%s at a %s unit: %s', (role, level, fits) => {
    expect(roleFitsUnit(role, level)).toBe(fits);
    expect(roleUnitMismatch(role, 'x', level) === null).toBe(fits);
  });

  test('the mismatch names where the role may work', () => {
    expect(roleUnitMismatch('ADMINISTRATOR', '系统管理员', 'VILLAGE')).toBe(
      '「系统管理员」只能设在州（市）、县（市、区），不能设在村（社区）',
    );
  });

  test('only an administrator at the top of the tree keeps the national calendar', () => {
    expect(keepsNationalCalendar({ role: 'ADMINISTRATOR', unitPath: '/532900/' })).toBe(true);
    expect(keepsNationalCalendar({ role: 'ADMINISTRATOR', unitPath: '/532900/532901/' })).toBe(false);
    expect(keepsNationalCalendar({ role: 'SUPERVISOR', unitPath: '/532900/' })).toBe(false);
  });
});
