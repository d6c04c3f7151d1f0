/**
 * The static picture of a chart, drawn at build as SVG markup: what a reader without JavaScript (or a
 * feed reader, or a crawler) sees in the chart's place. Same scale and layout as the chart.js picture
 * (config.ts). Horizontal positions are percentages, so the picture fits any width while its text
 * keeps its size; no style attributes (the Content-Security-Policy allows none), only presentation
 * attributes and classes.
 */
import type { ChartProps } from './config.ts';
import { chartHeight, color, labelLines, rowHeight, tickText, valueScale, valueText } from './config.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r2 = (x: number) => Math.round(x * 100) / 100;
const TOP = 6;
const AXIS = 38;

/** Width a label needs, in percent of the picture (CJK characters count double a Latin one). */
function labelShare(labels: string[]): number {
  const widest = Math.max(
    0,
    ...labels.flatMap(labelLines).map((l) => [...l].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.55), 0)),
  );
  return Math.min(42, Math.max(14, widest * 3.7));
}

function horizontal(p: ChartProps): string[] {
  const s = valueScale(p);
  const rh = rowHeight(p);
  const h = chartHeight(p);
  const bottom = TOP + p.labels.length * rh;
  const left = labelShare(p.labels) + 1;
  const right = p.valueLabels ? 86 : 97;
  const x = (v: number) =>
    r2(left + ((Math.min(Math.max(v, s.min), s.max) - s.min) / (s.max - s.min)) * (right - left));
  // What the grid lines, the axis texts, the row lines and the row texts each share is said once, on their
  // group (<g>), not on every element: a 1,570-row dot plot repeats none of it.
  const out: string[] = ['<g stroke="#d0d7de">'];
  for (const t of s.ticks) out.push(`<line x1="${x(t)}%" x2="${x(t)}%" y1="${TOP}" y2="${bottom}"/>`);
  out.push('</g><g text-anchor="middle">');
  for (const t of s.ticks) out.push(`<text x="${x(t)}%" y="${bottom + 14}">${tickText(t, s.step)}</text>`);
  if (p.axisTitle) out.push(`<text x="${r2((left + right) / 2)}%" y="${h - 4}">${esc(p.axisTitle)}</text>`);
  out.push('</g>');
  // Row lines (under everything of their row), the shapes, then the names and values (vertically centred).
  const rowLines: string[] = [];
  const shapes: string[] = [];
  const texts: string[] = [];
  p.labels.forEach((label, i) => {
    const y0 = TOP + i * rh;
    const mid = y0 + rh / 2;
    const lines = labelLines(label);
    if (lines.length === 1) texts.push(`<text x="0" y="${mid}">${esc(label)}</text>`);
    else
      texts.push(
        `<text x="0" y="${mid - 6}">${lines.map((l, k) => `<tspan x="0" dy="${k === 0 ? 0 : 13}">${esc(l)}</tspan>`).join('')}</text>`,
      );
    if (p.kind === 'dots') {
      rowLines.push(`<line x1="${left}%" x2="${right}%" y1="${mid}" y2="${mid}"/>`);
      p.series.forEach((ser, si) => {
        const v = ser.data[i];
        if (v === null || v === undefined) return;
        shapes.push(`<circle cx="${x(v)}%" cy="${mid}" r="5" fill="${color(si)}"/>`);
        if (p.valueLabels) texts.push(`<text x="${x(v)}%" dx="9" y="${mid}">${valueText(v, p.decimals)}</text>`);
      });
    } else if (p.kind === 'stacked') {
      let at = 0;
      p.series.forEach((ser, si) => {
        const v = ser.data[i] ?? 0;
        if (v > 0)
          shapes.push(
            `<rect x="${x(at)}%" width="${r2(x(at + v) - x(at))}%" y="${y0 + 4}" height="${rh - 8}" fill="${color(si)}"/>`,
          );
        at += v;
      });
      if (p.valueLabels) texts.push(`<text x="${x(at)}%" dx="4" y="${mid}">${valueText(at, p.decimals)}</text>`);
    } else {
      const bh = p.series.length > 1 ? 12 : rh - 8;
      p.series.forEach((ser, si) => {
        const v = ser.data[i];
        if (v === null || v === undefined) return;
        const y = p.series.length > 1 ? y0 + 5 + si * 14 : y0 + 4;
        shapes.push(
          `<rect x="${x(Math.min(0, v))}%" width="${r2(Math.abs(x(v) - x(0)))}%" y="${y}" height="${bh}" fill="${color(si)}"/>`,
        );
        if (p.valueLabels) texts.push(`<text x="${x(v)}%" dx="4" y="${y + bh / 2}">${valueText(v, p.decimals)}</text>`);
      });
    }
  });
  if (rowLines.length) out.push('<g stroke="#eaeef2">', ...rowLines, '</g>');
  out.push(...shapes, '<g dominant-baseline="middle">', ...texts, '</g>');
  return out;
}

function line(p: ChartProps): string[] {
  const s = valueScale(p);
  const h = chartHeight(p);
  const top = TOP + (p.axisTitle ? 20 : 6);
  const bottom = h - AXIS + 6;
  const left = 9;
  const right = 97;
  const n = Math.max(1, p.labels.length);
  const x = (i: number) => r2(left + ((i + 0.5) / n) * (right - left));
  const y = (v: number) => {
    const f = (v - s.min) / (s.max - s.min);
    return r2(p.reverse ? top + f * (bottom - top) : bottom - f * (bottom - top));
  };
  const out: string[] = [];
  // What the grid lines, the tick values and the category names share is said once, on their group.
  out.push(`<g stroke="#d0d7de">`);
  for (const t of s.ticks) out.push(`<line x1="${left}%" x2="${right}%" y1="${y(t)}" y2="${y(t)}"/>`);
  out.push(`</g><g text-anchor="end" dominant-baseline="middle">`);
  for (const t of s.ticks) out.push(`<text x="${left}%" dx="-4" y="${y(t)}">${tickText(t, s.step)}</text>`);
  out.push(`</g><g text-anchor="middle">`);
  // Every other category name when there are many (months on a phone), as chart.js skips them.
  const every = n > 7 ? 2 : 1;
  p.labels.forEach((label, i) => {
    if (i % every === 0) out.push(`<text x="${x(i)}%" y="${bottom + 16}">${esc(label)}</text>`);
  });
  out.push(`</g>`);
  if (p.axisTitle) out.push(`<text x="0" y="${TOP}" dominant-baseline="hanging">${esc(p.axisTitle)}</text>`);
  // The lines and points, one path each per series, in an inner picture over the plot area whose x runs
  // 0–1000 across it (stretched to the width, as the percentages above are) and whose y is in pixels.
  // Strokes keep their width when stretched (non-scaling-stroke); a point is a zero-length stroke with
  // round caps, so it stays a circle of radius 3 at any width.
  const u = (i: number) => Math.round(((i + 0.5) / n) * 1000);
  out.push(
    `<svg x="${left}%" width="${right - left}%" height="${h}" viewBox="0 0 1000 ${h}" preserveAspectRatio="none" overflow="visible" aria-hidden="true">`,
  );
  p.series.forEach((ser, si) => {
    const pts = ser.data
      .map((v, i) => (v === null ? null : `${u(i)} ${Math.round(y(v) * 10) / 10}`))
      .filter((q): q is string => q !== null);
    if (pts.length === 0) return;
    const c = color(si);
    if (pts.length > 1)
      out.push(
        `<path d="M${pts.join('L')}" fill="none" stroke="${c}" stroke-width="2" vector-effect="non-scaling-stroke"/>`,
      );
    out.push(
      `<path d="${pts.map((q) => `M${q}h0`).join('')}" stroke="${c}" stroke-width="6" stroke-linecap="round" vector-effect="non-scaling-stroke"/>`,
    );
  });
  out.push('</svg>');
  return out;
}

/** The whole `<svg>` element; `role="img"` with the chart's accessible name. */
export function chartSvg(p: ChartProps): string {
  const body = p.kind === 'line' ? line(p) : horizontal(p);
  return `<svg class="chart-static" xmlns="http://www.w3.org/2000/svg" width="100%" height="${chartHeight(p)}" role="img" aria-label="${esc(p.ariaLabel)}"><title>${esc(p.ariaLabel)}</title>${body.join('')}</svg>`;
}
