import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'server/out/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Bundles the CLI as users get it (server/out/cli.js), so the tests exercise the shipped artefact.
 * Skipped when the bundle is newer than every source, so the suites share one build per run.
 */
export function buildCli(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs > newestSource()) return;
  const result = spawnSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`build failed:\n${result.stdout}\n${result.stderr}`);
}

function newestSource(): number {
  const files = [path.join(REPO, 'package.json'), path.join(REPO, 'scripts/build.mjs')];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(path.join(REPO, 'server/src'));
  // The build also compiles the built-in catalog and schemas (scripts/compile-catalog.mjs).
  walk(path.join(REPO, 'controls-catalog'));
  files.push(path.join(REPO, 'scripts/compile-catalog.mjs'), path.join(REPO, 'scripts/vendor-bundles.mjs'));
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

/** Runs the bundled CLI as a child process. Colour variables are cleared so output is plain unless a test asks. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): CliResult {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, SOC2_POLICY_DEBUG: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A scratch folder, removed by the returned function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'soc2-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies a fixture folder (relative to the repo) into `dir/name`, so tests can change it freely. */
export function copyFixture(from: string, dir: string, name = path.basename(from)): string {
  const target = path.join(dir, name);
  cpSync(path.join(REPO, from), target, { recursive: true });
  return target;
}

/** Writes files given as relative path -> text under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): string {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A policy with every required section and a mapped, addressed criterion: no findings without a config. */
export const CLEAN_POLICY = `---
title: Access Control Policy
owner: Head of Security
type: policy
status: approved
effective: 2026-01-15
last_reviewed: 2026-06-01
controls: [CC6.1]
---

# Access Control Policy

## Purpose

Access to systems is limited to the people who need it.

## Scope

All production systems and the tools that reach them.

## Roles and Responsibilities

The Head of Security owns this policy; system owners approve access.

## Policy
<!-- controls: CC6.1 -->

Access is granted on least privilege and removed when no longer needed.

## Exceptions

Exceptions are approved by the Head of Security and recorded.

## Enforcement

Breaches are handled through the disciplinary process.

## Review

This policy is reviewed every year.
`;
