#!/usr/bin/env node
// Installs the packaged .vsix into the cached code-server (`--install-extension`, fresh extension and
// user dirs), opens a copy of examples/acme-saas in headless Chromium and waits until the extension
// is active and its language server filled the SOC 2 coverage view. Proves the .vsix works on its own:
// no node_modules, no sources, only what `vsce package` put in it.
//   node scripts/verify-vsix.mjs [file.vsix]     (default soc2-policy-studio.vsix; run `npm run package` first)
//   env: SOC2_CODE_SERVER_DIR / SOC2_CODE_SERVER_BIN, SOC2_CHROMIUM, as for test/e2e/run-in-code-server.mjs
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const log = (...a) => console.log('[verify-vsix]', ...a);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vsix = path.resolve(process.argv[2] ?? path.join(repoRoot, 'soc2-policy-studio.vsix'));
const csDir = process.env.SOC2_CODE_SERVER_DIR ?? path.join(os.homedir(), '.cache/soc2-policy-studio/code-server-4.100.3');
const csBin = process.env.SOC2_CODE_SERVER_BIN ?? path.join(csDir, 'node_modules/.bin/code-server');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-vsix-'));
const [userData, extDir, workspace] = ['user-data', 'extensions', 'acme-saas'].map((d) => path.join(tmp, d));
let server;
let browser;

async function main() {
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run npm run package`);
  const started = Date.now();
  const installed = execFileSync(csBin, ['--user-data-dir', userData, '--extensions-dir', extDir, '--install-extension', vsix], { encoding: 'utf8' });
  if (!/successfully installed/i.test(installed)) throw new Error(`install failed:\n${installed}`);
  const [dir] = fs.readdirSync(extDir).filter((d) => d.startsWith('soc2-policy-studio.soc2-policy-studio-'));
  if (!dir) throw new Error(`not in ${extDir}: ${fs.readdirSync(extDir).join(', ')}`);
  if (fs.existsSync(path.join(extDir, dir, 'node_modules'))) throw new Error('the .vsix carries node_modules');
  // Built beside the server bundle: the compiled built-ins (start-up reads them instead of the YAML) and the
  // libraries it requires on first use. Without them the server would still start, slower or failing later.
  const serverOut = path.join(extDir, dir, 'server/out');
  const vendor = [...new Set([...fs.readFileSync(path.join(serverOut, 'server.js'), 'utf8').matchAll(/require\("\.\/(vendor\/[\w.-]+\.js)"\)/g)].map((m) => m[1]))];
  const absent = ['builtins.json', 'analysisWorker.js', ...vendor].filter((f) => !fs.existsSync(path.join(serverOut, f)));
  if (absent.length) throw new Error(`the installed extension lacks server/out/${absent.join(', server/out/')}`);
  log(`installed ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // A copy, so nothing touches the example the core tests count.
  fs.cpSync(path.join(repoRoot, 'examples/acme-saas'), workspace, { recursive: true });
  const port = await freePort();
  server = spawn(csBin, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--user-data-dir', userData, '--extensions-dir', extDir, '--config', path.join(tmp, 'config.yaml')],
  { detached: true, stdio: 'ignore' });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);

  browser = await chromium.launch({ executablePath: process.env.SOC2_CHROMIUM ?? '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
  // The "SOC 2" Activity Bar entry exists once the extension is registered; its tree fills once the server answered.
  const container = page.locator('.activitybar .action-item a[aria-label^="SOC 2"]');
  await container.first().waitFor({ state: 'visible', timeout: 90_000 });
  await container.first().click();
  const shot = path.join(os.tmpdir(), 'soc2-vsix-installed.png');
  try {
    // Category rows carry the server's figures ("Security 87.5% · 28/32 covered").
    await page.locator('.monaco-list-row', { hasText: /Security\s*\d+(\.\d+)?% · \d+\/\d+ covered/ }).first().waitFor({ state: 'visible', timeout: 90_000 });
  } finally {
    await page.screenshot({ path: shot });
  }
  log(`extension active: the coverage view shows the server's coverage (${((Date.now() - started) / 1000).toFixed(1)} s in all; ${shot})`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForHttp(url, boundMs) {
  for (const end = Date.now() + boundMs; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    const ok = await new Promise((r) => http.get(url, (res) => { res.resume(); r(res.statusCode === 200); }).on('error', () => r(false)));
    if (ok) return;
  }
  throw new Error(`code-server did not answer ${url}`);
}

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  if (server && server.exitCode === null) {
    const gone = new Promise((r) => server.once('exit', r));
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    const t = setTimeout(() => { try { process.kill(-server.pid, 'SIGKILL'); } catch {} }, 5000);
    await gone;
    clearTimeout(t);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().then(() => cleanup().then(() => process.exit(0)), (e) => {
  log('FAILED:', e?.stack ?? e);
  cleanup().finally(() => process.exit(1));
});
