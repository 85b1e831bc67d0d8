// Renders result rows as a Markdown table: printed to the terminal and pasted into docs/performance.md.

export type Cell = string | number | null;

/**
 * Formats a table with aligned columns (valid Markdown).
 *
 * @example
 * console.log(formatTable(['variant', 'median µs'], [['no auth', 21]]));
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => row.map(formatCell));
  // Text columns align left, number columns right.
  const numeric = headers.map((_, column) => rows.every((row) => typeof row[column] !== 'string'));
  const widths = headers.map((header, column) => Math.max(header.length, ...text.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => (numeric[column] === true ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (numeric[column] === true ? `${'-'.repeat(width + 1)}:` : `${'-'.repeat(width + 1)}-`)).join('|')}|`;
  return [line(headers), rule, ...text.map(line)].join('\n');
}

function formatCell(cell: Cell): string {
  if (cell === null) return '–';
  if (typeof cell === 'string') return cell;
  if (!Number.isFinite(cell)) return String(cell);
  return Number.isInteger(cell) ? cell.toLocaleString('en-US') : String(cell);
}
