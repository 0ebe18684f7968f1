/** Known file paths, with each folder above them counted, so "is there such a folder" is a lookup, not a scan. */
export class FileSet implements Iterable<string> {
  private readonly files = new Set<string>();
  private readonly folders = new Map<string, number>();

  has(file: string): boolean {
    return this.files.has(file);
  }

  add(file: string): void {
    if (this.files.has(file)) return;
    this.files.add(file);
    for (const folder of ancestors(file)) this.folders.set(folder, (this.folders.get(folder) ?? 0) + 1);
  }

  delete(file: string): void {
    if (!this.files.delete(file)) return;
    for (const folder of ancestors(file)) {
      const count = (this.folders.get(folder) ?? 1) - 1;
      if (count) this.folders.set(folder, count);
      else this.folders.delete(folder);
    }
  }

  /** A folder holding at least one known file (trailing slash or not). */
  hasFolder(path: string): boolean {
    return this.folders.has(path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.files[Symbol.iterator]();
  }
}

function* ancestors(file: string): Generator<string> {
  for (let slash = file.indexOf('/', 1); slash > 0; slash = file.indexOf('/', slash + 1)) yield file.slice(0, slash);
}
