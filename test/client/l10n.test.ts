import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const manifestText = readFileSync(path.join(REPO, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText);
const nls: Record<string, string> = JSON.parse(readFileSync(path.join(REPO, 'package.nls.json'), 'utf8'));

/** Every [key path, string] pair under `value`. */
function strings(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, `${at}.${k}`));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? sources(file) : e.name.endsWith('.ts') ? [file] : [];
  });
}

describe('localization', () => {
  it('takes every user-facing manifest string from package.nls.json', () => {
    const shown = /\.(displayName|description|markdownDescription|patternErrorMessage|title|name|contextualTitle|contents|category)$/;
    const literal = strings({ displayName: manifest.displayName, description: manifest.description, capabilities: manifest.capabilities, contributes: manifest.contributes }, '')
      .filter(([at, value]) => shown.test(at) && !/^%[\w.-]+%$/.test(value));
    assert.deepEqual(literal, []);
  });

  it('has an entry for every %key% and no unused entries', () => {
    const used = new Set([...manifestText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]));
    assert.deepEqual([...used].filter((k) => !(k in nls)), [], 'keys without a string');
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'strings nothing uses');
    for (const [key, value] of Object.entries(nls)) assert.ok(value.trim(), key);
  });

  it('passes client messages, titles and prompts through vscode.l10n.t', () => {
    const bare = /show(Information|Warning|Error)Message\(\s*['"`]|\b(title|placeHolder|prompt|tooltip|message):\s*['"`][A-Za-z]/;
    const offenders = sources(path.join(REPO, 'client/src')).flatMap((file) => readFileSync(file, 'utf8').split('\n')
      .map((line, i) => [`${path.relative(REPO, file)}:${i + 1}`, line] as const)
      .filter(([, line]) => bare.test(line) && !/^\s*(\/?\*|\/\/)/.test(line)));
    assert.deepEqual(offenders.map(([at, line]) => `${at} ${line.trim()}`), []);
  });
});
