import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { buildCli, runCli, tempDir, writeFiles } from './harness';

/** A small Word policy made in the test, so no binary fixture is committed. */
async function wordPolicy(): Promise<Buffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Backup Procedure', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('Owner: Head of Infrastructure'),
          new Paragraph({ text: 'Backups', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ text: 'Production databases must be backed up every day to a second region.', bullet: { level: 0 } }),
          new Paragraph({ text: 'A restore from backup is tested every quarter and the result is recorded.', bullet: { level: 0 } }),
          new Table({ rows: [new TableRow({ children: [cell('System'), cell('Retention')] }), new TableRow({ children: [cell('Database'), cell('35 days')] })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('soc2-policy import and suggest', function () {
  this.timeout(60000);
  before(buildCli);

  it('imports a .docx as a draft policy document with headings, lists, a GFM table and the owner', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(path.join(dir, 'Backup Procedure.docx'), await wordPolicy());
      const result = runCli(['import', 'Backup Procedure.docx', '--out', 'policies'], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      const text = readFileSync(path.join(dir, 'policies/backup-procedure.md'), 'utf8');
      assert.match(text, /^---\ntitle: Backup Procedure\ntype: procedure\nstatus: draft\nowner: Head of Infrastructure\ncontrols: \[\]\n---/);
      assert.match(text, /^# Backup Procedure$/m);
      assert.match(text, /^## Backups$/m);
      assert.match(text, /^- +Production databases must be backed up/m);
      assert.match(text, /^\| System +\| Retention +\|$/m);
      assert.match(result.stdout, /Wrote policies\/backup-procedure\.md/);
    } finally {
      cleanup();
    }
  });

  it('never overwrites without --force, and replaces with it', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFiles(dir, { 'access.txt': 'Access Policy\n\nAccess is approved by managers.\n', 'policies/access.md': 'mine\n' });
      const refused = runCli(['import', 'access.txt'], { cwd: dir });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /already exists; not overwritten \(use --force/);
      assert.equal(readFileSync(path.join(dir, 'policies/access.md'), 'utf8'), 'mine\n');
      assert.equal(runCli(['import', 'access.txt', '--force'], { cwd: dir }).code, 0);
      assert.match(readFileSync(path.join(dir, 'policies/access.md'), 'utf8'), /^title: Access Policy$/m);
    } finally {
      cleanup();
    }
  });

  const badInputs: [string, (dir: string) => string, RegExp][] = [
    ['a corrupt .docx', (dir) => (writeFileSync(path.join(dir, 'c.docx'), Buffer.from('PK\x03\x04 not really a zip')), 'c.docx'), /could not be read as a Word document/],
    ['a binary file', (dir) => (writeFileSync(path.join(dir, 'b.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1])), 'b.txt'), /binary file/],
    ['a 50 MB file', (dir) => (writeFileSync(path.join(dir, 'big.html'), Buffer.alloc(50 * 1024 * 1024, 0x61)), 'big.html'), /is 50 MB; the import takes files up to 20 MB/],
    ['a password-protected .docx', (dir) => (writeFileSync(path.join(dir, 'p.docx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.from('EncryptionInfo', 'utf16le')])), 'p.docx'), /password-protected/],
  ];
  for (const [what, make, reason] of badInputs) {
    it(`refuses ${what} with one line, exit 2 and nothing written`, () => {
      const { dir, cleanup } = tempDir();
      try {
        const result = runCli(['import', make(dir)], { cwd: dir });
        assert.equal(result.code, 2);
        assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
        assert.match(result.stderr, reason);
        assert.ok(!existsSync(path.join(dir, 'policies')) || readdirSync(path.join(dir, 'policies')).length === 0);
      } finally {
        cleanup();
      }
    });
  }

  it('suggests criteria for untagged documents with the sentences that support them (JSON contract)', () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFiles(dir, {
        'policies/backups.md': '# Backups\n\nProduction databases must be backed up every day, and backup copies are kept in a second region.\nA restore from backup is tested every quarter and the result is recorded.\nFailed backup jobs alert the on-call engineer, who reruns them within 24 hours.\n',
      });
      const result = runCli(['suggest', '--format', 'json'], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
      const { suggestions } = JSON.parse(result.stdout);
      assert.equal(suggestions[0].file, 'policies/backups.md');
      const ids = suggestions[0].criteria.map((c: { id: string }) => c.id);
      assert.ok(ids.includes('A1.2') || ids.includes('A1.3'), ids.join());
      const first = suggestions[0].criteria[0];
      assert.ok(first.score > 0 && first.score <= 1);
      assert.deepEqual(Object.keys(first.because[0].range), ['start', 'end']);
      assert.equal(runCli(['suggest', '--format', 'json', '--limit', '1'], { cwd: dir }).stdout.match(/"id"/g)?.length, 1);
    } finally {
      cleanup();
    }
  });
});
