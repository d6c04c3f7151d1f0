import type { Item } from './schemas/tier.ts';
import { expectedProgress } from './schedule.ts';
import type { Evaluation, ItemInput } from './standards/common.ts';
import { completionOf } from './standards/common.ts';
import { standardModule } from './standards/index.ts';

export type { Evaluation, ItemInput, StandardModule } from './standards/common.ts';
export { STANDARDS } from './standards/index.ts';

/** True when the item's measure is a completion rate, so it needs a target to be scored. */
export function needsTarget(item: Item): boolean {
  return standardModule(item.standard).needsTarget(item.standard);
}

/** A fresh evaluation to fill (see `evaluate`'s `into`). */
export function emptyEvaluation(): Evaluation {
  return {
    fraction: NaN,
    measure: NaN,
    progress: NaN,
    expected: NaN,
    periodTarget: NaN,
    needsPeers: false,
    place: NaN,
    peers: 0,
    leader: NaN,
  };
}

/**
 * Evaluate one unit's input for an item under its standard (peer standards return needsPeers): the
 * schedule's expected progress and period target, then the kind's own evaluate (standards/<kind>.ts).
 * Numbers only: see `explainEvaluation` for the text. Pass `into` to reuse an object in hot loops.
 */
export function evaluate(item: Item, input: ItemInput, into: Evaluation = emptyEvaluation()): Evaluation {
  const s = item.standard;
  const kind = standardModule(s);
  const expected = item.cumulative ? expectedProgress(item.schedule, input.month) : 1;
  const periodTarget = item.cumulative ? input.target * expected : input.target;
  into.needsPeers = false;
  kind.evaluate(item, s, input, expected, periodTarget, into);
  // Pace compares progress with the schedule, whatever the scoring standard: completion against the
  // target due by the month where a numeric target is given, else the share of the weight earned.
  if (kind.targetPace && Number.isFinite(periodTarget) && periodTarget > 0 && Number.isFinite(input.actual))
    into.progress = completionOf(item, input, periodTarget);
  into.expected = expected;
  into.periodTarget = periodTarget;
  into.place = NaN;
  into.peers = 0;
  into.leader = NaN;
  return into;
}

/** How an evaluation was made, with the numbers, in Chinese (built only when an explanation is shown). */
export function explainEvaluation(item: Item, input: ItemInput, e: Evaluation): string {
  return standardModule(item.standard).explain(item, item.standard, input, e);
}

/** Places among peers by measure (best first), ties sharing a place: 1, 2, 2, 4. */
export function placesAmong(measures: readonly number[], direction: 'higher' | 'lower'): number[] {
  const idx = measures.map((_, i) => i).filter((i) => !Number.isNaN(measures[i]!));
  const better = (a: number, b: number) => (direction === 'higher' ? b - a : a - b);
  idx.sort((a, b) => better(measures[a]!, measures[b]!));
  const places = new Array<number>(measures.length).fill(NaN);
  idx.forEach((i, k) => {
    const prev = idx[k - 1];
    places[i] = k > 0 && measures[prev!] === measures[i] ? places[prev!]! : k + 1;
  });
  return places;
}

/** Peer results written per evaluation: fraction, place among peers, number of peers, leader's measure. */
export interface PeerSink {
  set(i: number, fraction: number, place: number, peers: number, leader: number): void;
}

/** Second pass for rank and percentile bands over plain measures (best first, ties sharing a place). */
export function finishPeers(item: Item, measures: readonly number[], sink: PeerSink): void {
  const s = item.standard;
  const order = standardModule(s).peerOrder?.(item, s) ?? item.direction;
  const places = placesAmong(measures, order);
  let n = 0;
  let leader = NaN;
  for (const m of measures) {
    if (!Number.isNaN(m)) n++;
    if (Number.isFinite(m) && (Number.isNaN(leader) || (item.direction === 'higher' ? m > leader : m < leader)))
      leader = m;
  }
  for (let i = 0; i < measures.length; i++) {
    const place = places[i]!;
    if (Number.isNaN(place)) continue;
    sink.set(i, peerFraction(item, place, n, measures[i]!, leader), place, n, leader);
  }
}

/** Fraction of a peer standard at a place among n peers, for the unit's own measure x and the leader's (0 for others). */
export function peerFraction(item: Item, place: number, n: number, x: number, leader: number): number {
  const s = item.standard;
  return standardModule(s).peerFraction?.(item, s, place, n, x, leader) ?? 0;
}

/** Second pass for rank and percentile-band standards: fractions from every peer's measure. */
export function finishPeerStandard(item: Item, evals: Evaluation[]): void {
  finishPeers(
    item,
    evals.map((e) => e.measure),
    {
      set(i, fraction, place, peers, leader) {
        const e = evals[i]!;
        e.fraction = fraction;
        if (Number.isNaN(e.progress)) e.progress = fraction;
        e.place = place;
        e.peers = peers;
        e.leader = leader;
      },
    },
  );
}
