import { approvalProposalRefused } from '../../domain/township-review';

describe('乡镇审核: when the township may propose approval', () => {
  test.each([
    { eligible: true, appraisalPassed: true, refused: null },
    { eligible: true, appraisalPassed: null, refused: null },
    { eligible: true, appraisalPassed: false, refused: '民主评议未通过' },
    { eligible: false, appraisalPassed: true, refused: '核算结果不符合低保条件' },
    { eligible: false, appraisalPassed: false, refused: '核算结果不符合低保条件' },
  ])('eligible $eligible, appraisal passed $appraisalPassed', ({ refused, ...basis }) => {
    const message = approvalProposalRefused(basis);
    if (refused === null) expect(message).toBeNull();
    else expect(message).toContain(refused);
  });
});
