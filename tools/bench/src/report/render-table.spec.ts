import { ratioFigure } from './figure';
import { formatComparison, formatNumber, formatQuantity } from './format';
import { renderFigures, renderFiguresMarkdown, renderTable } from './render-table';

const bundle = ratioFigure({
  id: 'bundle',
  label: 'bundle size',
  measured: { value: 600, unit: 'KB' },
  baseline: { value: 400, unit: 'KB' },
  goal: { op: '<=', limit: 1.5 },
  note: 'minified ESM',
});

describe('formatting', () => {
  it('keeps three significant digits for small numbers and separators for big ones', () => {
    expect(formatNumber(0.01234)).toBe('0.0123');
    expect(formatNumber(1.234)).toBe('1.23');
    expect(formatNumber(12.34)).toBe('12.3');
    expect(formatNumber(123.4)).toBe('123');
    expect(formatNumber(12345.6)).toBe('12,346');
  });

  it('puts the dollar sign before USD amounts', () => {
    expect(formatQuantity({ value: 1.5, unit: 'USD' })).toBe('$1.50');
    expect(formatQuantity({ value: 1.5, unit: 'ms' })).toBe('1.50 ms');
  });

  it('signs differences in the measured unit', () => {
    const measured = { value: 1, unit: 'µs' };
    expect(formatComparison({ compare: 'difference', value: 12.5, measured })).toBe('+12.5 µs');
    expect(formatComparison({ compare: 'difference', value: -2, measured })).toBe('−2.00 µs');
  });
});

describe('renderTable', () => {
  it('pads columns to the widest cell and right-aligns where asked', () => {
    const text = renderTable(
      ['a', 'b'],
      [
        ['long cell', '1'],
        ['x', '100'],
      ],
      ['left', 'right'],
    );
    expect(text.split('\n')).toEqual([
      'a            b',
      '─────────  ───',
      'long cell    1',
      'x          100',
    ]);
  });
});

describe('renderFigures', () => {
  it('prints ratio, goal, result and the note', () => {
    const text = renderFigures([bundle]);
    expect(text).toContain('1.50×');
    expect(text).toContain('≤ 1.5×');
    expect(text).toContain('PASS');
    expect(text).toContain('bundle size: minified ESM');
  });

  it('renders the same row as Markdown', () => {
    expect(renderFiguresMarkdown([bundle]).split('\n')[2]).toBe(
      '| bundle size | 600 KB | 400 KB | 1.50× | ≤ 1.5× | PASS |',
    );
  });
});
