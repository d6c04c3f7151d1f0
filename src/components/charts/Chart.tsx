/**
 * Chart island (client:visible): creates the chart.js chart once, updates it in place when props
 * change, destroys it on unmount. The page renders the data table beside it as the fallback.
 */
import { useEffect, useRef } from 'react';
import {
  BarController, BarElement, CategoryScale, Chart as ChartJs, Legend, LinearScale, LineController, LineElement, PointElement, Title, Tooltip,
} from 'chart.js';
import type { ChartProps } from './config.ts';
import { chartConfig } from './config.ts';

ChartJs.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip, Title);

export default function Chart(props: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartJs<'bar' | 'line'> | null>(null);
  const drawn = useRef<ChartProps | null>(null);

  useEffect(() => {
    if (!canvas.current) return undefined;
    chart.current = new ChartJs(canvas.current, chartConfig(props));
    drawn.current = props;
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Created once per mount; prop changes are applied in place below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c || drawn.current === props) return;
    drawn.current = props;
    const next = chartConfig(props);
    c.data.labels = next.data.labels ?? [];
    c.data.datasets = next.data.datasets;
    if (next.options) c.options = next.options;
    c.update('none');
  }, [props]);

  return (
    <div className="chart-box" style={{ position: 'relative', height: `${props.height ?? 320}px` }}>
      <canvas ref={canvas} role="img" aria-label={props.ariaLabel}>
        {props.ariaLabel}（数据见下表）
      </canvas>
    </div>
  );
}
