import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface WrittenFile {
  readonly size: number;
  readonly sha256: string;
}

export interface AtomicWriteOptions {
  readonly mode?: number;
  /** Runs on the finished temp file before the rename; throwing keeps the target untouched. */
  readonly check?: (written: WrittenFile) => void;
  /** Called with each chunk's length as it is written. */
  readonly onBytes?: (bytes: number) => void;
}

/**
 * Writes chunks to a temp file beside `target` (hashing them on the way), flushes it, and
 * renames it into place only when the stream ended cleanly and `check` passed. A dropped
 * download or a wrong sum therefore never leaves a file under the target's name.
 */
export async function writeFileAtomically(target: string, chunks: AsyncIterable<Buffer> | Iterable<Buffer>, options: AtomicWriteOptions = {}): Promise<WrittenFile> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.part-${randomBytes(4).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    try {
      for await (const chunk of chunks) {
        await handle.write(chunk);
        hash.update(chunk);
        size += chunk.length;
        options.onBytes?.(chunk.length);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    const written = { size, sha256: hash.digest('hex') };
    options.check?.(written);
    await rename(temp, target);
    return written;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
