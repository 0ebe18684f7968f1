import { strict as assert } from 'node:assert';
import { parsePolicyDocument } from '../../server/src/core/parse/policyDocument';
import { CatalogSet } from '../../server/src/core/catalog/catalog';
import { suggestCriteria, mappedCriteria } from '../../server/src/core/suggest/suggest';
import { buildSuggestionIndex } from '../../server/src/core/suggest/index';
import { parseVocabulary } from '../../server/src/core/suggest/vocabulary';
import { tokenize } from '../../server/src/core/suggest/tokenize';
import { sharedBuiltins } from '../helpers/coreHarness';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const VOCABULARY = readFileSync(path.join(__dirname, '../../controls-catalog/tsc/vocabulary.yaml'), 'utf8');

async function engine() {
  const catalogs = new CatalogSet((await sharedBuiltins()).catalogs);
  return { catalogs, index: buildSuggestionIndex(catalogs.tsc.controls, parseVocabulary(VOCABULARY)) };
}

const BACKUPS = `# Backups

Production databases must be backed up every day, and backup copies are kept in a second region.
A restore from backup is tested every quarter and the result is recorded.
Failed backup jobs alert the on-call engineer, who reruns them within 24 hours.
`;

describe('criteria suggestions', () => {
  it('stems words so inflections meet, and drops stop words', () => {
    assert.deepEqual(tokenize('Reviews are reviewed').map((t) => t.stem), ['review', 'review']);
    assert.deepEqual(tokenize('multi-factor').map((t) => [t.stem, t.start]), [['multi', 0], ['factor', 6]]);
  });

  it('suggests the criteria a document addresses, best first, each with its own sentences as reasons', async () => {
    const { index } = await engine();
    const suggestions = suggestCriteria(parsePolicyDocument('/ws/backups.md', BACKUPS), index);
    assert.ok(suggestions.length > 0 && suggestions.length < 5, JSON.stringify(suggestions.map((s) => s.id)));
    assert.ok(['A1.2', 'A1.3'].includes(suggestions[0].id));
    for (const s of suggestions) {
      assert.ok(s.score > 0 && s.score <= 1);
      for (const reason of s.because) assert.equal(BACKUPS.slice(reason.span.start, reason.span.end).replace(/\s+/g, ' '), reason.text);
    }
  });

  it('is deterministic', async () => {
    const { index } = await engine();
    const doc = parsePolicyDocument('/ws/backups.md', BACKUPS);
    assert.deepEqual(suggestCriteria(doc, index), suggestCriteria(doc, index));
  });

  it('does not suggest what the document maps already', async () => {
    const { index, catalogs } = await engine();
    const doc = parsePolicyDocument('/ws/backups.md', `---\ncontrols: [A1.2, A1.3.1]\n---\n${BACKUPS}`);
    const ids = suggestCriteria(doc, index, { mapped: mappedCriteria(doc, catalogs) }).map((s) => s.id);
    assert.ok(!ids.includes('A1.2') && !ids.includes('A1.3'), ids.join());
  });

  it('stands behind nothing for text that is not about controls', async () => {
    const { index } = await engine();
    assert.deepEqual(suggestCriteria(parsePolicyDocument('/ws/lunch.md', '# Lunch\n\nPizza on Fridays.\n'), index), []);
  });
});
