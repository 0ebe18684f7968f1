import { createHash } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EvidenceArgs } from '../evidenceArgs';
import type { PolicyAnalyzer } from '../../core/analyzer';
import { today as systemToday, type DateOnly } from '../../core/dates';
import { evidenceOf, workspacePlan } from '../../core/evidence/workspaceEvidence';
import { evidenceJson, renderEvidenceCsv, renderEvidenceMarkdown, renderEvidenceText } from '../../core/evidence/report';
import type { EvidencePlan } from '../../core/evidence/plan';
import { renderEvidenceHtml } from '../../core/evidence/evidenceHtml';
import { checklistFor, recordPath, renderRecord } from '../../core/evidence/recordText';
import { isInside } from '../../core/paths';
import { CliError, EXIT_CLEAN, usageError } from '../errors';
import { openAnalyzer } from '../session';
import type { Terminal } from '../terminal';
import { locateWorkspace } from '../workspaceRoot';

const RENDERERS: Record<EvidenceArgs['format'], (plan: EvidencePlan, root: string, asOf: DateOnly) => string> = {
  text: renderEvidenceText,
  json: (plan, root) => JSON.stringify(evidenceJson(plan, root), null, 2) + '\n',
  csv: renderEvidenceCsv,
  markdown: renderEvidenceMarkdown,
  html: (plan, root, asOf) => renderEvidenceHtml(plan, root, { asOf }),
};

/** The analyzer seen as a workspace context, for the evidence plan. */
export function evidenceContext(analyzer: PolicyAnalyzer, today: DateOnly) {
  return { documents: analyzer.documents(), facts: <F>(kind: string) => analyzer.kindFacts<F>(kind), config: analyzer.currentConfig, today };
}

/** `soc2-policy evidence`: the evidence calendar; `evidence record <obligation>`: writes one record. */
export async function runEvidence(args: EvidenceArgs, terminal: Terminal): Promise<number> {
  const location = locateWorkspace(terminal.cwd, args.paths, args.config);
  const day = args.today ?? systemToday();
  const analyzer = await openAnalyzer(location, terminal, day);
  if (args.record) return writeRecord(analyzer, args.record, day, terminal);
  const plan = workspacePlan(evidenceContext(analyzer, day));
  if (!plan) throw new CliError('no Type II audit period in soc2-policy.yaml; add audit: {type: II, period: {start: YYYY-MM-DD, end: YYYY-MM-DD}} (docs/evidence.md)');
  terminal.stdout.write(RENDERERS[args.format](plan, location.root, day));
  return EXIT_CLEAN;
}

async function writeRecord(analyzer: PolicyAnalyzer, record: NonNullable<EvidenceArgs['record']>, day: DateOnly, terminal: Terminal): Promise<number> {
  const root = analyzer.root;
  const { obligations } = evidenceOf(evidenceContext(analyzer, day));
  const obligation = obligations.get(record.obligation);
  if (!obligation) {
    const known = [...obligations.keys()].sort();
    throw usageError(`no policy or procedure declares the obligation "${record.obligation}"${known.length ? ` (known: ${known.join(', ')})` : ''}`);
  }
  let file: { path: string; sha256: string } | undefined;
  if (record.file) {
    const absolute = path.resolve(terminal.cwd, record.file);
    if (!isInside(absolute.replace(/\\/g, '/'), root)) throw usageError(`--file ${record.file} is outside the workspace; commit evidence next to its records`);
    const bytes = await fs.readFile(absolute).catch(() => undefined);
    if (!bytes) throw usageError(`--file ${record.file} does not exist`);
    file = { path: path.relative(root, absolute).split(path.sep).join('/'), sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  const performed = record.date ?? day;
  // The file system decides what is taken: a record written since the scan must not be overwritten either.
  const target = recordPath(record.obligation, performed, (candidate) => existsSync(path.join(root, candidate)));
  const text = renderRecord({ obligation: record.obligation, performed, recorded: day, by: record.by ?? terminal.env.USER, result: record.result, link: record.link, file, checklist: checklistFor(analyzer.templates, obligation.kind) });
  await fs.mkdir(path.dirname(path.join(root, target)), { recursive: true });
  await fs.writeFile(path.join(root, target), text, { flag: 'wx' });
  terminal.stdout.write(`Recorded ${record.obligation} performed ${text.match(/performed: (\S+)/)![1]} in ${target}\n`);
  return EXIT_CLEAN;
}
