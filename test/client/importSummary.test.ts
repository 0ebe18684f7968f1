import { strict as assert } from 'node:assert';
import { renderImportSummary } from '../../client/src/text/importSummary';

const words = {
  relative: (uri: string) => uri.replace('file:///ws/', ''),
  t: (message: string, ...args: (string | number)[]) => message.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)])),
};

describe('import summary', () => {
  it('says what was written, what was not converted, what it probably covers and what failed', () => {
    const text = renderImportSummary({
      written: [{
        sourceUri: 'file:///ws/inbox/access.docx', uri: 'file:///ws/policies/access.md', title: 'Access Policy', type: 'policy', owner: 'IT',
        notConverted: ['image "diagram.png" (images are not imported)'],
        suggestions: [{ id: 'CC6.2', title: 'User registration', score: 0.81, because: ['Access is granted only after approval.'] }],
      }],
      exists: [{ sourceUri: 'file:///ws/inbox/old.html', uri: 'file:///ws/policies/old.md' }],
      failed: [{ sourceUri: 'file:///ws/inbox/broken.docx', reason: 'is not a valid Word file' }],
    }, words);
    assert.match(text, /^# Policy import$/m);
    assert.match(text, /1 written, 1 not written because they exist, 1 could not be imported\./);
    assert.match(text, /\| \[policies\/access\\\.md\]\(file:\/\/\/ws\/policies\/access\.md\) \| Access Policy \| policy \| IT \|/);
    assert.match(text, /## Not converted\n\n- .*diagram\\\.png/);
    assert.match(text, /- \*\*CC6\.2\*\* User registration \(0\.81\)\n {2}- “Access is granted only after approval\\\.”/);
    assert.match(text, /## Not written: the document exists\n\n- \[policies\/old\\\.md\]/);
    assert.match(text, /## Could not be imported\n\n- inbox\/broken\\\.docx is not a valid Word file/);
  });

  it('says so when a document suggests nothing', () => {
    const text = renderImportSummary({ written: [{ sourceUri: 'file:///ws/a.txt', uri: 'file:///ws/a.md', title: 'A', type: 'policy', notConverted: [], suggestions: [] }], exists: [], failed: [] }, words);
    assert.match(text, /No criterion the engine stands behind/);
    assert.doesNotMatch(text, /Not converted|Could not be imported/);
  });
});
