import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const CORE = path.resolve(__dirname, '..', '..', 'server', 'src', 'core');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.ts') ? [full] : [];
  });

describe('analysis core boundaries', () => {
  it('imports no editor, LSP, file-system or process modules, so the CLI, server and tests can inject them', () => {
    const forbidden = /from ['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|node:fs|fs|node:child_process|child_process|node:path|path)['"]/;
    const offenders = files(CORE).filter((f) => forbidden.test(readFileSync(f, 'utf8'))).map((f) => path.relative(CORE, f));
    assert.deepEqual(offenders, []);
  });

  it('keeps every source file under 1,000 lines', () => {
    const src = path.resolve(CORE, '..', '..', '..');
    const long = [...files(path.join(src, 'server', 'src')), ...files(path.join(src, 'client', 'src'))]
      .filter((f) => readFileSync(f, 'utf8').split('\n').length >= 1000)
      .map((f) => path.relative(src, f));
    assert.deepEqual(long, []);
  });
});
