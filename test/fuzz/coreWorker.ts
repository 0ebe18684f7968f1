/**
 * Worker thread running core cases, so the main thread can kill a case that hangs (an infinite loop cannot be
 * interrupted in-process) and an out-of-memory case takes only the worker down.
 */
import { parentPort } from 'node:worker_threads';
import { PolicyAnalyzer } from '../../server/src/core/analyzer';
import { findingsJson } from '../../server/src/core/report/findingsJson';
import { loadBuiltins } from '../../server/src/node/builtins';
import { NodeWorkspace, toPosix } from '../../server/src/node/nodeWorkspace';
import { checkCase, TODAY } from './coreCheck';
import { errorSignature, findingKey, type Violation } from './invariants';

export type WorkerRequest = { id: number; kind: 'core'; files: [string, Uint8Array][]; boundMs: number } | { id: number; kind: 'dir'; dir: string };

const builtins = loadBuiltins();

/** `check <dir> --format json` as the CLI computes it (openAnalyzer + findingsJson), as finding keys. */
async function dirFindings(dir: string): Promise<{ findings?: string[]; violations: Violation[] }> {
  const root = toPosix(dir);
  try {
    const analyzer = await PolicyAnalyzer.open({ root, workspace: new NodeWorkspace(), builtins: await builtins, today: () => TODAY });
    const json = findingsJson(analyzer.allFindings(), root);
    return { findings: json.findings.map((f) => findingKey(f.file, f.code, f.range)).sort(), violations: [] };
  } catch (error) {
    return { violations: [{ kind: 'internal-error', ...errorSignature('cli-open', error) }] };
  }
}

parentPort!.on('message', async (request: WorkerRequest) => {
  try {
    const partial = (outcome: unknown) => parentPort!.postMessage({ id: request.id, partial: outcome });
    const result = request.kind === 'core' ? await checkCase(request.files, await builtins, request.boundMs, partial) : await dirFindings(request.dir);
    parentPort!.postMessage({ id: request.id, result });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
