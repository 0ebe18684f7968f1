/** Real documents and configs the generators start from, read once from the repository. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');

export interface Seed {
  /** Path relative to the repository, for reports. */
  name: string;
  text: string;
}

const SEED_FOLDERS = ['examples/acme-saas', 'test/fixtures/comply-repo', 'test/core/fixtures/rules'];

function markdownUnder(folder: string): Seed[] {
  const entries = readdirSync(path.join(REPO, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.md$/i.test(e.name))
    .map((e) => path.relative(REPO, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).replace(/\\/g, '/'))
    .map((name) => ({ name, text: readFileSync(path.join(REPO, name), 'utf8') }));
}

/** Smallest first: fast-check shrinks a seed index towards 0, so counterexamples shrink towards small documents. */
export const SEED_DOCS: Seed[] = SEED_FOLDERS.flatMap(markdownUnder).sort((a, b) => a.text.length - b.text.length || a.name.localeCompare(b.name));

const read = (name: string): Seed => ({ name, text: readFileSync(path.join(REPO, name), 'utf8') });

/** Configs a case may use; "none" (no soc2-policy.yaml) is the generator's first choice so it shrinks there. */
export const SEED_CONFIGS: Record<'acme' | 'rules', Seed> = {
  acme: read('examples/acme-saas/soc2-policy.yaml'),
  rules: read('test/core/fixtures/rules/soc2-policy.yaml'),
};

/** Criterion ids: valid, points of focus, other catalogs, near misses and hostile strings. */
export const ID_POOL = [
  'CC6.1', 'CC1.1', 'CC6.2', 'CC6.4', 'CC6.1.3', 'CC9.9', 'A1.2', 'PI1.2', 'C1.1', 'P4.3', 'A.5.1', 'A.8.2',
  'cc6.1', 'CC6.01', 'CC', '', ' ', 'CC6.1 ', '__proto__', 'constructor', 'toString', 'CC6.1,CC6.2', '\uff23\uff236.1', 'CC6.1\u200b',
];

/** Headings the built-in document types require, so mutated bodies keep hitting the section rules. */
export const SECTION_HEADINGS = [
  'Purpose', 'Scope', 'Roles and Responsibilities', 'Policy', 'Exceptions', 'Enforcement', 'Review', 'Procedure', 'Evidence',
  'Standard', 'Definitions', 'Revision History', 'Objective', 'Applicability',
];
