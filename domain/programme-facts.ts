import { z } from 'zod';
import { CARE_LEVELS, type CareLevel } from './care-level';
import { programmeOf } from './programmes';
import { TEMPORARY_CAUSE_CODES } from './temporary-assistance';
import { disasterListFactsSchema, type DisasterListFacts } from './disaster-lists';
import { lazySchema } from './lazy-schema';

/**
 * A programme's own figures, kept beside the generic case (status, step, assignee, due date)
 * in one JSON column and validated here for the case's programme: what lists and pages show of
 * the programme without reading its events.
 */

const yuan = lazySchema(() => z.number().min(0).max(10_000_000));

/** 特困: the care level, the amount's parts, and where the person is supported. */
export const tekunFactsSchema = lazySchema(() =>
  z.object({
    careLevel: z.enum(Object.keys(CARE_LEVELS) as [CareLevel, ...CareLevel[]]),
    basicLivingYuan: yuan,
    careYuan: yuan,
    supportMode: z.enum(['centralised', 'dispersed']),
    carerName: z.string().max(50).nullable(),
    careHome: z.object({ homeId: z.string(), homeName: z.string(), bedLabel: z.string() }).nullable(),
    /** On a care home's waiting list. */
    waitingForBed: z.boolean(),
  }),
);

export type TekunFacts = z.infer<typeof tekunFactsSchema>;

/** 医疗救助: the claim's kind and category, and its figures in fen as the rules computed them. */
export const medicalFactsSchema = lazySchema(() =>
  z.object({
    kind: z.enum(['claim', 'advance']),
    category: z.enum(['extremePoverty', 'dibao', 'lowIncome', 'illnessImpoverished']),
    eligibleFen: z.number().int().min(0),
    deductibleAppliedFen: z.number().int().min(0),
    computedFen: z.number().int().min(0),
    /** Paid (or, for an advance, paid ahead and reserved against the cap); null until approved. */
    paidFen: z.number().int().min(0).nullable(),
    capped: z.boolean(),
  }),
);

export type MedicalFacts = z.infer<typeof medicalFactsSchema>;

/** 临时救助: the request as filed, and what was granted so far (cash, goods). */
export const temporaryFactsSchema = lazySchema(() =>
  z.object({
    path: z.enum(['urgent', 'expense']),
    cause: z.enum(TEMPORARY_CAUSE_CODES),
    circumstances: z.string().max(2000),
    /** The expense the household stated at filing, if any. */
    statedExpenseYuan: yuan.nullable(),
    /** Paid in cash so far (the BenefitPayment row of the case). */
    grantedYuan: yuan.nullable(),
    /** Goods given at the urgent grant, and their value. */
    goods: z.string().max(500).nullable(),
    goodsValueYuan: yuan.nullable(),
  }),
);

export type TemporaryFacts = z.infer<typeof temporaryFactsSchema>;

const localDate = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

/**
 * 受灾人员救助, transitional living aid 过渡期生活救助 (domain/disaster-relocation.ts): whom and where
 * it covers, the terms in force on the day of relocation, and what has been paid.
 */
export const disasterFactsSchema = lazySchema(() =>
  z.object({
    kind: z.literal('transitional'),
    eventId: z.string(),
    personId: z.string(),
    siteName: z.string().max(100),
    relocatedOn: localDate,
    persons: z.number().int().min(1).max(20),
    dailyYuan: yuan,
    months: z.number().int().min(0).max(12),
    /** The first day no longer paid, unless the person returns home before. */
    endsOn: localDate,
    returnedOn: localDate.nullable(),
    /** Days and yuan on the roster so far. */
    paidDays: z.number().int().min(0),
    paidYuan: yuan,
  }),
);

export type DisasterFacts = z.infer<typeof disasterFactsSchema>;

export type ProgrammeFacts = TekunFacts | MedicalFacts | TemporaryFacts | DisasterFacts | DisasterListFacts;

const SCHEMAS = {
  tekun: tekunFactsSchema,
  medical: medicalFactsSchema,
  temporary: temporaryFactsSchema,
  // A DISASTER case is a person's transitional aid or a village list (domain/disaster-lists.ts).
  disaster: z.union([disasterFactsSchema, disasterListFactsSchema]),
} as const;

/** The figures checked against the programme's schema; throws a ZodError naming the field when wrong. */
export function parseProgrammeFacts(programmeCode: string, facts: unknown): ProgrammeFacts | null {
  if (facts === null) return null;
  const { family } = programmeOf(programmeCode);
  if (!(family in SCHEMAS)) throw new RangeError(`programme ${programmeCode} keeps no figures of its own`);
  return SCHEMAS[family as keyof typeof SCHEMAS].parse(facts);
}
