/**
 * Browser side of a chart: chart.js is imported only here, so it loads (as its own chunk) when the
 * first chart scrolls into view. The chart is created once per canvas; the table beside it stays.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ChartProps } from './config.ts';
import { chartConfig } from './config.ts';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export function draw(canvas: HTMLCanvasElement, props: ChartProps): void {
  if (Chart.getChart(canvas)) return;
  new Chart(canvas, chartConfig(props));
}
