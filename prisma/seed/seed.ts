import bcrypt from 'bcryptjs';
import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import type { StaffRole } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { seedCareHomes } from './care-homes';
import { seedRescueStations } from './rescue-stations';
import { CALENDAR_2026, COUNTIES, COUNTY_DEPARTMENTS, PREFECTURE, STANDARDS_2026 } from './dali-units';

/** The password of every demo account. For a dev machine only: the README prints it. */
export const DEMO_PASSWORD = 'jiuzhu-dev-2026';

export const DEMO_USERS: { username: string; displayName: string; role: StaffRole; unitId: string }[] = [
  { username: 'cun.xizhou', displayName: '杨村协理员', role: 'VILLAGE_ASSISTANT', unitId: '532901003001' },
  { username: 'xiang.xizhou', displayName: '赵乡镇经办', role: 'TOWNSHIP_OFFICER', unitId: '532901003' },
  { username: 'xian.dali', displayName: '李县审批', role: 'COUNTY_APPROVER', unitId: '532901' },
  // 喜洲镇敬老院's manager (prisma/seed/care-homes.ts): a unit below the township, no villages.
  { username: 'jly.xizhou', displayName: '段院长', role: 'CARE_HOME_MANAGER', unitId: '532901003-JLY' },
  {
    username: 'bumen.jiaoyu.dali',
    displayName: '段教育经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-JY',
  },
  {
    username: 'bumen.zhujian.dali',
    displayName: '杨住建经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-ZJ',
  },
  {
    username: 'bumen.renshe.dali',
    displayName: '李人社经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-RS',
  },
  { username: 'bumen.sifa.dali', displayName: '赵司法经办', role: 'DEPARTMENT_OFFICER', unitId: '532901-SF' },
  {
    username: 'bumen.weijian.dali',
    displayName: '何卫健经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-WJ',
  },
  // 家庭经济状况核对: the bureaus answering checks (人社 is bumen.renshe.dali above).
  {
    username: 'bumen.gongan.dali',
    displayName: '杨公安经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-GA',
  },
  {
    username: 'bumen.ziran.dali',
    displayName: '李自然资源经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-ZR',
  },
  {
    username: 'bumen.shichang.dali',
    displayName: '赵市场监管经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-SC',
  },
  {
    username: 'bumen.shuiwu.dali',
    displayName: '王税务经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-SW',
  },
  {
    username: 'bumen.hedui.dali',
    displayName: '段核对中心经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532901-HD',
  },
  // The education bureau's own supervisor (分管领导): referral escalations reach it.
  { username: 'jiandu.jiaoyu.dali', displayName: '施教育督办', role: 'SUPERVISOR', unitId: '532901-JY' },
  // Another county's bureau: sees none of 大理市's referrals.
  {
    username: 'bumen.jiaoyu.yangbi',
    displayName: '罗漾濞教育经办',
    role: 'DEPARTMENT_OFFICER',
    unitId: '532922-JY',
  },
  { username: 'jiandu.dali', displayName: '张县监督', role: 'SUPERVISOR', unitId: '532901' },
  { username: 'jiandu.zhou', displayName: '王州监督', role: 'SUPERVISOR', unitId: PREFECTURE.code },
  { username: 'admin', displayName: '系统管理员', role: 'ADMINISTRATOR', unitId: PREFECTURE.code },
];

type UnitRow = Parameters<Database['orgUnit']['upsert']>[0]['create'];

function unitRows(): UnitRow[] {
  const rows: UnitRow[] = [
    { id: PREFECTURE.code, name: PREFECTURE.name, level: 'PREFECTURE', path: `/${PREFECTURE.code}/` },
    {
      id: `${PREFECTURE.code}-MZ`,
      name: `${PREFECTURE.name}民政局`,
      level: 'DEPARTMENT',
      department: 'CIVIL_AFFAIRS',
      parentId: PREFECTURE.code,
      path: `/${PREFECTURE.code}/${PREFECTURE.code}-MZ/`,
    },
  ];
  for (const county of COUNTIES) {
    const countyPath = `/${PREFECTURE.code}/${county.code}/`;
    rows.push({
      id: county.code,
      name: county.name,
      level: 'COUNTY',
      parentId: PREFECTURE.code,
      path: countyPath,
    });
    for (const [department, code, name] of COUNTY_DEPARTMENTS) {
      const id = `${county.code}-${code}`;
      rows.push({
        id,
        name: `${county.name}${name}`,
        level: 'DEPARTMENT',
        department,
        parentId: county.code,
        path: `${countyPath}${id}/`,
      });
    }
    for (const township of county.townships) {
      const townshipPath = `${countyPath}${township.code}/`;
      rows.push({
        id: township.code,
        name: township.name,
        level: 'TOWNSHIP',
        parentId: county.code,
        path: townshipPath,
        isUrban: township.urban,
      });
      for (const village of township.villages) {
        rows.push({
          id: village.code,
          name: village.name,
          level: 'VILLAGE',
          parentId: township.code,
          path: `${townshipPath}${village.code}/`,
          isUrban: village.urban,
        });
      }
    }
  }
  return rows.map((row) => ({ ...row, email: `${row.id.toLowerCase()}@units.jiuzhu.local` }));
}

/** Idempotent: every run brings the reference data to this state and keeps cases untouched. */
export async function seed(db: Database): Promise<void> {
  for (const row of unitRows()) {
    await db.orgUnit.upsert({
      where: { id: row.id },
      create: row,
      update: { name: row.name, email: row.email },
    });
  }
  await db.programme.createMany({
    data: [
      { code: 'DIBAO_URBAN', name: '城市最低生活保障' },
      { code: 'DIBAO_RURAL', name: '农村最低生活保障' },
      { code: 'TEKUN', name: '特困人员救助供养' },
      { code: 'MEDICAL', name: '医疗救助' },
      { code: 'TEMPORARY', name: '临时救助' },
      { code: 'DISASTER', name: '受灾人员救助' },
      { code: 'VAGRANT', name: '流浪乞讨人员救助' },
    ],
    skipDuplicates: true,
  });
  for (const county of COUNTIES) {
    await db.countyPolicy.upsert({
      where: { countyId: county.code },
      create: { countyId: county.code, policy: DEFAULT_COUNTY_POLICY, updatedBy: 'seed' },
      update: {},
    });
    await db.assistanceStandard.createMany({
      data: Object.entries(STANDARDS_2026).map(([programmeCode, monthlyYuan]) => ({
        countyId: county.code,
        programmeCode: programmeCode as keyof typeof STANDARDS_2026,
        monthlyYuan,
        effectiveFrom: new Date('2026-01-01T00:00:00Z'),
        createdBy: 'seed',
        // The standards a county starts with are no change: there are no reviews to ask for.
        reviewsRequestedAt: new Date('2026-01-01T00:00:00Z'),
      })),
      skipDuplicates: true,
    });
  }
  await db.calendarDay.createMany({
    data: CALENDAR_2026.map(([date, kind, name]) => ({ date: new Date(`${date}T00:00:00Z`), kind, name })),
    skipDuplicates: true,
  });
  await seedCareHomes(db);
  await seedRescueStations(db);
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  for (const user of DEMO_USERS) {
    await db.staffUser.upsert({
      where: { username: user.username },
      create: { ...user, passwordHash, email: `${user.username}@staff.jiuzhu.local` },
      update: {},
    });
  }
}
