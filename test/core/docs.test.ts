import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../server/src/core/rules';
import configSchema from '../../server/src/core/config/configSchema.json';

/**
 * The rules reference and the configuration reference are what diagnostics link to and what users read:
 * they must keep up with the rule list and the config schema.
 */
const DOCS = path.join(__dirname, '..', '..', 'docs');
const read = (name: string) => readFileSync(path.join(DOCS, name), 'utf8');

/** `## heading` sections of a Markdown text, ignoring lines inside fenced code blocks. */
function sections(markdown: string): Map<string, string> {
  const result = new Map<string, string>();
  let fenced = false;
  let current: { heading: string; lines: string[] } | undefined;
  const close = () => current && result.set(current.heading, current.lines.join('\n'));
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (!fenced && /^## /.test(line)) {
      close();
      current = { heading: line.slice(3).trim(), lines: [] };
      continue;
    }
    current?.lines.push(line);
  }
  close();
  return result;
}

describe('documentation', () => {
  describe('docs/rules.md', () => {
    const rules = sections(read('rules.md'));

    for (const rule of ALL_RULES) {
      it(`documents ${rule.code} under "## ${rule.code}" with its default severity`, () => {
        const section = rules.get(rule.code);
        assert.ok(section !== undefined, `no "## ${rule.code}" heading (diagnostics link to #${rule.code})`);
        assert.match(section, new RegExp(`Default severity: \`${rule.defaultSeverity}\``), `the ${rule.code} section does not state "Default severity: \`${rule.defaultSeverity}\`"`);
      });
    }

    it('has no rule section for a code that does not exist', () => {
      const codes = new Set(ALL_RULES.map((r) => r.code));
      const stale = [...rules.keys()].filter((h) => /^[a-z]+(-[a-z]+)+$/.test(h) && !codes.has(h));
      assert.deepEqual(stale, []);
    });

    it('lists every code with its default severity in the closing table', () => {
      const table = rules.get('All codes');
      assert.ok(table, 'no "## All codes" table');
      for (const rule of ALL_RULES) {
        assert.match(table, new RegExp(`^\\| \\[${rule.code}\\]\\(#${rule.code}\\) \\| ${rule.defaultSeverity} \\|`, 'm'), `${rule.code} missing from the table or with the wrong default`);
      }
    });
  });

  describe('docs/configuration.md', () => {
    const text = read('configuration.md');

    for (const property of Object.keys(configSchema.properties)) {
      it(`mentions the setting \`${property}\``, () => {
        assert.ok(text.includes(`\`${property}\``), `configuration.md does not mention \`${property}\``);
      });
    }
  });
});
