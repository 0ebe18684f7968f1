import { isMap, isSeq } from 'yaml';
import { parseYaml, spanForPath, type YamlSource } from '../yaml/yamlSource';
import { parseCycle } from '../dates';
import type { Span } from '../types';
import type { RiskLevel, RiskMatrix, ScaleStep } from './riskMatrix';
import type { Finding } from '../types';
import type { PolicyConfig } from '../config/config';
import { LineIndex } from '../text/lineIndex';
import { decodeUtf8, stripBom } from '../text/decode';
import { isInside, joinPath } from '../paths';

export interface MatrixLoadResult {
  matrix?: RiskMatrix;
  problems: { span: Span; message: string }[];
}

/**
 * Reads `risk-matrix.yaml`:
 *   likelihood: [names, lowest first]     impact: [names, lowest first]
 *   levels: [{id, name, color, review}]    grid: rows per likelihood, lowest first, of level ids per impact
 * Any problem rejects the whole matrix (a half-read matrix would rate risks wrongly); the default then applies.
 */
export function loadRiskMatrix(text: string, source: string): MatrixLoadResult {
  const yaml = parseYaml(text);
  if (yaml.errors.length) return { problems: yaml.errors.map((e) => ({ span: e.span, message: `YAML error in ${source}: ${e.message}` })) };
  const problems: MatrixLoadResult['problems'] = [];
  const fail = (path: (string | number)[], message: string) => problems.push({ span: spanForPath(yaml, path), message });
  const data = (yaml.data ?? {}) as Record<string, unknown>;
  const likelihood = steps(yaml, data.likelihood, 'likelihood', fail);
  const impact = steps(yaml, data.impact, 'impact', fail);
  const levels: RiskLevel[] = [];
  if (!Array.isArray(data.levels) || !data.levels.length) fail(['levels'], 'levels must be a list of {id, name, color, review}, lowest first.');
  else {
    data.levels.forEach((raw, index) => {
      const entry = (raw ?? {}) as Record<string, unknown>;
      const review = parseCycle(entry.review);
      if (typeof entry.id !== 'string' || !entry.id) return fail(['levels', index], 'Each level needs an id.');
      if (!review) return fail(['levels', index, 'review'], `Level "${entry.id}" needs a review interval like "6 months".`);
      const color = typeof entry.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(entry.color) ? entry.color : '#888888';
      levels.push({ id: entry.id, name: typeof entry.name === 'string' ? entry.name : entry.id, color, review: String(entry.review), reviewCycle: review });
    });
  }
  const grid: number[][] = [];
  if (!Array.isArray(data.grid) || data.grid.length !== likelihood.length) fail(['grid'], `grid must have one row per likelihood step (${likelihood.length}).`);
  else {
    data.grid.forEach((row, r) => {
      if (!Array.isArray(row) || row.length !== impact.length) return fail(['grid', r], `Row ${r + 1} must have one level per impact step (${impact.length}).`);
      grid.push(
        row.map((id, c) => {
          const rank = levels.findIndex((l) => l.id === id);
          if (rank < 0) fail(['grid', r, c], `"${String(id)}" is not one of the levels (${levels.map((l) => l.id).join(', ')}).`);
          return Math.max(rank, 0);
        }),
      );
    });
  }
  if (problems.length) return { problems };
  return { matrix: { likelihood, impact, levels, grid, source }, problems };
}

function steps(yaml: YamlSource, value: unknown, key: string, fail: (path: (string | number)[], message: string) => void): ScaleStep[] {
  const node = yaml.doc.contents;
  if (!isMap(node) || !Array.isArray(value) || !value.length || value.some((v) => typeof v !== 'string')) {
    fail([key], `${key} must be a list of step names, lowest first.`);
    return [];
  }
  return isSeq(node.get(key, true)) ? value.map((name, i) => ({ value: i + 1, name: name as string })) : [];
}

/**
 * The matrix the config names (risk-matrix.yaml by default), read through the injected file access. A missing
 * default file is fine (the built-in matrix applies); a missing named file or a broken one is a config-invalid finding.
 */
export async function readRiskMatrix(config: PolicyConfig, readFile: (path: string) => Promise<Uint8Array | undefined>): Promise<{ config: PolicyConfig; findings: Finding[] }> {
  const file = joinPath(config.root, config.risks.matrixFile);
  if (!isInside(file, config.root)) return { config, findings: [] };
  const bytes = await readFile(file);
  const text = bytes ? decodeUtf8(bytes) : undefined;
  if (text === undefined) {
    if (!config.risks.declared || config.risks.matrixFile === 'risk-matrix.yaml' || !config.file) return { config, findings: [] };
    const message = `Risk matrix "${config.risks.matrixFile}" was not found or is not UTF-8 text; the built-in 5×5 matrix applies.`;
    return { config, findings: [{ file: config.file, code: 'config-invalid', severity: 'error', message, span: { start: 0, end: 0 }, range: new LineIndex('').rangeOf({ start: 0, end: 0 }) }] };
  }
  const clean = stripBom(text);
  const loaded = loadRiskMatrix(clean, config.risks.matrixFile);
  const lines = new LineIndex(clean);
  const findings: Finding[] = loaded.problems.map((p) => ({ file, code: 'config-invalid', severity: 'error', message: `${p.message} The built-in matrix applies until this is fixed.`, span: p.span, range: lines.rangeOf(p.span) }));
  return { config: loaded.matrix ? { ...config, risks: { ...config.risks, matrix: loaded.matrix } } : config, findings };
}
