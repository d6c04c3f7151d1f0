/**
 * A province-sized synthetic scheme for benchmarks: `units` units over four tiers sharing 60-item
 * lists, and its data as CSV text. Deterministic (seeded).
 */
import type { ContentBundle, Item, Tier } from '../../src/engine/index.ts';
import { compileModel, itemSchema, schemeSchema, seededRandom } from '../../src/engine/index.ts';

const KINDS = [
  'completion',
  'completion',
  'completion',
  'bands',
  'threshold-deduction',
  'goalposts',
  'rank',
  'grade',
  'deduction',
  'done',
  'external',
  'percentile-bands',
] as const;

function standardFor(kind: (typeof KINDS)[number]) {
  switch (kind) {
    case 'completion':
      return { kind, cap: 1.2, zeroBelow: 0.5 };
    case 'bands':
      return {
        kind,
        on: 'completion',
        bands: [
          { min: 1, fraction: 1 },
          { min: 0.9, fraction: 0.8 },
          { min: 0.7, fraction: 0.5 },
        ],
      };
    case 'threshold-deduction':
      return { kind, on: 'completion', threshold: 0.8, step: 0.01, points: 0.1 };
    case 'goalposts':
      return { kind, lower: 0, upper: 100 };
    case 'rank':
      return { kind, method: 'step', step: 0.001 };
    case 'grade':
      return { kind };
    case 'deduction':
      return { kind, points: 0.5, zeroAt: 3 };
    case 'done':
      return { kind };
    case 'external':
      return { kind, min: 0, max: 100 };
    case 'percentile-bands':
      return {
        kind,
        bands: [
          { topShare: 0.2, fraction: 1 },
          { topShare: 0.6, fraction: 0.8 },
          { topShare: 1, fraction: 0.6 },
        ],
      };
  }
}

export function provinceBundle(unitCount: number, itemsPerTier = 60): ContentBundle {
  const tierIds = ['city-dept', 'county', 'town', 'street'];
  const tiers: Tier[] = tierIds.map((id, t) => {
    const items: Item[] = Array.from({ length: itemsPerTier }, (_, i) => {
      const kind = KINDS[i % KINDS.length]!;
      return itemSchema.parse({
        code: `T${t}-I${String(i).padStart(3, '0')}`,
        indicator: `T${t}-L${i % 6}`,
        name: `事项${i + 1}`,
        weight: 100 / itemsPerTier,
        measure: '万元',
        cumulative: kind === 'completion' || kind === 'bands' || kind === 'threshold-deduction',
        standard: standardFor(kind),
      });
    });
    return {
      id,
      name: id,
      description: '',
      applyTo: 'all' as const,
      indicators: Array.from({ length: 6 }, (_, k) => ({ code: `T${t}-L${k}`, name: `一级指标${k + 1}` })),
      items,
    };
  });
  const units = Array.from({ length: unitCount }, (_, i) => ({
    id: `U${String(i).padStart(5, '0')}`,
    name: `单位${i + 1}`,
    tier: tierIds[i % 4]!,
    traction: i % 5,
    sampleName: true,
  }));
  const scheme = schemeSchema.parse({
    id: 'province',
    name: '示例省',
    shortName: '示例省',
    city: '示例省',
    year: 2023,
    tiers: tierIds,
    pace: {},
    flag: {},
    cycle: {},
    grades: {
      default: {
        method: 'rank-share',
        bands: [
          { id: 'excellent', label: '优秀', topShare: 0.2 },
          { id: 'good', label: '良好', topShare: 0.7 },
          { id: 'poor', label: '较差' },
        ],
      },
    },
    coefficients: [
      {
        tiers: ['town', 'street'],
        table: [
          { load: 0, value: 1 },
          { load: 1, value: 1.02 },
          { load: 2, value: 1.04 },
          { load: 3, value: 1.06 },
          { load: 4, value: 1.08 },
        ],
      },
    ],
  });
  const bundle: ContentBundle = {
    scheme,
    tiers,
    units,
    weights: [],
    dataMeta: { sample: true, note: '', published: {} },
    sources: {
      scheme: 'scheme.yaml',
      tiers: {},
      units: { file: 'units.csv', rows: [] },
      weights: { file: 'weights.csv', rows: [] },
    },
  };
  // Weights of 100/60 do not sum to exactly 100 in binary: make the last item take the remainder.
  const { problems } = compileModel(bundle);
  if (problems.length)
    for (const t of tiers) t.items[t.items.length - 1]!.weight = 100 - (100 / itemsPerTier) * (itemsPerTier - 1);
  return bundle;
}

/** CSV text for every unit, item and month (period, unit, item, actual, target, note), ~10% notes in Chinese. */
export function provinceCsv(bundle: ContentBundle, months = 12): string {
  const rand = seededRandom(7);
  const parts: string[] = ['period,unit,item,actual,target,note\n'];
  const byTier = new Map(bundle.tiers.map((t) => [t.id, t.items]));
  for (let m = 1; m <= months; m++) {
    const period = `2023-${String(m).padStart(2, '0')}`;
    let chunk = '';
    for (const u of bundle.units) {
      for (const item of byTier.get(u.tier)!) {
        const k = item.standard.kind;
        const target = 100 + Math.floor(rand() * 900);
        let actual: string;
        if (k === 'grade') actual = 'ABCD'[Math.floor(rand() * 4)]!;
        else if (k === 'done') actual = rand() < 0.8 ? '1' : '0';
        else if (k === 'deduction') actual = String(Math.floor(rand() * 3));
        else actual = (target * (m / 12) * (0.7 + rand() * 0.5)).toFixed(2);
        const note = rand() < 0.1 ? (rand() < 0.3 ? '"按期推进,已报送"' : '进度正常') : '';
        chunk += `${period},${u.id},${item.code},${actual},${target},${note}\n`;
      }
      if (chunk.length > 1 << 20) {
        parts.push(chunk);
        chunk = '';
      }
    }
    parts.push(chunk);
  }
  return parts.join('');
}
