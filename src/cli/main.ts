#!/usr/bin/env node
/** kaohe staff CLI: validate content, score a period, write templates, draft announcements. */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  completenessWarnings,
  adviseTier,
  announcementDraft,
  labelSampleCsv,
  labelSampleDataCsv,
  rankRangeText,
  rankingFile,
  rankingFileText,
  dataToCsv,
  formatProblem,
  groupProblems,
  indexData,
  parsePeriod,
  PACE_LABELS,
  isBehind,
  resultsToCsv,
  templateCsv,
} from '../engine/index.ts';
import type { DataIndex, Model, TierResult } from '../engine/index.ts';
import { loadYears, yearDirsOf } from '../content-io/load-content.ts';
import type { LoadedContent } from '../content-io/load-content.ts';
import { dataFilesIn, loadPublished } from '../content-io/load-published.ts';
import type { Problem, Scorer } from '../engine/index.ts';
import { createYearScorers, yearProblems } from '../engine/index.ts';
import { newYearCommand } from './new-year.ts';
import { displayWidth, padTo } from './text.ts';
import { collectCommand } from './collect.ts';
import { checkInboxes } from '../content-io/inbox-check.ts';
import { reporterTemplate } from './template-reporter.ts';
import { calendarStampsCommand } from './calendar-stamps.ts';
import { adviceJson, adviceTable, adviseFor } from './advise.ts';

const HELP = `kaohe — 考核方案内容校验与计分工具

用法：npm run kaohe -- <命令> [选项]

命令：
  validate                         校验 content/ 下每个年度的全部内容（方案、指标、单位、权重、期间数据、规则与公告）及跨年度的对应关系
  score --tier <类别> --period <期间> [--format table|csv|json] [--data <文件.csv|文件夹>] [--scheme <scheme.json>]
                                   计算某类别某期间的排名，按该期间所属年度的方案；--data 用命令行给出的 CSV 代替该年度的 data/；
                                   --data 可重复给出多个文件，或给一个文件夹（读取其中全部 .csv，如站点的各月数据文件）；
                                   --scheme 用站点下载的 scheme.json 代替 content/（须同时给 --data）；
                                   可重复给出多组 --scheme/--data（每个年度一组，--data 属于它前面的 --scheme），往年结果按各自年度的方案计算
  template --unit <单位代码> [--period <期间>] [--out <文件>]
                                   生成单位填报模板 CSV（预填本单位事项及已公布的目标值）
  template --reporter <报送单位代码> --period <月份> [--out <文件>]
                                   生成报送单位的报送模板 CSV（其负责的事项 × 单位，预填上月数值）
  collect --period <月份> [--allow-missing]
                                   校验 inbox/<月份>/ 下各报送单位的文件并汇总为 data/<月份>.csv，打印报送回执；
                                   有任何问题则不写入；--allow-missing 允许有单位未报送时先汇总
  announce --tier <类别> --period <期间> [--date YYYY-MM-DD] [--out <文件>]
                                   生成公告草稿 Markdown
  data [--out <文件>]              导出全部期间数据为一个 CSV
  calendar-stamps                  记录日历事件的修改时间（content/calendar-stamps.json），修改日期或事项后运行并提交
  advise --unit <单位代码> [--period <期间>] [--format table|json]
                                   提升空间：进一名、升一个等次所需的最小单项变化，保住名次的分差
  new-year <年度>                  以最近一个年度为底稿新建年度文件夹 content/<年度>/（复制方案、类别、单位、权重，顺延年度和日期，不含数据）

通用选项：
  --content <目录>                 内容目录，默认 ./content（每个年度一个子文件夹：content/2022/、content/2023/）
  --year <年度>                    年度；不给时取 --period 所属年度，再不给时取最近一个年度
  -h, --help                       显示本帮助

类别：city-dept（市直单位）、county（县市区）、town（乡镇）、street（街道）
期间：2023-06（月）、2023-Q2（季度）、2023-H1（中期考核）、2023-Y（年度）

退出码：0 成功；1 内容或数据有问题（逐条列出 文件:行: 字段 — 发现 …，应为 …）；2 用法错误。`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function main(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        content: { type: 'string', default: 'content' },
        tier: { type: 'string' },
        period: { type: 'string' },
        format: { type: 'string', default: 'table' },
        data: { type: 'string', multiple: true },
        unit: { type: 'string' },
        out: { type: 'string' },
        date: { type: 'string' },
        scheme: { type: 'string', multiple: true },
        year: { type: 'string' },
        reporter: { type: 'string' },
        'allow-missing': { type: 'boolean', default: false },
      },
      tokens: true,
    });
  } catch (e) {
    fail(`参数错误：${(e as Error).message}\n运行 npm run kaohe -- --help 查看用法。`);
  }
  const { values, positionals, tokens } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const COMMANDS = [
    'validate',
    'score',
    'template',
    'announce',
    'data',
    'collect',
    'calendar-stamps',
    'advise',
    'new-year',
  ];
  if (!COMMANDS.includes(command))
    fail(`未知命令“${command}”。可用命令：${COMMANDS.join('、')}。运行 npm run kaohe -- --help 查看用法。`);
  if (values.year !== undefined && !/^\d{4}$/.test(values.year))
    fail(`--year 应为四位年度，如 2023，发现“${values.year}”。`);
  const periodYear = values.period ? parsePeriod(values.period)?.year : undefined;
  if (values.year !== undefined && periodYear !== undefined && Number(values.year) !== periodYear)
    fail(`--year ${values.year} 与 --period ${values.period} 的年度不一致：期间属于 ${periodYear} 年度。`);
  const wantedYear = values.year !== undefined ? Number(values.year) : periodYear;
  const contentDir = resolve(values.content);
  if (command === 'new-year') {
    if (!existsSync(contentDir)) fail(`找不到内容目录 ${values.content}：用 --content <目录> 指定。`);
    process.exit(
      newYearCommand(
        { contentDir, root: dirname(contentDir), year: positionals[1] ?? values.year },
        (t) => process.stdout.write(t),
        (t) => process.stderr.write(`${t}\n`),
      ),
    );
  }
  if (command === 'collect') {
    if (!existsSync(contentDir)) fail(`找不到内容目录 ${values.content}：用 --content <目录> 指定。`);
    const dirs = yearDirsOf(contentDir);
    const yearDir =
      dirs.length === 1 && dirs[0] === contentDir
        ? contentDir
        : (dirs.find((d) => wantedYear !== undefined && d.endsWith(String(wantedYear))) ??
          (wantedYear === undefined ? dirs.at(-1) : undefined));
    if (!yearDir)
      fail(
        `没有 ${wantedYear} 年度的内容文件夹 ${values.content}/${wantedYear}/。已有：${dirs.map((d) => d.slice(-4)).join('、') || '无'}。`,
      );
    process.exit(
      collectCommand(
        { yearDir, root: dirname(contentDir), period: values.period, allowMissing: values['allow-missing'] === true },
        (t) => process.stdout.write(t),
        (t) => process.stderr.write(`${t}\n`),
      ),
    );
  }

  const schemes = values.scheme ?? [];
  const datas = values.data ?? [];
  for (const d of datas) if (!existsSync(d)) fail(`找不到数据文件或文件夹 ${d}。`);
  const groups = schemes.length ? dataOfSchemes(schemes, datas, tokens) : [];
  for (const s of schemes) if (!existsSync(s)) fail(`找不到方案文件 ${s}。`);
  if (!schemes.length && !existsSync(contentDir)) fail(`找不到内容目录 ${values.content}：用 --content <目录> 指定。`);
  // Without --scheme, every --data file (a folder: its .csv files) together replaces the chosen year's data/.
  const own = !schemes.length && datas.length ? dataFilesIn(datas) : { files: [] };
  const all = schemes.length
    ? loadPublishedYears(schemes, groups)
    : 'problems' in own
      ? { years: [], problems: own.problems }
      : loadAll(contentDir, own.files, wantedYear);

  // The real number of problems (an importer lists the first 1000 of a file) and the warnings of every year.
  const total =
    all.problems.length + all.years.reduce((n, y) => n + (y.problemCount ?? y.problems.length) - y.problems.length, 0);
  const listed = total > all.problems.length ? `（以上列出前 ${all.problems.length} 个）` : '';
  const warnings = all.years.flatMap((y) => y.warnings ?? []);
  const warningText = () =>
    warnings.length > 0
      ? `${groupProblems(warnings).map(formatProblem).join('\n')}\n另有 ${warnings.length} 条提醒（数值超出该事项的常见范围，数据照常使用，请核对）。\n`
      : '';
  if (command === 'validate') {
    if (all.problems.length > 0) {
      for (const p of groupProblems(all.problems)) process.stdout.write(`${formatProblem(p)}\n`);
      process.stdout.write(`\n共 ${total} 个问题${listed}，请按提示修改后重新运行 npm run kaohe -- validate。\n`);
      process.exit(1);
    }
    process.stdout.write(warningText());
    // Each year's inbox: submissions still valid, and every collected month exactly what its inbox collects to.
    const inbox = all.years.map((y) =>
      y.dir ? checkInboxes(y.dir, y.model!, dirname(contentDir)) : { problems: [], months: 0, files: 0 },
    );
    const inboxProblems = inbox.flatMap((c) => c.problems);
    if (inboxProblems.length > 0) {
      for (const p of groupProblems(inboxProblems)) process.stdout.write(`${formatProblem(p)}\n`);
      process.stdout.write(
        `\n共 ${inboxProblems.length} 个问题（报送文件），请按提示修改后重新运行 npm run kaohe -- validate。\n`,
      );
      process.exit(1);
    }
    all.years.forEach((y, i) => {
      const m = y.model!;
      const c = inbox[i]!;
      process.stdout.write(
        `内容校验通过：${m.scheme.name}（${y.folder}）；${m.tiers.length} 个类别，${m.itemByCode.size} 个考核事项，${m.units.length} 个单位，${y.data.length} 行期间数据（${y.data.periods.length} 个月）${c.months ? `；报送文件 ${c.months} 个月 ${c.files} 份，与期间数据一致` : ''}。\n`,
      );
    });
    return;
  }
  if (all.problems.length > 0 || all.years.length === 0) {
    for (const p of groupProblems(all.problems)) process.stderr.write(`${formatProblem(p)}\n`);
    // validate reads content/, not an outside --data or --scheme file: the hint only applies to content.
    fail(
      `\n${datas.length ? `${datas.join('、')} ` : '内容'}有 ${total} 个问题${listed}，无法计分。${datas.length ? '按提示修改该文件后重新运行。' : '先运行 npm run kaohe -- validate。'}`,
      1,
    );
  }
  if (warnings.length > 0) process.stderr.write(warningText());
  const known = all.years.map((y) => y.model!.scheme.year);
  const year = wantedYear ?? Math.max(...known);
  const chosen = all.years.find((y) => y.model!.scheme.year === year);
  if (!chosen) fail(`没有 ${year} 年度的内容。已有年度：${known.join('、')}。`, 1);
  const model = chosen.model!;
  // One --data file of one month (a unit's or a reporter's): items without a row and rows of another month are warnings.
  if ('files' in own && own.files.length === 1) {
    const missing = completenessWarnings(model, chosen.data, own.files[0]!);
    if (missing.length > 0) process.stderr.write(`${groupProblems(missing).map(formatProblem).join('\n')}\n`);
  }
  // Data given on the command line is the user's own, not the shipped sample: no sample banner.
  if (datas.length)
    for (const y of all.years) y.model!.bundle.dataMeta = { ...y.model!.bundle.dataMeta, sample: false };
  const yearScorers = createYearScorers(
    all.years.map((y) => ({ folder: y.folder, model: y.model!, data: indexData(y.data) })),
  );
  const linked: Scorer = yearScorers.scorers.get(year)!;
  const index = linked.index;
  const loaded = chosen;

  if (command === 'template' && values.reporter) {
    const t = reporterTemplate(model, index, values.reporter, values.period);
    if ('usage' in t) fail(t.usage);
    write(values.out, t.text);
    return;
  }
  if (command === 'template') {
    if (!values.unit) fail('template 需要 --unit <单位代码> 或 --reporter <报送单位代码>。');
    if (!model.unitById.has(values.unit)) fail(`未知单位代码“${values.unit}”。可用代码见 content/units.csv。`);
    const period = values.period ?? lastMonth(index.data.periods) ?? `${model.scheme.year}-12`;
    if (!parsePeriod(period)) fail(`期间“${period}”格式不对：应为 2023-06、2023-Q2、2023-H1 或 2023-Y。`);
    write(values.out, templateCsv(model, values.unit, period, index));
    return;
  }
  if (command === 'data') {
    write(values.out, labelSampleDataCsv(dataToCsv(loaded.data, model), model.bundle.dataMeta.sample));
    return;
  }
  if (command === 'calendar-stamps') {
    process.stdout.write(
      calendarStampsCommand(
        all.years.map((y) => y.model!),
        contentDir,
      ),
    );
    return;
  }
  if (command === 'advise') {
    runAdvise(model, linked, values);
    return;
  }

  if (!values.tier) fail(`${command} 需要 --tier <类别>：${model.scheme.tiers.join('、')}。`);
  if (!model.tierById.has(values.tier)) fail(`未知类别“${values.tier}”：应为 ${model.scheme.tiers.join('、')}。`);
  if (!values.period) fail(`${command} 需要 --period <期间>，如 2023-06、2023-Q2、2023-H1、2023-Y。`);
  const period = parsePeriod(values.period);
  if (!period) fail(`期间“${values.period}”格式不对：应为 2023-06、2023-Q2、2023-H1 或 2023-Y。`);
  const month = `${period.year}-${String(period.month).padStart(2, '0')}`;
  if (!index.byMonth.has(month))
    fail(`没有 ${period.label}（${month}）的数据。已有：${[...index.byMonth.keys()].sort().join('、') || '无'}。`, 1);
  const scorer = linked;
  const result = scorer.scoreTier(values.tier, period.id);

  if (command === 'announce') {
    const date = values.date ?? new Date().toISOString().slice(0, 10);
    write(values.out, announcementDraft(model, result, date));
    return;
  }
  switch (values.format) {
    case 'json': {
      // kaohe-ranking/3, as the site publishes it; advice (提升空间) for the latest month of the year with data.
      const latest = lastMonth([...index.byMonth.keys()].filter((m) => m.startsWith(`${model.scheme.year}-`)));
      const advice =
        period.kind === 'month' && month === latest ? adviseTier(scorer, values.tier, period.id) : undefined;
      write(values.out, rankingFileText(rankingFile(model, result, advice), result.sample));
      break;
    }
    case 'csv':
      write(values.out, labelSampleCsv(resultsToCsv(result), result.sample));
      break;
    case 'table':
      write(values.out, table(result));
      break;
    default:
      fail(`--format 应为 table、csv 或 json，发现“${values.format}”。`);
  }
}

function runAdvise(
  model: Model,
  scorer: Scorer,
  values: {
    unit?: string | undefined;
    period?: string | undefined;
    format?: string | undefined;
    out?: string | undefined;
  },
) {
  const index: DataIndex = scorer.index;
  if (!values.unit) fail('advise 需要 --unit <单位代码>。');
  if (!model.unitById.has(values.unit)) fail(`未知单位代码“${values.unit}”。可用代码见 content/units.csv。`);
  const periodId =
    values.period ?? lastMonth([...index.byMonth.keys()].filter((m) => m.startsWith(`${model.scheme.year}-`)));
  const period = periodId ? parsePeriod(periodId) : undefined;
  if (!period) fail(`期间“${periodId ?? ''}”格式不对：应为 2023-06、2023-Q2、2023-H1 或 2023-Y。`);
  const month = `${period.year}-${String(period.month).padStart(2, '0')}`;
  if (!index.byMonth.has(month))
    fail(`没有 ${period.label}（${month}）的数据。已有：${[...index.byMonth.keys()].sort().join('、') || '无'}。`, 1);
  const r = adviseFor(scorer, values.unit, period.id)!;
  if (values.format === 'json') write(values.out, `${JSON.stringify(adviceJson(r), null, 2)}\n`);
  else if (values.format === 'table') write(values.out, adviceTable(r, model));
  else fail(`--format 应为 table 或 json，发现“${values.format}”。`);
}

/** A published scheme.json (validated by the engine's schemas) with a data CSV: recomputing from the site's downloads. */

interface CliYear extends LoadedContent {
  folder: string;
  /** The year folder on disk (content years only, not published scheme.json pairs). */ dir?: string;
}

/** Every year of the content folder; `data` (files) replaces the data of the chosen year (default the latest). */
function loadAll(
  contentDir: string,
  data: readonly string[],
  year: number | undefined,
): { years: CliYear[]; problems: Problem[] } {
  const loaded = loadYears(contentDir, {
    root: dirname(contentDir),
    ...(data.length ? { extraData: data.map((d) => resolve(d)) } : {}),
    ...(year !== undefined ? { dataYear: year } : {}),
  });
  return { years: loaded.years.filter((y) => y.model), problems: loaded.problems };
}

/**
 * Which --data belong to which --scheme: each to the --scheme before it (`--scheme 2022.json --data 2022.csv
 * --scheme 2023.json --data data-2023/`); data given before every scheme pairs one to one, in order, as
 * before several files per year were allowed. Every scheme needs data.
 */
function dataOfSchemes(
  schemes: readonly string[],
  datas: readonly string[],
  tokens: readonly { kind: string; name?: string; value?: string | undefined }[],
): string[][] {
  const groups: string[][] = [];
  let early = false;
  for (const t of tokens)
    if (t.kind === 'option' && t.name === 'scheme') groups.push([]);
    else if (t.kind === 'option' && t.name === 'data' && t.value !== undefined)
      if (groups.length) groups.at(-1)!.push(t.value);
      else early = true;
  const pairs = early && datas.length === schemes.length ? datas.map((d) => [d]) : groups;
  if ((early && datas.length !== schemes.length) || pairs.some((g) => g.length === 0))
    fail(
      `--scheme 须与 --data 成对使用：每个 --scheme 后须给出该年度的 --data（数据文件、多个文件或存放各月文件的文件夹；发现 ${schemes.length} 个 --scheme、${datas.length} 个 --data）：站点“复算说明”页列出了各年度的 scheme.json 和数据文件。`,
    );
  return pairs;
}

/** Published scheme.json + data pairs (one per year; data: files or folders), checked across years like content folders. */
function loadPublishedYears(schemes: string[], datas: string[][]): { years: CliYear[]; problems: Problem[] } {
  const years: CliYear[] = schemes.map((s, i) => ({ ...loadPublished(s, datas[i]!), folder: s }));
  const problems = years.flatMap((y) => y.problems);
  if (problems.length === 0) {
    const cross = yearProblems(years.map((y) => ({ folder: y.folder, model: y.model })));
    problems.push(...cross.problems);
  }
  return { years: years.filter((y) => y.model), problems };
}

function lastMonth(periods: string[]): string | undefined {
  return [...periods].sort().at(-1);
}

function write(out: string | undefined, text: string) {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    fail(
      `无法写入 ${out}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '目录不存在' : (e as Error).message}。请检查 --out 的路径。`,
      1,
    );
  }
  process.stderr.write(`已写入 ${out}\n`);
}

// Piped into head and the like: a closed pipe is the reader being done, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

function table(result: TierResult): string {
  const head = ['排名', '单位', '总分', '等次', '系数', '排名区间', '上期', '督办', '结果运用'];
  const rows = result.units.map((u) => [
    String(u.rank),
    u.name,
    u.total.toFixed(result.decimals),
    u.gradeLabel,
    String(u.coefficient),
    rankRangeText(u.rankRange),
    u.previousComparable === false ? '不可比' : u.previousRank === null ? '—' : String(u.previousRank),
    u.flagged.length ? `${u.flagged.length} 项` : '—',
    u.consequences.map((c) => c.label.split('，')[0]).join('；') || '—',
  ]);
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (r: string[]) =>
    r
      .map((c, i) => padTo(c, widths[i]!, i === 0 || i === 2 || i === 4 ? 'right' : 'left'))
      .join('  ')
      .trimEnd();
  const flaggedCount = result.units.reduce((s, u) => s + u.flagged.length, 0);
  const lagging = result.units.reduce((s, u) => s + u.items.filter((i) => isBehind(i.pace)).length, 0);
  return [
    `${result.period.label} ${result.tierName}差异化考核排名${result.sample ? '（示例数据，非官方结果）' : ''}`,
    '',
    line(head),
    ...rows.map(line),
    '',
    `共 ${result.units.length} 个单位；${PACE_LABELS.lagging}及${PACE_LABELS['severely-lagging']}事项 ${lagging} 项，挂牌督办 ${flaggedCount} 项。`,
    '',
  ].join('\n');
}

main(process.argv.slice(2));
