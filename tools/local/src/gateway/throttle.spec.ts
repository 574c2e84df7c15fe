import { Throttle } from './throttle';

describe('Throttle', () => {
  it('allows a burst, refuses the next, and refills at the rate', () => {
    let now = 0;
    const throttle = new Throttle({ rateLimit: 2, burstLimit: 3, routes: {} }, () => now);
    expect([1, 2, 3, 4].map(() => throttle.take('GET /items'))).toEqual([true, true, true, false]);
    now += 500; // 2 per second → one token back
    expect(throttle.take('GET /items')).toBe(true);
    expect(throttle.take('GET /items')).toBe(false);
  });

  it('keeps one bucket per route and applies route overrides', () => {
    const throttle = new Throttle(
      { rateLimit: 100, burstLimit: 50, routes: { 'POST /items': { burstLimit: 1 } } },
      () => 0,
    );
    expect(throttle.take('POST /items')).toBe(true);
    expect(throttle.take('POST /items')).toBe(false);
    expect(throttle.take('GET /items')).toBe(true);
  });
});
