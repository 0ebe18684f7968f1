/** The facts of every document of each kind, kept up to date one document at a time. */
export class KindIndex {
  private readonly byKind = new Map<string, Map<string, unknown>>();
  private readonly kindOfFile = new Map<string, string>();

  /** Records a file's kind and facts (`kind` undefined: the file is not of any kind). */
  update(file: string, kind: string | undefined, facts?: unknown): void {
    this.remove(file);
    if (kind === undefined) return;
    (this.byKind.get(kind) ?? this.byKind.set(kind, new Map()).get(kind)!).set(file, facts);
    this.kindOfFile.set(file, kind);
  }

  remove(file: string): void {
    const kind = this.kindOfFile.get(file);
    if (kind === undefined) return;
    this.byKind.get(kind)?.delete(file);
    this.kindOfFile.delete(file);
  }

  kindOf(file: string): string | undefined {
    return this.kindOfFile.get(file);
  }

  /** Facts of every document of a kind, by file. */
  facts<F>(kind: string): ReadonlyMap<string, F> {
    return (this.byKind.get(kind) ?? new Map()) as ReadonlyMap<string, F>;
  }
}
