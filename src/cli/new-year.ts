/**
 * `kaohe new-year 2024`: start a year from the latest one. Copies scheme.yaml (id, name and year moved to the new
 * year), tiers/, units.csv (without the `formerly` column's entries: they described the old year's renames),
 * weights.csv and rules/ (年度 in the text moved); writes data/meta.yaml with no data and no publication dates.
 * No period data, inbox or announcements: those belong to the year they were made in. Staff then edit and validate.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatProblem } from '../engine/index.ts';
import { toContentCsv } from '../engine/csv/export.ts';
import { readCsvTable } from '../engine/csv/parse.ts';
import { loadYears, yearDirsOf } from '../content-io/load-content.ts';

export interface NewYearOptions {
  contentDir: string;
  root: string;
  year: string | undefined;
}

/** Moves every "2023年度" / "2023 年度" of the old year to the new one. */
function moveYearText(text: string, from: number, to: number): string {
  return text.replace(new RegExp(`${from}(\\s?)年度`, 'g'), `${to}$1年度`);
}

/** Runs the command; returns the exit code (0 written, 1 problems, 2 usage). */
export function newYearCommand(o: NewYearOptions, out: (s: string) => void, err: (s: string) => void): number {
  if (!o.year || !/^\d{4}$/.test(o.year)) {
    err(`new-year 需要新年度，如 npm run kaohe -- new-year 2024${o.year ? `（发现“${o.year}”）` : ''}。`);
    return 2;
  }
  const year = Number(o.year);
  const dirs = yearDirsOf(o.contentDir).filter((d) => /\d{4}$/.test(d) && d !== o.contentDir);
  const show = (p: string) => relative(o.root, p).split('\\').join('/');
  if (dirs.length === 0) {
    err(`${show(o.contentDir)} 中没有年度文件夹（如 ${show(join(o.contentDir, String(year - 1)))}/），无从复制。`);
    return 1;
  }
  const from = dirs.at(-1)!;
  const fromYear = Number(from.slice(-4));
  const target = join(o.contentDir, String(year));
  if (existsSync(target)) {
    err(`${show(target)}/ 已存在：new-year 不覆盖已有年度。`);
    return 2;
  }
  if (year <= fromYear) {
    err(`新年度应晚于最近的年度 ${fromYear}（发现 ${year}）。`);
    return 2;
  }
  const before = loadYears(o.contentDir, { root: o.root });
  const own = before.years.find((y) => y.dir === from);
  if (!own?.model || own.problems.length > 0) {
    for (const p of own?.problems ?? []) err(formatProblem(p));
    err(`\n${show(from)} 有问题，先修改并通过 npm run kaohe -- validate，再以它为底稿新建年度。`);
    return 1;
  }
  const scheme = own.model.scheme;
  const tmp = join(o.contentDir, `.${year}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(join(tmp, 'data'), { recursive: true });
    const schemeText = readFileSync(join(from, 'scheme.yaml'), 'utf8')
      .replace(/^year:\s*\d{4}/m, `year: ${year}`)
      .replace(/^(id:\s*\S*?)(\d{4})(\S*)$/m, (m, a: string, y: string, b: string) =>
        Number(y) === fromYear ? `${a}${year}${b}` : m,
      )
      .replace(/^(name:.*)$/m, (l) => moveYearText(l.replaceAll(String(fromYear), String(year)), fromYear, year));
    // An id without the year would repeat last year's: calendar UIDs and downloads are keyed by it.
    const idLine = /^id:\s*(\S+)/m.exec(schemeText)?.[1];
    writeFileSync(
      join(tmp, 'scheme.yaml'),
      idLine === scheme.id ? schemeText.replace(/^id:\s*(\S+)/m, `id: ${scheme.id}-${year}`) : schemeText,
    );
    cpSync(join(from, 'tiers'), join(tmp, 'tiers'), { recursive: true });
    // Read with the reader that loads content (the year validated above), so every row is carried over as it is.
    const units = readCsvTable(readFileSync(join(from, 'units.csv'), 'utf8').replace(/^\uFEFF/, ''));
    const fields = units.header ?? [];
    const formerly = fields.indexOf('formerly');
    writeFileSync(
      join(tmp, 'units.csv'),
      toContentCsv(
        fields,
        units.rows.map((r) => fields.map((_, i) => (i === formerly ? '' : (r.cells[i] ?? '')))),
      ),
    );
    if (existsSync(join(from, 'weights.csv'))) cpSync(join(from, 'weights.csv'), join(tmp, 'weights.csv'));
    if (existsSync(join(from, 'rules'))) {
      mkdirSync(join(tmp, 'rules'));
      for (const n of readdirSync(join(from, 'rules')).filter((x) => x.endsWith('.md')))
        writeFileSync(
          join(tmp, 'rules', n),
          moveYearText(readFileSync(join(from, 'rules', n), 'utf8'), fromYear, year),
        );
    }
    mkdirSync(join(tmp, 'announcements'));
    writeFileSync(
      join(tmp, 'data', 'meta.yaml'),
      [
        `# ${year} 年度期间数据说明（由 kaohe new-year 从 ${fromYear} 年度生成）。每月数据为 data/${year}-MM.csv，或用 collect 汇总 inbox/${year}-MM/。`,
        `sample: ${own.model.bundle.dataMeta.sample}`,
        `note: ${JSON.stringify(own.model.bundle.dataMeta.note)}`,
        'published: {}',
        '',
      ].join('\n'),
    );
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    err(`无法写入 ${show(target)}/：${(e as Error).message}。未做任何改动。`);
    return 1;
  }
  const after = loadYears(o.contentDir, { root: o.root });
  const mine = after.problems.filter((p) => p.file.startsWith(`${show(target)}/`));
  out(
    `已新建 ${show(target)}/（以 ${fromYear} 年度为底稿）：scheme.yaml（年度 ${year}）、tiers/、units.csv、weights.csv、rules/、data/meta.yaml；没有期间数据。\n`,
  );
  if (mine.length) {
    for (const p of mine) err(formatProblem(p));
    err(`\n新年度有 ${mine.length} 个问题，按提示修改。`);
    return 1;
  }
  out(
    `下一步：按 ${year} 年度的考核办法修改方案、事项和权重，更名或合并的单位在 units.csv 的 formerly 列写上原代码，然后运行 npm run kaohe -- validate。\n`,
  );
  return 0;
}
