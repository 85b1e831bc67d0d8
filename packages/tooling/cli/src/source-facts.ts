// What the checker reads from a source file's text: a 'use server' directive, Lockstep guard calls, exported session helpers.
import { forcesDynamic, staticSignal } from './static-rendering.js';

/** Calls that check the session and deny without one: the adapters' server guards and the core's. */
export const GUARD_CALLS = ['requireUser', 'guardHandler', 'guardAction', 'guard', 'verifyRequest'] as const;

/** Calls that read the request's session: the guards, and the helpers that return the auth state without denying. */
export const SESSION_READ_CALLS = [...GUARD_CALLS, 'getAuth'] as const;

/** Helpers that hand out the session: exported from a 'use server' module, each becomes an action any client can call. */
const SESSION_HELPER = /^(getAuth|requireUser|guardHandler|guardAction|supabaseFor|verifyRequest|(get|read|require|current|load)(Session|User|Auth|Claims)\w*)$/;

export interface SourceFacts {
  /** The module starts with the 'use server' directive: every export is a Server Action. */
  readonly useServer: boolean;
  /** Whether the code calls one of `GUARD_CALLS`. */
  readonly callsGuard: boolean;
  /** Exported names that are session helpers (only reported for 'use server' modules). */
  readonly exportedSessionHelpers: readonly string[];
  /** Whether the code calls one of `SESSION_READ_CALLS` (a guard or `getAuth`). */
  readonly readsSession: boolean;
  /** Next.js: why the file's segment config renders its route statically, or `null` (see `staticSignal`). */
  readonly staticSignal: string | null;
  /** Next.js: the file's segment config forces per-request rendering. */
  readonly forcesDynamic: boolean;
}

/**
 * Reads the facts from the text, comments removed. A text scan, not a type check: a guard called
 * through another name (`const check = auth.requireUser`) is not seen, and is reported as missing —
 * the safe side for a CI check.
 *
 * @example
 * sourceFacts("'use server';\nexport async function save() { await auth.guardAction(); }"); // { useServer: true, callsGuard: true, … }
 */
export function sourceFacts(text: string): SourceFacts {
  const code = stripComments(text);
  const useServer = /^\s*(?:(['"])use strict\1\s*;?\s*)?(['"])use server\2/.test(code);
  const calls = (names: readonly string[]): boolean => names.some((name) => new RegExp(`(?:^|[^\\w$])${name}\\s*(?:<[^>]*>)?\\s*\\(`).test(code));
  return {
    useServer,
    callsGuard: calls(GUARD_CALLS),
    exportedSessionHelpers: exportedNames(code).filter((name) => SESSION_HELPER.test(name)),
    readsSession: calls(SESSION_READ_CALLS),
    staticSignal: staticSignal(code),
    forcesDynamic: forcesDynamic(code),
  };
}

/** Names a module exports: declarations, export lists (`export { a, b as c }`), and re-exports. */
export function exportedNames(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(/export\s+(?:default\s+)?(?:async\s+)?(?:function\*?|const|let|var|class)\s+([\w$]+)/g)) names.add(match[1] ?? '');
  for (const match of code.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.trim() ?? '';
      if (name !== '' && !part.trim().startsWith('type ')) names.add(name);
    }
  }
  names.delete('');
  return [...names];
}

/** The text without comments. */
export function stripComments(text: string): string {
  // Good enough for directives and call names; strings that contain comment markers are rare in route files.
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}
