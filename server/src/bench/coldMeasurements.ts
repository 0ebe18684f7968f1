import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Measurement, Section } from './measurements';
import { CLI_BUNDLE, MARKDOWNLINT_BIN, forgetCheckCache, runNodeScript } from './processes';
import { timeServer } from './startup';
import { syntheticConfig } from './syntheticWorkspace';
import { median, round } from './timing';

/**
 * What a user runs, on the same generated files written to disk: `soc2-policy check` in a fresh process (a
 * cold check: start-up, reading every file, analysis, printing), and markdownlint-cli2 with its default
 * rules on the same files, timed alike. The check's peak RSS is its own process's, not the benchmark's.
 */
export const cold: Measurement = {
  name: 'cold',
  async run(ctx) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'soc2-bench-workspace-'));
    try {
      writeFileSync(path.join(dir, 'soc2-policy.yaml'), syntheticConfig());
      for (const doc of ctx.corpus.documents) {
        const file = path.join(dir, path.relative(ctx.corpus.root, doc.path));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, doc.text);
      }
      const checks = [];
      const lints = [];
      // Interleaved, so a burst of load on the machine touches both alike. Exit 1 means findings, which the corpus has.
      for (let i = 0; i < ctx.options.runs; i++) {
        forgetCheckCache(dir);
        checks.push(runNodeScript(CLI_BUNDLE, ['check', '--today', '2026-06-01'], dir, { measureRss: true, okExitCodes: [0, 1] }));
        lints.push(runNodeScript(MARKDOWNLINT_BIN, ['**/*.md'], dir, { okExitCodes: [0, 1] }));
      }
      // Warm: the cache the last cold run left in .soc2-policy/cache, read back with nothing changed.
      const warms = Array.from({ length: ctx.options.runs }, () => runNodeScript(CLI_BUNDLE, ['check', '--today', '2026-06-01'], dir, { okExitCodes: [0, 1] }));
      // The language server as an editor starts it, on the same files: indexing on worker threads, with its warm-start
      // cache in a folder of the client's. Cold: an empty cache folder; warm: the folder the cold start filled.
      const serverCold: number[] = [];
      const serverWarm: number[] = [];
      for (let i = 0; i < ctx.options.runs; i++) {
        const cacheFolder = mkdtempSync(path.join(os.tmpdir(), 'soc2-bench-server-cache-'));
        try {
          serverCold.push(await indexedMs(dir, cacheFolder, ctx.corpus.documents.length));
          serverWarm.push(await indexedMs(dir, cacheFolder, ctx.corpus.documents.length));
        } finally {
          rmSync(cacheFolder, { recursive: true, force: true });
        }
      }
      const checkMs = median(checks.map((r) => r.ms));
      const warmMs = median(warms.map((r) => r.ms));
      const markdownlintMs = median(lints.map((r) => r.ms));
      const floorMs = ctx.results.floor?.remarkParseMs;
      const section: Section = {
        checkMs: round(checkMs),
        checkPeakRssMb: round(Math.max(...checks.map((r) => r.peakRssMb ?? NaN)), 1),
        markdownlintMs: round(markdownlintMs),
        checkToMarkdownlint: round(checkMs / markdownlintMs),
        warmCheckMs: round(warmMs),
        warmToCold: round(warmMs / checkMs),
        serverIndexMs: round(median(serverCold)),
        serverWarmIndexMs: round(median(serverWarm)),
      };
      if (floorMs !== undefined) section.checkToFloor = round(checkMs / floorMs);
      return section;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** Spawn to an indexed workspace in the server process; fails unless every generated document was indexed. */
async function indexedMs(root: string, cacheFolder: string, documents: number): Promise<number> {
  const times = await timeServer(root, { index: true, cacheFolder, boundMs: 600_000 });
  if (times.documents !== documents) throw new Error(`the server indexed ${times.documents} documents, not ${documents}`);
  return times.indexedMs!;
}
