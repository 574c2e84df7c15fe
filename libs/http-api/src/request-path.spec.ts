import { readRequestPath } from './request-path';

// The HTTP API column of hotsock/voker's live captures (vokerhttp/testdata/ingress-paths.json,
// us-west-2, July 2026), re-expressed: the path as sent → the rawPath the function received.
const captured: [sent: string, received: string | 400][] = [
  ['/capture/plain', '/capture/plain'],
  ['/capture/space%20value', '/capture/space value'],
  ['/capture/question%3Fvalue', '/capture/question'],
  ['/capture/percent%25done', 400],
  ['/capture/hash%23value', '/capture/hash#value'],
  ['/capture/slash%2Fvalue', '/capture/slash/value'],
  ['/capture/unicode-%CE%BB-%E4%B8%96%E7%95%8C', '/capture/unicode-λ-世界'],
  ['/capture/literal%252Fvalue', '/capture/literal/value'],
  ['/capture/literal%253Fvalue', '/capture/literal?value'],
  ['/capture/literal%2525value', '/capture/literal%value'],
];

describe('readRequestPath', () => {
  it.each(captured)('delivers %s as AWS did: %s', (sent, received) => {
    const result = readRequestPath(`${sent}?marker=path-probe&repeat=one&repeat=two`);
    if (received === 400) {
      expect(result.ok).toBe(false);
    } else {
      expect(result).toEqual({
        ok: true,
        path: received,
        rawQueryString: 'marker=path-probe&repeat=one&repeat=two',
      });
    }
  });

  // Not documented by AWS: refused, the stricter choice (FIDELITY.md).
  it.each([
    '/items/%00',
    '/items/a%0Ab',
    '/items/..',
    '/items/../docs',
    '/a/./b',
    '/items/%2e%2e/x',
    '/%E0%A4%A',
  ])('refuses %s with a reason', (target) => {
    const result = readRequestPath(target);
    expect(result).toMatchObject({ ok: false, reason: expect.any(String) });
  });

  it('keeps empty segments and dots inside names', () => {
    expect(readRequestPath('//items/a..b/.x')).toMatchObject({ ok: true, path: '//items/a..b/.x' });
  });

  it('refuses a request target that is not a path', () => {
    expect(readRequestPath('*').ok).toBe(false);
    expect(readRequestPath('http://evil.example/items').ok).toBe(false);
  });
});
