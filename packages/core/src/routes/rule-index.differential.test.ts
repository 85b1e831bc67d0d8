// Tests — the first-segment index decides every path exactly as the linear scan did, and the indexed shadowing check finds the same shadowed pattern.
import { describe, expect, it, vi } from 'vitest';
import { LockstepError } from '../errors.js';
import { compileRules } from './compile-rules.js';
import { createRoutePolicy as createIndexedPolicy, type RoutePolicy, type RoutePolicyOptions } from './route-policy.js';
import { generatePath, generateRules, seededRandom } from './test-support/generated-tables.js';
import { firstShadowLinear } from './test-support/linear-shadowing.js';

// A second copy of the route policy whose rule table is the linear scan (the code before the index).
vi.resetModules();
vi.doMock('./rule-index.js', () => import('./test-support/linear-rule-table.js'));
const { createRoutePolicy: createLinearPolicy } = await import('./route-policy.js');
const { linearCalls } = await import('./test-support/linear-rule-table.js');
vi.doUnmock('./rule-index.js');

const PATHS_PER_SEED = 100_000;
const PATHS_PER_TABLE = 250;
const SHADOW_TABLES_PER_SEED = 20_000;
const FIXED_SEED = 0x14_1000;
// About 20 s each on a quiet 2-core machine; a loaded CI runner may need several times that.
const HEAVY_TIMEOUT_MS = 180_000;

type Variant = Pick<RoutePolicyOptions, 'caseSensitive' | 'trailingSlash' | 'basePath'>;
const VARIANTS: readonly Variant[] = [
  { caseSensitive: true, trailingSlash: 'ignore' },
  { caseSensitive: false, trailingSlash: 'ignore' },
  { caseSensitive: false, trailingSlash: 'strict', basePath: '/docs' },
  { caseSensitive: true, trailingSlash: 'strict', basePath: '/docs' },
];

/** Both policies for a generated table, or null when the table is not a valid configuration (same for both: compilation is shared). */
function policies(options: RoutePolicyOptions): { indexed: RoutePolicy; linear: RoutePolicy } | null {
  try {
    return { indexed: createIndexedPolicy(options), linear: createLinearPolicy(options) };
  } catch (error) {
    if (error instanceof Error && error.name === 'LockstepError') return null;
    throw error;
  }
}

function seedOf(seed: number | undefined): number {
  return seed ?? Math.floor(Math.random() * 2 ** 32);
}

describe('rule index: decisions identical to the linear scan (failure class: indexed decision differs from linear)', () => {
  it.each([
    ['fixed seed', FIXED_SEED],
    ['random seed', undefined],
  ])(`${PATHS_PER_SEED} generated paths over generated tables (%s)`, (_label, fixed) => {
    const seed = seedOf(fixed);
    const random = seededRandom(seed);
    const before = linearCalls.count;
    let compared = 0;
    let tables = 0;
    while (compared < PATHS_PER_SEED) {
      const variant = VARIANTS[tables % VARIANTS.length] as Variant;
      tables += 1;
      const pair = policies({ rules: generateRules(random), defaultVerify: random() < 0.5 ? 'claims' : 'user', loginPath: '/login', ...variant });
      if (pair === null) continue;
      for (let i = 0; i < PATHS_PER_TABLE; i++) {
        const raw = (variant.basePath !== undefined && random() < 0.7 ? (random() < 0.5 ? '/docs' : '/DOCS') : '') + generatePath(random);
        const indexed = pair.indexed.resolve(raw);
        const linear = pair.linear.resolve(raw);
        // The seed names the replay; the path and the table are regenerated from it.
        if (JSON.stringify(indexed) !== JSON.stringify(linear)) expect({ seed, raw, indexed }).toEqual({ seed, raw, indexed: linear });
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(PATHS_PER_SEED);
    // The reference really ran (the module mock took effect) for every decided path.
    expect(linearCalls.count - before).toBeGreaterThanOrEqual(compared / 2);
  }, HEAVY_TIMEOUT_MS);

  it('explain() still lists every rule tried, in order (it keeps the linear scan)', () => {
    const policy = createIndexedPolicy({
      rules: [
        { match: '/api/**', access: 'public' },
        { match: '/blog/*', access: 'public' },
        { match: '/admin/**', access: 'protected', verify: 'user' },
      ],
      defaultVerify: 'claims',
      loginPath: '/login',
    });
    const explained = policy.explain('/admin/users');
    expect(explained.kind === 'matched' && explained.tried.map((trial) => trial.rule)).toEqual(['rules[0]', 'rules[1]', 'rules[2]']);
  });
});

describe('rule shadowing: the indexed check reports what the quadratic one did (failure class: different shadowing finding)', () => {
  it.each([
    ['fixed seed', FIXED_SEED],
    ['random seed', undefined],
  ])(`${SHADOW_TABLES_PER_SEED} generated tables (%s)`, (_label, fixed) => {
    const seed = seedOf(fixed);
    const random = seededRandom(seed);
    let shadowed = 0;
    for (let i = 0; i < SHADOW_TABLES_PER_SEED; i++) {
      const rules = generateRules(random);
      let finding: string | null = null;
      let compiled = null;
      try {
        compiled = compileRules(rules, 'claims', i % 2 === 0 ? 'ignore' : 'strict');
      } catch (error) {
        if (!(error instanceof LockstepError)) throw error;
        if (error.code !== 'ERR_CONFIG_RULE_SHADOWED') continue; // an invalid pattern: no shadowing to compare
        finding = error.message;
      }
      // The reference runs on the same compiled rules, with the check left out.
      const reference = firstShadowLinear(compileWithoutShadowCheck(rules, i % 2 === 0 ? 'ignore' : 'strict'));
      if (reference === null) {
        expect({ seed, i, finding }).toEqual({ seed, i, finding: null });
        expect(compiled).not.toBeNull();
      } else {
        shadowed += 1;
        expect({ seed, i, finding }).toEqual({
          seed,
          i,
          finding: expect.stringContaining(`${reference.rule} `) as unknown,
        });
        expect(finding).toContain(`pattern "${reference.pattern}" can never match: ${reference.by} `);
        expect(finding).toContain(`pattern "${reference.byPattern}" comes first`);
      }
    }
    // The generator produces shadowing often enough for the comparison to mean something.
    expect(shadowed).toBeGreaterThan(SHADOW_TABLES_PER_SEED / 20);
  }, HEAVY_TIMEOUT_MS);
});

/** compileRules without its shadowing check: each rule compiled alone, renamed to its place. */
function compileWithoutShadowCheck(rules: readonly unknown[], trailingSlash: 'ignore' | 'strict') {
  return rules.map((rule, index) => {
    const [compiled] = compileRules([rule], 'claims', trailingSlash);
    if (compiled === undefined) throw new Error('unreachable');
    return { ...compiled, ruleIndex: index, name: `rules[${index}]` };
  });
}
