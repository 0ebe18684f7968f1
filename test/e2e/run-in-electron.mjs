#!/usr/bin/env node
// Run the e2e suite in a downloaded desktop VS Code via @vscode/test-electron.
//
// For contributors whose machine can download VS Code. CI machines here cannot (they reach only
// the npm registry and Debian), so CI uses test/e2e/run-in-code-server.mjs with the SAME suite.
// Both launchers take the same options:
//
//   node test/e2e/run-in-electron.mjs [--extension-development-path DIR] [--extension-tests-path FILE]
//                                      [--workspace DIR] [--screenshots DIR] [--vscode-version V]
//   env: SOC2_E2E_EXTENSION_PATH, SOC2_E2E_TESTS_PATH, SOC2_E2E_WORKSPACE, SOC2_E2E_SCREENSHOTS,
//        SOC2_VSCODE_VERSION (default "stable"; pin e.g. 1.100.3 to match CI),
//        SOC2_VSCODE_EXECUTABLE (use an installed VS Code binary instead of downloading one)
//
// Here the page bridge (SOC2_SCREENSHOT / SOC2_PAGE_ACTION, see run-in-code-server.mjs) does not
// exist: SOC2_E2E_CONTROL_DIR is left unset so the suite knows to skip page-level checks.
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opt } = parseArgs({
  options: {
    'extension-development-path': { type: 'string' },
    'extension-tests-path': { type: 'string' },
    workspace: { type: 'string' },
    screenshots: { type: 'string' },
    'vscode-version': { type: 'string' },
  },
});
// Explicit paths are taken from the cwd; defaults from the extension root (as in run-in-code-server).
const pick = (flag, env, def, base) => (opt[flag] ?? process.env[env]) ? path.resolve(opt[flag] ?? process.env[env]) : path.resolve(base, def);
const ext = pick('extension-development-path', 'SOC2_E2E_EXTENSION_PATH', '.', repoRoot);
const tests = pick('extension-tests-path', 'SOC2_E2E_TESTS_PATH', 'test/e2e/out/index.js', ext);
const workspace = pick('workspace', 'SOC2_E2E_WORKSPACE', 'examples/acme-saas', ext);
const screenshots = pick('screenshots', 'SOC2_E2E_SCREENSHOTS', 'docs/screenshots', ext);

try {
  const code = await runTests({
    version: opt['vscode-version'] ?? process.env.SOC2_VSCODE_VERSION ?? 'stable',
    vscodeExecutablePath: process.env.SOC2_VSCODE_EXECUTABLE || undefined, // an installed `code`: no download
    extensionDevelopmentPath: ext,
    extensionTestsPath: tests,
    extensionTestsEnv: { SOC2_E2E_RUNNER: 'electron', SOC2_E2E_SCREENSHOTS: screenshots },
    // No other extensions; test-electron itself adds --skip-welcome, --disable-workspace-trust, fresh dirs.
    launchArgs: [workspace, '--disable-extensions'],
  });
  process.exit(code);
} catch (err) {
  // runTests rejects with TestRunFailedError when the suite fails, or on download/launch errors.
  console.error('[run-in-electron]', err?.message ?? err);
  process.exit(typeof err?.code === 'number' && err.code !== 0 ? err.code : 1);
}
