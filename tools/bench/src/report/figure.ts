/** A number with its unit, as printed (`812.4 KB`, `41.2 ms`). */
export type Quantity = { readonly value: number; readonly unit: string };

/** `value <= limit` or `value >= limit`, where value is the figure's ratio or difference. */
export type Goal = { readonly op: '<=' | '>='; readonly limit: number };

/**
 * One row of the results table: what the kit measured, the baseline measured in the same run,
 * and how they compare. Without a goal the row is informational.
 */
export type Figure = {
  readonly id: string;
  readonly label: string;
  readonly measured: Quantity;
  readonly baseline: Quantity;
  /** `ratio`: measured ÷ baseline; `difference`: measured − baseline, in the measured unit. */
  readonly compare: 'ratio' | 'difference';
  readonly value: number;
  readonly goal?: Goal;
  /** Undefined for informational rows. */
  readonly pass?: boolean;
  readonly note?: string;
};

type FigureInput = Omit<Figure, 'compare' | 'value' | 'pass'>;

export function ratio(measured: number, baseline: number): number {
  if (!Number.isFinite(measured) || !Number.isFinite(baseline) || baseline <= 0) {
    throw new Error(`cannot divide ${measured} by baseline ${baseline}`);
  }
  return measured / baseline;
}

export function meetsGoal(value: number, goal: Goal): boolean {
  if (!Number.isFinite(value)) return false;
  return goal.op === '<=' ? value <= goal.limit : value >= goal.limit;
}

export function ratioFigure(input: FigureInput): Figure {
  const value = ratio(input.measured.value, input.baseline.value);
  return { ...input, compare: 'ratio', value, pass: input.goal && meetsGoal(value, input.goal) };
}

export function differenceFigure(input: FigureInput): Figure {
  if (input.measured.unit !== input.baseline.unit) {
    throw new Error(`cannot subtract ${input.baseline.unit} from ${input.measured.unit}`);
  }
  const value = input.measured.value - input.baseline.value;
  return {
    ...input,
    compare: 'difference',
    value,
    pass: input.goal && meetsGoal(value, input.goal),
  };
}
