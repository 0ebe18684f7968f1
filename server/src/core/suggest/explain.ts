import type { CriterionProfile } from './index';
import { stems } from './tokenize';
import type { Span } from '../types';

/** One sentence that supports a suggestion, with the point of focus it speaks to most, if any. */
export interface Reason {
  span: Span;
  text: string;
  pointOfFocus?: string;
}

/**
 * The point of focus whose words the sentence shares most (at least two, so one common word is no reason).
 * Ties go to the earlier point of focus, so output is deterministic.
 */
export function closestPointOfFocus(profile: CriterionProfile, sentence: string): string | undefined {
  const words = new Set(stems(sentence));
  let best: { id: string; shared: number } | undefined;
  for (const point of profile.points) {
    let shared = 0;
    for (const stem of point.stems) if (words.has(stem)) shared++;
    if (shared >= 2 && (!best || shared > best.shared)) best = { id: point.id, shared };
  }
  return best?.id;
}

/** Collapses whitespace and cuts long sentences, so reasons read well in a hover or a terminal. */
export function reasonText(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
