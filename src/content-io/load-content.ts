import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { importCsv } from '../engine/csv/import.ts';
import { decodeBytes } from '../engine/csv/decode.ts';
import { readCsvTable } from '../engine/csv/parse.ts';
import { parsePeriod } from '../engine/period.ts';
import type { DataColumns } from '../engine/data.ts';
import { ColumnsBuilder } from '../engine/data.ts';
import type { ContentBundle, Model, Sources } from '../engine/model.ts';
import { compileModel } from '../engine/model.ts';
import type { Problem } from '../engine/problem.ts';
import { schemeSchema } from '../engine/schemas/scheme.ts';
import type { Tier } from '../engine/schemas/tier.ts';
import { tierSchema } from '../engine/schemas/tier.ts';
import { unsafeMarkdownHtml } from '../engine/markdown-html.ts';
import {
  announcementSchema,
  dataMetaSchema,
  rulesDocSchema,
  unitSchema,
  weightOverrideSchema,
} from '../engine/schemas/unit.ts';
import type { DataMeta, Unit, WeightOverride } from '../engine/schemas/unit.ts';
import { zodProblems } from '../engine/zod-problems.ts';
import { yamlProblem } from '../engine/yaml-problems.ts';
import type { YearScorers } from '../engine/years.ts';
import { createYearScorers, yearProblems } from '../engine/years.ts';

export interface LoadedContent {
  /** Undefined when the scheme files themselves are invalid. */
  model: Model | undefined;
  data: DataColumns;
  problems: Problem[];
  /** Files the data came from, for download links. */
  dataFiles: string[];
  /** Warnings on the data (values outside their plausible range): listed, never blocking. */
  warnings?: Problem[];
  /** The real number of problems when an importer listed only the first ones (else problems.length). */
  problemCount?: number;
}

interface Ctx {
  root: string;
  problems: Problem[];
  /** Each YAML file read (by its shown path): the line of a field path, when the path's first key is there. */
  yamlLines?: Map<string, (p: readonly PropertyKey[]) => number | undefined>;
}
const rel = (ctx: Ctx, p: string) => relative(ctx.root, p).split('\\').join('/');

function readYaml<S extends z.ZodType>(
  ctx: Ctx,
  path: string,
  schema: S,
): { value: z.infer<S> | undefined; lineOf: (p: readonly PropertyKey[]) => number | undefined } {
  const file = rel(ctx, path);
  const lineCounter = new LineCounter();
  const none = { value: undefined, lineOf: () => undefined };
  if (!existsSync(path)) {
    ctx.problems.push({ file, expected: '该文件存在（见 README 的内容目录说明）' });
    return none;
  }
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) ctx.problems.push(yamlProblem(file, e.code, lineCounter.linePos(e.pos[0]).line));
    return none;
  }
  const raw = doc.toJS() as unknown;
  const lineOf = (p: readonly PropertyKey[]) => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  ctx.yamlLines?.set(file, (p) => {
    for (let n = p.length; n >= 1; n--) {
      const node = doc.getIn(p.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    ctx.problems.push(...zodProblems(parsed.error, raw, file, { lineOf }));
    return { value: undefined, lineOf };
  }
  return { value: parsed.data, lineOf };
}

function readCsvRows<S extends z.ZodType>(ctx: Ctx, path: string, schema: S): { values: z.infer<S>[]; rows: number[] } {
  const file = rel(ctx, path);
  if (!existsSync(path)) {
    ctx.problems.push({ file, expected: '该文件存在（见 README 的内容目录说明）' });
    return { values: [], rows: [] };
  }
  // Excel on Chinese Windows saves CSV as GB18030: decode like the period data.
  const text = decodeBytes(new Uint8Array(readFileSync(path))).text;
  const table = readCsvTable(text);
  const values: z.infer<S>[] = [];
  const rows: number[] = [];
  const header = (table.header ?? []).map((h) => h.trim());
  // Row numbers as a spreadsheet shows them (header = row 1), from the one CSV reader.
  for (const { cells, row } of table.rows) {
    const r: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h !== '') r[h] = cells[i]!;
    });
    const parsed = schema.safeParse(r);
    if (!parsed.success) ctx.problems.push(...zodProblems(parsed.error, r, file, { row }));
    else {
      values.push(parsed.data);
      rows.push(row);
    }
  }
  for (const e of table.problems) {
    const found = e.cells.join(',');
    const expected =
      e.kind === 'wide'
        ? `与表头相同的 ${e.column} 列（本行有 ${e.cells.length} 列：单元格中的逗号须把整个单元格放在英文双引号中）`
        : e.kind === 'narrow'
          ? `与表头相同的 ${e.column} 列（本行只有 ${e.cells.length} 列）`
          : e.kind === 'unclosed-quote'
            ? '成对的英文双引号（这个单元格的引号到文件末尾都没有闭合）'
            : '结束引号后紧跟逗号或换行';
    ctx.problems.push({ file, row: e.row, field: '格式', found, expected });
  }
  return { values, rows };
}

/**
 * Frontmatter of a Markdown file, parsed as YAML; `errors` are its syntax errors and `lineOf` the file's
 * line of a field (the frontmatter starts on line 2, after the first ---).
 */
export function frontmatter(text: string): {
  data: unknown;
  body: string;
  errors: { code: string; line: number }[];
  lineOf: (p: readonly PropertyKey[]) => number | undefined;
} {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { data: {}, body: text, errors: [], lineOf: () => undefined };
  const lineCounter = new LineCounter();
  const doc = parseDocument(m[1]!, { lineCounter, prettyErrors: false });
  const lineOf = (p: readonly PropertyKey[]) => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line + 1;
    }
    return 2;
  };
  const errors = doc.errors.map((e) => ({ code: e.code, line: lineCounter.linePos(e.pos[0]).line + 1 }));
  return { data: errors.length ? {} : (doc.toJS() as unknown), body: text.slice(m[0].length), errors, lineOf };
}

function checkMarkdown(
  ctx: Ctx,
  dir: string,
  schema: z.ZodType,
  check?: (data: Record<string, unknown>, file: string) => void,
) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()) {
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    const { data, body, errors, lineOf } = frontmatter(text);
    if (errors.length > 0) {
      for (const e of errors) ctx.problems.push(yamlProblem(rel(ctx, path), e.code, e.line));
      continue;
    }
    const bodyLine = text.slice(0, text.length - body.length).split('\n').length - 1;
    for (const h of unsafeMarkdownHtml(body))
      ctx.problems.push({
        file: rel(ctx, path),
        row: bodyLine + h.line,
        field: '正文',
        found: h.found,
        expected: `不含${h.what}的 Markdown：站点的内容安全策略（CSP）会拦截页面内的脚本，请删除这段 HTML，改用 Markdown 的文字、链接和表格`,
      });
    const parsed = schema.safeParse(data);
    if (!parsed.success) ctx.problems.push(...zodProblems(parsed.error, data, rel(ctx, path), { lineOf }));
    else check?.(parsed.data as Record<string, unknown>, rel(ctx, path));
  }
}

/** A problem's field as a YAML path: `consequences[0].when.rank` → consequences, 0, when, rank. */
function fieldPath(field: string): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * Read and validate the scheme files (everything but period data) into a bundle. `locate` places a problem found
 * later in one of those YAML files (by compileModel, which sees values, not lines) at the line of its field.
 */
export function loadBundle(
  contentDir: string,
  root = join(contentDir, '..'),
): { bundle: ContentBundle | undefined; problems: Problem[]; locate: (p: Problem) => Problem } {
  const yamlLines: NonNullable<Ctx['yamlLines']> = new Map();
  const ctx: Ctx = { root, problems: [], yamlLines };
  const locate = (p: Problem): Problem => {
    const lineOf = p.row === undefined && p.field ? yamlLines.get(p.file) : undefined;
    const row = lineOf?.(fieldPath(p.field!));
    return row === undefined ? p : { ...p, row };
  };
  const schemePath = join(contentDir, 'scheme.yaml');
  const scheme = readYaml(ctx, schemePath, schemeSchema).value;
  const tiers: Tier[] = [];
  const tierSources: Sources['tiers'] = {};
  const tierDir = join(contentDir, 'tiers');
  // Without a valid scheme, still check every tier file present, so one run lists every problem.
  const tierIds =
    scheme?.tiers ??
    (existsSync(tierDir)
      ? readdirSync(tierDir)
          .filter((n) => n.endsWith('.yaml'))
          .map((n) => n.slice(0, -5))
          .sort()
      : []);
  for (const id of tierIds) {
    const path = join(tierDir, `${id}.yaml`);
    // The tier is listed in scheme.yaml: say so there too (the fix may be a typo in the list, not a missing file).
    if (scheme && !existsSync(path))
      ctx.problems.push({
        file: rel(ctx, schemePath),
        row: yamlLines.get(rel(ctx, schemePath))?.(['tiers', scheme.tiers.indexOf(id)]),
        field: 'tiers',
        found: id,
        expected: `${rel(ctx, path)} 存在（scheme.yaml 的 tiers 列出的每个类别各有一个文件），或从 tiers 中删去拼错的类别`,
      });
    const { value, lineOf } = readYaml(ctx, path, tierSchema);
    if (!value) continue;
    if (value.id !== id)
      ctx.problems.push({
        file: rel(ctx, path),
        row: lineOf(['id']),
        field: 'id',
        found: value.id,
        expected: `与文件名一致：${id}`,
      });
    tiers.push(value);
    tierSources[id] = { file: rel(ctx, path), itemLines: value.items.map((_, i) => lineOf(['items', i]) ?? 0) };
  }
  const units = readCsvRows(ctx, join(contentDir, 'units.csv'), unitSchema);
  const weightsPath = join(contentDir, 'weights.csv');
  const weights = existsSync(weightsPath)
    ? readCsvRows(ctx, weightsPath, weightOverrideSchema)
    : { values: [], rows: [] };
  const metaPath = join(contentDir, 'data', 'meta.yaml');
  const dataMeta: DataMeta = (existsSync(metaPath) ? readYaml(ctx, metaPath, dataMetaSchema).value : undefined) ?? {
    sample: false,
    note: '',
    published: {},
  };
  checkMarkdown(ctx, join(contentDir, 'rules'), rulesDocSchema);
  checkMarkdown(ctx, join(contentDir, 'announcements'), announcementSchema, (a, file) => {
    // An announcement's ranking table needs a tier and a period the scheme has.
    if (typeof a.tier === 'string' && scheme && !scheme.tiers.includes(a.tier))
      ctx.problems.push({
        file,
        row: 2,
        field: 'tier',
        found: a.tier,
        expected: `方案中的类别之一：${scheme.tiers.join('、')}`,
      });
    const p = typeof a.period === 'string' ? parsePeriod(a.period) : undefined;
    if (p && scheme && p.year !== scheme.year && !scheme.historyYears.includes(p.year))
      ctx.problems.push({
        file,
        row: 2,
        field: 'period',
        found: String(a.period),
        expected: `方案年度 ${scheme.year}${scheme.historyYears.length ? ` 或往年 ${scheme.historyYears.join('、')}` : ''} 的期间`,
      });
  });
  // Cross-file checks run on the rows that are valid, so one run lists every problem. When a tier file
  // is broken there is no model to check against: report units of unknown tiers here instead.
  if (!scheme || tiers.length !== scheme.tiers.length) {
    if (scheme)
      units.values.forEach((u, i) => {
        const tier = (u as Unit).tier;
        if (!scheme.tiers.includes(tier))
          ctx.problems.push({
            file: rel(ctx, join(contentDir, 'units.csv')),
            row: units.rows[i],
            field: 'tier',
            found: tier,
            expected: `方案中的类别之一：${scheme.tiers.join('、')}`,
          });
      });
    return { bundle: undefined, problems: ctx.problems, locate };
  }
  const bundle: ContentBundle = {
    scheme,
    tiers,
    units: units.values as Unit[],
    weights: weights.values as WeightOverride[],
    dataMeta,
    sources: {
      scheme: rel(ctx, schemePath),
      tiers: tierSources,
      units: { file: rel(ctx, join(contentDir, 'units.csv')), rows: units.rows },
      weights: { file: rel(ctx, weightsPath), rows: weights.rows },
    },
  };
  return { bundle, problems: ctx.problems, locate };
}

/** Period data files: content/data/*.csv, each imported by the same importer the browser uses. */
export function dataFilesOf(contentDir: string): string[] {
  const dir = join(contentDir, 'data');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith('.csv'))
    .sort()
    .map((n) => join(dir, n));
}

/** Load, validate and compile all content; problems from every file are collected together. */
export function loadContent(contentDir: string, options: { root?: string; extraData?: string[] } = {}): LoadedContent {
  const root = options.root ?? join(contentDir, '..');
  const { bundle, problems, locate } = loadBundle(contentDir, root);
  const empty = new ColumnsBuilder(16).finish();
  if (!bundle) return { model: undefined, data: empty, problems, dataFiles: [] };
  const compiled = compileModel(bundle);
  problems.push(...compiled.problems.map(locate));
  if (problems.length > 0) return { model: compiled.model, data: empty, problems, dataFiles: [] };
  const files = options.extraData ?? dataFilesOf(contentDir);
  const read = importDataFiles(compiled.model, files, root);
  problems.push(...read.problems);
  return {
    model: compiled.model,
    data: read.data,
    problems,
    problemCount: problems.length + read.unlisted,
    warnings: read.warnings,
    dataFiles: files.map((f) => relative(root, f).split('\\').join('/')),
  };
}

/**
 * Period data files read together as one year's data (content/<year>/data/*.csv, or `score --data` files: a
 * site's month files, all.csv), each by the same importer the browser uses; a row given in two files is a problem.
 */
export function importDataFiles(
  model: Model,
  files: readonly string[],
  /** Files inside it are named relative to it; others (and all, without it) as given. */
  root: string | undefined,
): { data: DataColumns; problems: Problem[]; unlisted: number; warnings: Problem[] } {
  const problems: Problem[] = [];
  const builder = new ColumnsBuilder(1 << 16);
  // Duplicates across files (each file has none within itself): per month, a table over unit × item of the
  // file that gave the cell (index + 1), on the scheme's own numbering: no key string per row, and one table
  // per month with data, so the work and memory grow with the units like the data does.
  const unitNo = new Map(model.units.map((u, i) => [u.id, i]));
  const itemNo = new Map<string, number>();
  for (const code of model.itemByCode.keys()) itemNo.set(code, itemNo.size);
  for (const code of model.adjustmentByCode.keys()) if (!itemNo.has(code)) itemNo.set(code, itemNo.size);
  const nItems = itemNo.size;
  const byMonth = new Map<string, Uint32Array>();
  const fileNames: string[] = [];
  const warnings: Problem[] = [];
  let unlisted = 0;
  for (const path of files) {
    // Files outside the content's folder (score --data) are named as given, not as ../../ paths.
    const within = root === undefined ? '..' : relative(root, path).split('\\').join('/');
    const file = within.startsWith('..') ? path : within;
    const res = importCsv(new Uint8Array(readFileSync(path)), model, { file });
    warnings.push(...res.warnings);
    if (!res.ok) {
      problems.push(...res.problems);
      unlisted += res.problemCount - res.problems.length;
      continue;
    }
    fileNames.push(file);
    const fileNo = fileNames.length;
    const d = res.data;
    // The importer accepts only the scheme's months, units and items: its dictionaries map onto the scheme's.
    const tables = d.periods.map((period) => {
      let t = byMonth.get(period);
      if (!t) {
        t = new Uint32Array(unitNo.size * nItems);
        byMonth.set(period, t);
      }
      return t;
    });
    const units = d.units.map((u) => unitNo.get(u)!);
    const items = d.items.map((c) => itemNo.get(c)!);
    for (let i = 0; i < d.length; i++) {
      const table = tables[d.period[i]!]!;
      const cell = units[d.unit[i]!]! * nItems + items[d.item[i]!]!;
      const prev = table[cell]!;
      if (prev !== 0) {
        problems.push({
          file,
          field: '事项代码',
          found: `${d.periods[d.period[i]!]!} ${d.units[d.unit[i]!]!} ${d.items[d.item[i]!]!}`,
          expected: `每个期间、单位、事项只出现一次（已在 ${fileNames[prev - 1]!} 中出现）`,
        });
        continue;
      }
      table[cell] = fileNo;
      builder.pushFrom(d, i);
    }
  }
  return { data: builder.finish(), problems, unlisted, warnings };
}

/** A year folder of content/ (content/2023/…), loaded and validated on its own. */
export interface LoadedYear extends LoadedContent {
  /** The folder on disk. */
  dir: string;
  /** The folder as shown in problems, e.g. content/2023. */
  folder: string;
  /** The scheme's year (undefined when the scheme is invalid). */
  year: number | undefined;
}

export interface LoadedYears {
  /** Every year folder, oldest first. */
  years: LoadedYear[];
  /** Problems of every year, and those across years. */
  problems: Problem[];
  /** The latest valid year. */
  latest: LoadedYear | undefined;
}

/**
 * Year folders of a content folder: its subfolders named by a year (content/2022, content/2023), oldest first.
 * A content folder that holds scheme.yaml itself is one year (the older single-year layout, test fixtures).
 */
export function yearDirsOf(contentDir: string): string[] {
  if (!existsSync(contentDir)) return [];
  const years = readdirSync(contentDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name))
    .map((e) => e.name)
    .sort();
  if (years.length === 0 && existsSync(join(contentDir, 'scheme.yaml'))) return [contentDir];
  return years.map((y) => join(contentDir, y));
}

/**
 * Load every year of a content folder, each a complete set validated on its own, then check what spans years
 * (engine/years.ts). `extraData` replaces the data of the year `dataYear` (default: the latest).
 */
export function loadYears(
  contentDir: string,
  options: { root?: string; extraData?: string[]; dataYear?: number } = {},
): LoadedYears {
  const root = options.root ?? join(contentDir, '..');
  const dirs = yearDirsOf(contentDir);
  const problems: Problem[] = [];
  if (dirs.length === 0)
    return {
      years: [],
      latest: undefined,
      problems: [
        {
          file: rel({ root, problems }, contentDir) || 'content',
          expected:
            '至少一个年度文件夹，如 content/2023/（内含 scheme.yaml、tiers/、units.csv 等，见 content/README.md）',
        },
      ],
    };
  const folderOf = (d: string) => rel({ root, problems }, d);
  const wanted = (d: string) => {
    if (!options.extraData) return false;
    if (options.dataYear === undefined) return d === dirs.at(-1);
    return /(\d{4})$/.exec(d)?.[1] === String(options.dataYear) || (dirs.length === 1 && d === contentDir);
  };
  const years: LoadedYear[] = dirs.map((dir) => {
    const loaded = loadContent(dir, { root, ...(wanted(dir) ? { extraData: options.extraData } : {}) });
    return { ...loaded, dir, folder: folderOf(dir), year: loaded.model?.scheme.year };
  });
  const cross = yearProblems(
    years.map((y) => ({ folder: y.folder, model: y.model })),
    years.flatMap((y) => y.problems),
  );
  problems.push(...cross.data, ...cross.problems);
  const valid = years.filter((y) => y.model && y.problems.length === 0);
  return { years, problems, latest: valid.sort((a, b) => a.year! - b.year!).at(-1) };
}

/** The linked scorers of every valid year (call when `problems` is empty). */
export function yearScorersOf(loaded: LoadedYears): YearScorers {
  return createYearScorers(
    loaded.years.filter((y) => y.model).map((y) => ({ folder: y.folder, model: y.model!, data: y.data })),
  );
}
