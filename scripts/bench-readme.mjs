#!/usr/bin/env node
// Copies the summary table of docs/benchmarks.md (written by `npm run bench`) into the README's Performance
// section, between the same markers, with the line that says which machine and run it comes from.
//   node scripts/bench-readme.mjs        exit 1 and say why when either file lacks the markers
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- bench:summary:start -->';
const END = '<!-- bench:summary:end -->';

/** The text between the markers, or undefined. */
function between(text) {
  const start = text.indexOf(START);
  const end = text.indexOf(END, start);
  return start < 0 || end < 0 ? undefined : text.slice(start + START.length, end);
}

export function readmeWithSummary(readme, benchmarks) {
  const summary = between(benchmarks);
  if (summary === undefined) throw new Error('docs/benchmarks.md has no summary markers: run npm run bench first');
  if (between(readme) === undefined) throw new Error(`README.md lacks ${START} ... ${END} in its Performance section`);
  // The machine line: the first line of docs/benchmarks.md that gives the date and the core count.
  const machine = benchmarks.split('\n').find((line) => /^\d{4}-\d{2}-\d{2}, \d+ cores/.test(line));
  const caption = machine ? `One run of \`npm run bench\`: ${machine}\n` : '';
  const start = readme.indexOf(START) + START.length;
  return `${readme.slice(0, start)}\n${caption}${summary.replace(/^\n+/, '\n')}${readme.slice(readme.indexOf(END, start))}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const readmeFile = path.join(repoRoot, 'README.md');
    const next = readmeWithSummary(readFileSync(readmeFile, 'utf8'), readFileSync(path.join(repoRoot, 'docs/benchmarks.md'), 'utf8'));
    writeFileSync(readmeFile, next);
    console.log('README.md: Performance table updated from docs/benchmarks.md');
  } catch (error) {
    console.error(`bench-readme: ${error.message}`);
    process.exit(1);
  }
}
