import { DEFAULT_PARAMETERS, type ScoringParameters } from '../../core/suggest/score';
import type { LabelledDocument } from './devset';
import type { Prediction } from './metrics';
import { evaluate } from './metrics';

/**
 * A coarse grid over the parameters that matter most, scored on the tuning half only (F1 first, then MRR).
 * Coarse on purpose: a fine grid would fit the quirks of our own writing, not policies in general.
 */
export function tuneOnTuningHalf(tuning: readonly LabelledDocument[], suggester: (p: ScoringParameters) => (doc: LabelledDocument) => Prediction): ScoringParameters {
  let best = { params: DEFAULT_PARAMETERS, f1: -1, mrr: -1 };
  for (const phraseBonus of [2.5, 4, 6])
    for (const headingWeight of [0.3, 0.6])
      for (const scale of [12, 18, 27])
        for (const threshold of [0.5, 0.6, 0.7])
          for (const relativeFloor of [0.35, 0.5, 0.65]) {
            const params = { ...DEFAULT_PARAMETERS, phraseBonus, headingWeight, scale, threshold, relativeFloor };
            const run = suggester(params);
            const s = evaluate(tuning.map((doc) => ({ truth: doc.criteria, prediction: run(doc) })));
            if (s.f1 > best.f1 + 1e-9 || (Math.abs(s.f1 - best.f1) < 1e-9 && s.mrr > best.mrr)) best = { params, f1: s.f1, mrr: s.mrr };
          }
  return best.params;
}
