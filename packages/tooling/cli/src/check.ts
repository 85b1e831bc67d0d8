// `lockstep check`: each route with the rule that protects it and whether its code calls a guard; findings for the gaps.
import type { RoutePolicy } from '@lockstep/core/routes';
import type { AppRoute } from './app-route.js';
import { sourceFacts } from './source-facts.js';

export type FindingCode = 'unguarded_handler' | 'unguarded_actions' | 'session_helper_action' | 'session_in_static_route' | 'rule_matches_no_route';

export interface Finding {
  readonly code: FindingCode;
  readonly file: string | null;
  readonly message: string;
}

export interface CheckRow {
  readonly route: AppRoute;
  /** `access, verify (rule)`, or why there is none. */
  readonly protection: string;
  /** Whether its code calls a guard; `null` when the scan cannot tell (a Hono handler defined out of its sight). */
  readonly guarded: boolean | null;
}

export interface CheckReport {
  readonly rows: readonly CheckRow[];
  readonly findings: readonly Finding[];
}

/**
 * Checks the routes against the policy. Findings:
 * - `unguarded_handler`: a Route Handler / API route / resource route / Hono route under a protected
 *   rule whose code calls no guard (not reported where the scan cannot see a Hono handler's code) (the middleware's matcher or a rewrite can leave it unreached; DESIGN §3.9);
 * - `unguarded_actions`: a 'use server' module that calls no guard: a Server Action is a POST to
 *   whatever page the client names, so it must check the session itself;
 * - `session_helper_action`: a 'use server' module exporting a session helper, which makes it an
 *   endpoint any client can call;
 * - `session_in_static_route`: a Next.js page or layout that reads the session (a guard or `getAuth`)
 *   while its route renders statically: the read happens at build or revalidation time, with no
 *   visitor's cookies, and the result is served to everyone (or the read silently makes the route dynamic);
 * - `rule_matches_no_route`: a rule of the table (other than `ignore` rules, which name assets) that
 *   decides none of the app's routes: a typo, or a route that moved.
 */
export function checkRoutes(policy: RoutePolicy, routes: readonly AppRoute[], rules: readonly { readonly access?: unknown }[]): CheckReport {
  const rows: CheckRow[] = [];
  const findings: Finding[] = [];
  const usedRules = new Set<number>();
  const unlisted = routes.filter((route) => route.unlistable !== undefined).length;
  for (const route of routes) {
    const facts = sourceFacts(route.source);
    if (route.unlistable !== undefined) {
      rows.push({ route, protection: `unlistable: ${route.unlistable}`, guarded: route.guardUnknown === true && !facts.callsGuard ? null : facts.callsGuard });
      continue;
    }
    if (route.path === null) {
      rows.push({ route, protection: 'each action must check the session itself', guarded: facts.callsGuard });
      if (!facts.callsGuard) findings.push({ code: 'unguarded_actions', file: route.file, message: `'use server' module calls no Lockstep guard (guardAction / requireUser): its actions run for anyone who posts to any page.` });
      if (facts.exportedSessionHelpers.length > 0) {
        findings.push({ code: 'session_helper_action', file: route.file, message: `'use server' module exports ${facts.exportedSessionHelpers.join(', ')}: each export is a Server Action any client can call. Move session helpers to a module without 'use server'.` });
      }
      continue;
    }
    const decided = policy.resolve(route.path);
    if (decided.kind === 'malformed') {
      rows.push({ route, protection: `malformed path (${decided.reason})`, guarded: facts.callsGuard });
      continue;
    }
    const match = decided.route;
    if (match.ruleIndex !== null) usedRules.add(match.ruleIndex);
    const rule = match.ruleIndex !== null ? `rules[${String(match.ruleIndex)}] ${match.pattern ?? ''}`.trimEnd() : match.pattern === null ? 'default: protected' : `implicit ${match.pattern}`;
    const guarded = route.guardUnknown === true && !facts.callsGuard ? null : facts.callsGuard;
    rows.push({ route, protection: `${match.access}${match.session ? `, ${match.verify}` : ''} (${rule})`, guarded });
    if (route.staticRendering !== undefined && facts.readsSession) {
      findings.push({ code: 'session_in_static_route', file: route.file, message: `${route.kind} ${route.pattern} reads the session but renders statically (${route.staticRendering}): it runs without the visitor's cookies and its output is shared. Remove the static config, or read the session in a dynamic part.` });
    }
    if (route.kind === 'handler' && match.access === 'protected' && guarded === false) {
      findings.push({ code: 'unguarded_handler', file: route.file, message: `protected ${route.pattern} (${rule}) handles requests without calling a Lockstep guard (guardHandler / requireUser / guard).` });
    }
  }
  rules.forEach((rule, index) => {
    if (rule.access === 'ignore' || usedRules.has(index)) return;
    const caveat = unlisted === 0 ? '' : ` (${String(unlisted)} route${unlisted === 1 ? '' : 's'} could not be listed: it may decide one of them)`;
    findings.push({ code: 'rule_matches_no_route', file: null, message: `rules[${String(index)}] (${String(rule.access)}) decides none of the app's routes${caveat}.` });
  });
  return { rows, findings };
}

/** The report as lines for a terminal. */
export function formatCheck(report: CheckReport): string[] {
  const lines: string[] = [];
  const width = Math.max(8, ...report.rows.map((row) => row.route.pattern.length));
  for (const row of report.rows) {
    lines.push(`${row.route.kind.padEnd(8)} ${row.route.pattern.padEnd(width)}  ${row.protection}  guard: ${row.guarded === null ? '?' : row.guarded ? 'yes' : 'no'}  ${row.route.file}`);
  }
  lines.push('');
  if (report.findings.length === 0) lines.push('No findings.');
  for (const finding of report.findings) lines.push(`✗ ${finding.code}${finding.file === null ? '' : ` ${finding.file}`}: ${finding.message}`);
  return lines;
}
