import type { HouseholdFacts } from '../activities/household-facts';
import { careLevel, type CareAssessment, type CareLevel } from '../domain/care-level';
import type { CountyPolicy } from '../domain/county-policy';
import { effectiveStandard } from '../domain/eligibility';
import { assessTekunEligibility, type TekunAssets, type TekunEligibility } from '../domain/tekun-eligibility';
import type { Supporter } from '../domain/tekun-eligibility';
import { tekunMonthlySupport, type TekunSupport } from '../domain/tekun-support';
import { localDateOf } from '../domain/working-days';

/** What an investigation or an annual review concludes of the person, on today's standards. */
export interface TekunAssessment extends Omit<TekunEligibility, 'reasons'> {
  reasons: { code: string; text: string }[];
  personId: string;
  careLevel: CareLevel;
  /** The 低保 standard in force, which the basic living standard starts from (and 低保 referrals use). */
  dibaoStandardYuan: number;
  support: TekunSupport | null;
}

export interface TekunFindings {
  ownIncomeMonthlyYuan: number;
  assets: TekunAssets;
  supporters: ReadonlyArray<Pick<Supporter, 'name' | 'relation' | 'ability'>>;
  careAssessment: Pick<CareAssessment, 'items'>;
}

/** The person 特困 supports: the applicant of the case. */
export function tekunPerson(facts: HouseholdFacts) {
  const person = facts.members.find((m) => m.relation === 'applicant');
  if (!person) throw new Error('a 特困 case has an applicant');
  return person;
}

export function assessTekun(
  facts: HouseholdFacts,
  findings: TekunFindings,
  policy: CountyPolicy,
): TekunAssessment {
  const today = localDateOf(Date.now());
  const person = tekunPerson(facts);
  const eligibility = assessTekunEligibility(
    {
      person: { birthDate: person.birthDate, disability: person.disability ?? null },
      supporters: findings.supporters,
      ownIncomeMonthlyYuan: findings.ownIncomeMonthlyYuan,
      assets: findings.assets,
      onDate: today,
    },
    policy,
  );
  const level = careLevel(findings.careAssessment);
  const dibao = effectiveStandard(facts.standards, facts.programme, today);
  const own = effectiveStandard(facts.programmeStandards, facts.programme, today);
  const noStandard = { code: 'noStandard' as const, text: '本县尚未设定低保标准，无法核定供养金额' };
  return {
    ...eligibility,
    ...(dibao ? {} : { eligible: false, reasons: [...eligibility.reasons, noStandard] }),
    personId: person.id,
    careLevel: level,
    dibaoStandardYuan: dibao?.monthlyYuan ?? 0,
    support:
      eligibility.eligible && dibao
        ? tekunMonthlySupport(
            {
              dibaoStandardYuan: dibao.monthlyYuan,
              tekunStandardYuan: own?.monthlyYuan ?? null,
              careLevel: level,
            },
            policy,
          )
        : null,
  };
}
