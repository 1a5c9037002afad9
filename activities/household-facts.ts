import type { Programme, EffectiveStandard } from '../domain/eligibility';
import type { LabourCapacity } from '../domain/recertification';
import type { HouseholdMemberInput, Relation } from '../domain/household';
import type { Database } from '../platform/database';

export interface HouseholdFacts {
  programme: Programme;
  members: (HouseholdMemberInput & { name: string; labourCapacity: LabourCapacity })[];
  singleParentFamily: boolean;
  standards: EffectiveStandard[];
}

const asDate = (d: Date) => d.toISOString().slice(0, 10);

/** The household as declared, and the county's standards, for the workflow's pure assessment. */
export async function loadHouseholdFacts(db: Database, caseId: string): Promise<HouseholdFacts> {
  const found = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { household: { include: { members: true } } },
  });
  const programme: Programme = found.programmeCode === 'DIBAO_URBAN' ? 'urban' : 'rural';
  const standards = await db.assistanceStandard.findMany({
    where: { countyId: found.countyId, programmeCode: found.programmeCode },
    orderBy: { effectiveFrom: 'asc' },
  });
  return {
    programme,
    singleParentFamily: found.household.singleParentFamily,
    members: found.household.members.map((m) => ({
      id: m.id,
      name: m.name,
      labourCapacity: m.labourCapacity,
      relation: m.relation.toLowerCase() as Relation,
      birthDate: asDate(m.birthDate),
      inSchool: m.inSchool
        ? { stage: m.inSchool as NonNullable<HouseholdMemberInput['inSchool']>['stage'] }
        : null,
      livesTogether: m.livesTogether,
      ...(m.canLiveIndependently === null ? {} : { canLiveIndependently: m.canLiveIndependently }),
      ...(m.legalDutyOfSupport === null ? {} : { legalDutyOfSupport: m.legalDutyOfSupport }),
      exclusion: exclusionOf(m.exclusion, m.exclusionSince),
      disability: m.disabilityGrade
        ? {
            grade: m.disabilityGrade as 1 | 2 | 3 | 4,
            type: (m.disabilityKind ?? 'physical') as NonNullable<HouseholdMemberInput['disability']>['type'],
          }
        : null,
      seriouslyIll: m.health === 'SERIOUS_ILLNESS',
    })),
    standards: standards.map((s) => ({
      programme,
      monthlyYuan: Number(s.monthlyYuan),
      effectiveFrom: asDate(s.effectiveFrom),
    })),
  };
}

function exclusionOf(code: string | null, since: Date | null): HouseholdMemberInput['exclusion'] {
  switch (code) {
    case 'inPrison':
    case 'compulsoryRehabilitation':
    case 'declaredMissing':
      return { kind: code };
    case 'religiousStaffAway':
      return { kind: code, awaySince: since ? asDate(since) : '1900-01-01' };
    default:
      return null;
  }
}
