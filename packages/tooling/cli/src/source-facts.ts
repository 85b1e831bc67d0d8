// What the checker reads from a source file's text: a 'use server' directive, Lockstep guard calls, exported session helpers.

/** Calls that check the session and deny without one: the adapters' server guards and the core's. */
export const GUARD_CALLS = ['requireUser', 'guardHandler', 'guardAction', 'guard', 'verifyRequest'] as const;

/** Helpers that hand out the session: exported from a 'use server' module, each becomes an action any client can call. */
const SESSION_HELPER = /^(getAuth|requireUser|guardHandler|guardAction|supabaseFor|verifyRequest|(get|read|require|current|load)(Session|User|Auth|Claims)\w*)$/;

export interface SourceFacts {
  /** The module starts with the 'use server' directive: every export is a Server Action. */
  readonly useServer: boolean;
  /** Whether the code calls one of `GUARD_CALLS`. */
  readonly callsGuard: boolean;
  /** Exported names that are session helpers (only reported for 'use server' modules). */
  readonly exportedSessionHelpers: readonly string[];
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
  const callsGuard = GUARD_CALLS.some((name) => new RegExp(`(?:^|[^\\w$])${name}\\s*(?:<[^>]*>)?\\s*\\(`).test(code));
  return { useServer, callsGuard, exportedSessionHelpers: exportedNames(code).filter((name) => SESSION_HELPER.test(name)) };
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

function stripComments(text: string): string {
  // Good enough for directives and call names; strings that contain comment markers are rare in route files.
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}
