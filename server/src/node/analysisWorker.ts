/**
 * A worker thread of the parallel cold start (analysisPool.ts): loads the built-ins and the workspace configuration
 * once, then parses and checks the documents it is sent, returning what a warm cache would hold for each.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PolicyAnalyzer } from '../core/analyzer';
import { loadBuiltins } from './builtins';
import { NodeWorkspace } from './nodeWorkspace';
import type { WorkerRequest, WorkerResult, WorkerSetup } from './analysisPool';
import { sha256 } from './factsCache';
import { decodeUtf8 } from '../core/text/decode';

async function main(): Promise<void> {
  const setup = workerData as WorkerSetup;
  const workspace = new NodeWorkspace();
  const builtins = await loadBuiltins();
  const analyzer = await PolicyAnalyzer.configured({ root: setup.root, workspace, builtins, today: () => setup.today, configFile: setup.configFile, customCatalogs: setup.customCatalogs });
  parentPort!.on('message', (request: WorkerRequest) => {
    const results: WorkerResult[] = [];
    for (const file of request.files) {
      try {
        // Synchronous: this thread has nothing else to do meanwhile, and a promise per small file costs more.
        const bytes = readFileSync(file);
        const text = bytes && decodeUtf8(bytes);
        const done = text !== undefined && analyzer.analyzeAlone(file, text);
        if (done) results.push({ file, text: text!, sha256: setup.hashes ? sha256(text!) : undefined, ...done });
      } catch {
        // The main thread analyses this file itself and reports whatever is wrong with it.
      }
    }
    parentPort!.postMessage(results);
  });
  parentPort!.postMessage('ready');
}

void main().catch((error) => {
  parentPort!.postMessage({ failed: error instanceof Error ? error.message : String(error) });
});
