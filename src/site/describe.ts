/** Plain-Chinese wording of scheme settings: the engine's (engine/scheme-text.ts), shared with the scheme comparison. */
export { describeConsequenceWhen, describeFlagRule, describeRobustness, tierNames } from '../engine/index.ts';
