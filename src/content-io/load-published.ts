/**
 * Reading what the site publishes, from disk (Node): a year's scheme.json with its data CSV (enough to
 * recompute every ranking), and a ranking download (`kaohe-ranking/3`) with the month file a view names
 * in `itemsIn`. Bad files give problems naming the file, never an exception.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import {
  columnsFromRows,
  compileModel,
  MONTH_COLUMNS,
  parseBundle,
  RANKING_FORMAT,
  rankingUnits,
  unitRecords,
  VIEW_COLUMNS,
} from '../engine/index.ts';
import type { Problem, RankingMonthFile, RankingUnit, RankingViewFile } from '../engine/index.ts';
import type { LoadedContent } from './load-content.ts';
import { importDataFiles } from './load-content.ts';

function readJson(path: string): { json: unknown } | { problem: Problem } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return {
      problem: {
        file: path,
        expected: `可读取的文件（${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}）`,
      },
    };
  }
  try {
    return { json: JSON.parse(text) };
  } catch (e) {
    return { problem: { file: path, found: text.slice(0, 40), expected: `合法的 JSON（${(e as Error).message}）` } };
  }
}

/**
 * A published scheme.json (validated by the engine's schemas) with its data: recomputing from the site's
 * downloads. The data is one CSV (all.csv) or several read together (the month files a large site publishes
 * instead of all.csv, src/site/scale.ts); a folder stands for the .csv files in it.
 */
export function loadPublished(schemePath: string, dataPaths: string | readonly string[]): LoadedContent {
  const empty = columnsFromRows([]);
  const read = readJson(schemePath);
  if ('problem' in read) return { model: undefined, data: empty, problems: [read.problem], dataFiles: [] };
  const parsed = parseBundle(read.json, schemePath);
  if (!parsed.bundle) return { model: undefined, data: empty, problems: parsed.problems, dataFiles: [] };
  const { model, problems } = compileModel(parsed.bundle);
  if (problems.length) return { model, data: empty, problems, dataFiles: [] };
  const listed = dataFilesIn(typeof dataPaths === 'string' ? [dataPaths] : dataPaths);
  if ('problems' in listed) return { model, data: empty, problems: listed.problems, dataFiles: [] };
  const res = importDataFiles(model, listed.files, undefined);
  return res.problems.length === 0
    ? { model, data: res.data, problems: [], dataFiles: listed.files, warnings: res.warnings }
    : {
        model,
        data: empty,
        problems: res.problems,
        problemCount: res.problems.length + res.unlisted,
        dataFiles: [],
        warnings: res.warnings,
      };
}

/**
 * The data files that paths name: a file as given, a folder as the .csv files in it (sorted by name, so a
 * year's month files read in order). A missing path, or a folder without a .csv file, is a problem.
 */
export function dataFilesIn(paths: readonly string[]): { files: string[] } | { problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    let dir = false;
    try {
      dir = statSync(p).isDirectory();
    } catch (e) {
      problems.push({
        file: p,
        expected: `可读取的数据文件或文件夹（${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '不存在' : (e as Error).message}）`,
      });
      continue;
    }
    if (!dir) {
      files.push(p);
      continue;
    }
    const csvs = readdirSync(p)
      .filter((n) => n.toLowerCase().endsWith('.csv'))
      .sort()
      .map((n) => join(p, n));
    if (csvs.length === 0)
      problems.push({ file: p, expected: '含有数据 CSV 文件的文件夹（如各月的 2023-01.csv … 2023-12.csv）' });
    files.push(...csvs);
  }
  return problems.length ? { problems } : { files };
}

const num = z.number();
const head = {
  format: z.literal(RANKING_FORMAT),
  scheme: z.object({ id: z.string(), year: z.number() }),
  tier: z.string(),
  period: z.string(),
  kind: z.string(),
  month: z.string(),
  decimals: z.number(),
  units: z.array(z.array(z.unknown())),
};
const viewUnit = {
  unit: z.string(),
  total: num,
  rank: num,
  grade: z.string(),
  previousRank: num.nullable(),
  consequences: z.array(z.string()),
};
const cell = z.number().nullable();
const monthUnit = z
  .object({
    ...viewUnit,
    base: num,
    bonus: num,
    deduction: num,
    coefficient: num,
    rankRange: z.tuple([num, num]).nullable(),
    scores: z.array(cell),
    paces: z.array(cell),
    weights: z.record(z.string(), num).nullable(),
  })
  .loose();
const monthSchema = z
  .object({
    ...head,
    items: z.record(z.string(), z.string()),
    paces: z.array(z.string()),
    unitColumns: z.array(z.string()).refine((c) => MONTH_COLUMNS.every((x) => c.includes(x)), {
      message: `应含 ${MONTH_COLUMNS.join('、')}`,
    }),
  })
  .loose();
const viewSchema = z
  .object({
    ...head,
    itemsIn: z.string().regex(/^[\w-]+\.json$/),
    unitColumns: z.array(z.string()).refine((c) => VIEW_COLUMNS.every((x) => c.includes(x)), {
      message: `应含 ${VIEW_COLUMNS.join('、')}`,
    }),
  })
  .loose();

/** A ranking download with the month numbers of a view filled in from the file its `itemsIn` names. */
export interface PublishedRanking {
  file: RankingMonthFile | RankingViewFile;
  /** Every unit with the month's numbers (for a view: its own total, rank, movement, consequences over the month's). */
  units: RankingUnit[];
}

function problemsOf(file: string, error: z.ZodError): Problem[] {
  return error.issues
    .slice(0, 20)
    .map((i) => ({ file, field: i.path.join('.'), expected: `${RANKING_FORMAT} 格式（${i.message}）` }));
}

/** Unit rows checked against a record schema, each problem naming the unit's row (units.3.total). */
function checkRows(file: string, records: Record<string, unknown>[], schema: z.ZodType): Problem[] {
  const problems: Problem[] = [];
  records.forEach((r, i) => {
    const c = schema.safeParse(r);
    if (!c.success && problems.length < 20)
      problems.push(...problemsOf(file, c.error).map((p) => ({ ...p, field: `units.${i}.${p.field ?? ''}` })));
  });
  return problems;
}

/** Read a published ranking file (`kaohe-ranking/3`); a view reads its month file from the same folder. */
export function readPublishedRanking(path: string): { ranking: PublishedRanking } | { problems: Problem[] } {
  const read = readJson(path);
  if ('problem' in read) return { problems: [read.problem] };
  const j = read.json as { itemsIn?: unknown };
  if (j && typeof j === 'object' && 'itemsIn' in j) {
    const v = viewSchema.safeParse(j);
    if (!v.success) return { problems: problemsOf(path, v.error) };
    const file = j as RankingViewFile;
    const records = unitRecords(file);
    const bad = checkRows(path, records, z.object(viewUnit).loose());
    if (bad.length) return { problems: bad };
    const monthPath = join(dirname(path), v.data.itemsIn);
    const month = readPublishedRanking(monthPath);
    if ('problems' in month) return month;
    const byUnit = new Map(month.ranking.units.map((u) => [u.unit, u]));
    const units: RankingUnit[] = [];
    for (const u of records) {
      const m = byUnit.get(u['unit'] as string);
      if (!m)
        return {
          problems: [
            { file: path, field: 'units', found: String(u['unit']), expected: `${v.data.itemsIn} 中也有的单位` },
          ],
        };
      units.push({ ...m, ...(u as Partial<RankingUnit>), unit: m.unit });
    }
    return { ranking: { file, units } };
  }
  const m = monthSchema.safeParse(j);
  if (!m.success) return { problems: problemsOf(path, m.error) };
  const file = j as RankingMonthFile;
  const bad = checkRows(path, unitRecords(file), monthUnit);
  if (bad.length) return { problems: bad };
  return { ranking: { file, units: rankingUnits(file) } };
}
