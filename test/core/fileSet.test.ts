import { strict as assert } from 'node:assert';
import { FileSet } from '../../server/src/core/fileSet';

describe('FileSet: known files and the folders holding them', () => {
  it('knows a folder while it holds a file, at any depth, with or without a trailing slash', () => {
    const files = new FileSet();
    files.add('/ws/policies/a.md');
    files.add('/ws/policies/deep/b.md');
    files.add('/ws/policies/a.md');
    for (const folder of ['/ws', '/ws/', '/ws/policies', '/ws/policies/', '/ws/policies/deep']) assert.ok(files.hasFolder(folder), folder);
    for (const folder of ['/ws/pol', '/ws/policies/a.md', '/ws/policies/deep/b.md', '/elsewhere']) assert.ok(!files.hasFolder(folder), folder);
    files.delete('/ws/policies/deep/b.md');
    assert.ok(!files.hasFolder('/ws/policies/deep'));
    assert.ok(files.hasFolder('/ws/policies'), 'a.md is still there (added twice, counted once)');
    files.delete('/ws/policies/a.md');
    assert.ok(!files.hasFolder('/ws'));
    assert.deepEqual([...files], []);
  });

  it('works with drive-letter paths', () => {
    const files = new FileSet();
    files.add('C:/repo/policies/a.md');
    assert.ok(files.hasFolder('C:/repo/policies'));
    assert.ok(files.has('C:/repo/policies/a.md'));
  });
});
