// Offset pagination of `GET /admin/users` as GoTrue's `paginate` + `addPaginationHeaders` do it.
import { apiError, type ApiError } from './api-error.js';

/** Page numbers are 1-based; GoTrue's default page size is 50 and it has no upper bound. */
export interface PageRequest {
  readonly page: number;
  readonly perPage: number;
}

const DEFAULT_PER_PAGE = 50;
const UINT = /^\d+$/;

/** Reads `page` and `per_page`; a value that is not an unsigned integer is GoTrue's 400. */
export function readPageRequest(query: URLSearchParams): { kind: 'ok'; page: PageRequest } | { kind: 'invalid'; error: ApiError } {
  const read = (name: string, fallback: number): number | string => {
    const raw = query.get(name) ?? '';
    if (raw === '') return fallback;
    // Go's strconv.ParseUint error, as GoTrue puts it in the message.
    if (!UINT.test(raw) || !Number.isSafeInteger(Number(raw))) return `strconv.ParseUint: parsing ${JSON.stringify(raw)}: invalid syntax`;
    return Number(raw);
  };
  const page = read('page', 1);
  const perPage = read('per_page', DEFAULT_PER_PAGE);
  const bad = (reason: string) => ({ kind: 'invalid' as const, error: apiError(400, 'validation_failed', `Bad Pagination Parameters: ${reason}`) });
  if (typeof page === 'string') return bad(page);
  if (typeof perPage === 'string') return bad(perPage);
  // GoTrue divides by per_page=0 and answers 500; the mock refuses it plainly instead.
  if (perPage === 0) return bad('per_page must be at least 1');
  // The database layer treats page 0 as page 1.
  return { kind: 'ok', page: { page: Math.max(page, 1), perPage } };
}

/** The `Link` (`next` when there is one, always `last`) and `X-Total-Count` headers. */
export function paginationHeaders(path: string, query: URLSearchParams, page: PageRequest, total: number): Record<string, string> {
  const totalPages = Math.ceil(total / page.perPage);
  const link = (n: number): string => {
    const params = new URLSearchParams(query);
    params.set('page', String(n));
    // Go's url.Values.Encode sorts keys.
    const sorted = new URLSearchParams([...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return `<${path}?${sorted.toString()}>`;
  };
  const parts: string[] = [];
  if (totalPages > page.page) parts.push(`${link(page.page + 1)}; rel="next"`);
  parts.push(`${link(totalPages)}; rel="last"`);
  return { Link: parts.join(', '), 'X-Total-Count': String(total) };
}
