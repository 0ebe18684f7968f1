import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config/config';
import { isInside } from '../core/paths';
import { toPosix } from '../node/nodeWorkspace';
import { CliError } from './errors';

/** The workspace a command runs on. All paths are absolute with forward slashes, as the core expects. */
export interface WorkspaceLocation {
  root: string;
  /** Set when --config names a file other than <root>/soc2-policy.yaml. */
  configFile?: string;
  /** The paths given on the command line; empty means the whole root. */
  paths: string[];
}

/**
 * Finds the workspace root: --config's folder, else the nearest folder holding soc2-policy.yaml above the
 * first path (or the current folder), else the current folder.
 */
export function locateWorkspace(cwd: string, paths: readonly string[], config?: string): WorkspaceLocation {
  const absolute = paths.map((p) => {
    const full = path.resolve(cwd, p);
    if (!existsSync(full)) throw new CliError(`path not found: ${p}`);
    return full;
  });
  if (config !== undefined) {
    const file = path.resolve(cwd, config);
    if (!isFile(file)) throw new CliError(`config file not found: ${config}`);
    return checkInside({ root: toPosix(path.dirname(file)), configFile: toPosix(file), paths: absolute.map(toPosix) }, paths, '--config');
  }
  const start = absolute[0] ?? cwd;
  const found = findConfigFolder(isFile(start) ? path.dirname(start) : start);
  if (found) return checkInside({ root: toPosix(found), paths: absolute.map(toPosix) }, paths, `the ${CONFIG_FILE_NAME} there`);
  // No config: the current folder, unless the paths lie elsewhere; then the folder that holds them all.
  const root = absolute.every((p) => isInside(toPosix(p), toPosix(cwd))) ? cwd : commonFolder(absolute);
  return { root: toPosix(root), paths: absolute.map(toPosix) };
}

function findConfigFolder(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (isFile(path.join(dir, CONFIG_FILE_NAME))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function checkInside(location: WorkspaceLocation, given: readonly string[], setBy: string): WorkspaceLocation {
  location.paths.forEach((p, i) => {
    if (!isInside(p, location.root)) throw new CliError(`${given[i]} is outside the workspace root ${location.root} (set by ${setBy}); check it separately`);
  });
  return location;
}

function commonFolder(paths: readonly string[]): string {
  const folders = paths.map((p) => (isFile(p) ? path.dirname(p) : p));
  return folders.reduce((common, folder) => {
    let dir = common;
    while (!isInside(toPosix(folder), toPosix(dir))) dir = path.dirname(dir);
    return dir;
  });
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
