// The rules appended after the user's: the login page and the paths the sign-in flow itself needs.
import { LockstepError } from '../errors.js';
import { createPathCanonicalizer } from './canonical-path.js';
import { compileMatcher, type CompiledRule } from './compile-rules.js';
import { evaluateRules } from './evaluate-rules.js';
import type { VerifyMode } from './route-rule.js';

/**
 * Validates `loginPath` and `implicitPublic` and returns their rules: an `authPage` rule for the
 * login path, then a `public` rule per implicit path. Both kinds must be reachable without a
 * session, so the user's rules may leave them unmatched or make them `public` or `authPage`.
 * @throws {LockstepError} `ERR_CONFIG_PATH`, `ERR_CONFIG_LOGIN_UNREACHABLE`.
 */
export function compileImplicitRules(
  userRules: readonly CompiledRule[],
  loginPath: unknown,
  implicitPublic: unknown,
  defaultVerify: VerifyMode,
  trailingSlash: 'ignore' | 'strict',
): CompiledRule[] {
  const login = assertAppPath(loginPath, 'loginPath', trailingSlash);
  if (implicitPublic !== undefined && !Array.isArray(implicitPublic)) {
    throw new LockstepError('ERR_CONFIG_PATH', 'implicitPublic must be an array of paths.');
  }
  const extra = ((implicitPublic ?? []) as readonly unknown[]).map((path, i) =>
    assertAppPath(path, `implicitPublic[${i}]`, trailingSlash),
  );
  const implicit: CompiledRule[] = [
    implicitRule('the implicit authPage rule for loginPath', 'authPage', login, defaultVerify, trailingSlash),
  ];
  for (const [i, path] of extra.entries()) {
    if (path === login) {
      throw new LockstepError('ERR_CONFIG_PATH', `implicitPublic[${i}] repeats loginPath "${login}".`);
    }
    const name = `the implicit public rule implicitPublic[${i}]`;
    implicit.push(implicitRule(name, 'public', path, defaultVerify, trailingSlash));
  }
  for (const [i, path] of [login, ...extra].entries()) {
    const evaluation = evaluateRules(userRules, path);
    const what = i === 0 ? `loginPath "${path}"` : `implicitPublic[${i - 1}] "${path}"`;
    if (evaluation.kind === 'error') {
      throw new LockstepError(
        'ERR_CONFIG_LOGIN_UNREACHABLE',
        `${what} is unreachable: ${evaluation.rule.name} pattern ${evaluation.pattern} failed on it, ` +
          'which protects it (fail closed).',
      );
    }
    if (evaluation.kind === 'rule' && (evaluation.rule.access === 'protected' || evaluation.rule.access === 'ignore')) {
      throw new LockstepError(
        'ERR_CONFIG_LOGIN_UNREACHABLE',
        `${what} must be reachable without a session, but ${evaluation.rule.name} (${evaluation.rule.access}) ` +
          `pattern "${evaluation.pattern}" matches it first. Add a public or authPage rule for it above.`,
      );
    }
  }
  return implicit;
}

function implicitRule(
  name: string,
  access: 'authPage' | 'public',
  path: string,
  defaultVerify: VerifyMode,
  trailingSlash: 'ignore' | 'strict',
): CompiledRule {
  return {
    ruleIndex: null,
    name,
    access,
    verify: defaultVerify,
    session: true,
    requirements: null,
    matchers: [compileMatcher(path, name, trailingSlash)],
  };
}

/** An app path (relative to basePath, like rule patterns): canonical, absolute, no query, no glob. */
function assertAppPath(path: unknown, option: string, trailingSlash: 'ignore' | 'strict'): string {
  if (typeof path !== 'string') {
    throw new LockstepError('ERR_CONFIG_PATH', `${option} must be a string path such as "/login".`);
  }
  const canonical = createPathCanonicalizer({ trailingSlash })(path);
  const problem =
    path.includes('?') || path.includes('#')
      ? 'must not carry a query or a fragment'
      : path.includes('*')
        ? 'must be an exact path, not a glob'
        : canonical.kind === 'malformed'
          ? `is not a valid absolute path (${canonical.reason})`
          : canonical.path !== path
            ? `must be written in canonical form ("${canonical.path}")`
            : null;
  if (problem !== null) throw new LockstepError('ERR_CONFIG_PATH', `${option} ${JSON.stringify(path)} ${problem}.`);
  return path;
}
