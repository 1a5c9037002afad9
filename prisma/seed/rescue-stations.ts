import type { Database } from '../../platform/database';

/** A county's rescue station 救助管理站 of the seed (general knowledge: address and beds are illustrative). */
export interface SeedRescueStation {
  name: string;
  countyId: string;
  townshipId: string;
  villageId: string;
  address: string;
  capacity: number;
  email: string;
}

export const RESCUE_STATIONS: SeedRescueStation[] = [
  {
    name: '大理市救助管理站',
    countyId: '532901',
    townshipId: '532901001',
    villageId: '532901001002',
    address: '大理市下关街道龙泉社区',
    capacity: 40,
    email: 'jiuzhuzhan.dali@staff.jiuzhu.local',
  },
];

/** Idempotent: a station already there keeps its capacity and occupancy. */
export async function seedRescueStations(db: Database): Promise<void> {
  for (const station of RESCUE_STATIONS) {
    await db.rescueStation.upsert({
      where: { countyId_name: { countyId: station.countyId, name: station.name } },
      create: station,
      update: {},
    });
  }
}
