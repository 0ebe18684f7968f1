import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const REPO = path.resolve(__dirname, '..', '..');
const ID_SCOPE = 'support.type.criterion-id.soc2';
const INJECTIONS: Record<string, string> = {
  'soc2.criteria.injection': path.join(REPO, 'syntaxes/soc2-criteria.injection.tmLanguage.json'),
  'soc2.frontmatter.injection': path.join(REPO, 'syntaxes/soc2-frontmatter.injection.tmLanguage.json'),
};
// VS Code's own Markdown and YAML grammars, when the cached code-server (scripts/install-code-server.sh) is there.
const VSCODE_EXTENSIONS = path.join(process.env.SOC2_CODE_SERVER_DIR ?? path.join(os.homedir(), '.cache/soc2-policy-studio/code-server-4.100.3'),
  'node_modules/code-server/lib/vscode/extensions');

const onigLib = (async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return {
    createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  };
})();

async function loadMarkdown(files: Record<string, string>): Promise<textmate.IGrammar> {
  const registry = new textmate.Registry({
    onigLib,
    loadGrammar: async (scope) => (files[scope] ? textmate.parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope) => (scope === 'text.html.markdown' ? Object.keys(INJECTIONS) : undefined),
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar);
  return grammar;
}

interface Token { text: string; scopes: string[] }

function tokenize(grammar: textmate.IGrammar, text: string): Token[][] {
  let state = textmate.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

const withScope = (lines: Token[][], scope: string) => lines.flat().filter((t) => t.scopes.includes(scope)).map((t) => t.text);

const DOCUMENT = [
  '---',
  'title: Access Control Policy',
  'version: "1.2"',
  'controls: [CC6.1, A1.2, PI1.3]',
  '---',
  '',
  '# Access Control Policy',
  '',
  '## Provisioning',
  '<!-- controls: CC6.2, CC6.3.1 -->',
  'See CC7.3 and P4.2; release v1.2.3, section 1.2, CC6.1.3.4, PCC6.1, CC10.1, A1.2x, docs/CC6.1.md.',
  'controls: is only a key in front matter',
  '`CC6.1` in inline code',
  '```',
  'CC6.1 in a code block',
  '```',
].join('\n');

function checks(load: () => Promise<textmate.IGrammar>) {
  it('marks criterion ids in front matter, section tags and text', async () => {
    const lines = tokenize(await load(), DOCUMENT);
    assert.deepEqual(withScope(lines, ID_SCOPE), ['CC6.1', 'A1.2', 'PI1.3', 'CC6.2', 'CC6.3.1', 'CC7.3', 'P4.2']);
  });

  it('marks the section tag keyword and the front matter mapping key', async () => {
    const lines = tokenize(await load(), DOCUMENT);
    assert.deepEqual(withScope(lines, 'keyword.other.section-tag.soc2'), ['controls']);
    assert.deepEqual(withScope(lines, 'keyword.other.mapping-key.soc2'), ['controls']);
  });
}

describe('TextMate injection grammar', () => {
  describe('with a minimal Markdown host grammar', () => {
    checks(() => loadMarkdown({ ...INJECTIONS, 'text.html.markdown': path.join(__dirname, 'fixtures/markdown-host.tmLanguage.json') }));
  });

  describe("with VS Code's Markdown grammar", function () {
    const markdown = path.join(VSCODE_EXTENSIONS, 'markdown-basics/syntaxes/markdown.tmLanguage.json');
    before(function () {
      if (!existsSync(markdown)) this.skip(); // installed by scripts/setup-tests.sh (npm run test:all); absent on a bare checkout
    });
    checks(() => {
      const files: Record<string, string> = { ...INJECTIONS, 'text.html.markdown': markdown };
      const yamlDir = path.join(VSCODE_EXTENSIONS, 'yaml/syntaxes');
      for (const f of readdirSync(yamlDir)) files[JSON.parse(readFileSync(path.join(yamlDir, f), 'utf8')).scopeName] = path.join(yamlDir, f);
      return loadMarkdown(files);
    });
  });

  it('the id pattern matches what the catalog calls an id, and nothing version-like', () => {
    const grammar = JSON.parse(readFileSync(INJECTIONS['soc2.criteria.injection'], 'utf8'));
    const pattern = new RegExp(grammar.repository['criterion-id'].match, 'g');
    const ids = (text: string) => text.match(pattern) ?? [];
    assert.deepEqual(ids('CC1.1 CC9.2 A1.3 C1.2 PI1.5 P1.1 P8.1 CC6.1.3'), ['CC1.1', 'CC9.2', 'A1.3', 'C1.2', 'PI1.5', 'P1.1', 'P8.1', 'CC6.1.3']);
    assert.deepEqual(ids('v1.2 1.2.3 CC6.1.3.4 XCC6.1 CC0.1 CC10.1 P9.1 A2.1 node20.1 CC6.1a'), []);
  });
});
