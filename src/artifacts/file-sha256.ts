import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 of a local file, streamed (binaries run to 100 MB and more). */
export async function fileSha256(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, signal === undefined ? {} : { signal });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
