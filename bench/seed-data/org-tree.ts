import type { Client } from 'pg';
import { COUNTIES, PREFECTURE } from '../../prisma/seed/dali-units';

/**
 * The seeded prefecture has two or three townships per county and two villages each; a county
 * has about ten townships of ten villages. The bench adds townships and villages of its own
 * below the seeded counties (codes continuing the seeded ones', paths as the seed builds
 * them), so a million cases fall on about 1,200 villages, not 50.
 */
export const TOWNSHIPS_PER_COUNTY = 10;
export const VILLAGES_PER_TOWNSHIP = 10;

const TOWNSHIP_STEMS = ['太平', '永安', '新华', '东山', '西山', '南溪', '北川', '龙门', '青山', '白云'];
const VILLAGE_STEMS = ['大箐', '小河', '石坪', '松林', '李家', '杨家', '中和', '上营', '下营', '新村'];

interface UnitRow {
  id: string;
  name: string;
  level: 'TOWNSHIP' | 'VILLAGE';
  parentId: string;
  path: string;
  isUrban: boolean;
}

function code(parent: string, n: number): string {
  return `${parent}${String(n).padStart(3, '0')}`;
}

/** The bench's townships and villages beside the seeded ones. */
export function benchUnits(): UnitRow[] {
  const rows: UnitRow[] = [];
  for (const county of COUNTIES) {
    const countyPath = `/${PREFECTURE.code}/${county.code}/`;
    for (let t = 1; t <= TOWNSHIPS_PER_COUNTY; t++) {
      const seeded = county.townships[t - 1];
      const townshipId = code(county.code, t);
      const townshipPath = `${countyPath}${townshipId}/`;
      // One township in five a street office 街道 of communities; the others rural 乡.
      const urban = seeded ? seeded.urban : t % 5 === 0;
      if (!seeded) {
        const stem = TOWNSHIP_STEMS[(t + Number(county.code.slice(-2))) % TOWNSHIP_STEMS.length]!;
        rows.push({
          id: townshipId,
          name: `${stem}${urban ? '街道' : '乡'}`,
          level: 'TOWNSHIP',
          parentId: county.code,
          path: townshipPath,
          isUrban: urban,
        });
      }
      const firstNew = (seeded?.villages.length ?? 0) + 1;
      for (let v = firstNew; v <= VILLAGES_PER_TOWNSHIP; v++) {
        const villageId = code(townshipId, v);
        // Rural townships have a community at their seat; a street office only communities.
        const villageUrban = urban || v === 1;
        const stem = VILLAGE_STEMS[(v + t) % VILLAGE_STEMS.length]!;
        rows.push({
          id: villageId,
          name: `${stem}${villageUrban ? '社区' : '村'}`,
          level: 'VILLAGE',
          parentId: townshipId,
          path: `${townshipPath}${villageId}/`,
          isUrban: villageUrban,
        });
      }
    }
  }
  return rows;
}

/** Writes the bench's townships (before their villages) in one statement per level. */
export async function addBenchUnits(client: Client): Promise<number> {
  const rows = benchUnits();
  for (const level of ['TOWNSHIP', 'VILLAGE'] as const) {
    const ofLevel = rows.filter((r) => r.level === level);
    await client.query(
      `INSERT INTO "OrgUnit" (id, name, level, "parentId", path, "isUrban", email)
       SELECT u.id, u.name, u.level::"UnitLevel", u."parentId", u.path, u."isUrban",
              lower(u.id) || '@units.jiuzhu.local'
       FROM json_populate_recordset(NULL::"OrgUnit", $1::json) AS u`,
      [JSON.stringify(ofLevel)],
    );
  }
  return rows.length;
}
