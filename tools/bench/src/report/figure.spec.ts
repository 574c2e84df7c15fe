import { differenceFigure, meetsGoal, ratio, ratioFigure } from './figure';

const kb = (value: number) => ({ value, unit: 'KB' });
const us = (value: number) => ({ value, unit: 'µs' });

describe('ratio', () => {
  it('divides measured by baseline', () => {
    expect(ratio(3, 2)).toBe(1.5);
  });

  it('refuses a zero, negative or non-finite baseline', () => {
    expect(() => ratio(1, 0)).toThrow('baseline 0');
    expect(() => ratio(1, -1)).toThrow();
    expect(() => ratio(Number.NaN, 1)).toThrow();
  });
});

describe('meetsGoal', () => {
  it('passes a value on the limit of an at-most goal and fails one above it', () => {
    expect(meetsGoal(1.5, { op: '<=', limit: 1.5 })).toBe(true);
    expect(meetsGoal(1.51, { op: '<=', limit: 1.5 })).toBe(false);
  });

  it('passes a value on the limit of an at-least goal and fails one below it', () => {
    expect(meetsGoal(0.6, { op: '>=', limit: 0.6 })).toBe(true);
    expect(meetsGoal(0.59, { op: '>=', limit: 0.6 })).toBe(false);
  });

  it('fails NaN whatever the goal', () => {
    expect(meetsGoal(Number.NaN, { op: '<=', limit: 1 })).toBe(false);
    expect(meetsGoal(Number.NaN, { op: '>=', limit: 1 })).toBe(false);
  });
});

describe('figures', () => {
  it('checks a ratio against its goal', () => {
    const figure = ratioFigure({
      id: 'bundle',
      label: 'bundle size',
      measured: kb(600),
      baseline: kb(400),
      goal: { op: '<=', limit: 1.5 },
    });
    expect(figure).toMatchObject({ compare: 'ratio', value: 1.5, pass: true });
  });

  it('checks a difference against its goal', () => {
    const figure = differenceFigure({
      id: 'overhead',
      label: 'in-process overhead',
      measured: us(40),
      baseline: us(5),
      goal: { op: '<=', limit: 30 },
    });
    expect(figure).toMatchObject({ compare: 'difference', value: 35, pass: false });
  });

  it('leaves pass undefined for an informational figure', () => {
    const figure = ratioFigure({ id: 'x', label: 'x', measured: kb(1), baseline: kb(2) });
    expect(figure.pass).toBeUndefined();
  });

  it('refuses to subtract quantities in different units', () => {
    expect(() =>
      differenceFigure({ id: 'x', label: 'x', measured: us(1), baseline: kb(1) }),
    ).toThrow('cannot subtract KB from µs');
  });
});
