import { Prisma } from '@prisma/client';
import { policyOn } from '../activities/county-rules';
import { ENROLMENT_STATUSES } from '../domain/case-steps';
import { FUND_SOURCES, type FundSource } from '../domain/funds';
import { PROGRAMMES } from '../domain/programmes';
import { monthsEndingAt, publicTally, suppressedParts } from '../domain/public-disclosure';
import { tekunMonthlySupport } from '../domain/tekun-support';
import { localDateOf } from '../domain/working-days';
import type { Database } from '../platform/database';

/**
 * 公示 figures of one county for its public page: aggregates only (GROUP BY in Postgres), no
 * name, ID number, address or household id ever selected. Counts of one or two households
 * are shown as "<3" (domain/public-disclosure.ts).
 */
export interface CountyDisclosure {
  county: { id: string; name: string };
  asOf: string;
  standards: {
    dibaoUrbanMonthlyYuan: number | null;
    dibaoRuralMonthlyYuan: number | null;
    tekunBasicLivingMonthlyYuan: number | null;
    tekunCareMonthlyYuan: { selfCare: number; partialLoss: number; fullLoss: number };
    temporary: { capMonthsOfStandard: number; urgentCapYuan: number };
    medical: {
      category: string;
      sharePercent: number;
      deductibleYuan: number;
      yearlyCapYuan: number;
    }[];
  };
  served: {
    programme: string;
    programmeName: string;
    /** "<3" and people null for one or two households (domain/public-disclosure.ts). */
    households: number | '<3';
    people: number | null;
    /** A township withheld only so its neighbours' small counts cannot be derived: households null. */
    townships: { township: string; households: number | '<3' | null; people: number | null }[];
  }[];
  funds: {
    month: string;
    rollApproved: boolean;
    paid: { programme: string; programmeName: string; yuan: number }[];
    bySource: {
      programme: string;
      programmeName: string;
      source: string;
      sourceName: string;
      yuan: number;
    }[];
    totalYuan: number;
  }[];
  /** Donations received and used; none until donations are recorded (社会捐助, a later part of issue 14). */
  donations: { receivedYuan: number; usedYuan: number; entries: never[] };
}

const MEDICAL_CATEGORIES = {
  extremePoverty: '特困人员',
  dibao: '低保对象',
  lowIncome: '低收入人口',
  illnessImpoverished: '因病致贫重病患者',
} as const;

/** A programme's zh-CN name; those without a procedure yet by their policy name. */
const programmeName = (code: string): string =>
  (PROGRAMMES as Record<string, { name: string } | undefined>)[code]?.name ??
  { DISASTER: '受灾人员救助', VAGRANT: '流浪乞讨人员救助' }[code] ??
  code;

/** The county's disclosure now; null when no county has this id. */
export async function loadCountyDisclosure(
  db: Database,
  countyId: string,
  now = new Date(),
): Promise<CountyDisclosure | null> {
  const county = await db.orgUnit.findUnique({
    where: { id: countyId },
    select: { id: true, name: true, level: true },
  });
  if (!county || county.level !== 'COUNTY') return null;
  const today = localDateOf(now);
  const months = monthsEndingAt(today);
  const enrolled = Prisma.join([...ENROLMENT_STATUSES]);

  const [policy, standards, served, rolls, paid, drawn] = await Promise.all([
    policyOn(db, countyId, today),
    db.$queryRaw<{ programme: string; yuan: string }[]>`
      SELECT DISTINCT ON ("programmeCode") "programmeCode"::text AS programme, "monthlyYuan"::text AS yuan
      FROM "AssistanceStandard"
      WHERE "countyId" = ${countyId} AND "effectiveFrom" <= ${today}::date
      ORDER BY "programmeCode", "effectiveFrom" DESC`,
    db.$queryRaw<{ programme: string; township: string; households: number; people: number }[]>`
      SELECT t."programmeCode"::text AS programme, u.name AS township,
             sum(t.cases)::int AS households, sum(t.members)::int AS people
      FROM "OpenCaseTally" t JOIN "OrgUnit" u ON u.id = t."townshipId"
      WHERE t."countyId" = ${countyId} AND t.status IN (${enrolled})
      GROUP BY 1, 2, t."townshipId" HAVING sum(t.cases) > 0
      ORDER BY 1, t."townshipId"`,
    db.$queryRaw<{ month: string }[]>`
      SELECT month FROM "PaymentRoll"
      WHERE "countyId" = ${countyId} AND status = 'APPROVED' AND month >= ${months[0]!} AND month <= ${months.at(-1)!}`,
    db.$queryRaw<{ month: string; programme: string; yuan: string }[]>`
      SELECT r.month, l."programmeCode"::text AS programme, sum(l."amountYuan")::text AS yuan
      FROM "PaymentRollLine" l JOIN "PaymentRoll" r ON r.id = l."rollId"
      WHERE r."countyId" = ${countyId} AND r.status = 'APPROVED'
        AND r.month >= ${months[0]!} AND r.month <= ${months.at(-1)!}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    db.$queryRaw<{ month: string; programme: string; source: string; yuan: string }[]>`
      SELECT d.month, b."programmeCode"::text AS programme, b.source::text AS source, sum(d."amountYuan")::text AS yuan
      FROM "FundDraw" d JOIN "FundBudgetLine" b ON b.id = d."budgetLineId"
      WHERE b."countyId" = ${countyId} AND d.month >= ${months[0]!} AND d.month <= ${months.at(-1)!}
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ]);

  const standardOf = (code: string) => {
    const row = standards.find((s) => s.programme === code);
    return row ? Number(row.yuan) : null;
  };
  const rural = standardOf('DIBAO_RURAL');
  const tekunOwn = standardOf('TEKUN');
  const tekunBasic =
    rural == null && tekunOwn == null
      ? null
      : tekunMonthlySupport(
          { dibaoStandardYuan: rural ?? 0, tekunStandardYuan: tekunOwn, careLevel: 'selfCare' },
          policy,
        ).basicLivingYuan;

  const byProgramme = new Map<string, typeof served>();
  for (const row of served) byProgramme.set(row.programme, [...(byProgramme.get(row.programme) ?? []), row]);
  const servedByProgramme = [...byProgramme.entries()].map(([programme, rows]) => {
    const hidden = suppressedParts(rows.map((r) => r.households));
    const total = (key: 'households' | 'people') => rows.reduce((sum, r) => sum + r[key], 0);
    return {
      programme,
      programmeName: programmeName(programme),
      ...publicTally(total('households'), total('people')),
      townships: rows.map((r, i) =>
        hidden[i]
          ? { township: r.township, households: r.households < 3 ? ('<3' as const) : null, people: null }
          : { township: r.township, ...publicTally(r.households, r.people) },
      ),
    };
  });

  const approved = new Set(rolls.map((r) => r.month));
  return {
    county: { id: county.id, name: county.name },
    asOf: today,
    standards: {
      dibaoUrbanMonthlyYuan: standardOf('DIBAO_URBAN'),
      dibaoRuralMonthlyYuan: rural,
      tekunBasicLivingMonthlyYuan: tekunBasic,
      tekunCareMonthlyYuan: { ...policy.extremePoverty.careStandards },
      temporary: {
        capMonthsOfStandard: policy.temporaryAssistance.capMonthsOfStandard,
        urgentCapYuan: policy.temporaryAssistance.urgentCapYuan,
      },
      medical: (Object.keys(MEDICAL_CATEGORIES) as (keyof typeof MEDICAL_CATEGORIES)[]).map((key) => {
        const terms = policy.medicalAssistance.costAssistance[key];
        return {
          category: MEDICAL_CATEGORIES[key],
          sharePercent: Math.round(terms.share * 1000) / 10,
          deductibleYuan: terms.deductibleYuan,
          yearlyCapYuan: terms.yearlyCapYuan,
        };
      }),
    },
    served: servedByProgramme,
    funds: months.map((month) => {
      const paidRows = paid.filter((p) => p.month === month);
      return {
        month,
        rollApproved: approved.has(month),
        paid: paidRows.map((p) => ({
          programme: p.programme,
          programmeName: programmeName(p.programme),
          yuan: Number(p.yuan),
        })),
        bySource: drawn
          .filter((d) => d.month === month)
          .map((d) => ({
            programme: d.programme,
            programmeName: programmeName(d.programme),
            source: d.source,
            sourceName: FUND_SOURCES[d.source as FundSource] ?? d.source,
            yuan: Number(d.yuan),
          })),
        totalYuan: Math.round(paidRows.reduce((sum, p) => sum + Number(p.yuan) * 100, 0)) / 100,
      };
    }),
    donations: { receivedYuan: 0, usedYuan: 0, entries: [] },
  };
}
