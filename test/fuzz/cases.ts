/**
 * A fuzz case: a small workspace (an optional soc2-policy.yaml and one or two documents), given as a
 * JSON-able recipe so failures can be saved, read and replayed, and materialised into bytes on demand.
 */
import fc from 'fast-check';
import { frontMatterDocArb, frontMatterDocText, type FrontMatterDoc } from './frontMatter';
import { applyMutations, mutationsArb, type Mutation } from './mutations';
import type { Snippet } from './snippets';
import { SEED_CONFIGS, SEED_DOCS } from './seeds';

/** `bytes`: a file as it is, written by the minimizer once a failure is shrunk. */
export type DocBase = { from: 'seed'; seed: number } | { from: 'generated'; doc: FrontMatterDoc } | { from: 'empty' } | { from: 'bytes'; name: string; base64: string };

export interface DocRecipe {
  base: DocBase;
  folder: string;
  mutations: Mutation[];
}

export type ConfigRecipe = { kind: 'none' } | { kind: 'acme' } | { kind: 'rules' } | { kind: 'mutated'; mutations: Mutation[] } | { kind: 'bytes'; base64: string };

export interface CaseRecipe {
  config: ConfigRecipe;
  docs: DocRecipe[];
}

/** Relative path -> bytes. */
export type CaseFiles = Map<string, Uint8Array>;

export const CONFIG_FILE = 'soc2-policy.yaml';

const baseArb: fc.Arbitrary<DocBase> = fc.oneof(
  { weight: 35, arbitrary: fc.record({ from: fc.constant('seed' as const), seed: fc.nat({ max: SEED_DOCS.length - 1 }) }) },
  { weight: 15, arbitrary: fc.record({ from: fc.constant('generated' as const), doc: frontMatterDocArb }) },
  { weight: 1, arbitrary: fc.record({ from: fc.constant('empty' as const) }) },
);

export const docRecipeArb: fc.Arbitrary<DocRecipe> = fc.record({
  base: baseArb,
  folder: fc.constantFrom('policies' as const, 'procedures' as const, 'standards' as const, '' as const),
  mutations: mutationsArb(4),
});

// Cross-shrinking lets a counterexample lose its config ("none" comes first) when the config plays no part.
export const configRecipeArb: fc.Arbitrary<ConfigRecipe> = fc.oneof(
  { withCrossShrink: true },
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 5, arbitrary: fc.constant({ kind: 'acme' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'rules' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('mutated' as const), mutations: mutationsArb(4) }) },
);

/** One or two documents: two bring in duplicate ids, links and cross-document rules; shrinking drops the extra one. */
export const caseRecipeArb: fc.Arbitrary<CaseRecipe> = fc.record({
  config: configRecipeArb,
  docs: fc.array(docRecipeArb, { minLength: 1, maxLength: 2 }),
});

const encoder = new TextEncoder();

function baseBytes(base: DocBase): Uint8Array {
  if (base.from === 'bytes') return new Uint8Array(Buffer.from(base.base64, 'base64'));
  if (base.from === 'seed') return encoder.encode(SEED_DOCS[base.seed].text);
  return encoder.encode(base.from === 'generated' ? frontMatterDocText(base.doc) : '');
}

function docName(doc: DocRecipe): string {
  const base = doc.base;
  const name = base.from === 'seed' ? SEED_DOCS[base.seed].name.split('/').pop()! : base.from === 'bytes' ? base.name : `${base.from}.md`;
  return doc.folder ? `${doc.folder}/${name}` : name;
}

export function configBytes(config: ConfigRecipe): Uint8Array | undefined {
  if (config.kind === 'none') return undefined;
  if (config.kind === 'mutated') return applyMutations(encoder.encode(SEED_CONFIGS.acme.text), config.mutations);
  if (config.kind === 'bytes') return new Uint8Array(Buffer.from(config.base64, 'base64'));
  return encoder.encode(SEED_CONFIGS[config.kind].text);
}

export function docBytes(doc: DocRecipe): Uint8Array {
  return applyMutations(baseBytes(doc.base), doc.mutations);
}

/** Where each recipe part lands in the workspace. Two documents from the same seed get distinct names. */
function layout(recipe: CaseRecipe): { name: string; doc?: DocRecipe }[] {
  const names = new Set<string>();
  const parts: { name: string; doc?: DocRecipe }[] = recipe.config.kind === 'none' ? [] : [{ name: CONFIG_FILE }];
  for (const doc of recipe.docs) {
    let name = docName(doc);
    for (let i = 2; names.has(name); i++) name = docName(doc).replace(/(\.md)$/, `-${i}$1`);
    names.add(name);
    parts.push({ name, doc });
  }
  return parts;
}

/** The workspace files of a case: relative path -> bytes. */
export function materialize(recipe: CaseRecipe): CaseFiles {
  return new Map(layout(recipe).map(({ name, doc }) => [name, doc ? docBytes(doc) : configBytes(recipe.config)!]));
}

/** Relative path -> how the file was made, for reports. */
export function describeCase(recipe: CaseRecipe): (file: string) => string {
  const map = new Map(layout(recipe).map(({ name, doc }) => [name, doc ? describeDoc(doc) : `config:${recipe.config.kind}`]));
  return (file) => map.get(file) ?? file;
}

/** The recipe of files as they are (the minimizer's output): every file as bytes, no mutations. */
export function caseFromFiles(files: CaseFiles): CaseRecipe {
  const config = files.get(CONFIG_FILE);
  const docs = [...files].filter(([name]) => name !== CONFIG_FILE);
  return {
    config: config ? { kind: 'bytes', base64: Buffer.from(config).toString('base64') } : { kind: 'none' },
    docs: docs.map(([name, bytes]) => ({
      base: { from: 'bytes', name: name.split('/').pop()!, base64: Buffer.from(bytes).toString('base64') },
      folder: name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '',
      mutations: [],
    })),
  };
}

/** A short human description of a document recipe, for the slowest-document report. */
export function describeDoc(doc: DocRecipe): string {
  const base = doc.base.from === 'seed' ? SEED_DOCS[doc.base.seed].name : doc.base.from === 'bytes' ? `bytes:${doc.base.name}` : doc.base.from;
  const snippet = (s: Snippet) =>
    s.s === 'lines' ? `${s.kind}×${s.n}` : s.s === 'repeat' ? `${JSON.stringify(s.unit)}×${s.n}` : s.s === 'token' ? JSON.stringify(s.token) : s.s === 'text' ? 'text' : 'bytes';
  const ops = doc.mutations.map((m) => (m.op === 'insert' || m.op === 'replace' ? `${m.op} ${snippet(m.snippet)}` : m.op === 'eol' ? `eol:${m.style}` : m.op));
  return ops.length ? `${base} + ${ops.join(', ')}` : base;
}
