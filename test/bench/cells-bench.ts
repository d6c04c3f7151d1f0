/**
 * Cell benchmark (prints figures; not a test): the slowest single-cell parse of each kind for a
 * 32,767-character cell (the most an Excel cell holds), over pieces that made the old regular
 * expressions backtrack. Each figure is the whole import of a one-row file (parse + every check), the
 * median of 5 runs, and the scanner alone on the same cell.
 * Usage: npm run bench:cells
 */
import { compileModel, importCsv } from '../../src/engine/index.ts';
import { loadBundle } from '../../src/content-io/load-content.ts';
import { codeKey, normalizeMonth, scanNumber } from '../../src/engine/csv/numbers.ts';

const { bundle } = loadBundle(new URL('../fixtures/mini', import.meta.url).pathname);
const { model } = compileModel(bundle!);
const N = 32767;
const PIECES = [' ', '9', '2023-6 ', '1,', '1 ', '.', 'e', '-', '年', '月', '\u3000', 'Ａ', 'x', '"', '\u200b'];
const cell = (p: string) => p.repeat(Math.ceil(N / p.length)).slice(0, N);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void) => {
  const xs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
};
const kinds: [string, number, (s: string) => unknown][] = [
  ['period (期间)', 0, normalizeMonth],
  ['unit code (单位代码)', 1, codeKey],
  ['item code (事项代码)', 2, codeKey],
  ['number (实际值)', 3, scanNumber],
  ['number (目标值)', 4, scanNumber],
  ['note (备注)', 5, (s) => s.trim()],
];
console.log(
  `slowest single-cell parse, ${N.toLocaleString()}-character cell, median of 5 (whole import of a one-row file; scanner alone):`,
);
for (const [kind, col, scan] of kinds) {
  let worst = { ms: 0, scan: 0, piece: '' };
  for (const p of PIECES) {
    const c = cell(p);
    const cells = ['2023-06', 'ca', 'CO-GDP', '10', '100', ''];
    cells[col] = c;
    const bytes = new TextEncoder().encode(
      `期间,单位代码,事项代码,实际值,目标值,备注\n${cells.map((x) => `"${x.replace(/"/g, '""')}"`).join(',')}\n`,
    );
    const ms = time(() => importCsv(bytes, model, { file: 'cells.csv' }));
    const s = time(() => scan(c));
    if (ms > worst.ms) worst = { ms, scan: s, piece: p };
  }
  console.log(
    `  ${kind.padEnd(20)} ${worst.ms.toFixed(2).padStart(7)} ms  (scanner ${worst.scan.toFixed(3)} ms; worst piece ${JSON.stringify(worst.piece)})`,
  );
}
