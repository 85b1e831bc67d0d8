// A tiny SVG chart writer (grouped bars and lines): enough for the plots in docs/, with no dependency.

/** One series of a chart: a label and one value per category (bars) or point (lines). */
export interface Series {
  readonly label: string;
  readonly values: readonly number[];
}

/** What every chart needs. */
export interface ChartOptions {
  readonly title: string;
  readonly yLabel: string;
  /** Category names (bars) or x values (lines). */
  readonly categories: readonly (string | number)[];
  readonly series: readonly Series[];
  /** Logarithmic y axis (positive values only). @default false */
  readonly logY?: boolean;
  readonly xLabel?: string;
}

const WIDTH = 760;
const HEIGHT = 380;
const MARGIN = { top: 40, right: 20, bottom: 70, left: 70 } as const;
const COLORS = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#b279a2', '#9d755d', '#bab0ac'];

/**
 * Grouped bar chart: one group per category, one bar per series.
 *
 * @example
 * writeFileSync('x.svg', barChart({ title: 't', yLabel: 'µs', categories: ['a'], series: [{ label: 's', values: [1] }] }));
 */
export function barChart(options: ChartOptions): string {
  const scale = yScale(options);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const groupWidth = plotWidth / Math.max(1, options.categories.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, options.series.length);
  const parts: string[] = [];
  options.categories.forEach((category, index) => {
    const groupX = MARGIN.left + index * groupWidth + groupWidth * 0.1;
    options.series.forEach((series, s) => {
      const value = series.values[index];
      if (value === undefined || !Number.isFinite(value)) return;
      const y = scale.toY(value);
      parts.push(
        `<rect x="${fmt(groupX + s * barWidth)}" y="${fmt(y)}" width="${fmt(barWidth - 1)}" height="${fmt(scale.baseY - y)}" fill="${color(s)}"><title>${escape(series.label)}: ${value}</title></rect>`,
      );
    });
    parts.push(label(MARGIN.left + index * groupWidth + groupWidth / 2, HEIGHT - MARGIN.bottom + 16, String(category), 'middle', 11));
  });
  return frame(options, scale, parts);
}

/** Line chart over numeric x values (`categories`), one line per series. */
export function lineChart(options: ChartOptions): string {
  const scale = yScale(options);
  const xs = options.categories.map(Number);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const toX = (x: number): number => MARGIN.left + (maxX === minX ? plotWidth / 2 : ((x - minX) / (maxX - minX)) * plotWidth);
  const parts: string[] = [];
  options.series.forEach((series, s) => {
    const points = xs
      .map((x, i) => [x, series.values[i]] as const)
      .filter((point): point is readonly [number, number] => point[1] !== undefined && Number.isFinite(point[1]))
      .map(([x, y]) => `${fmt(toX(x))},${fmt(scale.toY(y))}`);
    parts.push(`<polyline fill="none" stroke="${color(s)}" stroke-width="2" points="${points.join(' ')}"/>`);
    for (const point of points) {
      const [cx, cy] = point.split(',');
      parts.push(`<circle cx="${cx}" cy="${cy}" r="3" fill="${color(s)}"/>`);
    }
  });
  for (const x of ticks(minX, maxX, 6)) {
    parts.push(label(toX(x), HEIGHT - MARGIN.bottom + 16, shortNumber(x), 'middle', 11));
  }
  return frame(options, scale, parts);
}

interface YScale {
  readonly toY: (value: number) => number;
  readonly ticks: readonly number[];
  readonly baseY: number;
}

function yScale(options: ChartOptions): YScale {
  const values = options.series.flatMap((series) => series.values).filter((value) => Number.isFinite(value));
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const baseY = HEIGHT - MARGIN.bottom;
  if (options.logY === true) {
    const positive = values.filter((value) => value > 0);
    const lo = 10 ** Math.floor(Math.log10(Math.min(...positive, 1)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...positive, lo * 10)));
    const toY = (value: number): number => baseY - ((Math.log10(Math.max(value, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotHeight;
    const decades: number[] = [];
    for (let tick = lo; tick <= hi * 1.0001; tick *= 10) decades.push(tick);
    return { toY, ticks: decades, baseY };
  }
  const hi = niceCeil(Math.max(...values, 0) * 1.05 || 1);
  const toY = (value: number): number => baseY - (value / hi) * plotHeight;
  return { toY, ticks: ticks(0, hi, 5), baseY };
}

function frame(options: ChartOptions, scale: YScale, body: readonly string[]): string {
  const grid = scale.ticks.map((tick) => {
    const y = fmt(scale.toY(tick));
    return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" stroke="#ddd"/>${label(MARGIN.left - 6, Number(y) + 4, shortNumber(tick), 'end', 11)}`;
  });
  const legend = options.series.map((series, s) => {
    const x = MARGIN.left + s * 150;
    const y = HEIGHT - 22;
    return `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${color(s)}"/>${label(x + 14, y, series.label, 'start', 11)}`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="system-ui, sans-serif">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    label(WIDTH / 2, 22, options.title, 'middle', 15),
    `<text transform="translate(16 ${HEIGHT / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(options.yLabel)}</text>`,
    options.xLabel === undefined ? '' : label(WIDTH / 2, HEIGHT - MARGIN.bottom + 34, options.xLabel, 'middle', 12),
    ...grid,
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${scale.baseY}" y2="${scale.baseY}" stroke="#333"/>`,
    ...body,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}

function label(x: number, y: number, text: string, anchor: 'start' | 'middle' | 'end', size: number): string {
  return `<text x="${fmt(x)}" y="${fmt(y)}" text-anchor="${anchor}" font-size="${size}">${escape(text)}</text>`;
}

function ticks(lo: number, hi: number, count: number): number[] {
  const step = niceCeil((hi - lo) / count) || 1;
  const out: number[] = [];
  for (let tick = Math.ceil(lo / step) * step; tick <= hi + step * 1e-9; tick += step) out.push(Number(tick.toPrecision(12)));
  return out;
}

function niceCeil(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  const fraction = value / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

function shortNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${Number((value / 1e3).toPrecision(3))}k`;
  return String(Number(value.toPrecision(3)));
}

const fmt = (value: number): string => value.toFixed(1);
const color = (index: number): string => COLORS[index % COLORS.length] as string;
const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
