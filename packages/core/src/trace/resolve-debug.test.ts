// The debug option: off by default, on outside production, ignored (with a warning) in production unless forced.
import { describe, expect, it } from 'vitest';
import type { LockstepEvent } from '../events.js';
import { resolveDebug } from './resolve-debug.js';

describe('resolveDebug', () => {
  it('is ignored in production unless forced, with a warning; a wrong value is refused', () => {
    const warnings: LockstepEvent[] = [];
    expect(resolveDebug(true, (event) => warnings.push(event), 'production')).toBe(false);
    expect(warnings).toEqual([{ type: 'config.warning', code: 'debug_ignored_in_production' }]);
    expect(resolveDebug({ allowInProduction: true }, undefined, 'production')).toBe(true);
    expect(resolveDebug(true, undefined, 'development')).toBe(true);
    expect(resolveDebug(true, undefined, undefined)).toBe(true);
    expect(resolveDebug(undefined, undefined, 'development')).toBe(false);
    expect(resolveDebug(false, undefined, 'development')).toBe(false);
    expect(() => resolveDebug('yes', undefined, 'development')).toThrow(/debug must be/);
    expect(() => resolveDebug({ allowInProduction: true, extra: 1 }, undefined, 'development')).toThrow(/debug must be/);
    expect(() => resolveDebug({ allowInProduction: false }, undefined, 'development')).toThrow(/debug must be/);
  });
});
