import { mean, median, percentile, summarize } from './percentile';

describe('percentile', () => {
  it('returns the nearest-rank sample', () => {
    const samples = [15, 20, 35, 40, 50];
    expect(percentile(samples, 30)).toBe(20);
    expect(percentile(samples, 40)).toBe(20);
    expect(percentile(samples, 50)).toBe(35);
    expect(percentile(samples, 100)).toBe(50);
  });

  it('returns the smallest sample for p0 and does not reorder the input', () => {
    const samples = [3, 1, 2];
    expect(percentile(samples, 0)).toBe(1);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('returns the 99th of 100 samples as p99', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 99)).toBe(99);
  });

  it('rejects no samples and a p outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow('no samples');
    expect(() => percentile([1], 101)).toThrow('0–100');
    expect(() => percentile([1], Number.NaN)).toThrow('0–100');
  });
});

describe('median and mean', () => {
  it('takes the middle sample of an odd count', () => {
    expect(median([9, 1, 5])).toBe(5);
  });

  it('averages the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('averages all samples', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
  });

  it('summarizes a sample set', () => {
    expect(summarize([1, 2, 3])).toEqual({ n: 3, median: 2, p99: 3, mean: 2, min: 1, max: 3 });
  });
});
