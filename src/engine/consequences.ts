import { placeCount } from './grades.ts';
import type { Scheme } from './schemas/scheme.ts';

/** A unit's year-end result, as consequences read it. */
export interface YearStanding {
  unit: string;
  rank: number;
  grade: string;
  vetoed: boolean;
  /** False when the unit reported nothing that year: no evidence either way. */
  hasData: boolean;
}

/** A standing with its place in its own tier that year: `n` units ranked, `worse` of them strictly below. */
export interface PlacedStanding extends YearStanding {
  n: number;
  worse: number;
}

/**
 * Consequences (结果运用) of a tier's year-end results: each rule's condition must hold in this year and,
 * for `years` > 1, the years before (e.g. near the bottom two years in a row). `earlier(year)` gives an
 * earlier year's standings, or null without data: a list of one tier (places are counted within it), or
 * standings already placed in their own year's tier, keyed by this year's unit codes (see years.ts).
 */
export function consequencesOf(
  scheme: Scheme,
  tier: string,
  year: number,
  current: readonly YearStanding[],
  earlier: (year: number) => readonly YearStanding[] | ReadonlyMap<string, PlacedStanding> | null,
): Map<string, { id: string; label: string }[]> {
  const years = new Map<number, ReadonlyMap<string, PlacedStanding> | null>();
  const standings = (y: number) => {
    if (!years.has(y)) {
      const list = y === year ? current : earlier(y);
      years.set(y, list === null ? null : list instanceof Map ? list : placesOf(list as readonly YearStanding[]));
    }
    return years.get(y)!;
  };
  const out = new Map<string, { id: string; label: string }[]>();
  for (const rule of scheme.consequences) {
    if (!rule.tiers.includes(tier)) continue;
    for (const { unit } of current) {
      let holds = true;
      for (let k = 0; k < rule.when.years && holds; k++) {
        const got = standings(year - k)?.get(unit);
        if (!got || !got.hasData) {
          holds = false;
          break;
        }
        if (rule.when.grades && !rule.when.grades.includes(got.grade)) holds = false;
        if (rule.when.top && got.rank > placeCount(rule.when.top, got.n)) holds = false;
        // By default a veto (一票否决/否优) also bars rewards for top places; content can say otherwise.
        if ((rule.when.unlessVetoed ?? rule.when.top !== undefined) && got.vetoed) holds = false;
        if (rule.when.bottom && got.worse >= placeCount(rule.when.bottom, got.n)) holds = false;
      }
      if (holds) out.set(unit, [...(out.get(unit) ?? []), { id: rule.id, label: rule.label }]);
    }
  }
  return out;
}

/** `worse`: units ranked strictly below; near the bottom means fewer than `count` below (ties for last share it). */
export function placesOf(list: readonly YearStanding[]): Map<string, PlacedStanding> {
  const atOrAbove = new Int32Array(list.length + 2);
  for (const r of list) atOrAbove[r.rank]!++;
  for (let i = 1; i < atOrAbove.length; i++) atOrAbove[i]! += atOrAbove[i - 1]!;
  return new Map(list.map((r) => [r.unit, { ...r, n: list.length, worse: list.length - atOrAbove[r.rank]! }]));
}
