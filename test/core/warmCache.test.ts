import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { CachedAnalysis, DocumentCache } from '../../server/src/core/cache/documentCache';
import { DOCUMENT_KINDS } from '../../server/src/core/kinds';
import { RULES } from '../../server/src/core/rules';
import { TODAY } from '../helpers/coreHarness';
import { InMemoryWorkspace } from '../../server/src/core/workspace';
import { PolicyAnalyzer } from '../../server/src/core/analyzer';
import { parsePolicyDocument } from '../../server/src/core/parse/policyDocument';
import { reviveDocument, storeDocument } from '../../server/src/core/parse/storedDocument';
import { sharedBuiltins, ROOT } from '../helpers/coreHarness';

/** A cache in memory that round-trips through JSON, as the disk cache does, and counts hits. */
class JsonCache implements DocumentCache {
  readonly entries = new Map<string, string>();
  hits = 0;
  misses = 0;
  lookup(environment: string, file: string, text: string): CachedAnalysis | undefined {
    const stored = this.entries.get(`${environment}\n${file}\n${text}`);
    if (stored === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return JSON.parse(stored) as CachedAnalysis;
  }
  store(environment: string, file: string, text: string, analysis: CachedAnalysis): void {
    this.entries.set(`${environment}\n${file}\n${text}`, JSON.stringify(analysis));
  }
}

function filesOf(dir: string, prefix = ''): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? Object.entries(filesOf(full, `${prefix}${name}/`)) : [[`${prefix}${name}`, readFileSync(full, 'utf8')]];
    }),
  );
}

async function open(files: Record<string, string>, cache?: DocumentCache, today = TODAY): Promise<PolicyAnalyzer> {
  const workspace = new InMemoryWorkspace(Object.fromEntries(Object.entries(files).map(([p, c]) => [`${ROOT}/${p}`, c])));
  return PolicyAnalyzer.open({ root: ROOT, workspace, builtins: await sharedBuiltins(), today: () => today, cache });
}

/** A value with `undefined` properties left out (JSON drops them; nobody can tell them apart) and Maps as entries. */
function plain(value: unknown): unknown {
  if (value instanceof Map) return [...value].map(plain);
  if (value instanceof Set) return [...value].map(plain);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Everything a user sees from a check: findings (with fixes), coverage, and the facts every view reads. */
function observed(analyzer: PolicyAnalyzer): unknown {
  return plain({
    findings: analyzer.allFindings(),
    coverage: analyzer.coverage(),
    kinds: DOCUMENT_KINDS.map((k) => [k.id, [...analyzer.kindFacts(k.id)]]),
    documents: analyzer.documents().map((d) => ({ id: d.id, mappings: d.mappings.map((m) => m.items), sections: d.body.sections.length, statements: d.body.statements })),
  });
}

describe('stored documents: statements packed as numbers come back exactly', () => {
  it('masked texts (inline code, quotes, HTML), quoted and list statements, sections, after a JSON round trip', () => {
    // (Tables are plain paragraphs here: the parser runs without GFM.)
    const text = [
      '---', 'title: T', '---', 'Before any heading.', '', '# Access', '',
      'Access is reviewed `quarterly` by the owner. Keys "as needed" rotate; <b>bold</b> words stay.', '',
      '- Listed item one. Listed item two.', '', '> Quoted regulation text applies.', '',
      '| a | b |', '|---|---|', '| Table cell text here | more |', '',
    ].join('\n');
    const parsed = parsePolicyDocument('/ws/t.md', text);
    assert.ok(parsed.body.statements.some((s) => s.text !== text.slice(s.span.start, s.span.end)), 'the sample has masked statements');
    assert.ok(parsed.body.statements.some((s) => s.quoted) && parsed.body.statements.some((s) => s.kind === 'listItem') && parsed.body.statements.some((s) => s.section === -1));
    const revived = reviveDocument('/ws/t.md', text, JSON.parse(JSON.stringify(storeDocument(parsed))));
    assert.deepEqual(revived.body.statements, parsed.body.statements);
    assert.deepEqual(revived.body.sections, JSON.parse(JSON.stringify(parsed.body.sections)));
    // Stored again from the revived document, it is the same JSON.
    assert.equal(JSON.stringify(storeDocument(revived)), JSON.stringify(storeDocument(parsed)));
  });
});

describe('warm cache: a second run from cached facts sees exactly what a cold run sees', () => {
  const workspaces: [string, string][] = [
    ['examples/acme-saas', 'examples/acme-saas'],
    ['examples/acme-type2', 'examples/acme-type2'],
    ['a strongdm/comply repo', 'test/fixtures/comply-repo'],
  ];
  for (const [name, dir] of workspaces) {
    it(name, async () => {
      const files = filesOf(dir);
      const cold = await open(files);
      const cache = new JsonCache();
      await open(files, cache);
      assert.ok(cache.entries.size > 0, 'the first run stored its documents');
      cache.hits = 0;
      const warm = await open(files, cache);
      assert.equal(cache.misses, cache.entries.size, 'no lookup missed on the second run except the first run\'s');
      assert.ok(cache.hits >= Object.keys(files).filter((f) => f.endsWith('.md')).length - 5, `hits: ${cache.hits}`);
      assert.deepEqual(observed(warm), observed(cold));
      // Features that need the syntax trees still work on a document taken from the cache.
      const doc = warm.documents().find((d) => d.mappings.length)!;
      assert.ok(doc.frontMatter?.source.doc.contents, 'the YAML tree is rebuilt on demand');
      assert.equal(doc.lines.lineCount, doc.text.split(/\r\n|\r|\n/).length);
    });
  }

  it('re-runs the rules that read other files: a link whose target was deleted since the cached run is broken', async () => {
    const policy = (extra: string) => `---\ntitle: A\nowner: QA\nstatus: approved\neffective: 2026-01-01\nlast_reviewed: 2026-06-01\ncontrols: [CC1.1]\n---\n# A\n\n## Purpose\n\nSee [the plan](b.md).${extra}\n`;
    const files = { 'policies/a.md': policy(''), 'policies/b.md': policy(' B') };
    const cache = new JsonCache();
    await open(files, cache);
    const withoutB = { 'policies/a.md': files['policies/a.md'] };
    const warm = await open(withoutB, cache);
    assert.ok(cache.hits >= 1, 'a.md came from the cache');
    const cold = await open(withoutB);
    assert.deepEqual(observed(warm), observed(cold));
    assert.ok(cold.allFindings().some((f) => f.code === 'broken-link'));
  });

  it('misses when the configuration or the day changes', async () => {
    const files = filesOf('examples/acme-saas');
    const cache = new JsonCache();
    await open(files, cache);
    cache.hits = 0;
    await open({ ...files, 'soc2-policy.yaml': `${files['soc2-policy.yaml']}\n# a comment changes the text\n` }, cache);
    assert.equal(cache.hits, 0, 'another config');
    await open(files, cache, { year: 2027, month: 3, day: 1 });
    assert.equal(cache.hits, 0, 'another day');
    await open(files, cache);
    assert.ok(cache.hits > 0, 'the same config and day again');
  });

  it('every document rule that reads the workspace says so (its findings are never cached)', () => {
    const reads = /ctx\.(fileExists|folderExists|scopeCategories|carveOuts|evidencePlan|suggestionIndex|fileDigest|coverage)\b/;
    for (const rule of RULES.filter((r) => r.kind === 'document')) {
      const file = path.join('server/src/core/rules', `${rule.code.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}.ts`);
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      if (reads.test(source)) assert.equal(rule.readsWorkspace, true, `${rule.code} reads the workspace but is not marked readsWorkspace`);
    }
  });
});
