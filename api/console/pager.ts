/** The links of templates/pages/partials/pager.hbs; null when all fits on one page. */
export function pagerOf(
  page: number,
  hasNext: boolean,
  hrefOf: (page: number) => string,
): { previous: string | null; next: string | null } | null {
  if (page <= 1 && !hasNext) return null;
  return { previous: page > 1 ? hrefOf(page - 1) : null, next: hasNext ? hrefOf(page + 1) : null };
}
