import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadBuiltins, parseBuiltins } from '../../server/src/node/builtins';
import { readCompiledBuiltins } from '../../server/src/node/builtinsFormat';
import { toPosix } from '../../server/src/node/nodeWorkspace';
import { buildCli, CLI, REPO, tempDir } from './harness';

const CATALOG_DIR = toPosix(path.join(REPO, 'controls-catalog'));
const COMPILED = path.join(REPO, 'server/out/builtins.json');

/**
 * The value without keys whose value is undefined (JSON has no undefined), prototypes kept: the loader builds
 * mapping notes without one, and a revived copy must too.
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, withoutUndefined(v)]));
  if (value === null || typeof value !== 'object' || value instanceof RegExp) return value;
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const [key, field] of Object.entries(value)) if (field !== undefined) copy[key] = withoutUndefined(field);
  return copy;
}

describe('built-in catalog compiled at build time', function () {
  this.timeout(120_000);
  before(() => buildCli());

  it('is, once revived, what a fresh parse of the YAML gives (a stale or lossy build fails here)', async () => {
    const parsed = await parseBuiltins(CATALOG_DIR);
    assert.deepEqual(parsed.findings, []);
    const compiled = readCompiledBuiltins(COMPILED, CATALOG_DIR);
    assert.ok(compiled, `${COMPILED} is missing or older than controls-catalog/: run npm run build`);
    assert.deepStrictEqual(withoutUndefined(compiled.catalogs), withoutUndefined(parsed.catalogs));
    assert.deepStrictEqual(withoutUndefined(compiled.templates.templates), withoutUndefined(parsed.templates.templates));
    assert.deepStrictEqual(compiled.vocabulary, parsed.vocabulary);
    assert.deepStrictEqual(compiled.abbreviations, parsed.abbreviations);
    assert.ok(compiled.abbreviations && compiled.abbreviations.byFirstWord.size > 50, 'questionnaire abbreviations are compiled too');
    // Spot checks that the comparison compares something: ids, spans for go-to-definition, a pattern, notes.
    const tsc = compiled.catalogs.find((c) => c.id === 'tsc')!;
    const cc61 = tsc.controls.find((c) => c.id === 'CC6.1')!;
    assert.equal(cc61.source?.file, `${CATALOG_DIR}/tsc/catalog.yaml`);
    assert.ok(cc61.source!.span.end > cc61.source!.span.start);
    assert.ok(cc61.pointsOfFocus.length > 0 && cc61.pointsOfFocus.every((p) => p.source?.file.startsWith(`${CATALOG_DIR}/tsc/points-of-focus/`)));
    assert.ok(compiled.catalogs.some((c) => c.idPattern instanceof RegExp) === parsed.catalogs.some((c) => c.idPattern instanceof RegExp));
    assert.ok(compiled.templates.templates.length > 20);
  });

  it('generated files (validators, builtins.json) match a fresh compile', () => {
    const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/compile-catalog.mjs'), '--check'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr + result.stdout);
  });

  it('is not served once a built-in file changed after the build: the YAML is parsed instead', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const catalogDir = toPosix(path.join(dir, 'controls-catalog'));
      cpSync(CATALOG_DIR, catalogDir, { recursive: true });
      assert.ok(readCompiledBuiltins(COMPILED, catalogDir), 'an identical copy of the sources is served compiled');
      const template = `${catalogDir}/templates/access-control.yaml`;
      writeFileSync(template, readFileSync(template, 'utf8').replace(/^title: .*$/m, 'title: Edited After The Build'));
      assert.equal(readCompiledBuiltins(COMPILED, catalogDir), undefined);
      const loaded = await loadBuiltins(catalogDir, COMPILED);
      assert.equal(loaded.templates.get('access-control')?.title, 'Edited After The Build');
    } finally {
      cleanup();
    }
  });

  it('ignores a missing, corrupt or foreign file', () => {
    const { dir, cleanup } = tempDir();
    try {
      assert.equal(readCompiledBuiltins(path.join(dir, 'none.json'), CATALOG_DIR), undefined);
      for (const text of ['{"format": 1, "fingerprint": ', '[]', 'null', '{"format": 999}']) {
        writeFileSync(path.join(dir, 'bad.json'), text);
        assert.equal(readCompiledBuiltins(path.join(dir, 'bad.json'), CATALOG_DIR), undefined, text);
      }
    } finally {
      cleanup();
    }
  });
});

describe('libraries loaded on first use', function () {
  this.timeout(120_000);
  before(() => buildCli());

  it('are imported only through server/src/lazyModules.ts (benchmarks run from source excepted)', () => {
    const src = path.join(REPO, 'server/src');
    const eager = /^import\s+(?!type\b)[^;]*from\s+'(exceljs|mammoth|turndown|@joplin\/turndown-plugin-gfm)'/m;
    const offenders = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith(`bench${path.sep}`) && eager.test(readFileSync(path.join(src, f), 'utf8')))
      .map((f) => f.replace(/\\/g, '/'));
    assert.deepEqual(offenders, []);
  });

  it('are not loaded by a check, and the bundles find them beside themselves when needed', () => {
    const { dir, cleanup } = tempDir();
    try {
      // Runs the CLI as `node cli.js check` would, then lists every module file it loaded.
      const hook = "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache)))); require(process.argv[1]);";
      const result = spawnSync(process.execPath, ['-e', hook, CLI, 'check'], { cwd: dir, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      const loaded = JSON.parse(/LOADED (.*)$/m.exec(result.stderr)![1]) as string[];
      assert.ok(loaded.some((f) => f.endsWith('cli.js')), 'the hook saw the CLI load');
      assert.deepEqual(loaded.filter((f) => f.includes(`${path.sep}vendor${path.sep}`)), []);
      for (const bundle of ['cli.js', 'server.js']) {
        const wanted = [...readFileSync(path.join(REPO, 'server/out', bundle), 'utf8').matchAll(/require\("\.\/(vendor\/[\w.-]+\.js)"\)/g)].map((m) => m[1]);
        assert.ok(wanted.length > 0, `${bundle} requires its vendor files`);
        for (const file of wanted) assert.ok(readdirSync(path.join(REPO, 'server/out/vendor')).includes(path.basename(file)), `${bundle} needs ${file}`);
      }
    } finally {
      cleanup();
    }
  });
});
