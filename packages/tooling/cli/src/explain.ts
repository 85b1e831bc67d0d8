// `lockstep explain <path>`: how the app's route table decides a path and its framework variants.
import type { RouteExplanation } from '@lockstep/core';
import type { RoutePolicy } from '@lockstep/core/routes';
import { describeRequirements } from '@lockstep/core/routes';
import { weakerThan } from './decision-strength.js';
import { frameworkVariants, type Framework } from './framework-variants.js';

export interface ExplainReport {
  readonly lines: readonly string[];
  /** Variants decided more weakly than the page: each is a way around its protection. */
  readonly weakVariants: number;
}

/**
 * Explains `input` (a path, or a URL whose path is taken) and its variants.
 *
 * @example
 * explainPath(policy, '/dashboard', ['next']).lines.join('\n');
 */
export function explainPath(policy: RoutePolicy, input: string, frameworks: readonly Framework[], options: { readonly buildId?: string; readonly basePath?: string } = {}): ExplainReport {
  const path = toPath(input);
  const page = policy.explain(path);
  const lines = [...describe(page, path)];
  let weakVariants = 0;
  // Variants of the page as the rules see it (canonical, basePath stripped), under the basePath again.
  const basePath = options.basePath ?? '';
  const variants = page.kind === 'matched' ? frameworkVariants(page.canonicalPath, frameworks, options.buildId).map((variant) => ({ ...variant, path: basePath + variant.path })) : [];
  if (variants.length > 0) lines.push('', 'Framework variants of the same page:');
  for (const variant of variants) {
    const decided = policy.explain(variant.path);
    const summary = decided.kind === 'matched' ? `${decided.route.access}, verify ${decided.route.verify} (${ruleName(decided)})` : `malformed: ${decided.malformed}`;
    const weak = page.kind === 'matched' && decided.kind === 'matched' && weakerThan(decided.route, page.route);
    if (weak) weakVariants++;
    lines.push(`  ${variant.framework.padEnd(12)} ${variant.label.padEnd(18)} ${variant.path}  →  ${summary}${weak ? '  ✗ WEAKER than the page' : ''}`);
  }
  return { lines, weakVariants };
}

function describe(explanation: RouteExplanation, path: string): string[] {
  if (explanation.kind === 'malformed') return [`${path}`, `  malformed: ${explanation.malformed} — answered 400 before any rule`];
  const { route } = explanation;
  return [
    `${path}`,
    `  canonical form  ${explanation.canonicalPath}`,
    `  rule            ${ruleName(explanation)}`,
    `  access          ${route.access}`,
    `  verify mode     ${route.session ? route.verify : 'none (no session work)'}`,
    `  requires        ${requirement(route.access, route.verify)}${route.requirements === null ? '' : `; and ${describeRequirements(route.requirements)}`}`,
    `  why             ${explanation.reason}`,
  ];
}

/** The rule that decided (after the stricter-reading check, which may pick another rule than the first match). */
function ruleName(explanation: Extract<RouteExplanation, { kind: 'matched' }>): string {
  const { ruleIndex, pattern } = explanation.route;
  if (ruleIndex !== null) return `rules[${String(ruleIndex)}]${pattern === null ? '' : ` ${pattern}`}`;
  return pattern === null ? 'none matched: protected by default' : `implicit ${pattern}`;
}

function requirement(access: string, verify: string): string {
  switch (access) {
    case 'protected':
      return verify === 'user' ? 'a session the auth server confirms (GET /user)' : verify === 'claims' ? 'a session with a verified access token' : 'a session cookie (unverified: UI hints only)';
    case 'authPage':
      return 'nothing; a signed-in visitor is sent on';
    case 'public':
      return 'nothing (the session is refreshed when present)';
    default:
      return 'nothing; no session work';
  }
}

function toPath(input: string): string {
  if (/^https?:\/\//i.test(input)) {
    const url = new URL(input);
    return url.pathname + url.search;
  }
  return input.startsWith('/') ? input : `/${input}`;
}
