import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { openWorkspace } from '../helpers/coreHarness';

/**
 * The risk and vendor development set (test/fixtures/risk-devset): planted problems per workspace, found vs
 * planted. `tuning` guided the rules; `held-out` was only run once they were written. Figures are printed.
 */
const DEVSET = path.join(__dirname, '..', 'fixtures', 'risk-devset');
const CODES = /^(risk-|vendor-|subservice-|carve-out-)/;

function filesUnder(dir: string, base = dir): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(files, filesUnder(full, base));
    else if (name !== 'PLANTED.json') files[path.relative(base, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}

describe('risk and vendor development set', () => {
  for (const part of ['tuning', 'held-out']) {
    it(`${part}: every planted problem is found, and nothing else of the new codes`, async () => {
      const dir = path.join(DEVSET, part);
      const planted: string[] = JSON.parse(readFileSync(path.join(dir, 'PLANTED.json'), 'utf8'));
      const { analyzer } = await openWorkspace(filesUnder(dir));
      const found = analyzer
        .allFindings()
        .filter((f) => CODES.test(f.code))
        .map((f) => `${f.file.replace(/^\/ws\//, '')}:${f.range.start.line + 1} ${f.code}`);
      const hits = planted.filter((p) => found.includes(p));
      const extra = found.filter((f) => !planted.includes(f));
      console.log(`      ${part}: found ${hits.length}/${planted.length} planted, ${extra.length} extra`);
      assert.deepEqual({ missed: planted.filter((p) => !found.includes(p)), extra }, { missed: [], extra: [] });
    });
  }
});
