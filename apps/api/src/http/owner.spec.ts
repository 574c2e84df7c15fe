import { createTestEvent } from '@items-api/test-events';
import { UnauthorizedError } from '../errors';
import { ownerOf } from './owner';

/** A compact JWS with this payload; the signature is the gateway's concern, never read here. */
const bearer = (payload: Record<string, unknown>) =>
  `Bearer ${[{ alg: 'RS256', kid: 'k1' }, payload]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.')}.c2lnbmF0dXJl`;

describe('ownerOf', () => {
  it('is the sub claim the authorizer verified, when the token carries it as a string', () => {
    const event = createTestEvent({
      sub: '123',
      headers: { Authorization: bearer({ sub: '123' }) },
    });
    expect(ownerOf(event)).toBe('123');
  });

  it('refuses with 401 a token whose sub is the number 123, which reaches the function as "123" (RFC 7519 §4.1.2)', () => {
    // API Gateway passes every claim as a string: the number arrives as its digits.
    const event = createTestEvent({ sub: '123', headers: { Authorization: bearer({ sub: 123 }) } });
    expect(() => ownerOf(event)).toThrow(UnauthorizedError);
    expect(() => ownerOf(event)).toThrow(/must be a string/);
  });

  it('refuses with 401 a request that carries no verified subject', () => {
    expect(() => ownerOf(createTestEvent({ sub: null }))).toThrow(/no verified subject/);
  });

  it('refuses a sub with characters that cannot go into keys and logs', () => {
    expect(() => ownerOf(createTestEvent({ sub: 'a b' }))).toThrow(UnauthorizedError);
  });
});
