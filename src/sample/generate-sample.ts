/**
 * npm run sample: (re)writes every year's synthetic sample data (content/<year>/data/*.csv). The latest year gets
 * every month and its inbox (the reporters' files each month was collected from); earlier years their year-end
 * month (what the next year's consequences and movement read), a little weaker than the latest year.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Model } from '../engine/index.ts';
import { columnsFromRows, compileModel, dataToCsv, formatProblem, monthId } from '../engine/index.ts';
import { loadBundle, yearDirsOf } from '../content-io/load-content.ts';
import { synthesizeRows } from './synth.ts';
import { sampleInbox } from './inbox.ts';
import { inboxDir } from '../content-io/inbox.ts';

const contentDir = resolve(process.argv[2] ?? 'content');
const dirs = yearDirsOf(contentDir);
const models: { dir: string; model: Model }[] = [];
for (const dir of dirs) {
  const { bundle, problems, locate } = loadBundle(dir, join(contentDir, '..'));
  if (!bundle) {
    for (const p of problems) console.error(formatProblem(p));
    process.exit(1);
  }
  const { model, problems: more } = compileModel(bundle);
  if (more.length) {
    for (const p of more) console.error(formatProblem(locate(p)));
    process.exit(1);
  }
  models.push({ dir, model });
}
models.sort((a, b) => a.model.scheme.year - b.model.scheme.year);
const latest = models.at(-1)?.model.scheme.year;

for (const { dir: yearDir, model } of models) {
  const year = model.scheme.year;
  const full = year === latest;
  // Older single-year content kept history years in the scheme: their year-end months are written too.
  const months = [
    ...model.scheme.historyYears.map((y) => monthId(y, 12)),
    ...(full ? Array.from({ length: 12 }, (_, i) => monthId(year, i + 1)) : [monthId(year, 12)]),
  ];
  const rows = synthesizeRows(model, {
    seed: model.scheme.robustness.seed,
    months,
    ...(full ? {} : { yearShift: 0.99 }),
  });
  const dir = join(yearDir, 'data');
  mkdirSync(dir, { recursive: true });
  // Sample data always says so: the flag drives the 示例数据 notice on every page that shows it.
  const metaPath = join(dir, 'meta.yaml');
  if (!existsSync(metaPath) || !/^sample:\s*true\b/m.test(readFileSync(metaPath, 'utf8')))
    writeFileSync(
      metaPath,
      'sample: true\nnote: 本站数据为合成示例数据，非官方考核结果，仅用于演示。\npublished: {}\n',
    );
  for (const month of months) {
    const part = rows.filter((r) => r.period === month);
    writeFileSync(join(dir, `${month}.csv`), dataToCsv(columnsFromRows(part), model));
    console.log(`${year}/data/${month}: ${part.length} 行`);
  }
  if (!full) continue;
  /** Each month of the latest year also as the reporters' files it was collected from (inbox/<month>/). */
  for (const month of months) {
    if (!month.startsWith(`${year}-`)) continue;
    const inbox = inboxDir(yearDir, month);
    if (existsSync(inbox))
      for (const n of readdirSync(inbox)) if (n.endsWith('.csv') || n === 'manifest.yaml') rmSync(join(inbox, n));
    mkdirSync(inbox, { recursive: true });
    const part = columnsFromRows(rows.filter((r) => r.period === month));
    const files = sampleInbox(model, part, month, model.scheme.robustness.seed);
    for (const [name, text] of files.files) writeFileSync(join(inbox, name), text);
    writeFileSync(join(inbox, 'manifest.yaml'), files.manifest);
    console.log(`${year}/inbox/${month}: ${files.files.size} 个报送文件`);
  }
}
