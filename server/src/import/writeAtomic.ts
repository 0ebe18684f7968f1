import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `text` to `file` via a temporary file in the same folder and a rename, so a crash or a full disk never
 * leaves half a document. Refuses to replace an existing file unless `force`.
 */
export async function writeFileAtomic(file: string, text: string, force: boolean): Promise<'written' | 'exists'> {
  if (!force && (await exists(file))) return 'exists';
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    if (!force) {
      // link() fails if the target appeared meanwhile: never replace a file another process just wrote.
      await fs.link(temporary, file);
      await fs.unlink(temporary);
    } else {
      await fs.rename(temporary, file);
    }
    return 'written';
  } catch (error) {
    await fs.rm(temporary, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}
