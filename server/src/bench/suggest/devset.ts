import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export type Split = 'tuning' | 'heldout';

export interface LabelledDocument {
  file: string;
  text: string;
  split: Split;
  criteria: ReadonlySet<string>;
}

/** The labelled development set (test/fixtures/suggest-devset, split fixed in labels.json). */
export function loadDevelopmentSet(folder: string): LabelledDocument[] {
  const labels = JSON.parse(readFileSync(path.join(folder, 'labels.json'), 'utf8')) as { documents: Record<string, { split: Split; criteria: string[] }> };
  return Object.entries(labels.documents).map(([file, label]) => ({
    file,
    text: readFileSync(path.join(folder, file), 'utf8'),
    split: label.split,
    criteria: new Set(label.criteria),
  }));
}
