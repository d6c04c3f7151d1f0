/**
 * Chart data shaping: plain data in, one scale and layout for both pictures of a chart — the static
 * SVG drawn at build (svg.ts: shown without JavaScript) and the chart.js configuration drawn in the
 * browser (draw.ts). Both read the same axis from `valueScale`, so they cannot disagree.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
}

/**
 * - `dots`: one dot per category on a value axis that need not start at 0 (a dot plot: position, not
 *   length, carries the value, so a baseline near the data is honest); the axis start is stated.
 * - `bars`: horizontal bars from 0, one per series side by side.
 * - `stacked`: horizontal bars from 0, the series stacked (contributions to a sum).
 * - `line`: categories left to right (months), values up (or down with `reverse`).
 */
export type ChartKind = 'dots' | 'bars' | 'stacked' | 'line';

export interface ChartProps {
  kind: ChartKind;
  labels: string[];
  series: ChartSeries[];
  /** Accessible name of the picture; the table beside it carries the numbers. */
  ariaLabel: string;
  /** Value axis bounds; when absent they follow from the data (from 0 except for dots). */
  min?: number;
  max?: number;
  /** Value axis title, e.g. 分 or 名次. */
  axisTitle?: string;
  /** Line charts of ranks: 1 at the top. */
  reverse?: boolean;
  /** Decimals of value labels and ticks (0: integer ticks). */
  decimals?: number;
  /** Write each value (dots, bars) or each stack's sum (stacked) beside it. */
  valueLabels?: boolean;
}

/** Calm, distinguishable colours with enough contrast on white (brand red first). */
/**
 * Charts with one row per unit are drawn up to this many units. A province's tier of hundreds or thousands of
 * towns would make a picture thousands of pixels tall that shows nothing a reader can take in, and it was most
 * of the bytes of such a ranking page; the table beside it carries every number.
 */
export const MAX_CHART_ROWS = 120;

export const COLORS = [
  '#9f1d20',
  '#0b5cad',
  '#b08800',
  '#1a7f37',
  '#8250df',
  '#57606a',
  '#bc4c00',
  '#1b7c83',
  '#cf222e',
  '#0550ae',
];
export const color = (i: number): string => COLORS[i % COLORS.length]!;

/** Names longer than this many characters are written on two lines (a long department name on a phone). */
export const LABEL_CHARS = 9;

/** A category name as one line, or two halves when it is long. */
export function labelLines(label: string): string[] {
  const chars = [...label];
  if (chars.length <= LABEL_CHARS) return [label];
  const half = Math.ceil(chars.length / 2);
  return [chars.slice(0, half).join(''), chars.slice(half).join('')];
}

/** Height of a row of a horizontal chart: taller when two series sit side by side or a name takes two lines. */
export function rowHeight(p: Pick<ChartProps, 'kind' | 'series' | 'labels'>): number {
  const twoLines = p.labels.some((l) => labelLines(l).length > 1);
  return Math.max(p.kind === 'bars' && p.series.length > 1 ? 14 * p.series.length + 10 : 24, twoLines ? 30 : 0);
}

/** Pixel height of the chart's box: one row per category for horizontal charts (names stay readable on a phone). */
export function chartHeight(p: Pick<ChartProps, 'kind' | 'series' | 'labels'>): number {
  if (p.kind === 'line') return 240;
  return p.labels.length * rowHeight(p) + 44;
}

export interface ValueScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
  /** True when the axis does not start at 0 (dot plots): captions say where it starts. */
  offsetBaseline: boolean;
}

const NICE = [1, 2, 2.5, 5, 10];

/** A round step giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  if (!(span > 0)) return 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return (NICE.find((n) => n * mag >= raw) ?? 10) * mag;
}

function sumsOf(p: ChartProps): number[] {
  return p.labels.map((_, i) => p.series.reduce((s, x) => s + (x.data[i] ?? 0), 0));
}

/**
 * The value axis. Bars and stacks start at 0 (their length is the value); a dot plot starts at a round
 * number just below its smallest value, so differences of a few points are visible; `min`/`max` win.
 */
export function valueScale(p: ChartProps): ValueScale {
  const values =
    p.kind === 'stacked'
      ? sumsOf(p)
      : p.series.flatMap((s) => s.data.filter((v): v is number => v !== null && Number.isFinite(v)));
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const fromZero = p.kind !== 'dots' && p.kind !== 'line';
  let min = p.min ?? (fromZero ? Math.min(0, lo) : lo - (hi - lo) * 0.08);
  let max = p.max ?? hi + (hi - lo) * (fromZero ? 0.02 : 0.08);
  if (max <= min) max = min + 1;
  const step = p.decimals === 0 ? Math.max(1, Math.round(niceStep(max - min, 6))) : niceStep(max - min, 6);
  if (p.min === undefined) min = Math.floor(min / step + 1e-9) * step;
  if (p.max === undefined) max = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + step * 1e-6; t += step)
    ticks.push(Math.round(t * 1e6) / 1e6);
  return { min, max, step, ticks, offsetBaseline: p.kind === 'dots' && min !== 0 };
}

/** A value as its label: fixed decimals, trailing zeros kept (a column of totals reads evenly). */
export function valueText(v: number, decimals = 2): string {
  return v.toFixed(decimals);
}

/** A tick as text: no more decimals than the step needs. */
export function tickText(v: number, step: number): string {
  const d = step >= 1 ? 0 : Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
  return v.toFixed(d);
}

/** Writes each value (or each stack's sum) at the end of its dot or bar. */
const valueLabelPlugin = (p: ChartProps): Plugin<'bar' | 'line'> => ({
  id: 'kaoheValueLabels',
  afterDatasetsDraw(chart) {
    if (!p.valueLabels) return;
    const { ctx } = chart;
    ctx.save();
    ctx.font = '12px sans-serif';
    ctx.fillStyle = '#1f2328';
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'left';
    if (p.kind === 'stacked') {
      const last = chart.getDatasetMeta(p.series.length - 1);
      const x = chart.scales['x']!;
      sumsOf(p).forEach((sum, i) => {
        const el = last.data[i];
        if (el) ctx.fillText(valueText(sum, p.decimals), x.getPixelForValue(sum) + 4, el.y);
      });
    } else {
      p.series.forEach((s, si) => {
        const meta = chart.getDatasetMeta(si);
        s.data.forEach((v, i) => {
          const el = meta.data[i];
          if (v !== null && el) ctx.fillText(valueText(v, p.decimals), el.x + (p.kind === 'dots' ? 8 : 4), el.y);
        });
      });
    }
    ctx.restore();
  },
});

export function chartConfig(p: ChartProps): ChartConfiguration<'bar' | 'line'> {
  const scale = valueScale(p);
  const horizontal = p.kind !== 'line';
  const valueAxis = {
    type: 'linear' as const,
    reverse: p.reverse ?? false,
    min: scale.min,
    max: scale.max,
    stacked: p.kind === 'stacked',
    title: { display: Boolean(p.axisTitle), text: p.axisTitle ?? '', color: '#1f2328' },
    ticks: {
      stepSize: scale.step,
      color: '#1f2328',
      callback: (v: string | number) => tickText(Number(v), scale.step),
    },
    grid: { color: '#d0d7de' },
  };
  // Every name shows, whole, on its own row (no skipping, no rotation).
  const categoryAxis = {
    type: 'category' as const,
    stacked: p.kind === 'stacked',
    ticks: { autoSkip: !horizontal, maxRotation: 0, color: '#1f2328', font: { size: 12 } },
    grid: { display: false },
  };
  const dots = p.kind === 'dots';
  return {
    type: p.kind === 'line' || dots ? 'line' : 'bar',
    data: {
      labels: horizontal ? p.labels.map(labelLines) : p.labels,
      datasets: p.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        backgroundColor: color(i),
        borderColor: color(i),
        borderWidth: p.kind === 'line' ? 2 : 0,
        pointRadius: dots ? 5 : p.kind === 'line' ? 3 : 0,
        showLine: !dots,
        spanGaps: true,
        ...(horizontal && !dots ? { barPercentage: 0.85, categoryPercentage: 0.85 } : {}),
      })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // Room on the right for the value labels.
      layout: { padding: { right: p.valueLabels ? 52 : 8 } },
      // The legend is the HTML list under the chart (the same for the static picture).
      plugins: { legend: { display: false }, tooltip: { enabled: true } },
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    },
    plugins: [valueLabelPlugin(p)],
  };
}
