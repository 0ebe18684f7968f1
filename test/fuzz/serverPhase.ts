/**
 * The server phase: a random sequence of editor actions (didOpen/didChange with mutations/didClose) and disk
 * writes announced with didChangeWatchedFiles, then, with every document closed, the server's pull diagnostics
 * compared with the CLI's findings (computed as `check --format json` does) on the same files at the same moment.
 */
import fc from 'fast-check';
import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { caseFromFiles, caseRecipeArb, materialize, CONFIG_FILE, type CaseRecipe } from './cases';
import type { Limits } from './corePhase';
import { cliFindings, runCli, TODAY } from './cliPhase';
import { errorSignature, findingKey, firstDifference, rangeProblem, type Outcome, type Violation } from './invariants';
import { applyMutations, mutationsArb, type Mutation } from './mutations';
import type { Phase } from './rounds';
import { SEED_DOCS } from './seeds';
import { uriOf } from '../server/lspHarness';
import type { FuzzServer } from './serverSession';
import type { WorkerClient } from './workerClient';

export type Action =
  | { a: 'open'; f: number }
  | { a: 'change'; f: number; mutations: Mutation[] }
  | { a: 'close'; f: number }
  | { a: 'write'; f: number; mutations: Mutation[] }
  | { a: 'delete'; f: number }
  | { a: 'deleteFolder'; f: number }
  | { a: 'pull'; f: number };

export interface ServerRecipe {
  workspace: CaseRecipe;
  actions: Action[];
}

const slot = fc.nat({ max: 15 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ a: fc.constant('open' as const), f: slot }) },
  { weight: 5, arbitrary: fc.record({ a: fc.constant('change' as const), f: slot, mutations: mutationsArb(2) }) },
  { weight: 3, arbitrary: fc.record({ a: fc.constant('close' as const), f: slot }) },
  { weight: 3, arbitrary: fc.record({ a: fc.constant('write' as const), f: slot, mutations: mutationsArb(2) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('delete' as const), f: slot }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('deleteFolder' as const), f: slot }) },
  { weight: 2, arbitrary: fc.record({ a: fc.constant('pull' as const), f: slot }) },
);

export const serverRecipeArb: fc.Arbitrary<ServerRecipe> = fc.record({ workspace: caseRecipeArb, actions: fc.array(actionArb, { minLength: 1, maxLength: 12 }) });

const encoder = new TextEncoder();
const lossy = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);

/** Relative files the documents link to: creating or deleting them must re-check the links. */
function linkTargets(files: Map<string, Uint8Array>): string[] {
  const targets: string[] = [];
  for (const [name, bytes] of files) {
    const folder = path.posix.dirname(name);
    for (const m of new TextDecoder().decode(bytes).matchAll(/\]\(([\w./-]+?)(?:#[^)]*)?\)/g)) {
      const target = path.posix.normalize(path.posix.join(folder, m[1]));
      if (!target.startsWith('..') && !path.posix.isAbsolute(m[1])) targets.push(target);
    }
  }
  return targets.slice(0, 4);
}

/** File slots: the case's files, the config (even when absent), link targets and two new files the actions may create. */
function slots(files: Map<string, Uint8Array>): string[] {
  return [...new Set([...files.keys(), CONFIG_FILE, ...linkTargets(files), 'policies/new-policy.md', 'new-procedure.md'])];
}

export async function runServerCase(server: FuzzServer, worker: WorkerClient, recipe: ServerRecipe, limits: Limits): Promise<Outcome> {
  const violations: Violation[] = [];
  const files = materialize(recipe.workspace);
  await server.ensureStarted();
  server.takeErrors();
  const dir = server.newFolder();
  const names = slots(files);
  const full = (name: string) => path.join(dir, name);
  for (const [name, bytes] of files) {
    mkdirSync(path.dirname(full(name)), { recursive: true });
    writeFileSync(full(name), bytes);
  }
  const open = new Map<string, { version: number; text: string }>();
  const hung = (what: string) => violations.push({ kind: 'hang', signature: `hang:server:${what}`, message: `the server did not answer ${what} within ${limits.hardTimeoutMs} ms` });
  try {
    if (!(await server.addFolder(dir))) {
      hung('indexing a new folder');
      return { violations, timings: [] };
    }
    const sendOpen = async (name: string) => {
      const bytes = existsSync(full(name)) ? readFileSync(full(name)) : new Uint8Array();
      const text = lossy(bytes);
      open.set(name, { version: 1, text });
      await server.notify('textDocument/didOpen', { textDocument: { uri: uriOf(full(name)), languageId: 'markdown', version: 1, text } });
    };
    for (const action of recipe.actions) {
      const name = names[action.f % names.length];
      const uri = uriOf(full(name));
      const doc = open.get(name);
      if (action.a === 'open' && !doc) await sendOpen(name);
      else if (action.a === 'change') {
        if (!doc) await sendOpen(name);
        const current = open.get(name)!;
        const text = lossy(applyMutations(encoder.encode(current.text), action.mutations));
        open.set(name, { version: current.version + 1, text });
        await server.notify('textDocument/didChange', { textDocument: { uri, version: current.version + 1 }, contentChanges: [{ text }] });
      } else if (action.a === 'close' && doc) {
        open.delete(name);
        await server.notify('textDocument/didClose', { textDocument: { uri } });
      } else if (action.a === 'write') {
        const existed = existsSync(full(name));
        const base = existed ? new Uint8Array(readFileSync(full(name))) : encoder.encode(SEED_DOCS[action.f % SEED_DOCS.length].text);
        mkdirSync(path.dirname(full(name)), { recursive: true });
        writeFileSync(full(name), applyMutations(base, action.mutations));
        await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: existed ? 2 : 1 }] });
      } else if (action.a === 'delete' && existsSync(full(name))) {
        unlinkSync(full(name));
        await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
      } else if (action.a === 'deleteFolder' && name.includes('/') && existsSync(path.dirname(full(name)))) {
        // Editors report a deleted folder as one event for the folder, not one per file.
        rmSync(path.dirname(full(name)), { recursive: true, force: true });
        await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path.dirname(full(name))), type: 3 }] });
      } else if (action.a === 'pull') {
        const result = await server.pull(uri);
        if (result.timedOut) {
          hung('a pull');
          return { violations, timings: [] };
        }
        if (result.error) violations.push({ kind: 'internal-error', ...errorSignature('server-pull', new Error(result.error)) });
        // An open document's diagnostics must fit the editor's text.
        const editorText = doc?.text.replace(/^\ufeff/, '');
        for (const d of editorText !== undefined ? (result.items ?? []) : []) {
          const problem = rangeProblem(editorText!, d.range);
          if (problem) violations.push({ kind: 'range', signature: problem.startsWith('lone-cr') ? `range:server:${problem}` : `range:server:${d.code}:${problem}`, message: `${d.code} at ${JSON.stringify(d.range)} on open ${name}`, file: name });
        }
      }
    }
    for (const name of [...open.keys()]) {
      open.delete(name);
      await server.notify('textDocument/didClose', { textDocument: { uri: uriOf(full(name)) } });
    }
    const compared = await compareWithCli(server, worker, dir, names, limits, violations);
    if (compared === 'hung') return { violations, timings: [] };
    return { violations, timings: [], compared };
  } finally {
    for (const message of server.takeErrors()) violations.push({ kind: 'internal-error', ...errorSignature('server-log', new Error(message)) });
    if (!server.alive()) {
      violations.push({ kind: 'internal-error', signature: 'internal-error:server-crashed', message: 'the language server process exited' });
    }
    if (violations.some((v) => v.kind === 'hang') || !server.alive()) await server.stop();
    else await server.removeFolder(dir);
    rmSync(dir, { recursive: true, force: true });
  }
  return { violations, timings: [] };
}

/** Server pull diagnostics of every slot vs the CLI's findings; a mismatch is re-checked after a pause to tell stale from wrong. */
/** Returns the number of diagnostics compared, or 'hung'. */
async function compareWithCli(server: FuzzServer, worker: WorkerClient, dir: string, names: string[], limits: Limits, violations: Violation[]): Promise<number | 'hung'> {
  const serverKeys = async (): Promise<string[] | 'hung'> => {
    const keys: string[] = [];
    for (const name of names) {
      const result = await server.pull(uriOf(path.join(dir, name)));
      if (result.timedOut) return 'hung';
      if (result.error) violations.push({ kind: 'internal-error', ...errorSignature('server-pull', new Error(result.error)) });
      for (const d of result.items ?? []) keys.push(findingKey(name, String(d.code), d.range));
    }
    return keys.sort();
  };
  // Only the slots are pulled; the CLI reports on the same files.
  const onSlots = (keys: string[] | undefined) => keys?.filter((k) => names.includes(k.split('|')[0]));
  const inProcessKeys = async (): Promise<string[] | undefined> => {
    const answer = await worker.call<{ findings?: string[]; violations: Violation[] }>({ kind: 'dir', dir }, limits.hardTimeoutMs);
    if (!answer.ok) return undefined;
    violations.push(...answer.result.violations);
    return onSlots(answer.result.findings);
  };
  const first = await serverKeys();
  if (first === 'hung') {
    violations.push({ kind: 'hang', signature: 'hang:server:final-pull', message: 'a pull after the edits did not answer' });
    return 'hung';
  }
  // The in-process CLI path is fast; a disagreement is confirmed with the real binary, built with the server.
  const quick = await inProcessKeys();
  if (!quick || !firstDifference(quick, first)) return first.length;
  const cliViolations: Violation[] = [];
  const expected = onSlots(cliFindings(await runCli(['check', '.', '--format', 'json', '--today', TODAY], dir, limits.hardTimeoutMs), 'check', cliViolations));
  violations.push(...cliViolations);
  const skew = expected && firstDifference(quick, expected);
  if (skew) violations.push({ kind: 'cli-mismatch', signature: `cli-mismatch:binary-vs-in-process:${skew.part}`, message: `the CLI binary and the in-process core disagree (a stale build, or a result that depends on the process, such as its stack size): ${skew.message}` });
  const diff = expected && firstDifference(expected, first);
  if (!expected || !diff) return first.length;
  await new Promise((r) => setTimeout(r, 500));
  const later = await serverKeys();
  const persistent = later === 'hung' || !!firstDifference(expected, later);
  violations.push({
    kind: 'server-mismatch',
    signature: `server-mismatch:${persistent ? 'persistent' : 'transient'}:${diff.part}`,
    message: `server pull diagnostics vs CLI findings after the edits (${persistent ? 'still wrong 500 ms later' : 'right 500 ms later'}): ${diff.message}`,
  });
  return first.length;
}

export function serverPhase(server: FuzzServer, worker: WorkerClient, numRuns: number, limits: Limits): Phase<ServerRecipe> {
  return {
    name: 'server',
    arbitrary: serverRecipeArb,
    numRuns,
    run: (recipe) => runServerCase(server, worker, recipe, limits),
    files: (recipe) => materialize(recipe.workspace),
    withFiles: (recipe, files) => ({ workspace: caseFromFiles(files), actions: recipe.actions }),
    smaller: (recipe) => recipe.actions.map((_, i) => ({ ...recipe, actions: recipe.actions.filter((__, j) => j !== i) })),
  };
}
