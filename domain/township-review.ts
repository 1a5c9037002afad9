/**
 * 乡镇审核: the township may propose approval only when the household's assessment is eligible
 * and the village's democratic appraisal passed. Otherwise it returns the case for more
 * material or proposes refusal, both with reasons.
 */
export interface TownshipReviewBasis {
  /** The computed assessment found the household eligible. */
  eligible: boolean;
  /** The last democratic appraisal passed (null: none held, as for programmes without one). */
  appraisalPassed: boolean | null;
}

export function approvalProposalRefused(basis: TownshipReviewBasis): string | null {
  if (!basis.eligible) return '核算结果不符合低保条件，不能提出批准意见 (assessment is not eligible)';
  if (basis.appraisalPassed === false)
    return '民主评议未通过，不能提出批准意见；请退回补充材料或提出不予批准 (democratic appraisal did not pass)';
  return null;
}
