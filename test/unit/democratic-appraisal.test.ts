import { DEFAULT_COUNTY_POLICY } from '../../domain/county-policy';
import { decideAppraisal, minimumMeeting } from '../../domain/democratic-appraisal';

const vote = (
  representativesTotal: number,
  present: number,
  votesFor: number,
  votesAgainst = 0,
  abstentions = 0,
) => ({
  representativesTotal,
  present,
  votesFor,
  votesAgainst,
  abstentions,
});

describe('decideAppraisal with the default 2/3 and 2/3', () => {
  test.each([
    // total, present, for, against, abstain → valid, passed, requiredPresent, requiredFor
    [10, 7, 5, 2, 0, true, true, 7, 5],
    [10, 7, 4, 3, 0, true, false, 7, 5],
    [10, 6, 6, 0, 0, false, false, 7, 4], // 6 of 10 is below 2/3: not valid, however they voted
    [9, 6, 4, 2, 0, true, true, 6, 4], // exactly 2/3 twice
    [9, 6, 3, 2, 1, true, false, 6, 4],
    [30, 20, 14, 6, 0, true, true, 20, 14],
    [30, 20, 13, 5, 2, true, false, 20, 14],
    [30, 19, 19, 0, 0, false, false, 20, 13],
    [10, 9, 6, 0, 0, true, true, 7, 6], // three present did not vote
    [10, 10, 10, 0, 0, true, true, 7, 7],
    [3, 2, 2, 0, 0, true, true, 2, 2],
  ])(
    '%i total, %i present, %i/%i/%i',
    (total, present, forVotes, against, abstain, valid, passed, requiredPresent, requiredFor) => {
      expect(
        decideAppraisal(vote(total, present, forVotes, against, abstain), DEFAULT_COUNTY_POLICY),
      ).toEqual({
        ok: true,
        valid,
        passed,
        requiredPresent,
        requiredFor,
      });
    },
  );
});

describe('decideAppraisal with county fractions', () => {
  const policy = {
    appraisal: { quorum: { numerator: 1, denominator: 2 }, passShare: { numerator: 1, denominator: 2 } },
  };
  test.each([
    [10, 5, 3, true, true],
    [10, 5, 2, true, false],
    [10, 4, 4, false, false],
    [11, 6, 3, true, true], // 3 of 6 is exactly one half
  ])('%i total, %i present, %i for', (total, present, forVotes, valid, passed) => {
    expect(decideAppraisal(vote(total, present, forVotes), policy)).toMatchObject({
      ok: true,
      valid,
      passed,
    });
  });
});

describe('decideAppraisal reports inconsistent input instead of deciding', () => {
  test.each([
    ['present exceeds total', vote(10, 11, 8), 'presentExceedsTotal', '到会人数超过评议代表总数'],
    ['votes exceed present', vote(10, 7, 5, 2, 1), 'votesExceedPresent', '票数合计超过到会人数'],
    ['a negative count', vote(10, 7, -1), 'notWholeNumbers', '人数和票数须为非负整数'],
    ['a fractional count', vote(10, 7.5, 5), 'notWholeNumbers', '人数和票数须为非负整数'],
    ['no representatives', vote(0, 0, 0), 'noRepresentatives', '评议代表总数须大于零'],
  ])('%s', (_name, input, code, text) => {
    expect(decideAppraisal(input, DEFAULT_COUNTY_POLICY)).toEqual({ ok: false, error: { code, text } });
  });
});

describe('minimumMeeting is the exact ceiling', () => {
  test.each([
    [2, 3, 10, 7], // 20/3 = 6.67
    [2, 3, 9, 6],
    [2, 3, 0, 0],
    [1, 2, 7, 4],
    [3, 4, 100, 75],
    [1, 1, 5, 5],
  ])('%i/%i of %i → %i', (numerator, denominator, of, expected) => {
    expect(minimumMeeting({ numerator, denominator }, of)).toBe(expected);
  });
});
