import type { Figure } from './figure';
import { formatComparison, formatGoal, formatQuantity, formatResult } from './format';

export type Align = 'left' | 'right';

/** A plain-text table with a header rule; numbers read best right-aligned. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const widths = header.map((title, col) =>
    Math.max(title.length, ...rows.map((row) => (row[col] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, col) =>
        align[col] === 'right' ? cell.padStart(widths[col]) : cell.padEnd(widths[col]),
      )
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const figureHeader = ['figure', 'measured', 'baseline', 'ratio', 'goal', 'result'];

function figureRow(figure: Figure): string[] {
  return [
    figure.label,
    formatQuantity(figure.measured),
    formatQuantity(figure.baseline),
    formatComparison(figure),
    formatGoal(figure.goal, figure),
    formatResult(figure.pass),
  ];
}

/** The summary table: one row per figure, then each figure's note as a footnote. */
export function renderFigures(figures: readonly Figure[]): string {
  const table = renderTable(figureHeader, figures.map(figureRow), [
    'left',
    'right',
    'right',
    'right',
    'left',
    'left',
  ]);
  const notes = figures
    .filter((figure) => figure.note)
    .map((figure) => `  ${figure.label}: ${figure.note}`);
  return notes.length ? `${table}\n\n${notes.join('\n')}` : table;
}

/** The same figures as a Markdown table, ready for the README. */
export function renderFiguresMarkdown(figures: readonly Figure[]): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    row(figureHeader),
    row(figureHeader.map(() => '---')),
    ...figures.map((figure) => row(figureRow(figure))),
  ].join('\n');
}
