import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { customize, parseSkeletons, snippetToText } from '../../client/src/templates/skeletons';

const REPO = path.resolve(__dirname, '..', '..');
const SNIPPETS = path.join(REPO, 'snippets/soc2-policy.code-snippets');

describe('snippets generated from the templates', () => {
  it('snippets/soc2-policy.code-snippets is up to date (node scripts/generate-snippets.mjs)', () => {
    // Throws (exit 1) when a template changed and the snippets were not regenerated.
    execFileSync(process.execPath, [path.join(REPO, 'scripts/generate-snippets.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('has one document skeleton per template, with every section and its tag', () => {
    const templates = readdirSync(path.join(REPO, 'controls-catalog/templates')).filter((f) => f.endsWith('.yaml'))
      .map((f) => parse(readFileSync(path.join(REPO, 'controls-catalog/templates', f), 'utf8')));
    const skeletons = parseSkeletons(readFileSync(SNIPPETS, 'utf8'));
    assert.deepEqual(skeletons.map((s) => s.templateId).sort(), templates.map((t) => t.id).sort());
    for (const t of templates) {
      const text = snippetToText(skeletons.find((s) => s.templateId === t.id)!.body);
      assert.match(text, new RegExp(`^template: ${t.id}$`, 'm'));
      assert.match(text, new RegExp(`^controls: \\[${t.suggestedCriteria.join(', ')}\\]$`, 'm'));
      for (const s of t.sections) {
        assert.ok(text.includes(`\n## ${s.heading}\n`), `${t.id}: ${s.heading}`);
        if (s.controls?.length) assert.ok(text.includes(`## ${s.heading}\n<!-- controls: ${s.controls.join(', ')} -->`), `${t.id}: tag of ${s.heading}`);
      }
    }
  });

  it('has section snippets for the headings templates share', () => {
    const entries = JSON.parse(readFileSync(SNIPPETS, 'utf8'));
    for (const heading of ['Purpose', 'Scope', 'Roles and Responsibilities', 'Exceptions', 'Review']) {
      assert.deepEqual(entries[`SOC 2 section: ${heading}`]?.body?.[0], `## ${heading}`);
    }
  });
});

describe('policy skeletons', () => {
  const skeleton = parseSkeletons(readFileSync(SNIPPETS, 'utf8')).find((s) => s.templateId === 'encryption')!;

  it('resolves placeholders, mirrors and escapes to plain text', () => {
    assert.equal(snippetToText(['# ${1:A \\} b \\$c}', 'x $1 ${1} $2 ${2:two} $0']), '# A } b $c\nx A } b $c A } b $c two two ');
    assert.equal(snippetToText(['${CURRENT_YEAR}-$CURRENT_MONTH'], new Date(2026, 11, 1)), '2026-12');
  });

  it('renders a document with the front matter of its template', () => {
    const text = snippetToText(skeleton.body);
    assert.match(text, /^---\ntitle: Encryption and Key Management Policy\nid: encryption\ntype: policy\ntemplate: encryption\n/);
    assert.match(text, /^# Encryption and Key Management Policy$/m);
    assert.doesNotMatch(text, /\$\{|\$\d/);
  });

  it('sets the id and maps an extra criterion first, once', () => {
    const text = snippetToText(customize(skeleton, { id: 'encryption-2', criterion: 'CC6.7' }));
    assert.match(text, /^id: encryption-2$/m);
    assert.match(text, /^controls: \[CC6\.7, CC6\.1, CC6\.6\]$/m);
    assert.match(snippetToText(customize(skeleton, { criterion: 'C1.1' })), /^controls: \[C1\.1, CC6\.1, CC6\.7, CC6\.6\]$/m);
    // Still a valid snippet: the placeholder survives for editors that insert it live.
    assert.ok(customize(skeleton, { criterion: 'C1.1' }).some((l) => /^controls: \[\$\{\d+:C1\.1, /.test(l)));
  });
});
