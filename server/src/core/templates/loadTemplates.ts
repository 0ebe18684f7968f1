import { template as validateTemplate } from '../../generated/schemaValidators';
import type { Finding } from '../types';
import { decodeUtf8, stripBom } from '../text/decode';
import { LineIndex } from '../text/lineIndex';
import { parseYaml, pointerToPath, spanForPath } from '../yaml/yamlSource';
import { normalizeKind, statementProblems, type PolicyTemplate } from './templates';

/** Loads template files; invalid ones are reported as `catalog-invalid` findings and left out. */
export async function loadTemplates(files: string[], readFile: (path: string) => Promise<Uint8Array | undefined>): Promise<{ templates: PolicyTemplate[]; findings: Finding[] }> {
  const templates: PolicyTemplate[] = [];
  const findings: Finding[] = [];
  /** Normalised obligation kind to the template file declaring it. */
  const kindOwners = new Map<string, string>();
  for (const file of files.filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const bytes = await readFile(file);
    const text = bytes ? decodeUtf8(bytes) : undefined;
    if (text === undefined) continue;
    const clean = stripBom(text);
    const lines = new LineIndex(clean);
    const source = parseYaml(clean);
    const report = (span: { start: number; end: number }, message: string) =>
      findings.push({ file, code: 'catalog-invalid', severity: 'error', message, span, range: lines.rangeOf(span) });
    if (source.errors.length) {
      source.errors.forEach((e) => report(e.span, `Template YAML error: ${e.message}`));
      continue;
    }
    if (!validateTemplate(source.data)) {
      for (const error of validateTemplate.errors ?? []) {
        report(spanForPath(source, pointerToPath(error.instancePath)), `Template ${error.instancePath || ''} ${error.message}.`);
      }
      continue;
    }
    const raw = source.data as unknown as PolicyTemplate;
    // Markers and defaults must match one to one, which the schema cannot say.
    const problems = raw.sections.flatMap((s, i) => (s.statements ?? []).flatMap((st, j) =>
      statementProblems(st).map((problem) => ({ path: ['sections', i, 'statements', j, 'text'], problem }))));
    if (problems.length) {
      for (const { path, problem } of problems) report(spanForPath(source, path), `Template statement: ${problem}.`);
      continue;
    }
    // A kind picks the checklist of a new evidence record: two templates claiming one kind would make that a guess.
    const ownKinds = new Set<string>();
    const claimed = (raw.obligations ?? []).flatMap((o, i) => {
      const kind = normalizeKind(o.kind);
      const other = ownKinds.has(kind) ? 'this template' : kindOwners.get(kind);
      ownKinds.add(kind);
      return other ? [{ i, other }] : [];
    });
    if (claimed.length) {
      for (const { i, other } of claimed) report(spanForPath(source, ['obligations', i, 'kind']), `Template obligation kind is already declared by ${other}; kinds must be unique across templates.`);
      continue;
    }
    for (const kind of ownKinds) kindOwners.set(kind, file);
    templates.push({
      ...raw,
      obligations: raw.obligations ?? [],
      domains: raw.domains ?? [],
      sections: raw.sections.map((s) => ({
        ...s,
        aliases: s.aliases ?? [],
        statements: (s.statements ?? []).map((st) => ({ text: st.text, defaults: st.defaults ?? {} })),
        evidence: s.evidence ?? [],
      })),
      file,
    });
  }
  return { templates, findings };
}
