import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { MANIFEST_FILE, renderBundleManifest } from './bundle-manifest.ts';
import { fileSha256 } from './file-sha256.ts';
import { tarChunks, type TarInput } from './tar-writer.ts';
import type { VerifiedBundle } from './verified-bundle.ts';

export interface WrittenBundle {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * Writes a verified bundle as one archive (`kit artifacts bundle -o FILE`): manifest.json
 * first, then every file at its manifest path, gzipped when FILE ends in .gz or .tgz. The
 * same files give the same bytes (fixed owners and times). Written beside FILE, then renamed.
 */
export async function writeBundleArchive(bundle: VerifiedBundle, output: string, options: { readonly signal?: AbortSignal } = {}): Promise<WrittenBundle> {
  const manifest = Buffer.from(renderBundleManifest(bundle.manifest));
  const inputs: TarInput[] = [
    { name: MANIFEST_FILE, mode: 0o644, size: manifest.length, from: { content: manifest } },
    ...bundle.files.map((file) => ({ name: file.path, mode: file.mode, size: file.size, sha256: file.sha256, from: { path: file.localPath } })),
  ];
  const gzip = /\.(tgz|gz)$/u.test(output);
  const temp = path.join(path.dirname(output), `.${path.basename(output)}.part-${randomBytes(4).toString('hex')}`);
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  try {
    const source = Readable.from(tarChunks(inputs));
    const sink = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    await (gzip ? pipeline(source, createGzip({ level: 6 }), sink, signal) : pipeline(source, sink, signal));
    await rename(temp, output);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { path: output, size: (await stat(output)).size, sha256: await fileSha256(output) };
}
