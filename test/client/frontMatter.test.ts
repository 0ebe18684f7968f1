import { strict as assert } from 'node:assert';
import { lastReviewedEdit, localDate, validDate } from '../../client/src/text/frontMatter';

describe('markReviewed front matter edit', () => {
  it('replaces an existing last_reviewed, keeping a trailing comment', () => {
    const text = '---\ntitle: A\nlast_reviewed: 2025-01-01   # yearly\nreview_cycle: 12 months\n---\n# A\n';
    assert.deepEqual(lastReviewedEdit(text, '2026-12-01'), { line: 2, insert: false, text: 'last_reviewed: 2026-12-01   # yearly' });
  });

  it('adds last_reviewed after review_cycle or effective, else before the closing ---', () => {
    assert.deepEqual(lastReviewedEdit('---\ntitle: A\neffective: 2026-01-01\nowner: B\n---\n', '2026-12-01'), { line: 3, insert: true, text: 'last_reviewed: 2026-12-01' });
    assert.deepEqual(lastReviewedEdit('---\r\ntitle: A\r\n---\r\n', '2026-12-01'), { line: 2, insert: true, text: 'last_reviewed: 2026-12-01' });
  });

  it('leaves documents without native front matter alone', () => {
    assert.equal(lastReviewedEdit('name: Comply policy\nsatisfies:\n  TSC: [CC6.1]\n---\n# Purpose\n', '2026-12-01'), undefined);
    assert.equal(lastReviewedEdit('# Just Markdown\n', '2026-12-01'), undefined);
    assert.equal(lastReviewedEdit('---\ntitle: unterminated\n', '2026-12-01'), undefined);
  });

  it('validates pinned dates', () => {
    assert.equal(validDate('2026-12-01'), '2026-12-01');
    assert.equal(validDate('2026-02-30'), undefined);
    assert.equal(validDate('tomorrow'), undefined);
    assert.equal(localDate(new Date(2026, 0, 5)), '2026-01-05');
  });
});
