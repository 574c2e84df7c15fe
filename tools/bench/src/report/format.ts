import type { Figure, Goal, Quantity } from './figure';

/** Three significant digits for small values, whole numbers with separators for big ones. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1 || abs === 0) return value.toFixed(2);
  return value.toPrecision(3);
}

export function formatQuantity({ value, unit }: Quantity): string {
  return unit === 'USD' ? `$${formatNumber(value)}` : `${formatNumber(value)} ${unit}`;
}

export function formatComparison(figure: Pick<Figure, 'compare' | 'value' | 'measured'>): string {
  if (figure.compare === 'ratio') return `${figure.value.toFixed(2)}×`;
  const sign = figure.value >= 0 ? '+' : '−';
  return `${sign}${formatNumber(Math.abs(figure.value))} ${figure.measured.unit}`;
}

export function formatGoal(goal: Goal | undefined, figure: Pick<Figure, 'compare' | 'measured'>) {
  if (!goal) return '—';
  const op = goal.op === '<=' ? '≤' : '≥';
  return figure.compare === 'ratio'
    ? `${op} ${goal.limit}×`
    : `${op} ${goal.limit} ${figure.measured.unit}`;
}

export function formatResult(pass: boolean | undefined): string {
  if (pass === undefined) return 'info';
  return pass ? 'PASS' : 'FAIL';
}
