/**
 * Inline expectations of rule fixtures (the format rules.test.ts documents):
 *   `# rules: a, b`            which rule codes the fixture is about
 *   `expect: a, b`             findings starting on this line
 *   `expect-line: N a, b`      findings starting on line N (1-based)
 */
export interface Expectation {
  line: number;
  code: string;
}

export function readExpectations(text: string): { rules: string[]; expected: Expectation[] } {
  const rules = /rules:\s*([a-z, -]+)$/m.exec(text)?.[1].split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const expected: Expectation[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const m of line.matchAll(/expect(?:-line:\s*(\d+))?:?\s+([a-z-]+(?:\s*,\s*[a-z-]+)*)/g)) {
      const at = m[1] ? Number(m[1]) : index + 1;
      for (const code of m[2].split(',').map((s) => s.trim())) expected.push({ line: at, code });
    }
  });
  return { rules, expected };
}
