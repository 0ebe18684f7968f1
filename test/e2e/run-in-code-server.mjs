#!/usr/bin/env node
// Run the e2e suite (an extension test entry exporting `run()`) inside real VS Code 1.100.3 served
// by code-server and driven by headless Chromium. Why: CI machines here cannot download desktop
// VS Code (what @vscode/test-electron needs); code-server comes from npm and ships the same
// workbench and Node extension host. Install it first with scripts/install-code-server.sh.
//
//   node test/e2e/run-in-code-server.mjs [--extension-development-path DIR] [--extension-tests-path FILE]
//        [--workspace DIR] [--screenshots DIR] [--timeout-ms N] [--code-server BIN]
//   env: SOC2_E2E_EXTENSION_PATH (default: repo root)   SOC2_E2E_TESTS_PATH (default: test/e2e/out/index.js)
//        SOC2_E2E_WORKSPACE (default: examples/acme-saas) SOC2_E2E_SCREENSHOTS (default: docs/screenshots)
//        SOC2_E2E_TIMEOUT_MS (default 600000)  SOC2_CODE_SERVER_BIN / SOC2_CODE_SERVER_DIR (installer's dir)
//        SOC2_E2E_VERBOSE=1 (also print code-server output and all workbench log lines)
//        SOC2_E2E_SCENARIOS=acme-saas,new-user,restricted,acme-type2 (default: all; see scenarios.mjs)
//   SCENARIOS. The same bundled suite runs once per scenario, each in a fresh code-server: the workspace
//   above (acme-saas), an empty folder (new-user), and an untrusted copy of test/e2e/fixtures/restricted
//   (restricted: without --disable-workspace-trust, so VS Code runs it in Restricted Mode), and a copy of
//   examples/acme-type2 (acme-type2: the suite records evidence in it). The extension
//   host gets the scenario's name as process.env.SOC2_E2E_SCENARIO and runs only that scenario's tests.
//   Defaults are relative to the extension root; paths given explicitly are relative to the cwd.
//   Exit code: the suite's (0 = passed); 1 on timeout or launcher error.
//
// PAGE BRIDGE. The suite runs in the extension host (a Node process), not in the page, so it cannot
// call Playwright. Its console output, though, reaches the page's `codeAutomationLog` hook, which
// this launcher exposes. So the suite *asks* by logging one line, and the launcher *answers* by
// writing a JSON file into a fresh control dir whose path the extension host gets in its env:
//   process.env.SOC2_E2E_CONTROL_DIR   set only under this launcher (absent under run-in-electron:
//                                      skip page-level checks there)
//   console.log('SOC2_SCREENSHOT <name>')       name: [A-Za-z0-9._-]+
//       -> full-page PNG at <screenshots>/<name>.png, then <control>/screenshot-<name>.json
//   console.log('SOC2_PAGE_ACTION ' + JSON.stringify({ id, action, selector, frames, key, name, timeoutMs }))
//       -> <control>/<id>.json  = { ok: true, value } | { ok: false, error }
//       action: click | waitFor (visible) | count | text (innerText) | press (keyboard key) |
//               type (keyboard text: `text`) | hover | inViewport (whole element visible without scrolling) |
//               screenshot (of the element, to <screenshots>/<name>.png)
//       frames: optional list of iframe selectors to descend, e.g. webviews:
//               ["iframe.webview.ready", "iframe#active-frame"]
// The suite polls for the answer file (with a bound). Result files are written atomically
// (tmp + rename), so existence means complete. Requests are handled one at a time, in order.
// Use a fresh id/name per request (or delete the old answer file before asking again).
// Suite-side helper, in short:
//   async function page(req) { const f = path.join(process.env.SOC2_E2E_CONTROL_DIR, req.id + '.json');
//     console.log('SOC2_PAGE_ACTION ' + JSON.stringify(req));
//     for (const end = Date.now() + 30000; Date.now() < end; await new Promise(r => setTimeout(r, 100)))
//       if (fs.existsSync(f)) return JSON.parse(fs.readFileSync(f, 'utf8'));
//     throw new Error('no answer to ' + req.id); }
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { scenarios } from './scenarios.mjs';

const log = (...a) => console.log('[run-in-code-server]', ...a);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opt } = parseArgs({
  options: {
    'extension-development-path': { type: 'string' }, 'extension-tests-path': { type: 'string' },
    workspace: { type: 'string' }, screenshots: { type: 'string' },
    'timeout-ms': { type: 'string' }, 'code-server': { type: 'string' },
  },
});
// Explicit paths are taken from the cwd; defaults from the extension root.
const pick = (flag, env, def, base) => (opt[flag] ?? process.env[env]) ? path.resolve(opt[flag] ?? process.env[env]) : path.resolve(base, def);
const extPath = pick('extension-development-path', 'SOC2_E2E_EXTENSION_PATH', '.', repoRoot);
const testsPath = pick('extension-tests-path', 'SOC2_E2E_TESTS_PATH', 'test/e2e/out/index.js', extPath);
const workspace = pick('workspace', 'SOC2_E2E_WORKSPACE', 'examples/acme-saas', extPath);
const shotsDir = pick('screenshots', 'SOC2_E2E_SCREENSHOTS', 'docs/screenshots', extPath);
const timeoutMs = Number(opt['timeout-ms'] ?? process.env.SOC2_E2E_TIMEOUT_MS ?? 600_000);
const verbose = !!process.env.SOC2_E2E_VERBOSE;
const csDir = process.env.SOC2_CODE_SERVER_DIR ?? path.join(os.homedir(), '.cache/soc2-policy-studio/code-server-4.100.3');
const csBin = opt['code-server'] ?? process.env.SOC2_CODE_SERVER_BIN ?? path.join(csDir, 'node_modules/.bin/code-server');

let server, browser, tmpRoot, exiting = false;
// Workbench log lines that are expected here (no network, no vsda) and say nothing about the suite.
const WORKBENCH_NOISE = /open-vsx\.org|vsda|marketplace|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|^\[Service Worker\]|^ChatSessionStore|^\[driver\]|^DialogService: refused to show dialog in tests/;
const serverTail = []; // last lines of code-server output, shown if it fails to start

async function main() {
  for (const [what, p] of [['extension', path.join(extPath, 'package.json')], ['tests entry', testsPath], ['workspace', workspace]])
    if (!fs.existsSync(p)) throw new Error(`${what} not found: ${p}`);
  if (!fs.existsSync(csBin)) throw new Error(`code-server not found at ${csBin}; run scripts/install-code-server.sh`);
  fs.mkdirSync(shotsDir, { recursive: true });
  tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'soc2-e2e-'));
  browser = await chromium.launch({ executablePath: process.env.SOC2_CHROMIUM ?? '/usr/bin/chromium', headless: true,
    // Playwright's own signal handlers exit(130) before our cleanup could stop code-server.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    // No sandbox (root, containers), no GPU (headless server), no calls home (no network here).
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'] });
  // The same suite, once per scenario (folder and trust), each in a fresh code-server; the first failure decides.
  let result = 0;
  for (const scenario of scenarios({ workspace, extPath, tmpRoot })) {
    const code = await runScenario(scenario);
    if (result === 0) result = code;
  }
  return result;
}

async function runScenario({ name, folder, restricted }) {
  // Fresh state every run: no leftover settings, extensions, or answers from an earlier run.
  const [userData, extDir, controlDir] = ['user-data', 'extensions', 'control'].map((d) => path.join(tmpRoot, name, d));
  [userData, extDir, controlDir].forEach((d) => fs.mkdirSync(d, { recursive: true }));
  serverTail.length = 0;

  const port = await freePort();
  log(`scenario ${name}: code-server ${csBin} on 127.0.0.1:${port}${restricted ? ' (workspace trust on: Restricted Mode)' : ''}`);
  // detached: own process group, so cleanup can stop code-server AND its extension host children.
  server = spawn(csBin, ['--config', path.join(tmpRoot, name, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', ...(restricted ? [] : ['--disable-workspace-trust']), '--user-data-dir', userData, '--extensions-dir', extDir],
  { detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    // The extension host inherits the server's env: that is how the suite learns the control dir and scenario.
    env: { ...process.env, SOC2_E2E_RUNNER: 'code-server', SOC2_E2E_CONTROL_DIR: controlDir, SOC2_E2E_SCREENSHOTS: shotsDir, SOC2_E2E_SCENARIO: name } });
  for (const s of [server.stdout, server.stderr]) s.on('data', (b) => {
    for (const line of b.toString().split('\n').filter(Boolean)) {
      serverTail.push(line); if (serverTail.length > 40) serverTail.shift();
      if (verbose) console.log('[code-server]', line);
    }
  });
  const serverExited = new Promise((r) => server.once('exit', (code, sig) => r(`code-server exited (${code ?? sig})`)));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, serverExited);

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    return await runSuite(page, port, folder, controlDir, serverExited);
  } finally {
    await page.close().catch(() => {});
    await stopServer();
  }
}

async function runSuite(page, port, folder, controlDir, serverExited) {
  if (verbose) page.on('pageerror', (e) => console.log('[page error]', e.message));
  let resolveExit;
  const exited = new Promise((r) => { resolveExit = r; });
  let queue = Promise.resolve();
  const enqueue = (fn) => { queue = queue.then(fn).catch((e) => log('bridge:', e.message)); };

  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = argsText(message);
    let m;
    if ((m = /SOC2_SCREENSHOT ([A-Za-z0-9._-]+)/.exec(text))) {
      const name = m[1];
      enqueue(async () => {
        const file = path.join(shotsDir, `${name}.png`);
        await page.screenshot({ path: file + '.tmp.png' }); fs.renameSync(file + '.tmp.png', file);
        writeAnswer(controlDir, `screenshot-${name}`, { ok: true, value: file });
        log(`screenshot ${file}`);
      });
    } else if ((m = /SOC2_PAGE_ACTION (\{.*\})/.exec(text))) {
      let req; try { req = JSON.parse(m[1]); } catch { return log('bad SOC2_PAGE_ACTION json:', m[1]); }
      enqueue(async () => {
        let answer;
        try { answer = { ok: true, value: await pageAction(page, req) }; } catch (e) { answer = { ok: false, error: String(e?.message ?? e) }; }
        writeAnswer(controlDir, req.id, answer);
        log(`page action ${req.id} ${req.action} ${req.selector ?? req.key ?? ''} -> ${answer.ok ? 'ok' : answer.error.split('\n')[0]}`);
      });
    }
    // In test mode the workbench feeds the extension host's console into its own logger, so the
    // suite's lines and the workbench's chatter share this hook with no tag: drop known chatter.
    // Unprefixed, as test-electron prints them, so a suite's closing line ("N passed, N failed") stays whole.
    if (verbose || !WORKBENCH_NOISE.test(text)) (level === 'error' ? console.error : console.log)(text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));

  // The workbench runs extensionTestsPath when given this payload; paths go through the remote
  // (vscode-remote://host:port/...) because the extension host lives on the code-server side.
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extPath)], ['extensionTestsPath', remote(testsPath)], ['skipWelcome', 'true']];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`open ${folder}; tests ${testsPath}; timeout ${timeoutMs} ms`);
  const started = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  let timer;
  const timedOut = new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); });
  const outcome = await Promise.race([exited, timedOut, serverExited]);
  clearTimeout(timer);
  await queue; // finish screenshot/page requests already in flight
  const final = process.env.SOC2_E2E_FINAL_SCREENSHOT ?? path.join(os.tmpdir(), 'soc2-e2e-final.png');
  await page.screenshot({ path: final }).catch(() => {});
  if (typeof outcome !== 'number') {
    log(`FAILED: ${outcome === 'timeout' ? `no result after ${timeoutMs} ms` : outcome}; last page state: ${final}`);
    return 1;
  }
  log(`suite exited with code ${outcome} after ${((Date.now() - started) / 1000).toFixed(1)} s; last page state: ${final}`);
  return outcome;
}

// One Playwright action, optionally inside nested iframes (webviews are two iframes deep).
async function pageAction(page, { action, selector, frames = [], key, text, name, timeoutMs = 10_000 }) {
  let root = page;
  for (const f of frames) root = root.frameLocator(f);
  const loc = selector ? root.locator(selector) : undefined;
  const need = () => { if (!loc) throw new Error(`${action} needs a selector`); return loc; };
  switch (action) {
    case 'click': await need().first().click({ timeout: timeoutMs }); return true;
    case 'waitFor': await need().first().waitFor({ state: 'visible', timeout: timeoutMs }); return true;
    case 'count': return await need().count();
    case 'text': return await need().first().innerText({ timeout: timeoutMs });
    case 'press': await page.keyboard.press(key); return true;
    case 'type': await page.keyboard.type(String(text ?? '')); return true;
    case 'hover': await need().first().hover({ timeout: timeoutMs }); return true;
    case 'inViewport': return await need().first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= 0 && r.bottom <= (el.ownerDocument.defaultView?.innerHeight ?? 0);
    });
    case 'screenshot': {
      if (!/^[A-Za-z0-9._-]+$/.test(name ?? '')) throw new Error('screenshot needs name [A-Za-z0-9._-]+');
      const file = path.join(shotsDir, `${name}.png`);
      await need().first().screenshot({ path: file + '.tmp.png', timeout: timeoutMs }); fs.renameSync(file + '.tmp.png', file);
      return file;
    }
    default: throw new Error(`unknown action ${action}`);
  }
}

// Messages arrive as a JSON array of the console.log arguments: print them like console.log would.
function argsText(message) {
  let args = message;
  if (typeof message === 'string') { try { args = JSON.parse(message); } catch { return message; } }
  return Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
}

function writeAnswer(dir, id, answer) {
  const file = path.join(dir, `${id}.json`);
  fs.writeFileSync(file + '.tmp', JSON.stringify(answer)); fs.renameSync(file + '.tmp', file);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Poll until code-server answers (its startup time varies a lot), failing fast if it died.
async function waitForHttp(url, boundMs, died) {
  let dead; died.then((why) => { dead = why; });
  for (const end = Date.now() + boundMs; Date.now() < end;) {
    if (dead) break;
    const ok = await new Promise((r) => http.get(url, (res) => { res.resume(); r(res.statusCode === 200); }).on('error', () => r(false)));
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${dead ?? `code-server did not answer ${url} within ${boundMs} ms`}\n${serverTail.join('\n')}`);
}

async function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    const gone = new Promise((r) => server.once('exit', r));
    try { process.kill(-server.pid, 'SIGTERM'); } catch {}
    const t = setTimeout(() => { try { process.kill(-server.pid, 'SIGKILL'); } catch {} }, 5000);
    await gone; clearTimeout(t);
  }
}

async function cleanup() {
  if (browser) await browser.close().catch(() => {});
  await stopServer();
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
}

async function finish(code) {
  if (exiting) return; exiting = true;
  await cleanup().catch((e) => log('cleanup:', e.message));
  process.exit(code);
}
process.on('SIGINT', () => finish(130));
process.on('SIGTERM', () => finish(143));
process.on('SIGHUP', () => finish(129));
main().then(finish, (e) => { log('ERROR:', e?.stack ?? e); finish(1); });
