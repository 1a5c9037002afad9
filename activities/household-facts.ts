import type { Programme, EffectiveStandard } from '../domain/eligibility';
import type { LabourCapacity } from '../domain/recertification';
import type { HouseholdMemberInput, Relation } from '../domain/household';
import type { Database } from '../platform/database';

export interface HouseholdFacts {
  programme: Programme;
  members: (HouseholdMemberInput & { name: string; labourCapacity: LabourCapacity })[];
  singleParentFamily: boolean;
  /** The 低保 standards of the household's place (urban or rural): every programme's amounts start from them. */
  standards: EffectiveStandard[];
  /** The programme's own standards when it is not 低保 and the county set them (e.g. 特困's basic living). */
  programmeStandards: EffectiveStandard[];
}

const asDate = (d: Date) => d.toISOString().slice(0, 10);

/** The household as declared, and the county's standards, for the workflow's pure assessment. */
export async function loadHouseholdFacts(db: Database, caseId: string): Promise<HouseholdFacts> {
  const found = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { household: { include: { members: true, village: { select: { isUrban: true } } } } },
  });
  const { programmeCode } = found;
  const isDibao = programmeCode === 'DIBAO_URBAN' || programmeCode === 'DIBAO_RURAL';
  // Other programmes follow the place: a 社区 or 街道 is urban.
  const programme: Programme = (isDibao ? programmeCode === 'DIBAO_URBAN' : found.household.village.isUrban)
    ? 'urban'
    : 'rural';
  const standardsOf = (code: typeof programmeCode) =>
    db.assistanceStandard.findMany({
      where: { countyId: found.countyId, programmeCode: code },
      orderBy: { effectiveFrom: 'asc' },
    });
  const standards = await standardsOf(programme === 'urban' ? 'DIBAO_URBAN' : 'DIBAO_RURAL');
  const own = isDibao ? [] : await standardsOf(programmeCode);
  const effective = (rows: typeof standards) =>
    rows.map((s) => ({
      programme,
      monthlyYuan: Number(s.monthlyYuan),
      effectiveFrom: asDate(s.effectiveFrom),
    }));
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
    standards: effective(standards),
    programmeStandards: effective(own),
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
