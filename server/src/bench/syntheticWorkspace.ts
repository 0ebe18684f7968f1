import { InMemoryWorkspace } from '../core/workspace';
import { Rng } from './rng';
import { TOPICS, UNITS, OWNERS, paragraph, bulletList, mentionSentence, type Topic } from './prose';

/**
 * A deterministic synthetic policy workspace for the benchmark: N native-format documents of about
 * 3 KB each plus a soc2-policy.yaml, held in memory so disk speed is not part of what is measured.
 */

export const BENCH_ROOT = '/bench/workspace';
export const DEFAULT_SEED = 20260601;
/** The benchmark's "today": reviews in the generated documents are judged against it. */
export const BENCH_TODAY = { year: 2026, month: 6, day: 1 };

type DocType = 'policy' | 'procedure' | 'standard' | 'plan';

const TYPES: readonly DocType[] = ['policy', 'policy', 'policy', 'procedure', 'procedure', 'standard', 'plan'];
const FOLDERS: Record<DocType, string> = { policy: 'policies', procedure: 'procedures', standard: 'standards', plan: 'plans' };
const LABELS: Record<DocType, string> = { policy: 'Policy', procedure: 'Procedure', standard: 'Standard', plan: 'Plan' };
/** The built-in required sections per type (docs/design/document-format.md), so clean documents stay clean. */
const REQUIRED: Record<DocType, readonly string[]> = {
  policy: ['Purpose', 'Scope', 'Roles and Responsibilities', 'Policy', 'Exceptions', 'Enforcement', 'Review'],
  procedure: ['Purpose', 'Scope', 'Roles and Responsibilities', 'Procedure', 'Evidence'],
  standard: ['Purpose', 'Scope', 'Standard', 'Exceptions', 'Review'],
  plan: ['Purpose', 'Scope', 'Roles and Responsibilities', 'Plan', 'Testing', 'Review'],
};
const OPTIONAL = ['Definitions', 'Background', 'Frequency', 'Related Documents'];
/** Shaped like criteria but not in the catalog: each yields unknown-criterion (some with a did-you-mean fix). */
const UNKNOWN_IDS = ['CC6.10', 'CC9.9', 'A1.4', 'PI1.6', 'CC10.1'];
const ALL_CRITERIA = [...new Set(TOPICS.flatMap((t) => t.criteria))].sort();

export interface SyntheticDocument {
  path: string;
  id: string;
  text: string;
}

export interface SyntheticCorpus {
  root: string;
  workspace: InMemoryWorkspace;
  documents: SyntheticDocument[];
  configPath: string;
  /** UTF-8 bytes of the documents (not the config), i.e. what the floor parses. */
  totalBytes: number;
}

/** Identity of document i, derivable on its own so other documents can link to it. */
interface DocumentPlan {
  topic: Topic;
  type: DocType;
  id: string;
  title: string;
  folder: string;
  path: string;
}

function planOf(seed: number, index: number, root: string): DocumentPlan {
  const rng = Rng.forItem(seed, index, 1);
  const topic = rng.pick(TOPICS);
  const type = rng.pick(TYPES);
  const unit = rng.pick(UNITS);
  const number = String(index + 1).padStart(4, '0');
  const id = `${topic.slug}-${type}-${number}`;
  const folder = FOLDERS[type];
  return { topic, type, id, title: `${unit} ${topic.name} ${LABELS[type]}`, folder, path: `${root}/${folder}/${id}.md` };
}

/** Section layout before rendering, so problems and mappings can be placed first. */
interface SectionPlan {
  heading: string;
  empty: boolean;
  tag: string[];
  mentions: string[];
  links: string[];
}

/** Renders one section; stops adding prose once it is about `budget` characters long. */
export function renderSection(rng: Rng, topic: Topic, section: SectionPlan, depth: number, budget: number): string {
  const head = `${'#'.repeat(depth)} ${section.heading}\n` + (section.tag.length ? `<!-- controls: ${section.tag.join(', ')} -->\n` : '');
  if (section.empty) return head;
  const mentions = section.mentions.map((id) => mentionSentence(rng, topic, id));
  const blocks = [paragraph(rng, topic, mentions)];
  let length = head.length + blocks[0].length;
  for (;;) {
    const block = rng.chance(0.25) ? bulletList(rng, topic) : paragraph(rng, topic);
    // Stop before overshooting: the budget is what keeps documents near their target size.
    if (length + block.length > budget) break;
    blocks.push(block);
    length += block.length + 2;
  }
  blocks.push(...section.links);
  return `${head}\n${blocks.join('\n\n')}\n`;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Native front matter; `controls` is a flow list, as most authors write it. */
function frontMatter(rng: Rng, plan: DocumentPlan, id: string, controls: string[], overdue: boolean): string {
  const status = rng.chance(0.9) ? 'approved' : rng.pick(['draft', 'in-review', 'retired']);
  const reviewed = overdue ? isoDate(rng.int(2023, 2024), rng.int(1, 12), rng.int(1, 28)) : isoDate(2026, rng.int(1, 5), rng.int(1, 28));
  return [
    '---',
    `title: ${plan.title}`,
    `id: ${id}`,
    `type: ${plan.type}`,
    `owner: ${rng.pick(OWNERS)}`,
    `approver: ${rng.pick(OWNERS)}`,
    `version: "${rng.int(1, 4)}.${rng.int(0, 9)}"`,
    `status: ${status}`,
    `last_reviewed: ${reviewed}`,
    `review_cycle: ${rng.pick(['12 months', '12 months', '6 months', '1 year'])}`,
    `controls: [${controls.join(', ')}]`,
    '---',
    '',
  ].join('\n');
}

/** Document i of the workspace. About 5-10% of documents carry one or more deliberate problems. */
export function syntheticPolicy(seed: number, index: number, root = BENCH_ROOT): SyntheticDocument {
  const plan = planOf(seed, index, root);
  const rng = Rng.forItem(seed, index, 2);
  const { topic, type } = plan;
  const mapped = rng.sample(topic.criteria, rng.int(2, Math.min(4, topic.criteria.length)));
  const controls = rng.chance(0.03) ? [...mapped, rng.pick(UNKNOWN_IDS)] : mapped;
  const id = index > 0 && rng.chance(0.01) ? planOf(seed, index - 1, root).id : plan.id;

  const headings = [...REQUIRED[type]];
  if (rng.chance(0.04)) headings.splice(rng.int(1, headings.length - 1), 1);
  const extras = rng.sample(OPTIONAL, Math.max(0, rng.int(6, 9) - headings.length));
  headings.splice(2, 0, ...extras.filter((h) => h !== 'Related Documents'));
  if (extras.includes('Related Documents')) headings.push('Related Documents');
  const sections: SectionPlan[] = headings.map((heading) => ({ heading, empty: false, tag: [], mentions: [], links: [] }));
  if (rng.chance(0.03)) sections[rng.int(1, sections.length - 1)].empty = true;

  // Each mapped criterion is tagged on a section or mentioned in prose; a few are left unaddressed.
  const writable = sections.filter((s) => !s.empty);
  for (const criterion of mapped) {
    if (rng.chance(0.05)) continue;
    const target = rng.pick(writable.slice(1));
    if (rng.chance(0.5)) target.tag.push(criterion);
    else target.mentions.push(criterion);
  }
  if (rng.chance(0.04)) rng.pick(writable).mentions.push(rng.pick(ALL_CRITERIA.filter((c) => !mapped.includes(c))));
  if (rng.chance(0.02)) rng.pick(writable).tag.push(rng.pick(mapped).toLowerCase());

  const last = writable[writable.length - 1];
  if (index > 0) {
    const other = planOf(seed, rng.int(0, index - 1), root);
    last.links.push(`See also the [${other.title}](../${other.folder}/${other.id}.md).`);
  }
  if (rng.chance(0.02)) last.links.push(`The previous version is in the [archive](../archive/${plan.id}-old.md).`);

  const head = frontMatter(rng, plan, id, controls, rng.chance(0.05)) + `\n# ${plan.title}\n\n`;
  const budget = (rng.int(2500, 3100) - head.length) / sections.length;
  const body = sections.map((s) => renderSection(rng, topic, s, 2, budget)).join('\n');
  return { path: plan.path, id, text: head + body };
}

/** A soc2-policy.yaml with a declared scope and one carve-out, like a typical first SOC 2 audit. */
export function syntheticConfig(): string {
  return [
    '# Synthetic benchmark workspace.',
    'scope:',
    '  categories: [security, availability, confidentiality]',
    '  exclusions:',
    '    - criteria: [CC6.4]',
    '      reason: Hosted on a public cloud; physical security is carved out to the subservice organisation.',
    'review:',
    '  defaultCycle: 12 months',
    'requiredFields: [title, owner]',
    '',
  ].join('\n');
}

/** The whole workspace, in memory. Document i does not depend on the document count. */
export function syntheticWorkspace(options: { documents?: number; seed?: number; root?: string } = {}): SyntheticCorpus {
  const { documents: count = 1000, seed = DEFAULT_SEED, root = BENCH_ROOT } = options;
  const documents = Array.from({ length: count }, (_, i) => syntheticPolicy(seed, i, root));
  const configPath = `${root}/soc2-policy.yaml`;
  const workspace = new InMemoryWorkspace({ [configPath]: syntheticConfig() });
  const encoder = new TextEncoder();
  let totalBytes = 0;
  for (const doc of documents) {
    const bytes = encoder.encode(doc.text);
    totalBytes += bytes.length;
    workspace.set(doc.path, bytes);
  }
  return { root, workspace, documents, configPath, totalBytes };
}

/**
 * One long policy (about `targetBytes`): the required sections plus many tagged subsections under
 * "Policy", like an information security policy that absorbed every other document.
 */
export function largePolicy(seed = DEFAULT_SEED, targetBytes = 100 * 1024, root = BENCH_ROOT): SyntheticDocument {
  const rng = Rng.forItem(seed, 0, 3);
  const governance = TOPICS.find((t) => t.slug === 'infosec-governance')!;
  const mapped = ALL_CRITERIA.filter((c) => !c.startsWith('P'));
  const id = 'information-security-handbook';
  const plan: DocumentPlan = { topic: governance, type: 'policy', id, title: 'Information Security Handbook', folder: 'policies', path: `${root}/policies/${id}.md` };
  const head = frontMatter(new Rng(seed), plan, id, mapped, false).replace(/status: \S+/, 'status: approved') + `\n# ${plan.title}\n`;
  const section = (heading: string, tag: string[] = []): SectionPlan => ({ heading, empty: false, tag, mentions: [], links: [] });
  const before = ['Purpose', 'Scope', 'Definitions', 'Roles and Responsibilities'].map((h) => renderSection(rng, governance, section(h), 2, 900));
  const after = ['Exceptions', 'Enforcement', 'Review'].map((h) => renderSection(rng, governance, section(h), 2, 700));
  const parts = [head, ...before, renderSection(rng, governance, section('Policy'), 2, 400)];
  let length = parts.reduce((n, p) => n + p.length + 1, 0) + after.reduce((n, p) => n + p.length + 1, 0);
  for (let i = 0; length < targetBytes; i++) {
    const topic = TOPICS[i % TOPICS.length];
    const sub = section(`${topic.name} ${Math.floor(i / TOPICS.length) + 1}`, rng.sample(topic.criteria, 2));
    sub.mentions.push(rng.pick(topic.criteria));
    const text = renderSection(rng, topic, sub, 3, Math.min(1800, targetBytes - length));
    parts.push(text);
    length += text.length + 1;
  }
  return { path: plan.path, id, text: [...parts, ...after].join('\n') };
}
