import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Text contrast of the heat map's cell states in VS Code's default themes, computed from media/gapPanel.css as
 * written: the cell's text colour over its background (a `color-mix` tint of the status colour over the editor
 * background). Theme values are VS Code 1.100's: theme-defaults/themes/*.json, else the colour registry default.
 */
const THEMES: Record<string, Record<string, string>> = {
  'Dark Modern': {
    'editor-background': '#1F1F1F', foreground: '#CCCCCC', descriptionForeground: '#9D9D9D', disabledForeground: '#CCCCCC80',
    'testing-iconPassed': '#73C991', 'editorWarning-foreground': '#CCA700', errorForeground: '#F85149', 'editorWidget-border': '#454545',
  },
  'Light Modern': {
    'editor-background': '#FFFFFF', foreground: '#3B3B3B', descriptionForeground: '#3B3B3B', disabledForeground: '#61616180',
    'testing-iconPassed': '#73C991', 'editorWarning-foreground': '#BF8803', errorForeground: '#F85149', 'editorWidget-border': '#C8C8C8',
  },
  'Dark High Contrast': {
    'editor-background': '#000000', foreground: '#FFFFFF', descriptionForeground: '#FFFFFFB3', disabledForeground: '#A5A5A5',
    'testing-iconPassed': '#73C991', 'editorWarning-foreground': '#FFD370', errorForeground: '#F48771', 'editorWidget-border': '#6FC3DF',
  },
  'Light High Contrast': {
    'editor-background': '#FFFFFF', foreground: '#292929', descriptionForeground: '#292929B3', disabledForeground: '#7F7F7F',
    'testing-iconPassed': '#007100', 'editorWarning-foreground': '#895503', errorForeground: '#B5200D', 'editorWidget-border': '#0F4A85',
  },
};

const STATUSES = ['covered', 'draft-only', 'uncovered', 'excluded', 'out-of-scope'];
const css = readFileSync(path.resolve(__dirname, '..', '..', 'media', 'gapPanel.css'), 'utf8');

type Rgba = [number, number, number, number];

function parseHex(hex: string): Rgba {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex);
  assert.ok(m, `a #rrggbb[aa] colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, m[2] ? parseInt(m[2], 16) / 255 : 1];
}

/** `a` over the opaque `b`. */
function over([r, g, b, a]: Rgba, [r2, g2, b2]: Rgba): Rgba {
  return [r * a + r2 * (1 - a), g * a + g2 * (1 - a), b * a + b2 * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The declarations of the rule whose selector is exactly `selector`. */
function rule(selector: string): string {
  const m = new RegExp(`(?:^|\\n)${selector.replace(/[.]/g, '\\.')} \\{([^}]*)\\}`).exec(css);
  assert.ok(m, `gapPanel.css has a rule "${selector}"`);
  return m[1];
}

/** A `var(--x)` to the theme's value, following the panel's own `--s-*` variables. */
function resolve(variable: string, theme: Record<string, string>): Rgba {
  if (variable.startsWith('vscode-')) return parseHex(theme[variable.slice('vscode-'.length)] ?? assert.fail(`no theme value for --${variable}`));
  const own = new RegExp(`--${variable}: var\\(--([\\w-]+)`).exec(css);
  assert.ok(own, `--${variable} is defined in :root`);
  return resolve(own[1], theme);
}

function cellColours(status: string, theme: Record<string, string>): { text: Rgba; background: Rgba } {
  const editor = parseHex(theme['editor-background']);
  const declarations = rule(`.s-${status}`);
  const colour = /(?:^|[;\s])color: var\(--([\w-]+)\)/.exec(declarations) ?? /(?:^|[;\s])color: var\(--([\w-]+)\)/.exec(rule('.cell'));
  assert.ok(colour, `a text colour for .s-${status}`);
  const mix = /background: color-mix\(in srgb, var\(--([\w-]+)\) (\d+)%, transparent\)/.exec(declarations);
  const tint: Rgba = mix ? [...resolve(mix[1], theme).slice(0, 3), Number(mix[2]) / 100] as Rgba : [0, 0, 0, 0];
  assert.ok(mix || /background: transparent/.test(declarations), `.s-${status} has a tint or a transparent background`);
  const background = over(tint, editor);
  return { text: over(resolve(colour[1], theme), background), background };
}

describe('gap panel colours', () => {
  for (const [name, theme] of Object.entries(THEMES)) {
    it(`gives every cell state 4.5:1 text contrast in ${name}`, () => {
      const low = STATUSES.map((status) => [status, contrast(cellColours(status, theme).text, cellColours(status, theme).background)] as const)
        .filter(([, ratio]) => ratio < 4.5).map(([status, ratio]) => `${status} ${ratio.toFixed(2)}:1`);
      assert.deepEqual(low, []);
    });
  }

  it('computes contrast as WCAG does', () => {
    assert.equal(contrast(parseHex('#000000'), parseHex('#FFFFFF')).toFixed(0), '21');
    assert.equal(contrast(parseHex('#777777'), parseHex('#FFFFFF')).toFixed(2), '4.48');
  });
});

describe('evidence calendar colours', () => {
  const WINDOW_STATUSES = ['ev-recorded', 'ev-failed', 'ev-missing', 'ev-due', 'ev-future'];
  for (const [name, theme] of Object.entries(THEMES)) {
    it(`gives every window state 4.5:1 text contrast in ${name}`, () => {
      const low = WINDOW_STATUSES.map((status) => [status, contrast(cellColours(status, theme).text, cellColours(status, theme).background)] as const)
        .filter(([, ratio]) => ratio < 4.5).map(([status, ratio]) => `${status} ${ratio.toFixed(2)}:1`);
      assert.deepEqual(low, []);
    });
  }
});
