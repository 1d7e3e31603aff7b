import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tarBytes } from '../../../src/artifacts/archive-input.ts';
import { readTar, type TarEntry } from '../../../src/artifacts/tar-reader.ts';
import { tarChunks, tarHeader, type TarInput } from '../../../src/artifacts/tar-writer.ts';

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Feeds the archive in awkward 97-byte pieces, as a network stream might. */
async function* pieces(buffer: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < buffer.length; at += 97) yield buffer.subarray(at, at + 97);
}

async function entries(archive: AsyncIterable<Buffer>): Promise<{ entry: TarEntry; content: string }[]> {
  const found: { entry: TarEntry; content: string }[] = [];
  await readTar(archive, async (entry, body) => {
    found.push({ entry, content: (await collect(body)).toString('utf8') });
  });
  return found;
}

let dir: string;
before(async () => { dir = await mkdtemp(path.join(tmpdir(), 'kit-tar-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

describe('tar writer and reader', () => {
  const longName = `${'deep/'.repeat(30)}file.txt`;
  const inputs: TarInput[] = [
    { name: 'manifest.json', mode: 0o644, size: 2, from: { content: Buffer.from('{}') } },
    { name: 'bin/tool', mode: 0o755, size: 1000, from: { content: Buffer.alloc(1000, 7) } },
    { name: longName, mode: 0o600, size: 5, from: { content: Buffer.from('hello') } },
  ];

  it('reads back what it wrote, in any chunking', async () => {
    const archive = await collect(tarChunks(inputs));
    assert.equal(archive.length % 512, 0);
    const found = await entries(pieces(archive));
    assert.deepEqual(found.map(({ entry }) => [entry.name, entry.mode, entry.size, entry.type]), [
      ['manifest.json', 0o644, 2, 'file'], ['bin/tool', 0o755, 1000, 'file'], [longName, 0o600, 5, 'file'],
    ]);
    assert.equal(found[2]?.content, 'hello');
  });

  it('writes archives GNU tar lists and extracts', async () => {
    const file = path.join(dir, 'out.tar');
    await writeFile(file, await collect(tarChunks(inputs)));
    const listed = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    assert.deepEqual(listed, ['manifest.json', 'bin/tool', longName]);
    const out = path.join(dir, 'x');
    await mkdir(out);
    execFileSync('tar', ['-xf', file, '-C', out]);
    assert.equal(await readFile(path.join(out, longName), 'utf8'), 'hello');
  });

  it('reads GNU tar pax archives, ./ prefixes and gzip', async () => {
    const src = path.join(dir, 'src');
    const name = `${'n'.repeat(120)}.bin`;
    await mkdir(src, { recursive: true });
    await writeFile(path.join(src, name), 'pax');
    const file = path.join(dir, 'pax.tgz');
    execFileSync('tar', ['--format=pax', '-czf', file, '-C', src, '.']);
    const found = await entries(await tarBytes(file));
    const entry = found.find((item) => item.entry.name === name);
    assert.equal(entry?.content, 'pax');
    assert.ok(found.every((item) => !item.entry.name.startsWith('./')));
  });

  it('skips whatever a visitor leaves unread', async () => {
    const archive = await collect(tarChunks(inputs));
    const names: string[] = [];
    await readTar(pieces(archive), async (entry) => { names.push(entry.name); });
    assert.equal(names.length, 3);
  });

  it('refuses a truncated archive and a damaged header', async () => {
    const archive = await collect(tarChunks(inputs));
    await assert.rejects(entries(pieces(archive.subarray(0, 512 + 300))), /ends in the middle of a file/);
    const damaged = Buffer.from(archive);
    damaged[10] = 0x41;
    await assert.rejects(entries(pieces(damaged)), /bad checksum/);
  });

  it('fails the stream when a file does not have the size or sha256 it was listed with', async () => {
    await assert.rejects(collect(tarChunks([{ name: 'a', mode: 0o644, size: 3, from: { content: Buffer.from('abcd') } }])), /changed while it was archived/);
    await assert.rejects(collect(tarChunks([{ name: 'a', mode: 0o644, size: 4, sha256: '0'.repeat(64), from: { content: Buffer.from('abcd') } }])), /changed since it was verified/);
  });

  it('recognises gzip by content, not by name', async () => {
    const file = path.join(dir, 'plain-name.tar');
    await writeFile(file, gzipSync(await collect(tarChunks(inputs))));
    assert.equal((await entries(await tarBytes(file))).length, 3);
    assert.equal(tarHeader({ name: 'x', mode: 0o644, size: 0 }, 0).length, 512);
  });
});
