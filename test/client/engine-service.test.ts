/**
 * The self-check worker's logic in Node (no browser): importing in parts gives exactly the columns
 * of a whole-file import, and gives up whenever the whole-file import must decide; the engine
 * service scores own data among published peers like the engine does, keeps rejected files out of
 * storage, validates what-if values with the importer; packed columns round-trip.
 */
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/content-io/load-content.ts';
import type { DataColumns, Model } from '../../src/engine/index.ts';
import {
  SAMPLE_COLUMN,
  SAMPLE_NOTICE,
  createScorer,
  explainVeto,
  importCsv,
  replaceUnitRows,
  rowsFromColumns,
  templateCsv,
  indexData,
} from '../../src/engine/index.ts';
import { MemoryStore } from '../../src/client/db.ts';
import type { PartHelper } from '../../src/client/engine-service.ts';
import { EngineService } from '../../src/client/engine-service.ts';
import type { PartImporter } from '../../src/client/parallel-import.ts';
import { PARALLEL_MIN_BYTES, cutPoints, importInParts } from '../../src/client/parallel-import.ts';
import { monthToJson, packColumns, unpackColumns } from '../../src/engine/packed.ts';
import type { PublishedIndexJson } from '../../src/engine/packed.ts';
import { ROOT, toGb18030 } from '../e2e/self-check-support.ts';

let model: Model;
let published: DataColumns;

beforeAll(() => {
  const loaded = loadContent(join(ROOT, 'content', '2023'), { root: ROOT });
  if (!loaded.model) throw new Error('content does not load');
  model = loaded.model;
  published = loaded.data;
});

const local =
  (m: () => Model): PartImporter =>
  async (bytes, onProgress) => {
    const r = importCsv(bytes, m(), { file: 'part.csv', maxProblems: 1, onProgress });
    return r.ok ? { ok: true, data: r.data, rows: r.rows, encoding: r.encoding } : { ok: false };
  };

/** The published data as one big CSV, repeated across notes so that it passes the size threshold. */
function bigCsv(opts: { quotedNewlines?: boolean } = {}): string {
  const rows = rowsFromColumns(published);
  const lines = rows.map((r, i) => [
    r.period,
    r.unit,
    r.item,
    r.actual ?? '',
    r.target ?? '',
    // Long notes (to pass the size threshold), some quoted with commas, quotes and line breaks.
    i % 7 === 0
      ? `说明,含逗号 "引号" ${'备注'.repeat(300)}${opts.quotedNewlines ? '\n第二行' : ''}`
      : i % 3 === 0
        ? `进度正常${'。'.repeat(400)}`
        : '',
  ]);
  return Papa.unparse(
    { fields: ['期间', '单位代码', '事项代码', '实际值', '目标值', '备注'], data: lines },
    { newline: '\r\n' },
  );
}

describe('import in parts', () => {
  test('cut points fall on record boundaries outside quotes', () => {
    const text = 'a,b\n1,"x\ny"\n2,z\n3,"p\nq"\n4,w\n';
    const bytes = new TextEncoder().encode(text);
    const from = text.indexOf('\n') + 1;
    for (let parts = 2; parts <= 5; parts++)
      for (const c of cutPoints(bytes, from, parts)) {
        const before = text.slice(0, c);
        expect(before.endsWith('\n')).toBe(true);
        expect((before.match(/"/g) ?? []).length % 2).toBe(0);
      }
  });

  test.each([2, 3, 4])(
    '%i parts give exactly the whole-file columns (UTF-8 with BOM, quoted line breaks)',
    async (n) => {
      const bytes = new TextEncoder().encode(`\ufeff${bigCsv({ quotedNewlines: true })}`);
      expect(bytes.length).toBeGreaterThan(PARALLEL_MIN_BYTES);
      const whole = importCsv(bytes, model, { file: 'x.csv' });
      expect(whole.ok).toBe(true);
      const parts = await importInParts(
        bytes,
        Array.from({ length: n }, () => local(() => model)),
        () => undefined,
      );
      expect(parts).not.toBeNull();
      if (!whole.ok || !parts?.ok) return;
      expect(parts.rows).toBe(whole.rows);
      expect(parts.encoding).toBe('utf-8-bom');
      expect(parts.data.periods).toEqual(whole.data.periods);
      expect(parts.data.units).toEqual(whole.data.units);
      expect(parts.data.items).toEqual(whole.data.items);
      expect(rowsFromColumns(parts.data)).toEqual(rowsFromColumns(whole.data));
    },
  );

  test('GB18030 parts decode like the whole file', async () => {
    const bytes = new Uint8Array(await toGb18030(bigCsv()));
    const whole = importCsv(bytes, model, { file: 'x.csv' });
    const parts = await importInParts(bytes, [local(() => model), local(() => model)], () => undefined);
    expect(whole.ok && parts?.ok).toBe(true);
    if (!whole.ok || !parts?.ok) return;
    expect(parts.encoding).toBe('gb18030');
    expect(rowsFromColumns(parts.data)).toEqual(rowsFromColumns(whole.data));
  });

  test('gives up (the whole-file import decides) on a problem in any part or a duplicate across parts', async () => {
    const text = bigCsv();
    const lines = text.split('\r\n');
    const withBad = [...lines];
    withBad[lines.length - 2] = withBad[lines.length - 2]!.replace(
      /^([^,]*),([^,]*),([^,]*),[^,]*/,
      '$1,$2,$3,不是数字',
    );
    expect(
      await importInParts(
        new TextEncoder().encode(withBad.join('\r\n')),
        [local(() => model), local(() => model)],
        () => undefined,
      ),
    ).toBeNull();
    const withDup = [...lines, lines[1]!];
    expect(
      await importInParts(
        new TextEncoder().encode(withDup.join('\r\n')),
        [local(() => model), local(() => model)],
        () => undefined,
      ),
    ).toBeNull();
    // Small files are not split at all.
    expect(
      await importInParts(
        new TextEncoder().encode(lines.slice(0, 50).join('\r\n')),
        [local(() => model), local(() => model)],
        () => undefined,
      ),
    ).toBeNull();
  });
});

describe('engine service', () => {
  const base = 'http://x/self-check/';
  function service(helpers = 0, sample = true, store: MemoryStore = new MemoryStore()) {
    const months = published.periods.slice().sort();
    const index: PublishedIndexJson = {
      sample,
      note: '',
      months: months.map((m) => ({ month: m, rows: 0, url: `${m}.json` })),
    };
    const bundle = JSON.parse(JSON.stringify(model.bundle)) as typeof model.bundle;
    bundle.dataMeta.sample = sample;
    const files = new Map<string, unknown>([
      [`${base}bundle.json`, bundle],
      [`${base}published/index.json`, index],
      ...months.map(
        (m) =>
          [`${base}published/${m}.json`, JSON.parse(JSON.stringify(monthToJson(published, m)))] as [string, unknown],
      ),
    ]);
    const fetchJson = async (url: string) => {
      if (!files.has(url)) throw new Error(`404 ${url}`);
      return files.get(url);
    };
    let n = 0;
    const makeHelpers = () =>
      Array.from({ length: helpers }, (): PartHelper => ({
        run: async (bytes, file, onlyUnit, onProgress) => {
          const r = importCsv(bytes, model, { file, onlyUnit: onlyUnit ?? undefined, maxProblems: 1, onProgress });
          return r.ok ? { ok: true, data: r.data, rows: r.rows, encoding: r.encoding } : { ok: false };
        },
      }));
    const s = new EngineService(store, fetchJson, { makeId: () => `ds${++n}`, makeHelpers });
    return s;
  }
  const file = (text: string) => new Blob([text]);

  test('own data is ranked among the published peers exactly as the engine ranks replaceUnitRows', async () => {
    const s = service();
    await s.init({
      bundleUrl: `${base}bundle.json`,
      publishedUrl: `${base}published/index.json`,
      storage: 'memory',
      storageNote: null,
    });
    const unit = 'chengqu';
    const csv = templateCsv(model, unit, '2023-06', indexData(published)).replace(
      /,(\d+\.\d+),/,
      (_, v: string) => `,${(Number(v) * 1.3).toFixed(2)},`,
    );
    const res = await s.import(
      { file: file(csv), fileName: 't.csv', unit, score: { tier: null, period: '2023-06', unit } },
      () => undefined,
    );
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const own = importCsv(new TextEncoder().encode(csv), model, { file: 't.csv', onlyUnit: unit });
    if (!own.ok) throw new Error('template does not import');
    const want = createScorer(model, replaceUnitRows(published, own.data)).scoreTier('county', '2023-06');
    expect(res.view!.ranking.map((r) => [r.unit, r.total, r.rank])).toEqual(
      want.units.map((u) => [u.unit, u.total, u.rank]),
    );
    expect(res.view!.unit!.total).toBe(want.units.find((u) => u.unit === unit)!.total);
    expect(res.view!.ranking.find((r) => r.unit === unit)!.own).toBe(true);

    // A rejected file changes nothing stored.
    const bad = await s.import(
      {
        file: file(`${csv}\r\n2023-06,chengqu,城区,NOPE,无此事项,,1,,\r\n`),
        fileName: 'bad.csv',
        unit,
        score: { tier: null, period: '2023-06', unit },
      },
      () => undefined,
    );
    expect(bad.ok).toBe(false);
    expect(bad.storage.datasets.map((d) => d.id)).toEqual(['ds1']);

    // What-if: a bad value is reported with the item's name; a good one moves the total.
    const item = res.view!.unit!.items.find((i) => typeof i.actual === 'number')!;
    const wrong = await s.score({
      datasetId: 'ds1',
      tier: null,
      period: '2023-06',
      unit,
      edits: { [item.code]: { actual: '很多' } },
    });
    expect(wrong.editProblems.length).toBe(1);
    expect(wrong.editProblems[0]!.field).toContain(item.name);
    expect(wrong.unit!.total).toBe(res.view!.unit!.total);
    const lower = await s.score({
      datasetId: 'ds1',
      tier: null,
      period: '2023-06',
      unit,
      edits: { [item.code]: { actual: '0' } },
    });
    expect(lower.editProblems).toEqual([]);
    expect(lower.unit!.total).toBeLessThan(res.view!.unit!.total);
    expect(lower.unitBefore!.total).toBe(res.view!.unit!.total);
  });

  test('exports carry the sample label (数据性质) on every row when the published peers are sample data, and nothing when real', async () => {
    const unit = 'chengqu';
    const csv = templateCsv(model, unit, '2023-06', indexData(published));
    for (const sample of [true, false]) {
      const s = service(0, sample);
      await s.init({
        bundleUrl: `${base}bundle.json`,
        publishedUrl: `${base}published/index.json`,
        storage: 'memory',
        storageNote: null,
      });
      const res = await s.import(
        { file: file(csv), fileName: 't.csv', unit, score: { tier: null, period: '2023-06', unit } },
        () => undefined,
      );
      expect(res.ok).toBe(true);
      const req = { datasetId: 'ds1', tier: 'county', period: '2023-06', unit };
      // The unit's own results, its ranking among the published peers, and the published ranking alone.
      const exports = [
        (await s.exportUnit(req)).csv,
        (await s.exportRanking(req)).csv,
        (await s.exportRanking({ ...req, datasetId: null })).csv,
      ];
      for (const out of exports) {
        const rows = Papa.parse<string[]>(out.replace(/^\ufeff/, ''), { skipEmptyLines: true }).data;
        expect(rows.length).toBeGreaterThan(1);
        if (sample) {
          expect(rows[0]!.at(-1)).toBe(SAMPLE_COLUMN);
          for (const r of rows.slice(1)) expect(r.at(-1)).toBe(SAMPLE_NOTICE);
        } else {
          expect(rows[0]).not.toContain(SAMPLE_COLUMN);
          expect(out).not.toContain(SAMPLE_NOTICE);
        }
      }
    }
  });

  test('the view explains a vetoed unit’s grade as the site does (explainVeto), and has no veto text for others', async () => {
    const s = service();
    await s.init({
      bundleUrl: `${base}bundle.json`,
      publishedUrl: `${base}published/index.json`,
      storage: 'memory',
      storageNote: null,
    });
    const scorer = createScorer(model, published);
    const found = model.tiers
      .flatMap((t) =>
        published.periods
          .filter((m) => m.startsWith(`${model.scheme.year}-`))
          .map((m) => ({ tier: t.id, period: m, r: scorer.scoreTier(t.id, m) })),
      )
      .map((x) => ({ ...x, u: x.r.units.find((u) => u.vetoes.length > 0) }))
      .find((x) => x.u);
    expect(found, 'the sample has a vetoed unit').toBeDefined();
    const { tier, period, r, u } = found!;
    const view = await s.score({ datasetId: null, tier, period, unit: u!.unit });
    expect(view.veto).toEqual(explainVeto(model.scheme, u!, r.units.length));
    expect(view.veto!.text).toContain(u!.vetoes[0]!.name);
    const other = r.units.find((x) => x.vetoes.length === 0)!;
    expect((await s.score({ datasetId: null, tier, period, unit: other.unit })).veto).toBeNull();
  });

  /** A store whose data set transactions commit when the test says (or fail as a full disk does). */
  class GatedStore extends MemoryStore {
    open: () => void = () => undefined;
    private readonly gate = new Promise<void>((r) => (this.open = r));
    private readonly full: boolean;
    constructor(full = false) {
      super();
      this.full = full;
    }
    override async save(...args: Parameters<MemoryStore['save']>) {
      await this.gate;
      if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return super.save(...args);
    }
  }
  const init = (s: EngineService) =>
    s.init({
      bundleUrl: `${base}bundle.json`,
      publishedUrl: `${base}published/index.json`,
      storage: 'memory',
      storageNote: null,
    });

  /** chengqu's template for 2023-06, imported and scored as the page does. */
  const importTemplate = async (s: EngineService) => {
    const csv = templateCsv(model, 'chengqu', '2023-06', indexData(published));
    const res = await s.import(
      {
        file: file(csv),
        fileName: 't.csv',
        unit: 'chengqu',
        score: { tier: null, period: '2023-06', unit: 'chengqu' },
      },
      () => undefined,
    );
    return { csv, res };
  };

  test('the result comes before the save: saving, then saved; nothing is stored until the one transaction commits; rank ranges follow', async () => {
    const store = new GatedStore();
    const s = service(0, true, store);
    await init(s);
    const { csv, res } = await importTemplate(s);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    // Answered with the result while the data set is still being saved.
    expect(res.saving).toBe(true);
    expect(res.storage.saving).toEqual(['ds1']);
    expect(res.storage.activeId).toBe('ds1');
    expect(res.view!.unit!.total).toBeGreaterThan(0);
    // The first view has no rank ranges yet; the next full view has them, as the engine computes them.
    expect(res.view!.rangesPending).toBe(true);
    expect(res.view!.ranking.every((r) => r.rankRange === null)).toBe(true);
    const full = await s.score({ datasetId: 'ds1', tier: null, period: '2023-06', unit: 'chengqu' });
    expect(full.rangesPending).toBe(false);
    const own = importCsv(new TextEncoder().encode(csv), model, { file: 't.csv', onlyUnit: 'chengqu' });
    if (!own.ok) throw new Error('template does not import');
    const want = createScorer(model, replaceUnitRows(published, own.data)).scoreTier('county', '2023-06');
    expect(full.ranking.map((r) => r.rankRange)).toEqual(want.units.map((u) => u.rankRange));
    expect(full.ranking.map((r) => [r.unit, r.total, r.rank])).toEqual(
      res.view!.ranking.map((r) => [r.unit, r.total, r.rank]),
    );
    // Not committed yet: the store holds neither the data set nor an index naming it (a reload now shows the
    // earlier state, whole).
    await new Promise((r) => setTimeout(r, 10));
    expect((await store.load()).index.datasets).toEqual([]);
    await expect(store.get('ds1')).rejects.toThrow();
    const waiting = s.saved('ds1');
    store.open();
    const saved = await waiting;
    expect(saved.saveError).toBeNull();
    expect(saved.storage.saving).toEqual([]);
    expect(saved.storage.datasets.map((d) => [d.id, d.saved])).toEqual([['ds1', true]]);
    expect(saved.storage.datasets[0]!.bytes).toBeGreaterThan(0);
    expect((await store.load()).index.datasets.map((d) => d.id)).toEqual(['ds1']);
    expect(rowsFromColumns(unpackColumns(await store.get('ds1')))).toEqual(rowsFromColumns(own.data));
  });

  test('a save that fails after the result is said (storage full), and the data stay usable in memory', async () => {
    const store = new GatedStore(true);
    const s = service(0, true, store);
    await init(s);
    const { res } = await importTemplate(s);
    expect(res.ok && res.saving).toBe(true);
    store.open();
    const saved = await s.saved('ds1');
    expect(saved.saveError).toContain('存储空间不足');
    expect(saved.storage.saving).toEqual([]);
    expect(saved.storage.datasets.map((d) => [d.id, d.saved])).toEqual([['ds1', false]]);
    expect((await store.load()).index.datasets).toEqual([]);
    const view = await s.score({ datasetId: 'ds1', tier: null, period: '2023-06', unit: 'chengqu' });
    expect(view.unit!.total).toBe(res.ok ? res.view!.unit!.total : NaN);
  });

  test('a large whole file imported in parts scores like one imported whole', async () => {
    const csv = bigCsv();
    const a = service(0);
    const b = service(1);
    for (const s of [a, b])
      await s.init({
        bundleUrl: `${base}bundle.json`,
        publishedUrl: `${base}published/index.json`,
        storage: 'memory',
        storageNote: null,
      });
    const req = { fileName: 'all.csv', unit: null, score: { tier: 'town', period: '2023-12', unit: null } };
    const ra = await a.import({ ...req, file: file(csv) }, () => undefined);
    const rb = await b.import({ ...req, file: file(csv) }, () => undefined);
    expect(ra.ok && rb.ok).toBe(true);
    if (!ra.ok || !rb.ok) return;
    expect(ra.timings.parts).toBe(1);
    expect(rb.timings.parts).toBe(2);
    expect(rb.view!.ranking).toEqual(ra.view!.ranking);
  });
});

test('packed columns round-trip (typed arrays, letter grades, notes)', () => {
  const back = unpackColumns(packColumns(published));
  expect(rowsFromColumns(back)).toEqual(rowsFromColumns(published));
});
