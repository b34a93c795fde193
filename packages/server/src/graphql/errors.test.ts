import { describe, expect, it } from 'vitest';
import { maskError } from './errors.js';

describe('error masking', () => {
  const unexpected = {
    message: 'duplicate key value violates unique constraint "cases_reference_key"',
    path: ['createCase'],
    extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at db/client.ts:10'] },
  };

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR outside development', () => {
    const masked = maskError(unexpected, { development: false, requestId: 'r-1' });
    expect(masked).toEqual({
      message: 'Internal server error',
      path: ['createCase'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'r-1' },
    });
  });

  it('masks errors that carry no known code', () => {
    const masked = maskError({ message: 'relation "x" does not exist' }, { development: false });
    expect(masked.message).toBe('Internal server error');
    expect(masked.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('keeps expected errors and their safe extensions, without a stack', () => {
    const masked = maskError(
      { message: 'Case changed', extensions: { code: 'CONFLICT', currentVersion: 3, stacktrace: ['x'] } },
      { development: false },
    );
    expect(masked).toEqual({ message: 'Case changed', extensions: { code: 'CONFLICT', currentVersion: 3 } });
  });

  it('shows everything in development', () => {
    expect(maskError(unexpected, { development: true })).toEqual(unexpected);
  });
});
