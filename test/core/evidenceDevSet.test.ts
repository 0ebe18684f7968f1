import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { openWorkspace, ROOT } from '../helpers/coreHarness';

/**
 * The evidence development set (test/fixtures/evidence-dev, built by make.py with planted gaps whose answers are
 * computed independently in Python). dev-* repos guided the rules; held-* repos were held out and run once.
 * Every planted gap must be found, and nothing else reported.
 */
const SET = path.join(__dirname, '..', 'fixtures', 'evidence-dev');

const filesUnder = (folder: string, prefix = ''): string[] =>
  readdirSync(folder).flatMap((name) => (statSync(path.join(folder, name)).isDirectory() ? filesUnder(path.join(folder, name), `${prefix}${name}/`) : [`${prefix}${name}`]));

describe('evidence development set', () => {
  for (const repo of readdirSync(SET).filter((name) => statSync(path.join(SET, name)).isDirectory())) {
    it(`${repo}: finds exactly the planted gaps`, async () => {
      const files = Object.fromEntries(filesUnder(path.join(SET, repo)).map((f) => [f, readFileSync(path.join(SET, repo, f), 'utf8')]));
      const planted = JSON.parse(files['planted.json']) as Record<string, string[]>;
      const { analyzer } = await openWorkspace(files);
      const found: Record<string, string[]> = Object.fromEntries(Object.keys(planted).map((code) => [code, []]));
      for (const finding of analyzer.allFindings()) {
        if (!(finding.code in found)) continue;
        // Missing windows are named by obligation and window start; record problems by the record's file.
        const key = finding.code === 'evidence-missing' ? `${finding.subject} ${/\((\d{4}-\d{2}-\d{2}) to/.exec(finding.message)?.[1]}` : path.posix.relative(ROOT, finding.file);
        found[finding.code].push(key);
      }
      for (const code of Object.keys(found)) found[code].sort();
      assert.deepEqual(found, planted);
    });
  }
});
