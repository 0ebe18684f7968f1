import { DEFAULT_SETTINGS, SETTINGS_SECTION, type Soc2PolicySettings } from '../protocol';

/** Reads the raw `soc2Policy` section for a scope (a folder URI), e.g. through `workspace/configuration`. */
export type SettingsReader = (scopeUri: string | undefined) => Promise<unknown>;

/**
 * Client settings per workspace folder. Asked once and cached, because features need them on every keystroke;
 * `invalidate` (on didChangeConfiguration) drops the cache.
 */
export class SettingsCache {
  private readonly pending = new Map<string, Promise<Soc2PolicySettings>>();
  private readonly known = new Map<string, Soc2PolicySettings>();
  /** Settings pushed in didChangeConfiguration, for clients that cannot answer workspace/configuration. */
  private pushed: unknown;

  constructor(private readonly read?: SettingsReader) {}

  async get(scopeUri: string | undefined): Promise<Soc2PolicySettings> {
    const key = scopeUri ?? '';
    let settings = this.pending.get(key);
    if (!settings) {
      settings = this.fetch(scopeUri).then((s) => {
        this.known.set(key, s);
        return s;
      });
      this.pending.set(key, settings);
    }
    return settings;
  }

  /** Synchronous view for timers: the last known settings, else the defaults. */
  peek(scopeUri: string | undefined): Soc2PolicySettings {
    return this.known.get(scopeUri ?? '') ?? this.known.get('') ?? mergeSettings(this.pushed);
  }

  invalidate(pushedSettings?: unknown): void {
    const section = (pushedSettings as Record<string, unknown> | undefined)?.[SETTINGS_SECTION];
    if (section !== undefined) this.pushed = section;
    this.pending.clear();
    this.known.clear();
  }

  private async fetch(scopeUri: string | undefined): Promise<Soc2PolicySettings> {
    if (!this.read) return mergeSettings(this.pushed);
    try {
      return mergeSettings((await this.read(scopeUri)) ?? this.pushed);
    } catch {
      // A client that fails the request still gets a working server.
      return mergeSettings(this.pushed);
    }
  }
}

/** Defaults overlaid with whatever well-typed values the client sent (clients send null, {} or partial objects). */
export function mergeSettings(raw: unknown): Soc2PolicySettings {
  const source = record(raw);
  const diagnostics = record(source.diagnostics);
  const codeLens = record(source.codeLens);
  const hover = record(source.hover);
  const completion = record(source.completion);
  return {
    enable: bool(source.enable, DEFAULT_SETTINGS.enable),
    diagnostics: { debounceMs: count(diagnostics.debounceMs, DEFAULT_SETTINGS.diagnostics.debounceMs) },
    codeLens: { enable: bool(codeLens.enable, DEFAULT_SETTINGS.codeLens.enable) },
    hover: {
      maxPointsOfFocus: count(hover.maxPointsOfFocus, DEFAULT_SETTINGS.hover.maxPointsOfFocus),
      maxDocuments: count(hover.maxDocuments, DEFAULT_SETTINGS.hover.maxDocuments),
    },
    completion: { pointsOfFocus: bool(completion.pointsOfFocus, DEFAULT_SETTINGS.completion.pointsOfFocus) },
  };
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
