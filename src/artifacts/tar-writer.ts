import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { padding } from './tar-reader.ts';

/** One file to put in an archive: its name inside, mode, and either a local file or bytes. */
export interface TarInput {
  readonly name: string;
  readonly mode: number;
  readonly size: number;
  readonly from: { readonly path: string } | { readonly content: Buffer };
  /** When given, the bytes read must hash to this, or the stream fails. */
  readonly sha256?: string;
}

const BLOCK = 512;

/**
 * The archive as a stream of chunks: ustar headers with owner root:root and a fixed mtime, so
 * the same files always make the same bytes (and a bundle's tarball hash means something).
 * A file whose size changed since `size` was taken fails the stream rather than corrupt it.
 */
export async function* tarChunks(inputs: readonly TarInput[], options: { readonly mtime?: number } = {}): AsyncGenerator<Buffer> {
  for (const input of inputs) {
    yield tarHeader(input, options.mtime ?? 0);
    let written = 0;
    const hash = createHash('sha256');
    const chunks = 'content' in input.from ? [input.from.content] : createReadStream(input.from.path);
    for await (const chunk of chunks) {
      const piece = chunk as Buffer;
      written += piece.length;
      if (written > input.size) break;
      hash.update(piece);
      yield piece;
    }
    if (written !== input.size) throw new Error(`${input.name} changed while it was archived (${written} bytes instead of ${input.size})`);
    if (input.sha256 !== undefined && hash.digest('hex') !== input.sha256) throw new Error(`${input.name} changed since it was verified`);
    yield Buffer.alloc(padding(input.size));
  }
  yield Buffer.alloc(BLOCK * 2);
}

export function tarHeader(input: Pick<TarInput, 'name' | 'mode' | 'size'>, mtime: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  const [prefix, name] = splitName(input.name);
  header.write(name, 0, 100, 'utf8');
  octal(header, 100, 8, input.mode & 0o7777);
  octal(header, 108, 8, 0);
  octal(header, 116, 8, 0);
  octal(header, 124, 12, input.size);
  octal(header, 136, 12, mtime);
  header.write('0', 156, 'latin1');
  header.write('ustar\0', 257, 'latin1');
  header.write('00', 263, 'latin1');
  header.write('root', 265, 32, 'latin1');
  header.write('root', 297, 32, 'latin1');
  header.write(prefix, 345, 155, 'utf8');
  header.fill(0x20, 148, 156);
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

/** ustar keeps names up to 100 bytes, or 155 + 100 split at a `/`. */
function splitName(name: string): [string, string] {
  if (Buffer.byteLength(name) <= 100) return ['', name];
  for (let at = name.indexOf('/'); at !== -1; at = name.indexOf('/', at + 1)) {
    const prefix = name.slice(0, at);
    const rest = name.slice(at + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return [prefix, rest];
  }
  throw new Error(`"${name}" is too long for a tar header`);
}

function octal(header: Buffer, offset: number, length: number, value: number): void {
  const digits = value.toString(8);
  if (digits.length > length - 1) throw new Error(`${value} does not fit a ${length}-byte tar field`);
  header.write(`${digits.padStart(length - 1, '0')}\0`, offset, 'latin1');
}
