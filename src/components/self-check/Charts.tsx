/**
 * The two self-check charts, each with its table beside it: level-1 scores against the tier average,
 * and actual against expected progress by month. This module (and chart.js with it) is loaded only
 * when the user opens the charts.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Chart } from '../charts/chartjs.ts';
import type { ChartConfiguration } from 'chart.js';
import type { UnitResult } from '../../engine/score.ts';
import { chartsLoaded } from '../../client/store.ts';
import type { ProgressSeries, ScoreView } from '../../client/protocol.ts';
import { fixed, percent } from './format.ts';
import { chartConfig, chartHeight } from '../charts/config.ts';
import type { ChartProps } from '../charts/config.ts';

/** One canvas: the chart is created once, updated in place when the data changes (what-if edits), destroyed on unmount. */
function Canvas({
  config,
  label,
  height,
}: {
  config: ChartConfiguration<'bar' | 'line'>;
  label: string;
  height?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // Set through the CSSOM, not a style attribute: the Content-Security-Policy allows no inline styles.
  useEffect(() => {
    if (box.current && height) box.current.style.height = `${height}px`;
  }, [height]);
  const chart = useRef<Chart<'bar' | 'line'> | null>(null);
  useEffect(() => {
    if (!ref.current) return undefined;
    chart.current = new Chart(ref.current, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Created once per mount; later configs are applied in place below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const c = chart.current;
    if (!c || c.config === config) return;
    c.data.labels = config.data.labels ?? [];
    c.data.datasets = config.data.datasets;
    if (config.options) c.options = config.options;
    c.update('none');
  }, [config]);
  return (
    <div className="sc-chart" ref={box}>
      <canvas ref={ref} role="img" aria-label={`${label}（数据见旁边的表格）`} />
    </div>
  );
}

const pctAxis = { ticks: { callback: (v: string | number) => percent(Number(v), 0) }, beginAtZero: true };

export default function Charts({
  view,
  unit,
  progress,
}: {
  view: ScoreView;
  unit: UnitResult;
  progress: ProgressSeries | null;
}) {
  const id = useId();
  useEffect(() => {
    chartsLoaded();
  }, []);
  const l1 = view.level1;
  const [itemCode, setItemCode] = useState<string>('');
  const series = progress?.unit === unit.unit ? progress : null;
  const item = series?.items.find((i) => i.code === itemCode) ?? series?.items[0];

  // The same horizontal bars from 0 as the unit pages (charts/config.ts): full names, one row each, values written.
  const barProps = useMemo(
    (): ChartProps => ({
      kind: 'bars',
      labels: l1.map((x) => x.name),
      series: [
        { label: unit.name, data: l1.map((x) => Math.round(x.share * 1000) / 10) },
        {
          label: `${view.tierName}平均`,
          data: l1.map((x) => (x.tierShare === null ? null : Math.round(x.tierShare * 1000) / 10)),
        },
      ],
      ariaLabel: '各一级指标得分率对比条形图',
      min: 0,
      decimals: 1,
      valueLabels: true,
      axisTitle: '得分率 %（从 0 起）',
    }),
    [l1, unit.name, view.tierName],
  );
  const barConfig = useMemo(() => chartConfig(barProps), [barProps]);
  const lineConfig = useMemo(
    (): ChartConfiguration<'line'> | null =>
      item && series
        ? {
            type: 'line',
            data: {
              labels: series.months,
              datasets: [
                {
                  label: '实际进度',
                  data: item.actual,
                  borderColor: '#9f1d20',
                  backgroundColor: '#9f1d20',
                  spanGaps: true,
                },
                {
                  label: '序时进度',
                  data: item.expected,
                  borderColor: '#57606a',
                  backgroundColor: '#57606a',
                  borderDash: [6, 4],
                  spanGaps: true,
                },
              ],
            },
            options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: pctAxis } },
          }
        : null,
    [item, series],
  );

  return (
    <div className="sc-chart-grid" data-testid="charts">
      <figure>
        <figcaption>
          各一级指标得分率：{unit.name}与{view.tierName}平均
        </figcaption>
        <div className="sc-chart-pair">
          <div>
            <Canvas config={barConfig} label={barProps.ariaLabel} height={chartHeight(barProps)} />
            <ul className="chart-legend" aria-label="图例">
              {barProps.series.map((x, i) => (
                <li key={x.label}>
                  <span className={`swatch sw-${i}`} aria-hidden="true" />
                  {x.label}
                </li>
              ))}
            </ul>
          </div>
          <div className="table-scroll" role="region" tabIndex={0} aria-label="一级指标得分表">
            <table>
              <thead>
                <tr>
                  <th>一级指标</th>
                  <th className="num">权重</th>
                  <th className="num">得分</th>
                  <th className="num">得分率</th>
                  <th className="num">同类平均</th>
                </tr>
              </thead>
              <tbody>
                {l1.map((x) => (
                  <tr key={x.code}>
                    <td>{x.name}</td>
                    <td className="num">{x.weight}</td>
                    <td className="num">{fixed(x.score, view.decimals)}</td>
                    <td className="num">{percent(x.share)}</td>
                    <td className="num">{percent(x.tierShare)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </figure>
      <figure>
        <figcaption>逐月实际进度与序时进度（占年度目标）</figcaption>
        {!series ? (
          <p>正在计算逐月进度…</p>
        ) : series.items.length === 0 ? (
          <p>本单位没有按年度目标累计的事项。</p>
        ) : (
          <>
            <p className="no-print">
              <label htmlFor={`${id}-item`}>事项 </label>
              <select id={`${id}-item`} value={item?.code ?? ''} onChange={(e) => setItemCode(e.target.value)}>
                {series.items.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}
                  </option>
                ))}
              </select>
            </p>
            {item && lineConfig && (
              <div className="sc-chart-pair">
                <Canvas
                  config={lineConfig as ChartConfiguration<'bar' | 'line'>}
                  label={`${item.name}逐月进度折线图`}
                />
                <div className="table-scroll" role="region" tabIndex={0} aria-label="月度进度表">
                  <table>
                    <thead>
                      <tr>
                        <th>月份</th>
                        <th className="num">实际进度</th>
                        <th className="num">序时进度</th>
                      </tr>
                    </thead>
                    <tbody>
                      {series.months.map((m, i) => (
                        <tr key={m}>
                          <td>{m}</td>
                          <td className="num">{percent(item.actual[i])}</td>
                          <td className="num">{percent(item.expected[i])}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            )}
          </>
        )}
      </figure>
    </div>
  );
}
