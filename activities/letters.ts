import { createHash } from 'node:crypto';
import type { Prisma } from '@prisma/client';
import { caseFacts } from './case-facts';
import { renderTemplate } from './templates';

type Tx = Prisma.TransactionClient;

/**
 * Who receives a letter or a mail about a case. The referral audiences: the receiving
 * department's staff, the staff of whichever unit a referral waits on (the township for a
 * proposal, then the department), and the supervisors above that unit.
 */
export type Audience =
  | 'township'
  | 'village'
  | 'county'
  | 'assignee'
  | 'supervisors'
  | 'department'
  | 'referralAssignee'
  | 'referralSupervisors'
  /** The care home named in the letter's facts (`homeId`): its manager. */
  | 'careHome'
  /** The township of origin named in the letter's facts (`homeTownshipId`): a person referred home. */
  | 'homeTownship';

/** The referral a letter or mail belongs to, and the units its audiences resolve to. */
export interface ReferralScope {
  referralId: string;
  referralNo: string;
  receivingUnitId: string;
  assigneeUnitId: string;
  assigneeUnitPath: string;
}

/**
 * The written documents of a procedure: stored once, printable word for word, mailed to staff.
 * `{name}` in a title is the programme's name for its support (domain/programmes.ts `letterName`).
 */
export const LETTERS = {
  acceptance: {
    template: 'notices/acceptance',
    title: '{name}申请受理通知书',
    audience: ['township', 'village'],
  },
  nonAcceptance: {
    template: 'notices/non-acceptance',
    title: '{name}申请不予受理通知书',
    audience: ['township', 'village'],
  },
  refusal: {
    template: 'notices/refusal',
    title: '{name}申请不予批准通知书',
    audience: ['township', 'village'],
  },
  publicNotice: {
    template: 'notices/public-notice',
    title: '{name}公示',
    audience: ['village', 'township'],
  },
  approval: {
    template: 'notices/approval',
    title: '最低生活保障批准通知书',
    audience: ['township', 'village'],
  },
  adjustment: {
    template: 'notices/adjustment',
    title: '最低生活保障金额变更通知书',
    audience: ['township', 'village'],
  },
  phaseOut: {
    template: 'notices/phase-out',
    title: '最低生活保障渐退告知书',
    audience: ['township', 'village'],
  },
  exit: {
    template: 'notices/exit',
    title: '停止最低生活保障通知书',
    audience: ['township', 'village'],
  },
  // 特困
  tekunCertificate: {
    template: 'notices/tekun-certificate',
    title: '特困人员救助供养证',
    audience: ['township', 'village'],
  },
  tekunAdjustment: {
    template: 'notices/tekun-adjustment',
    title: '特困人员救助供养金额变更通知书',
    audience: ['township', 'village'],
  },
  terminationNotice: {
    template: 'notices/termination-notice',
    title: '特困人员终止救助供养公示',
    audience: ['village', 'township'],
  },
  tekunTermination: {
    template: 'notices/tekun-termination',
    title: '终止特困人员救助供养通知书',
    audience: ['township', 'village'],
  },
  carePlacement: {
    template: 'notices/care-placement',
    title: '特困人员集中供养入住通知书',
    audience: ['township', 'village', 'careHome'],
  },
  careDischarge: {
    template: 'notices/care-discharge',
    title: '特困人员离开供养机构通知书',
    audience: ['township', 'village', 'careHome'],
  },
  // 医疗救助
  medicalApproval: {
    template: 'notices/medical-assistance',
    title: '医疗救助批准通知书',
    audience: ['township', 'village'],
  },
  medicalAdvance: {
    template: 'notices/medical-assistance',
    title: '医疗救助事前救助批准通知书',
    audience: ['township', 'village'],
  },
  medicalSettlement: {
    template: 'notices/medical-assistance',
    title: '医疗救助事前救助结算通知书',
    audience: ['township', 'village'],
  },
  // 临时救助
  temporaryGrant: {
    template: 'notices/temporary-grant',
    title: '临时救助决定通知书',
    audience: ['township', 'village'],
  },
  // 受灾人员救助: transitional living aid granted at a relocation site, and stopped
  transitionalAidGrant: {
    template: 'notices/transitional-aid-grant',
    title: '过渡期生活救助通知书',
    audience: ['township', 'village'],
  },
  transitionalAidEnded: {
    template: 'notices/transitional-aid-ended',
    title: '过渡期生活救助停止通知书',
    audience: ['township', 'village'],
  },
  // 受灾人员救助名单: a village list of rebuilding or winter/spring relief, on notice and approved
  disasterListNotice: {
    template: 'notices/disaster-list-notice',
    title: '受灾群众救助名单公示',
    audience: ['village', 'township'],
  },
  disasterListApproval: {
    template: 'notices/disaster-list-approval',
    title: '受灾群众救助名单审批通知书',
    audience: ['township', 'village'],
  },
  referral: { template: 'notices/referral', title: '转介函', audience: ['department', 'township'] },
  // 流浪乞讨人员救助: a person who left the station, referred to the township of origin
  vagrantReturnHome: {
    template: 'notices/vagrant-return-home',
    title: '返乡受助人员转介函',
    audience: ['homeTownship', 'county'],
  },
  referralClosure: {
    template: 'notices/referral-closure',
    title: '转介终止通知',
    audience: ['department', 'township'],
  },
} as const satisfies Record<string, { template: string; title: string; audience: readonly Audience[] }>;

export type LetterKind = keyof typeof LETTERS;

/** Mail-only messages to staff: reminders and escalations. */
export const STAFF_MAILS = {
  overdueReminder: { template: 'mail/overdue-reminder', subject: '【超期提醒】', audience: ['assignee'] },
  overdueEscalation: {
    template: 'mail/overdue-escalation',
    subject: '【督办】环节超期',
    audience: ['supervisors'],
  },
  overallLimit: {
    template: 'mail/overall-limit',
    subject: '【督办】超过办理总时限',
    audience: ['supervisors'],
  },
  referralReminder: {
    template: 'mail/referral-reminder',
    subject: '【转介超期提醒】',
    audience: ['referralAssignee'],
  },
  referralEscalation: {
    template: 'mail/referral-escalation',
    subject: '【督办】转介超期',
    audience: ['referralSupervisors', 'county'],
  },
  referralDeclined: { template: 'mail/referral-declined', subject: '【转介退回】', audience: ['township'] },
  /** 返乡转介 sent back by the township of origin: the rescue station's county hears of it. */
  returnHomeDeclined: { template: 'mail/referral-declined', subject: '【转介退回】', audience: ['county'] },
  bedOffered: { template: 'mail/bed-offered', subject: '【床位待确认】', audience: ['township'] },
} as const satisfies Record<string, { template: string; subject: string; audience: readonly Audience[] }>;

export type StaffMailKind = keyof typeof STAFF_MAILS;

export interface LetterRequest {
  kind: LetterKind;
  facts: Record<string, unknown>;
}

export interface StaffMailRequest {
  kind: StaffMailKind;
  facts: Record<string, unknown>;
}

async function recipients(
  tx: Tx,
  row: { townshipId: string; villageId: string; countyId: string; assigneeUnitId: string | null },
  villagePath: string,
  audience: readonly Audience[],
  referral?: ReferralScope,
  careHomeId?: unknown,
  homeTownshipId?: unknown,
) {
  const unitIds = audience.flatMap((a) => {
    if (a === 'careHome') return typeof careHomeId === 'string' ? [careHomeId] : [];
    if (a === 'homeTownship') return typeof homeTownshipId === 'string' ? [homeTownshipId] : [];
    if (a === 'township') return [row.townshipId];
    if (a === 'village') return [row.villageId];
    if (a === 'county') return [row.countyId];
    if (a === 'assignee') return row.assigneeUnitId ? [row.assigneeUnitId] : [];
    if (a === 'department') return referral ? [referral.receivingUnitId] : [];
    if (a === 'referralAssignee') return referral ? [referral.assigneeUnitId] : [];
    return [];
  });
  // Supervisors receive what lies below their unit only.
  const supervisedPaths = audience.flatMap((a) => {
    if (a === 'supervisors') return [villagePath];
    if (a === 'referralSupervisors') return referral ? [referral.assigneeUnitPath] : [];
    return [];
  });
  const staff = await tx.staffUser.findMany({
    where: {
      active: true,
      email: { not: null },
      OR: [
        { unitId: { in: unitIds }, role: { not: 'SUPERVISOR' } },
        ...(supervisedPaths.length > 0 ? [{ role: 'SUPERVISOR' as const }] : []),
      ],
    },
    include: { unit: { select: { path: true } } },
    orderBy: { username: 'asc' },
  });
  return staff.filter(
    (s) => s.role !== 'SUPERVISOR' || supervisedPaths.some((path) => path.startsWith(s.unit.path)),
  );
}

export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@jiuzhu.local>`;
}

/** Renders, stores and queues a letter inside the transition's transaction. */
export async function writeLetter(
  tx: Tx,
  caseId: string,
  key: string,
  request: LetterRequest,
  now: Date,
  referral?: ReferralScope,
): Promise<number> {
  const spec = LETTERS[request.kind];
  const { row, facts } = await caseFacts(tx, caseId, now);
  const title = spec.title.replace('{name}', facts.letterName);
  const data = { ...facts, issuer: facts.township, ...request.facts, title };
  const html = renderTemplate(spec.template, data);
  const letter = await tx.letter.create({
    data: {
      caseId,
      referralId: referral?.referralId ?? null,
      kind: request.kind,
      template: spec.template,
      title,
      html,
      data,
      idempotencyKey: key,
    },
  });
  const staff = await recipients(
    tx,
    row,
    row.household.village.path,
    spec.audience,
    referral,
    request.facts.homeId,
    request.facts.homeTownshipId,
  );
  for (const person of staff) {
    const text = renderTemplate('mail/letter', { ...data, recipientName: person.displayName });
    await tx.outboundMail.create({
      data: {
        idempotencyKey: `${key}/${person.id}`,
        caseId,
        referralId: referral?.referralId ?? null,
        letterId: letter.id,
        toAddress: person.email!,
        subject: `【${title}】${referral?.referralNo ?? row.caseNo}`,
        text,
        html,
        messageId: messageIdFor(`${key}/${person.id}`),
      },
    });
  }
  return staff.length;
}

/** Queues a mail to staff (reminder, escalation) inside the transition's transaction. */
export async function writeStaffMail(
  tx: Tx,
  caseId: string,
  key: string,
  request: StaffMailRequest,
  now: Date,
  referral?: ReferralScope,
): Promise<number> {
  const spec = STAFF_MAILS[request.kind];
  const { row, facts } = await caseFacts(tx, caseId, now);
  const staff = await recipients(tx, row, row.household.village.path, spec.audience, referral);
  // 救助管理站: a reminder to the case's desk also goes to the station's own mailbox.
  const station =
    (spec.audience as readonly Audience[]).includes('assignee') && !referral
      ? (await tx.vagrantStay.findUnique({ where: { caseId }, select: { station: true } }))?.station
      : undefined;
  if (station?.email) {
    await tx.outboundMail.create({
      data: {
        idempotencyKey: `${key}/station`,
        caseId,
        toAddress: station.email,
        subject: `${spec.subject}${row.caseNo}`,
        text: renderTemplate(spec.template, { ...facts, ...request.facts, recipientName: station.name }),
        messageId: messageIdFor(`${key}/station`),
      },
    });
  }
  for (const person of staff) {
    await tx.outboundMail.create({
      data: {
        idempotencyKey: `${key}/${person.id}`,
        caseId,
        referralId: referral?.referralId ?? null,
        toAddress: person.email!,
        subject: `${spec.subject}${referral?.referralNo ?? row.caseNo}`,
        text: renderTemplate(spec.template, {
          ...facts,
          ...request.facts,
          recipientName: person.displayName,
        }),
        messageId: messageIdFor(`${key}/${person.id}`),
      },
    });
  }
  return staff.length + (station?.email ? 1 : 0);
}
