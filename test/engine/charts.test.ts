/**
 * Charts that show differences honestly (src/components/charts): the scale each picture uses, and the
 * static SVG drawn at build that shows without JavaScript. Pure functions, no browser.
 */
import { describe, expect, it } from 'vitest';
import type { ChartProps } from '../../src/components/charts/config.ts';
import { chartConfig, chartHeight, labelLines, valueScale } from '../../src/components/charts/config.ts';
import { chartSvg } from '../../src/components/charts/svg.ts';

const towns = Array.from({ length: 41 }, (_, i) => `示例${i + 1}镇`);
const totals = towns.map((_, i) => 103.05 - i * 0.55);

const dots: ChartProps = {
  kind: 'dots',
  labels: towns,
  series: [{ label: '总分', data: totals }],
  ariaLabel: '总分点图',
  decimals: 2,
  valueLabels: true,
};

/** Horizontal positions (percent) of the shapes an SVG draws, in document order. */
function xs(svg: string, tag: 'circle' | 'rect'): { at: number; width: number }[] {
  const attr = tag === 'circle' ? 'cx' : 'x';
  return [...svg.matchAll(new RegExp(`<${tag} ${attr}="([\\d.]+)%"(?: width="([\\d.]+)%")?`, 'g'))].map((m) => ({
    at: Number(m[1]),
    width: Number(m[2] ?? 0),
  }));
}

describe('value scales', () => {
  it('start a dot plot of close totals at a round number just below the lowest, not at 0, and say so', () => {
    const s = valueScale(dots);
    const lo = Math.min(...totals);
    expect(s.offsetBaseline).toBe(true);
    expect(s.min).toBeGreaterThan(0);
    expect(s.min).toBeLessThanOrEqual(lo);
    expect(lo - s.min).toBeLessThan(s.step * 1.5);
    expect(s.max).toBeGreaterThanOrEqual(Math.max(...totals));
    expect(s.ticks[0]).toBe(s.min);
    // The spread of the totals takes most of the axis: differences of a point are visible.
    expect((Math.max(...totals) - lo) / (s.max - s.min)).toBeGreaterThan(0.6);
  });

  it('start bars and stacked bars at 0 (their length is the value)', () => {
    for (const kind of ['bars', 'stacked'] as const) {
      const s = valueScale({ ...dots, kind });
      expect(s.min).toBe(0);
      expect(s.offsetBaseline).toBe(false);
    }
    const stacked = valueScale({
      ...dots,
      kind: 'stacked',
      series: [
        { label: 'a', data: [30, 40] },
        { label: 'b', data: [50, 45] },
      ],
      labels: ['甲', '乙'],
    });
    expect(stacked.max).toBeGreaterThanOrEqual(85); // the sums, not the largest part
  });

  it('give rank charts whole-number steps', () => {
    const s = valueScale({
      kind: 'line',
      labels: ['1月', '2月'],
      series: [{ label: '排名', data: [3, 5] }],
      ariaLabel: '',
      min: 1,
      max: 41,
      decimals: 0,
      reverse: true,
    });
    expect(Number.isInteger(s.step)).toBe(true);
    expect([s.min, s.max]).toEqual([1, 41]);
  });
});

describe('the chart.js picture', () => {
  it('lays 41 towns out as horizontal rows, every full name shown, none rotated', () => {
    const c = chartConfig(dots);
    expect(c.options?.indexAxis).toBe('y');
    const y = (c.options?.scales as Record<string, { ticks: { autoSkip: boolean; maxRotation: number } }>)['y']!;
    expect(y.ticks.autoSkip).toBe(false);
    expect(y.ticks.maxRotation).toBe(0);
    expect(c.data.labels).toHaveLength(41);
    expect(chartHeight(dots)).toBeGreaterThanOrEqual(41 * 20);
  });

  it('splits a long department name over two lines instead of cutting it', () => {
    const name = '市人民政府国有资产监督管理委员会';
    expect(labelLines(name).join('')).toBe(name);
    expect(labelLines(name)).toHaveLength(2);
    expect(labelLines('市财政局')).toEqual(['市财政局']);
  });
});

describe('the static SVG (shown without JavaScript)', () => {
  it('names every unit, writes every value, and places dots by value on the stated scale', () => {
    const svg = chartSvg(dots);
    for (const t of towns) expect(svg).toContain(`>${t}<`);
    for (const v of totals) expect(svg).toContain(`>${v.toFixed(2)}<`);
    const cx = xs(svg, 'circle').map((c) => c.at);
    expect(cx).toHaveLength(41);
    // Lower totals sit further left, in proportion.
    for (let i = 1; i < cx.length; i++) expect(cx[i]!).toBeLessThan(cx[i - 1]!);
    const gap = (i: number) => cx[i - 1]! - cx[i]!;
    expect(Math.abs(gap(1) - gap(40))).toBeLessThan(0.05);
  });

  it('stacks each unit’s contributions end to end from the axis start, with the sum written at the end', () => {
    const p: ChartProps = {
      kind: 'stacked',
      labels: ['甲县', '乙县'],
      series: [
        { label: '一', data: [30, 20] },
        { label: '二', data: [50, 40] },
      ],
      ariaLabel: '构成',
      decimals: 2,
      valueLabels: true,
    };
    const rects = xs(chartSvg(p), 'rect');
    expect(rects).toHaveLength(4);
    const [a1, a2, b1, b2] = rects as [(typeof rects)[0], (typeof rects)[0], (typeof rects)[0], (typeof rects)[0]];
    expect(a2.at).toBeCloseTo(a1.at + a1.width, 1);
    expect(b1.at).toBe(a1.at); // both rows start at 0
    expect((a1.width + a2.width) / (b1.width + b2.width)).toBeCloseTo(80 / 60, 1);
    expect(chartSvg(p)).toContain('>80.00<');
    expect(chartSvg(p)).toContain('>60.00<');
  });

  it('draws a rank line as one path through every month, rank 1 at the top, a round point at each month', () => {
    const ranks = [3, 1, null, 41, 20];
    const p: ChartProps = {
      kind: 'line',
      labels: ['1月', '2月', '3月', '4月', '5月'],
      series: [{ label: '排名', data: ranks }],
      ariaLabel: '排名折线',
      min: 1,
      max: 41,
      decimals: 0,
      reverse: true,
    };
    const svg = chartSvg(p);
    const paths = [...svg.matchAll(/<path d="([^"]+)"([^>]*)\/>/g)];
    expect(paths).toHaveLength(2);
    const [lineD, dotsD] = [paths[0]![1]!, paths[1]![1]!];
    const pts = lineD
      .slice(1)
      .split('L')
      .map((q) => q.split(' ').map(Number) as [number, number]);
    // A month without data has no point; the others, left to right across the plot (0–1000), in month order.
    expect(pts.map(([x]) => x)).toEqual([100, 300, 700, 900]);
    const y = Object.fromEntries(pts.map(([, v], i) => [[3, 1, 41, 20][i]!, v]));
    expect(y[1]!).toBeLessThan(y[3]!);
    expect(y[3]!).toBeLessThan(y[20]!);
    expect(y[20]!).toBeLessThan(y[41]!);
    // Points: a zero-length round-capped stroke at each point, the same places as the line.
    expect(dotsD).toBe(pts.map(([x, v]) => `M${x} ${v}h0`).join(''));
    expect(paths[1]![2]).toContain('stroke-linecap="round"');
    // Stretched to the width, strokes keep their width (so the points stay circles).
    for (const m of paths) expect(m[2]).toContain('vector-effect="non-scaling-stroke"');
  });

  it('has an accessible name, no style attribute (the Content-Security-Policy forbids them) and escapes names', () => {
    const svg = chartSvg({ ...dots, labels: ['甲&<i>乙', ...towns.slice(1)], ariaLabel: '图 "引号"' });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="图 &quot;引号&quot;"/);
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toContain('<i>');
    expect(svg).toContain('>甲&amp;&lt;i&gt;乙<');
  });
});
