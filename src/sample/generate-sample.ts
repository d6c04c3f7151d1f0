/** npm run sample: (re)writes content/data/*.csv with synthetic sample data for every month. */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { columnsFromRows, compileModel, dataToCsv, formatProblem, monthId } from '../engine/index.ts';
import { loadBundle } from '../content-io/load-content.ts';
import { synthesizeRows } from './synth.ts';
import { sampleInbox } from './inbox.ts';
import { inboxDir } from '../content-io/inbox.ts';

const contentDir = resolve(process.argv[2] ?? 'content');
const { bundle, problems } = loadBundle(contentDir);
if (!bundle) {
  for (const p of problems) console.error(formatProblem(p));
  process.exit(1);
}
const { model, problems: more } = compileModel(bundle);
if (more.length) {
  for (const p of more) console.error(formatProblem(p));
  process.exit(1);
}
const months = [...model.scheme.historyYears.map((y) => monthId(y, 12)), ...Array.from({ length: 12 }, (_, i) => monthId(model.scheme.year, i + 1))];
const rows = synthesizeRows(model, { seed: model.scheme.robustness.seed, months });
const dir = join(contentDir, 'data');
mkdirSync(dir, { recursive: true });
// Sample data always says so: the flag drives the 示例数据 notice on every page that shows it.
const metaPath = join(dir, 'meta.yaml');
if (!existsSync(metaPath) || !/^sample:\s*true\b/m.test(readFileSync(metaPath, 'utf8')))
  writeFileSync(metaPath, 'sample: true\nnote: 本站数据为合成示例数据，非官方考核结果，仅用于演示。\npublished: {}\n');
for (const month of months) {
  const part = rows.filter((r) => r.period === month);
  writeFileSync(join(dir, `${month}.csv`), dataToCsv(columnsFromRows(part), model));
  console.log(`${month}: ${part.length} 行`);
}

/** Each month of the scheme year also as the reporters' files it was collected from (inbox/<month>/). */
function writeInbox(month: string) {
  const dir = inboxDir(contentDir, month);
  if (existsSync(dir)) for (const n of readdirSync(dir)) if (n.endsWith('.csv') || n === 'manifest.yaml') rmSync(join(dir, n));
  mkdirSync(dir, { recursive: true });
  const part = columnsFromRows(rows.filter((r) => r.period === month));
  const inbox = sampleInbox(model, part, month, model.scheme.robustness.seed);
  for (const [name, text] of inbox.files) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'manifest.yaml'), inbox.manifest);
  console.log(`inbox/${month}: ${inbox.files.size} 个报送文件`);
}
for (const month of months) if (month.startsWith(`${model.scheme.year}-`)) writeInbox(month);
