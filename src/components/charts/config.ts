/** Chart data shaping: plain data in, a chart.js configuration out. The island only manages the canvas. */
import type { ChartConfiguration } from 'chart.js';

export interface ChartSeries {
  label: string;
  data: (number | null)[];
}

export interface ChartProps {
  type: 'bar' | 'line';
  labels: string[];
  series: ChartSeries[];
  /** Accessible name of the picture; the table beside it carries the numbers. */
  ariaLabel: string;
  /** Bars run left to right (readable names for short lists). */
  horizontal?: boolean;
  /** Rank charts: 1 at the top. */
  reverseY?: boolean;
  min?: number;
  max?: number;
  /** Value axis title, e.g. 分 or 名次. */
  axisTitle?: string;
  height?: number;
}

/** Calm, distinguishable colours (brand red, blue, grey) with enough contrast on white. */
const COLORS = ['#9f1d20', '#0b5cad', '#6e7781', '#1a7f37'];

export function chartConfig(p: ChartProps): ChartConfiguration<'bar' | 'line'> {
  const valueAxis = {
    reverse: p.reverseY ?? false,
    ...(p.min !== undefined ? { min: p.min } : {}),
    ...(p.max !== undefined ? { max: p.max } : {}),
    title: { display: Boolean(p.axisTitle), text: p.axisTitle ?? '' },
    ticks: p.reverseY ? { precision: 0 } : {},
  };
  const categoryAxis = { ticks: { autoSkip: true, maxRotation: 60 } };
  return {
    type: p.type,
    data: {
      labels: p.labels,
      datasets: p.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        backgroundColor: COLORS[i % COLORS.length],
        borderColor: COLORS[i % COLORS.length],
        borderWidth: p.type === 'line' ? 2 : 0,
        pointRadius: p.type === 'line' ? 3 : 0,
        spanGaps: true,
      })),
    },
    options: {
      indexAxis: p.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: p.series.length > 1 }, tooltip: { enabled: true } },
      scales: p.horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
    },
  };
}
