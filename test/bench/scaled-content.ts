/**
 * Scaled content for the benchmarks: the default scheme's latest year with towns and streets added
 * until there are `total` units, and synthetic data for every month (one CSV per month).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnsFromRows, compileModel, dataToCsv, formatProblem, monthId } from '../../src/engine/index.ts';
import { loadBundle } from '../../src/content-io/load-content.ts';
import { synthesizeRows } from '../../src/sample/synth.ts';
import { ROOT } from '../e2e/site-harness.ts';

// The latest year, copied as a single-year content folder and scaled.
export const CONTENT = join(ROOT, 'content', '2023');

/**
 * Copy the default content and add towns and streets until there are `total` units; write synthetic data
 * for every month of the year, or up to `throughMonth` (1–12: a site republished mid-year, where some
 * items have no data yet and advice and the peer averages do the most work).
 */
export function scaledContent(
  work: string,
  total: number,
  throughMonth = 12,
): { dir: string; units: number; rows: number } {
  // A content folder holding one year folder (2023), as the site reads it.
  const root = join(work, `content-${total}${throughMonth < 12 ? `-m${throughMonth}` : ''}`);
  const dir = join(root, '2023');
  cpSync(CONTENT, dir, { recursive: true, filter: (src) => !/[\\/]data[\\/][^\\/]+\.csv$/.test(src) });
  const unitsPath = join(dir, 'units.csv');
  const original = readFileSync(unitsPath, 'utf8')
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split(/\r?\n/);
  const header = original[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const counties = original
    .slice(1)
    .map((l) => l.split(','))
    .filter((r) => r[col('tier')] === 'county')
    .map((r) => r[col('id')]!);
  const extra = Math.max(0, total - (original.length - 1));
  const lines = [...original];
  for (let i = 0; i < extra; i++) {
    const town = i % 5 !== 4; // four towns to one street, roughly as in a province
    const row: string[] = header.map(() => '');
    row[col('id')] = `${town ? 'xz' : 'jd'}${String(i).padStart(5, '0')}`;
    row[col('name')] = `${town ? '示例镇' : '示例街道'}${i + 1}`;
    row[col('tier')] = town ? 'town' : 'street';
    row[col('parent')] = counties[i % counties.length] ?? '';
    row[col('traction')] = String(i % 5);
    if (col('sampleName') >= 0) row[col('sampleName')] = 'true';
    lines.push(row.join(','));
  }
  // Only this year is copied: no earlier year for a former code to name.
  const formerly = col('formerly');
  if (formerly >= 0)
    for (let i = 1; i < lines.length; i++) {
      const r = lines[i]!.split(',');
      r[formerly] = '';
      lines[i] = r.join(',');
    }
  writeFileSync(unitsPath, `${lines.join('\n')}\n`);

  const { bundle, problems } = loadBundle(dir, work);
  if (!bundle) throw new Error(problems.map(formatProblem).join('\n'));
  const compiled = compileModel(bundle);
  if (compiled.problems.length) throw new Error(compiled.problems.map(formatProblem).join('\n'));
  const model = compiled.model;
  const months = [
    ...model.scheme.historyYears.map((y) => monthId(y, 12)),
    ...Array.from({ length: throughMonth }, (_, i) => monthId(model.scheme.year, i + 1)),
  ];
  const rows = synthesizeRows(model, { seed: model.scheme.robustness.seed, months });
  mkdirSync(join(dir, 'data'), { recursive: true });
  for (const month of months)
    writeFileSync(
      join(dir, 'data', `${month}.csv`),
      dataToCsv(columnsFromRows(rows.filter((r) => r.period === month)), model),
    );
  return { dir: root, units: model.units.length, rows: rows.length };
}
