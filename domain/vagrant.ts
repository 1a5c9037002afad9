import type { CountyPolicy } from './county-policy';

/**
 * 流浪乞讨人员救助 vagrants and beggars at a rescue station 救助管理站 (《城市生活无着的流浪乞讨
 * 人员救助管理办法》 and its implementing rules): voluntary and free; a family-tracing notice
 * 寻亲公告 within the county's hours of intake for anyone whose home is unknown; a stay of at
 * most the county's days for an adult (a supervisor may extend it, with reasons); a minor is
 * referred to child protection at once; the critically and the mentally ill go to treatment
 * first, and a hospital stay does not count against the stay.
 */

const HOUR = 3_600_000;

export const VAGRANT_SEXES = { male: '男', female: '女', unknown: '不详' } as const;
export type VagrantSex = keyof typeof VAGRANT_SEXES;

/** 身体状况 at intake: who goes to treatment first. */
export const VAGRANT_CONDITIONS = {
  none: '无危重病情',
  criticallyIll: '危重病人',
  mentallyIll: '精神障碍患者',
} as const;
export type VagrantCondition = keyof typeof VAGRANT_CONDITIONS;

/** 离站 the ways out; each ends the stay with its record. */
export const VAGRANT_EXIT_WAYS = {
  escortHome: '护送返乡',
  ticketHome: '购票返乡',
  familyHandover: '亲属接领',
  childProtection: '移交未成年人救助保护机构',
  ownWill: '自行离站',
} as const;
export type VagrantExitWay = keyof typeof VAGRANT_EXIT_WAYS;

/** The ways a minor may leave by: to child protection, or handed to family. */
export const MINOR_EXIT_WAYS: readonly VagrantExitWay[] = ['childProtection', 'familyHandover'];

/** What the workflow knows of the person from intake. */
export interface VagrantIntakeFacts {
  stationId: string;
  stationName: string;
  /** The name when known, else 身份不明人员 with sex and apparent age: how letters name the person. */
  personLabel: string;
  /** ISO instant of intake: the clocks run from it. */
  admittedAt: string;
  minor: boolean;
  /** Whether the person's home (家庭住址/户籍地) is known: unknown, the tracing notice is due. */
  homeKnown: boolean;
  /** The township of origin in the prefecture, when known: the referral home goes there. */
  homeTownshipId: string | null;
  condition: VagrantCondition;
  /** A description for the tracing notice: sex, apparent age, features, where found. */
  description: string;
}

/** Age in whole years on `on` (YYYY-MM-DD) of a person born on `birthDate` (YYYY-MM-DD). */
export function ageInYears(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * A minor, from the age on the ID card when known, else the apparent age staff estimate; with
 * neither, treated as an adult is not safe: a person of unknown age counts as a minor until
 * staff give an age.
 */
export function isMinor(age: number | null, policy: CountyPolicy): boolean {
  return age === null || age < policy.vagrant.adultAge;
}

/** When the tracing notice is due: the county's hours after intake. */
export function tracingNoticeDueAt(admittedAt: number, policy: CountyPolicy): number {
  return admittedAt + policy.vagrant.tracingNoticeHours * HOUR;
}

/**
 * When the stay ends: an adult's after the county's stay days (and any extension), a minor's
 * referral at once, within the county's hours.
 */
export function stayDueAt(admittedAt: number, minor: boolean, policy: CountyPolicy): number {
  return minor
    ? admittedAt + policy.vagrant.minorReferralHours * HOUR
    : admittedAt + policy.vagrant.stayDays * 24 * HOUR;
}

/** The deadline moved on by the time the person spent in hospital (the stay clock paused). */
export function resumedDueAt(dueAt: number, pausedAt: number, resumedAt: number): number {
  return dueAt + Math.max(0, resumedAt - pausedAt);
}

/** Whole hours since intake, as the station's page shows them. */
export function hoursSince(admittedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - admittedAt) / HOUR));
}

/** The stay ends within the county's warning hours (or has passed): the page flags it. */
export function stayNearingEnd(dueAt: number | null, now: number, policy: CountyPolicy): boolean {
  return dueAt !== null && dueAt - now <= policy.vagrant.stayWarningHours * HOUR;
}

export interface ExitSituation {
  minor: boolean;
  condition: VagrantCondition;
  /** A hospital transfer has been recorded at some time during the stay. */
  treated: boolean;
  inHospital: boolean;
}

/** Why the person cannot leave this way now (zh-CN), or null when they can. */
export function exitProblem(way: VagrantExitWay, s: ExitSituation): string | null {
  if (s.inHospital) return '受助人员正在医院救治，须先登记返站 (in hospital: record the return first)';
  if (s.condition !== 'none' && !s.treated && way !== 'ownWill') {
    return `${VAGRANT_CONDITIONS[s.condition]}须先送医救治 (treatment first)`;
  }
  if (s.minor && !MINOR_EXIT_WAYS.includes(way)) {
    return '未成年人须移交未成年人救助保护机构或由亲属接领 (a minor goes to child protection or family)';
  }
  if (!s.minor && way === 'childProtection') {
    return '成年人不适用移交未成年人救助保护机构 (child protection is for minors)';
  }
  return null;
}

/** An extension of an adult's stay: only an adult's, and within the county's most days. */
export function stayExtensionProblem(
  days: number,
  s: { minor: boolean; extendedDays: number },
  policy: CountyPolicy,
): string | null {
  if (s.minor) return '未成年人不适用站内救助期限，应立即移交 (a minor is referred, not extended)';
  if (s.extendedDays + days > policy.vagrant.maxExtensionDays) {
    return `延长救助期限累计不得超过 ${policy.vagrant.maxExtensionDays} 日 (over the most days)`;
  }
  return null;
}
