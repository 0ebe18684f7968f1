// `npm run bench:evidence`: the Type II quality bar of issue 9 — 5,000 evidence records over 200 obligations — on an
// in-memory workspace: indexing them, the evidence calendar and rules on top, and an edit of one record. Ratios are
// against a bare remark parse of the same files, measured in the same run.
import { performance } from 'node:perf_hooks';
import { PolicyAnalyzer } from '../../core/analyzer';
import { InMemoryWorkspace } from '../../core/workspace';
import { parseMarkdownTree } from '../../core/parse/markdownBody';
import { loadBuiltins } from '../../node/builtins';

const ROOT = '/bench/evidence';
const TODAY = { year: 2026, month: 12, day: 1 };
const POLICIES = 50;
const OBLIGATIONS_PER_POLICY = 4;
const RECORDS = 5000;
const UNITS = ['week', 'month', 'quarter', 'half-year'] as const;
const CRITERIA = ['CC6.1', 'CC6.2', 'CC6.3', 'CC7.1', 'CC7.2', 'CC7.3', 'CC7.4', 'CC8.1', 'A1.2', 'A1.3'];

function workspaceFiles(): Record<string, string> {
  const files: Record<string, string> = {
    [`${ROOT}/soc2-policy.yaml`]: 'scope:\n  categories: [security, availability]\naudit:\n  type: II\n  period: {start: 2026-01-01, end: 2026-12-31}\nrules:\n  uncovered-criterion: off\n',
  };
  const obligations: string[] = [];
  for (let p = 0; p < POLICIES; p++) {
    const declared = Array.from({ length: OBLIGATIONS_PER_POLICY }, (_, o) => {
      const id = `ob-${p}-${o}`;
      obligations.push(id);
      return `  - id: ${id}\n    kind: control check ${o}\n    every: ${UNITS[(p + o) % UNITS.length]}\n    owner: Owner ${p}\n    criteria: [${CRITERIA[(p + o) % CRITERIA.length]}]\n    grace: 7d`;
    });
    files[`${ROOT}/procedures/procedure-${p}.md`] =
      `---\ntitle: Procedure ${p}\nowner: Owner ${p}\nstatus: approved\neffective: 2025-01-01\nlast_reviewed: 2026-06-01\ncontrols: [${CRITERIA[p % CRITERIA.length]}]\nevidence:\n${declared.join('\n')}\n---\n\n# Procedure ${p}\n\n## Purpose\n\nThe team runs ${OBLIGATIONS_PER_POLICY} recurring checks and keeps a record of each one.\n`;
  }
  for (let r = 0; r < RECORDS; r++) {
    const obligation = obligations[r % obligations.length];
    const month = 1 + (Math.floor(r / obligations.length) % 11);
    const day = 1 + ((r * 7) % 27);
    const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    files[`${ROOT}/evidence/${obligation}/${date}-${r}.md`] =
      `---\nobligation: ${obligation}\nperformed: ${date}\nrecorded: ${date}\nby: person-${r % 17}\nresult: ${r % 41 === 0 ? 'exception' : 'pass'}\nlink: https://tickets.example.com/T-${r}\n---\n\nChecked and signed off.${r % 41 === 0 ? '\n\n## Remediation\n\nFixed the same week.\n' : '\n'}`;
  }
  return files;
}

const timed = <T>(run: () => T): { ms: number; value: T } => {
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
};

async function main(): Promise<void> {
  const files = workspaceFiles();
  const texts = Object.entries(files).flatMap(([file, text]) => (file.endsWith('.md') ? [text] : []));
  const builtins = await loadBuiltins();
  const floor = timed(() => texts.forEach((t) => parseMarkdownTree(t))).ms;
  const workspace = new InMemoryWorkspace(files);
  const started = performance.now();
  const analyzer = await PolicyAnalyzer.open({ root: ROOT, workspace, builtins, today: () => TODAY });
  const indexMs = performance.now() - started;
  const firstFindings = timed(() => analyzer.allFindings());
  const evidenceCodes = firstFindings.value.filter((f) => f.code.startsWith('evidence-'));
  const record = Object.keys(files).find((f) => f.includes('/evidence/'))!;
  const edited = files[record].replace('Checked and signed off.', 'Checked and signed off again.');
  const edit = timed(() => {
    analyzer.updateDocument(record, edited);
    return analyzer.findings(`${ROOT}/procedures/procedure-0.md`);
  });
  const rows: [string, string][] = [
    ['documents', `${POLICIES} procedures declaring ${POLICIES * OBLIGATIONS_PER_POLICY} obligations, ${RECORDS.toLocaleString('en')} records`],
    ['bare remark parse of every file (floor)', `${floor.toFixed(0)} ms`],
    ['index (parse, facts, document rules)', `${indexMs.toFixed(0)} ms (${(indexMs / floor).toFixed(2)}× the floor)`],
    ['calendar and every workspace rule, first time', `${firstFindings.ms.toFixed(0)} ms (${evidenceCodes.length} evidence findings)`],
    ['edit one record → fresh findings of its obligation\'s document', `${edit.ms.toFixed(1)} ms`],
  ];
  console.log('| measure | result |\n|---|---|');
  for (const [measure, result] of rows) console.log(`| ${measure} | ${result} |`);
}

void main();
