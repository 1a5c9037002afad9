import { differenceInYears } from 'date-fns';
import { programmeOf } from '../domain/programmes';
import { noticeName } from '../domain/public-notice';
import { chineseDate } from '../domain/chinese-date';
import type { Prisma } from '@prisma/client';

type Tx = Prisma.TransactionClient;

/** What every letter and mail about a case may say of it, read inside the writing transaction. */
export async function caseFacts(tx: Tx, caseId: string, now: Date) {
  const found = await tx.case.findUniqueOrThrow({
    where: { id: caseId },
    include: {
      programme: true,
      household: {
        include: {
          members: true,
          village: true,
          township: true,
          county: true,
        },
      },
    },
  });
  const { household } = found;
  const programme = programmeOf(found.programmeCode);
  const applicant = household.members.find((m) => m.relation === 'APPLICANT');
  const counted = household.members.filter((m) => !m.exclusion);
  const assignee = found.assigneeUnitId
    ? await tx.orgUnit.findUnique({ where: { id: found.assigneeUnitId }, select: { name: true } })
    : null;
  return {
    row: found,
    facts: {
      caseNo: found.caseNo,
      applicantName: found.applicantName,
      programmeName: found.programme.name,
      letterName: programme.letterName,
      rulesCited: programme.rulesCited,
      appliedOn: chineseDate(found.appliedAt),
      issuedOn: chineseDate(now),
      village: household.village.name,
      township: household.township.name,
      county: household.county.name,
      assigneeUnit: assignee?.name ?? '',
      householdSize: counted.length,
      maskedApplicant: applicant
        ? noticeName(applicant.name, differenceInYears(now, applicant.birthDate))
        : noticeName(found.applicantName, 99),
    },
  };
}
