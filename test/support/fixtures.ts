import { withCheckCharacter } from '../../domain/id-card';
import type { Actor } from '../../domain/staff-roles';
import type { Database } from '../../platform/database';
import { actorOf } from '../../api/staff-accounts';
import { caseApplicationSchema, type CaseApplication } from '../../api/schemas/case-application';

/** 喜洲村 of 喜洲镇, 大理市, as seeded. */
export const XIZHOU_VILLAGE = '532901003001';

export function idNumber(birth: string, serial: number): string {
  return withCheckCharacter(`532901${birth.replace(/-/g, '')}${String(serial).padStart(3, '0')}`);
}

/** A valid application, as parsed by the API's schema (defaults filled in). */
export function dibaoApplication(overrides: Partial<CaseApplication> = {}): CaseApplication {
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
        idNumber: idNumber('1975-03-14', 24),
        relation: 'APPLICANT',
        labourCapacity: 'PARTIAL',
        health: 'CHRONIC',
      },
      {
        name: '赵建国',
        idNumber: idNumber('1965-07-02', 13),
        relation: 'SPOUSE',
        labourCapacity: 'NONE',
        health: 'SERIOUS_ILLNESS',
        disabilityGrade: 2,
        disabilityKind: 'physical',
      },
      {
        name: '赵小梅',
        idNumber: idNumber('2012-09-30', 42),
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
