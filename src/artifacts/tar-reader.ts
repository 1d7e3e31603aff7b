import { ByteSource } from './byte-source.ts';

export interface TarEntry {
  /** As stored, without a leading `./`. */
  readonly name: string;
  readonly type: 'file' | 'directory' | 'symlink' | 'other';
  readonly size: number;
  readonly mode: number;
}

/** Reads one entry's content; whatever it leaves unread is skipped. */
export type TarVisitor = (entry: TarEntry, body: AsyncIterable<Buffer>) => Promise<void>;

const BLOCK = 512;

interface LongNames {
  path?: string;
  size?: number;
}

/**
 * A streaming reader for the tar archives kit meets: ustar as GNU tar, Go's archive/tar and
 * kit itself write them, with pax (`x`) and GNU long-name (`L`) headers. Each entry is handed
 * to `visit` with its content as a stream, so a 100 MB member never sits in memory.
 */
export async function readTar(input: AsyncIterable<Buffer>, visit: TarVisitor): Promise<void> {
  const source = new ByteSource(input);
  const pending: LongNames = {};
  for (let index = 0; ; index++) {
    const header = await source.read(BLOCK);
    if (header.length === 0 || isZero(header)) return;
    if (header.length < BLOCK) throw new Error('the archive ends inside a header');
    checkChecksum(header, index);
    const type = String.fromCharCode(header[156] ?? 0);
    const size = pending.size ?? number(header, 124, 12);
    if (type === 'x' || type === 'g' || type === 'L') {
      const body = await source.read(size);
      await source.skip(padding(size));
      if (type === 'x') Object.assign(pending, parsePax(body.toString('utf8')));
      if (type === 'L') pending.path = body.toString('utf8').replace(/\0+$/u, '');
      continue;
    }
    const entry: TarEntry = { name: clean(pending.path ?? headerName(header)), type: entryType(type), size, mode: number(header, 100, 8) };
    delete pending.path;
    delete pending.size;
    const left = { bytes: size };
    await visit(entry, bodyOf(source, left));
    await source.skip(left.bytes + padding(size));
  }
}

/** An iterable over the entry's bytes that counts what it gave out, so the rest can be skipped. */
function bodyOf(source: ByteSource, left: { bytes: number }): AsyncIterable<Buffer> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<Buffer>> => {
        if (left.bytes === 0) return { done: true, value: undefined };
        const piece = await source.take(left.bytes);
        left.bytes -= piece.length;
        return { done: false, value: piece };
      },
    }),
  };
}

function headerName(header: Buffer): string {
  const name = text(header, 0, 100);
  const prefix = header.subarray(257, 262).toString('latin1') === 'ustar' ? text(header, 345, 155) : '';
  return prefix === '' ? name : `${prefix}/${name}`;
}

function clean(name: string): string {
  return name.replace(/^(\.\/)+/u, '').replace(/\/+$/u, '');
}

function entryType(flag: string): TarEntry['type'] {
  if (flag === '0' || flag === '\0' || flag === '7') return 'file';
  if (flag === '5') return 'directory';
  if (flag === '2') return 'symlink';
  return 'other';
}

function parsePax(body: string): LongNames {
  const found: LongNames = {};
  for (const record of body.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/su.exec(record);
    if (match?.[1] === 'path' && match[2] !== undefined) found.path = match[2];
    if (match?.[1] === 'size' && match[2] !== undefined) found.size = Number(match[2]);
  }
  return found;
}

function text(header: Buffer, offset: number, length: number): string {
  const field = header.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** Octal ASCII, or GNU's base-256 for sizes past 8 GiB. */
function number(header: Buffer, offset: number, length: number): number {
  const field = header.subarray(offset, offset + length);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    return [...field.subarray(1)].reduce((value, byte) => value * 256 + byte, (field[0] ?? 0) & 0x7f);
  }
  const digits = field.toString('latin1').replace(/[\0 ]+/gu, '');
  return digits === '' ? 0 : Number.parseInt(digits, 8);
}

function checkChecksum(header: Buffer, index: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  if (sum !== number(header, 148, 8)) throw new Error(`not a tar archive (header ${index} has a bad checksum)`);
}

function isZero(block: Buffer): boolean {
  return block.every((byte) => byte === 0);
}

export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}
