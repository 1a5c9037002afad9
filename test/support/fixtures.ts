import { withCheckCharacter } from '../../domain/id-card';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { actorOf } from '../../api/staff-accounts';
import { caseApplicationSchema, type CaseApplication } from '../../api/schemas/case-application';

/** 喜洲村 of 喜洲镇, 大理市, as seeded. */
export const XIZHOU_VILLAGE = '532901003001';

export function idNumber(birth: string, serial: number, region = '532901'): string {
  return withCheckCharacter(`${region}${birth.replace(/-/g, '')}${String(serial).padStart(3, '0')}`);
}

/** Regions of Dali's counties, for ID numbers once a region's serials run out. */
const REGIONS = ['532901', '532922', '532923', '532924', '532925', '532926'];
const HOUSEHOLDS_PER_REGION = 450;
let households = 0;

/**
 * The n-th fresh person of a fixture household: the same name and birth date, another ID number
 * (查重 refuses a second open application for the same person). Serials step by 2 to keep the
 * sex digit's parity. The ID numbers the tests write by hand (serial + 0) are never issued.
 */
export function freshIdNumber(birth: string, serial: number, n: number): string {
  const step = (n % HOUSEHOLDS_PER_REGION) + 1;
  return idNumber(birth, serial + 2 * step, REGIONS[Math.floor(n / HOUSEHOLDS_PER_REGION)]);
}

/**
 * A valid application, as parsed by the API's schema (defaults filled in), of a household of
 * its own: each call gives its three members new ID numbers. Pass `members` for the same people.
 */
export function dibaoApplication(overrides: Partial<CaseApplication> = {}): CaseApplication {
  const n = households++;
  return caseApplicationSchema.parse({
    programme: 'DIBAO_RURAL',
    villageId: XIZHOU_VILLAGE,
    address: '大理市喜洲镇喜洲村委会三社12号',
    channel: 'inPerson',
    dataCheckAuthorisationSigned: true,
    relativeOfStaff: false,
    members: [
      {
        name: '杨秀英',
        idNumber: freshIdNumber('1975-03-14', 24, n),
        relation: 'APPLICANT',
        labourCapacity: 'PARTIAL',
        health: 'CHRONIC',
      },
      {
        name: '赵建国',
        idNumber: freshIdNumber('1965-07-02', 13, n),
        relation: 'SPOUSE',
        labourCapacity: 'NONE',
        health: 'SERIOUS_ILLNESS',
        disabilityGrade: 2,
        disabilityKind: 'physical',
      },
      {
        name: '赵小梅',
        idNumber: freshIdNumber('2012-09-30', 42, n),
        relation: 'CHILD',
        labourCapacity: 'NONE',
        health: 'HEALTHY',
        inSchool: 'juniorSecondary',
      },
    ],
    ...overrides,
  });
}

/** A seeded staff account as the workflow and the API see it. */
export async function actorFor(db: Database, username: string): Promise<Actor> {
  const actor = await actorOf(db, { username });
  if (!actor) throw new Error(`no active staff account ${username}`);
  return actor;
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
