import type { CountyPolicy } from './county-policy';

/**
 * 民主评议 village democratic appraisal: valid when enough representatives are present
 * (quorum), passed when enough of those present vote for. Both shares are exact fractions,
 * compared by cross-multiplication: 2/3 of 10 means at least 7.
 */

export interface AppraisalVote {
  representativesTotal: number;
  present: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
}

export const APPRAISAL_INPUT_ERRORS = {
  notWholeNumbers: '人数和票数须为非负整数',
  noRepresentatives: '评议代表总数须大于零',
  presentExceedsTotal: '到会人数超过评议代表总数',
  votesExceedPresent: '票数合计超过到会人数',
} as const;

export type AppraisalInputError = keyof typeof APPRAISAL_INPUT_ERRORS;

export type AppraisalOutcome =
  | {
      ok: true;
      /** 到会人数达到法定比例 */
      valid: boolean;
      passed: boolean;
      requiredPresent: number;
      /** Votes for needed with the number actually present. */
      requiredFor: number;
    }
  | { ok: false; error: { code: AppraisalInputError; text: string } };

type Fraction = CountyPolicy['appraisal']['quorum'];

/** The smallest whole number n with n / of ≥ share. */
export function minimumMeeting(share: Fraction, of: number): number {
  return Math.floor((of * share.numerator + share.denominator - 1) / share.denominator);
}

function inputError(vote: AppraisalVote): AppraisalInputError | null {
  const counts = [
    vote.representativesTotal,
    vote.present,
    vote.votesFor,
    vote.votesAgainst,
    vote.abstentions,
  ];
  if (!counts.every((n) => Number.isInteger(n) && n >= 0)) return 'notWholeNumbers';
  if (vote.representativesTotal === 0) return 'noRepresentatives';
  if (vote.present > vote.representativesTotal) return 'presentExceedsTotal';
  if (vote.votesFor + vote.votesAgainst + vote.abstentions > vote.present) return 'votesExceedPresent';
  return null;
}

export function decideAppraisal(
  vote: AppraisalVote,
  policy: Pick<CountyPolicy, 'appraisal'>,
): AppraisalOutcome {
  const error = inputError(vote);
  if (error) return { ok: false, error: { code: error, text: APPRAISAL_INPUT_ERRORS[error] } };
  const { quorum, passShare } = policy.appraisal;
  const valid = vote.present * quorum.denominator >= vote.representativesTotal * quorum.numerator;
  const passed = valid && vote.votesFor * passShare.denominator >= vote.present * passShare.numerator;
  return {
    ok: true,
    valid,
    passed,
    requiredPresent: minimumMeeting(quorum, vote.representativesTotal),
    requiredFor: minimumMeeting(passShare, vote.present),
  };
}
