/**
 * One fuzz case through the core, the way `soc2-policy check --fix` drives it (open, findings, fixDocuments),
 * but in memory. Runs inside the worker (coreWorker.ts) so a hang can be killed.
 */
import { PolicyAnalyzer, type BuiltinContent } from '../../server/src/core/analyzer';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { decodeUtf8, stripBom } from '../../server/src/core/text/decode';
import { relativePath } from '../../server/src/core/paths';
import type { Finding } from '../../server/src/core/types';
import { errorSignature, findingKey, rangeProblem, writtenProblems, type Outcome, type Timing, type Violation } from './invariants';
import { writtenMask } from './textDiff';
import { CLOCK } from './cpuClock';

export const ROOT = '/ws';
export const TODAY = { year: 2026, month: 12, day: 1 };

export interface CoreReport extends Outcome {
  /** Finding keys (relative paths) before and after `--fix`, for comparing with the real CLI. */
  findings?: string[];
  findingsAfterFix?: string[];
  /** What `--fix` writes: relative path -> bytes (BOM kept). */
  fixedFiles?: [string, Uint8Array][];
}

const encoder = new TextEncoder();
const JS_ERROR = /Maximum call stack size exceeded|is not a function|Cannot read properties of|is not iterable|Invalid array length|Invalid string length|out of memory/;
const hasBom = (b: Uint8Array) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** `partial` receives the violations so far after each stage, so a case killed later still reports them. */
export async function checkCase(files: [string, Uint8Array][], builtins: BuiltinContent, boundMs: number, partial: (outcome: Outcome) => void = () => {}): Promise<CoreReport> {
  const violations: Violation[] = [];
  const timings: Timing[] = [];
  const rel = (file: string) => relativePath(ROOT, file);
  const bytes = new Map(files.map(([p, b]) => [`${ROOT}/${p}`, b]));
  const fail = (stage: string, error: unknown, file?: string) => violations.push({ kind: 'internal-error', ...errorSignature(stage, error), file: file && rel(file) });
  // Over the bound, measure twice more and keep the fastest: one slow run can be another process's fault.
  // Times are the worker thread's CPU time (see cpuClock.ts). Over the bound, measure twice more and keep the fastest.
  const time = (file: string, size: number, phase: Timing['phase'], ms: number, again?: () => number) => {
    if (ms > boundMs && again) ms = Math.min(ms, again(), again());
    timings.push({ file: rel(file), bytes: size, ms, phase });
    if (ms > boundMs) violations.push({ kind: 'slow', signature: `slow:${phase}`, message: `${phase} of ${rel(file)} (${size} bytes) took ${Math.round(ms)} ms of CPU (bound ${boundMs} ms)`, file: rel(file) });
  };

  const workspace = new InMemoryWorkspace(Object.fromEntries(bytes));
  const stamps: number[] = [];
  const t0 = CLOCK.now();
  let analyzer: PolicyAnalyzer;
  try {
    analyzer = await PolicyAnalyzer.open({ root: ROOT, workspace, builtins, today: () => TODAY }, () => stamps.push(CLOCK.now()));
  } catch (error) {
    fail('open', error);
    return { violations, timings };
  }
  // The scan reports progress after each candidate, in listFiles order: the gaps are per-document times.
  const candidates = (await workspace.listFiles(ROOT)).filter((f) => analyzer.isCandidate(f));
  const recheck = (file: string) => () => {
    const t = CLOCK.now();
    analyzer.updateDocument(file, bytes.get(file)!);
    analyzer.findings(file);
    return CLOCK.now() - t;
  };
  candidates.forEach((file, i) => time(file, bytes.get(file)?.length ?? 0, 'check', stamps[i] - (stamps[i - 1] ?? t0), recheck(file)));
  // A document already over the bound is not fixed: --fix re-checks it up to 20 times, and it is reported anyway.
  const tooSlow = new Set(violations.filter((v) => v.kind === 'slow').map((v) => `${ROOT}/${v.file}`));
  partial({ violations, timings });

  const textOf = (file: string): string => {
    const doc = analyzer.document(file);
    if (doc) return doc.text;
    const b = bytes.get(file);
    const decoded = b ? decodeUtf8(b) : undefined;
    return decoded === undefined ? '' : stripBom(decoded);
  };
  const checkRanges = (findings: Finding[], when: string) => {
    for (const f of findings) {
      // A JavaScript error turned into a finding is still an internal error (and its position depends on the stack).
      const leaked = JS_ERROR.exec(f.message);
      if (leaked) violations.push({ kind: 'internal-error', signature: `internal-error:in-a-finding:${f.code}: ${leaked[0]}`, message: `${when}: ${f.code}: ${f.message.slice(0, 300)}`, file: rel(f.file) });
      const text = textOf(f.file);
      const problem = rangeProblem(text, f.range, f.span);
      // Lone-CR line counting is one cause whatever the rule: one signature for all rules.
      const signature = problem === 'lone-cr-is-a-line-break-for-clients' ? `range:${problem}` : `range:${f.code}:${problem}`;
      if (problem) violations.push({ kind: 'range', signature, message: `${when}: ${f.code} at ${JSON.stringify(f.range)} span ${JSON.stringify(f.span)} in a text of ${text.length} chars`, file: rel(f.file) });
      for (const edit of f.fixes?.flatMap((x) => x.edits) ?? []) {
        if (!(edit.span.start >= 0 && edit.span.start <= edit.span.end && edit.span.end <= text.length)) {
          violations.push({ kind: 'range', signature: `range:${f.code}:fix-edit-outside-text`, message: `${when}: fix edit ${JSON.stringify(edit.span)} in ${text.length} chars`, file: rel(f.file) });
        }
      }
    }
  };
  const findingKeys = (findings: Finding[]) => findings.map((f) => findingKey(rel(f.file), f.code, f.range)).sort();

  let findings: Finding[] = [];
  try {
    const t = CLOCK.now();
    findings = analyzer.allFindings();
    time(`${ROOT}/(workspace findings)`, 0, 'workspace', CLOCK.now() - t);
    checkRanges(findings, 'check');
  } catch (error) {
    fail('findings', error);
  }
  try {
    analyzer.coverage();
    analyzer.frameworkCoverage('iso27001');
  } catch (error) {
    fail('coverage', error);
  }

  // --fix, as fixDocuments does it: skip undecodable files, keep the BOM, update the analyzer after each write.
  const fixedFiles: [string, Uint8Array][] = [];
  let checks = 0;
  const findingsOf = analyzer.findings.bind(analyzer);
  // Counting fixText's checks (each pass re-checks) makes the time bound per check, whatever the number of passes.
  analyzer.findings = (file: string) => (checks++, findingsOf(file));
  partial({ violations, timings });
  for (const file of analyzer.documents().map((d) => d.file)) {
    if (tooSlow.has(file)) continue;
    const original0 = bytes.get(file);
    const decoded = original0 ? decodeUtf8(original0) : undefined;
    if (!original0 || decoded === undefined) continue;
    const original = stripBom(decoded);
    try {
      const fixable = [...new Set(findingsOf(file).filter((f) => f.fixes?.some((x) => x.preferred)).map((f) => f.code))].join(', ');
      // Without a preferred fix, fixText returns the text as it is after one check: skip it, it is the slow part.
      if (!fixable) continue;
      const fixTimed = () => {
        checks = 0;
        const t = CLOCK.now();
        const text = analyzer.fixText(file, original).text;
        return { text, ms: (CLOCK.now() - t) / Math.max(1, checks) };
      };
      const { text: fixed, ms } = fixTimed();
      time(file, original0.length, 'fix', ms, () => fixTimed().ms);
      if (fixed === original) continue;
      const written = writtenMask(original, fixed);
      for (const problem of written ? writtenProblems(original, fixed, written) : []) {
        violations.push({ kind: 'fix-bytes', signature: `fix-bytes:${problem}`, message: `--fix wrote ${problem} into ${rel(file)} (fixes offered: ${fixable})`, file: rel(file) });
      }
      analyzer.updateDocument(file, fixed);
      fixedFiles.push([rel(file), encoder.encode((hasBom(original0) ? '\ufeff' : '') + fixed)]);
    } catch (error) {
      fail('fix', error, file);
    }
  }
  analyzer.findings = findingsOf;
  let findingsAfterFix: Finding[] = [];
  try {
    findingsAfterFix = analyzer.allFindings();
    if (fixedFiles.length) checkRanges(findingsAfterFix, 'after --fix');
  } catch (error) {
    fail('findings-after-fix', error);
  }

  // --fix twice = --fix once.
  partial({ violations, timings });
  for (const doc of analyzer.documents()) {
    if (tooSlow.has(doc.file) || !analyzer.findings(doc.file).some((f) => f.fixes?.some((x) => x.preferred))) continue;
    try {
      const again = analyzer.fixText(doc.file, doc.text).text;
      if (again === doc.text) continue;
      const codes = [...new Set(analyzer.findings(doc.file).filter((f) => f.fixes?.some((x) => x.preferred)).map((f) => f.code))].sort();
      violations.push({ kind: 'fix-idempotence', signature: `fix-idempotence:${codes.join('+')}`, message: `a second --fix changed ${rel(doc.file)} again (${doc.text.length} -> ${again.length} chars; fixes left: ${codes.join(', ')})`, file: rel(doc.file) });
    } catch (error) {
      fail('fix-again', error, doc.file);
    }
  }
  return { violations, timings, compared: findings.length + findingsAfterFix.length, findings: findingKeys(findings), findingsAfterFix: findingKeys(findingsAfterFix), fixedFiles };
}

