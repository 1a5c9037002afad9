/** Custom search attributes of case workflows, registered when a Temporal server starts. */
export const CASE_SEARCH_ATTRIBUTES = {
  CaseProgramme: 'Keyword',
  CaseCounty: 'Keyword',
  CaseTownship: 'Keyword',
  CaseStep: 'Keyword',
  CaseDueAt: 'Datetime',
  CaseOverdue: 'Bool',
} as const;

export function searchAttributeFlags(): string[] {
  return Object.entries(CASE_SEARCH_ATTRIBUTES).flatMap(([name, type]) => [
    '--search-attribute',
    `${name}=${type}`,
  ]);
}
