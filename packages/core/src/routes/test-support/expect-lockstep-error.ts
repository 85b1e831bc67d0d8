// Test helper: asserts that a call throws a LockstepError with a given code, and returns it.
import { expect } from 'vitest';
import { LockstepError, type LockstepErrorCode } from '../../errors.js';

export function expectLockstepError(run: () => unknown, code: LockstepErrorCode): LockstepError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(LockstepError);
  const error = thrown as LockstepError;
  expect(error.code).toBe(code);
  return error;
}
