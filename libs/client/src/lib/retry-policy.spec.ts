import {
  backoffDelay,
  defaultRetryPolicy,
  isIdempotentRequest,
  parseRetryAfter,
} from './retry-policy';

describe('isIdempotentRequest', () => {
  it.each([
    ['GET', {}, true],
    ['DELETE', {}, true],
    ['PUT', { 'if-match': '"3"' }, true],
    ['PUT', {}, false],
    ['POST', { 'idempotency-key': 'k' }, true],
    ['POST', {}, false],
  ])('treats %s with headers %j as idempotent: %s', (method, headers, expected) => {
    expect(isIdempotentRequest(method, headers)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('doubles the ceiling per retry and caps it at maxDelayMs', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 500 };
    const atCeiling = () => 1 - Number.EPSILON;

    expect([1, 2, 3, 4].map((retry) => backoffDelay(retry, policy, atCeiling))).toEqual([
      99, 199, 399, 499,
    ]);
  });

  it('draws a random wait between zero and the ceiling (full jitter)', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100 };

    expect(backoffDelay(2, policy, () => 0)).toBe(0);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(100);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
  });

  it('reads an HTTP-date relative to now', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
