import type { CareLevel } from '../../domain/care-level';
import type { Database } from '../../platform/database';

/** A care home (敬老院/特困供养服务机构) of the seed: an org unit below its township, and its beds. */
export interface SeedCareHome {
  /** The org unit's id: the township's code and JLY (敬老院). */
  id: string;
  name: string;
  countyId: string;
  townshipId: string;
  address: string;
  staffCount: number;
  /** Label ("building/floor-room") and the care the bed is staffed for. */
  beds: [label: string, careLevel: CareLevel][];
}

/** 大理市's two township care homes (general knowledge: addresses and beds are illustrative). */
export const CARE_HOMES: SeedCareHome[] = [
  {
    id: '532901003-JLY',
    name: '喜洲镇敬老院',
    countyId: '532901',
    townshipId: '532901003',
    address: '大理市喜洲镇喜洲村委会',
    staffCount: 4,
    beds: [
      ['1-01', 'selfCare'],
      ['1-02', 'selfCare'],
      ['1-03', 'selfCare'],
      ['2-01', 'partialLoss'],
      ['2-02', 'partialLoss'],
      ['3-01', 'fullLoss'],
    ],
  },
  {
    id: '532901002-JLY',
    name: '大理镇敬老院',
    countyId: '532901',
    townshipId: '532901002',
    address: '大理市大理镇才村',
    staffCount: 3,
    beds: [
      ['1-01', 'selfCare'],
      ['1-02', 'selfCare'],
      ['2-01', 'partialLoss'],
      ['3-01', 'fullLoss'],
    ],
  },
];

/**
 * Idempotent: each home's org unit (level CARE_HOME, below its township), its CareHome row
 * and its beds. A bed already there keeps its occupant; a home's staff count, once seeded,
 * is the home's to change.
 */
export async function seedCareHomes(db: Database): Promise<void> {
  for (const home of CARE_HOMES) {
    const township = await db.orgUnit.findUniqueOrThrow({
      where: { id: home.townshipId },
      select: { path: true },
    });
    const unit = {
      id: home.id,
      name: home.name,
      level: 'CARE_HOME' as const,
      parentId: home.townshipId,
      path: `${township.path}${home.id}/`,
      email: `${home.id.toLowerCase()}@units.jiuzhu.local`,
    };
    await db.orgUnit.upsert({
      where: { id: home.id },
      create: unit,
      update: { name: unit.name, email: unit.email },
    });
    await db.careHome.upsert({
      where: { id: home.id },
      create: {
        id: home.id,
        countyId: home.countyId,
        townshipId: home.townshipId,
        name: home.name,
        address: home.address,
        staffCount: home.staffCount,
      },
      update: { name: home.name, address: home.address },
    });
    await db.careHomeBed.createMany({
      data: home.beds.map(([label, careLevel]) => ({ homeId: home.id, label, careLevel })),
      skipDuplicates: true,
    });
  }
}
