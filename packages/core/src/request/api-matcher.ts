// Compiles the `apiRoutes` patterns once into a test: requests under them are data requests (401, never a redirect).
import { compileMatcher, matchRule, type CompiledRule } from '../routes/compile-rules.js';
import type { PathPattern } from '../routes/route-rule.js';
import { splitCanonicalPath } from '../routes/segment-glob.js';

/**
 * Returns a test for canonical paths, built with the same pattern language as the route table.
 * A predicate that throws counts as an API path: a 401 is the safer answer for a fetch.
 *
 * @example
 * const isApi = createApiMatcher(['/api/**'], 'ignore');
 * isApi('/api/me'); // true
 */
export function createApiMatcher(patterns: readonly PathPattern[], trailingSlash: 'ignore' | 'strict'): (canonicalPath: string) => boolean {
  const rule: CompiledRule = {
    ruleIndex: null,
    name: 'apiRoutes',
    access: 'protected',
    verify: 'claims',
    session: true,
    requirements: null,
    matchers: patterns.map((pattern, index) => compileMatcher(pattern, `apiRoutes[${index}]`, trailingSlash)),
  };
  return (canonicalPath) => matchRule(rule, canonicalPath, splitCanonicalPath(canonicalPath)).kind !== 'no_match';
}
