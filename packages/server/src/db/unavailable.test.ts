import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, reconnectDelaySeconds } from './unavailable.js';

describe('telling an unreachable database from other failures', () => {
  it('recognises connection errors, through causes and GraphQL wrappers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable({ code: 'CONNECTION_CLOSED' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '57P01' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '08006' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'resolver', originalError: { cause: { code: 'CONNECT_TIMEOUT' } } })).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new AggregateError([refused]))).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable({ code: '23505' })).toBe(false); // unique_violation
    expect(isDatabaseUnavailable({ code: '57014' })).toBe(false); // statement timeout
    expect(isDatabaseUnavailable(null)).toBe(false);
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(isDatabaseUnavailable(loop)).toBe(false);
  });

  it('keeps the reconnect delay short and capped', () => {
    expect(reconnectDelaySeconds(0)).toBe(0.05);
    expect(reconnectDelaySeconds(3)).toBe(0.4);
    expect(reconnectDelaySeconds(30)).toBe(0.5);
  });
});
