import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';

/** A .tar or .tar.gz file as a stream of tar bytes: gzip is recognised by its magic bytes, not the name. */
export async function tarBytes(file: string, signal?: AbortSignal): Promise<AsyncIterable<Buffer>> {
  const handle = await open(file, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file, signal === undefined ? {} : { signal });
  return magic[0] === 0x1f && magic[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
}
