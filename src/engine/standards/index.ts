import type { Standard, StandardKind } from '../schemas/standard.ts';
import { bands } from './bands.ts';
import type { StandardModule } from './common.ts';
import { completion } from './completion.ts';
import { deduction } from './deduction.ts';
import { done } from './done.ts';
import { external } from './external.ts';
import { goalposts } from './goalposts.ts';
import { grade } from './grade.ts';
import { milestones } from './milestones.ts';
import { percentileBands } from './percentile-bands.ts';
import { rank } from './rank.ts';
import { thresholdDeduction } from './threshold-deduction.ts';

/** Every standard kind's module, by kind: the one table evaluate, explain and describe dispatch on. */
export const STANDARDS: { [K in StandardKind]: StandardModule<Extract<Standard, { kind: K }>> } = {
  completion,
  goalposts,
  bands,
  'percentile-bands': percentileBands,
  'threshold-deduction': thresholdDeduction,
  rank,
  grade,
  milestones,
  deduction,
  done,
  external,
};

/** The module of a standard's kind. */
export function standardModule<S extends Standard>(s: S): StandardModule<S> {
  return STANDARDS[s.kind] as unknown as StandardModule<S>;
}
