/**
 * Browser side of a chart: chart.js (registered in chartjs.ts) is imported only here, so it loads (as its own chunk) when the
 * first chart scrolls into view. The chart is created once per canvas; the table beside it stays.
 */
import { Chart } from './chartjs.ts';
import type { ChartProps } from './config.ts';
import { chartConfig } from './config.ts';

export function draw(canvas: HTMLCanvasElement, props: ChartProps): void {
  if (Chart.getChart(canvas)) return;
  new Chart(canvas, chartConfig(props));
}
