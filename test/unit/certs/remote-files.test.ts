import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseRemoteFiles, readRemoteFiles } from '../../../src/certs/remote-files.ts';
import { LocalHost } from '../preflight/local-host.ts';

describe('readRemoteFiles (one shell round trip)', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kit-remote-files-'));
    await writeFile(path.join(dir, 'a.crt'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    await writeFile(path.join(dir, 'binary'), Buffer.from([0, 1, 2, 255, 10, 64, 64, 107, 105, 116]));
    await writeFile(path.join(dir, 'ca.key'), 'secret');
    await writeFile(path.join(dir, 'empty'), '');
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns every existing file byte for byte, and existence only where asked', async () => {
    const host = new LocalHost('local');
    const file = (name: string): string => path.join(dir, name);
    const read = await readRemoteFiles(host, { contents: [file('a.crt'), file('missing'), file('binary'), file('empty')], exists: [file('ca.key'), file('nokey')] });
    assert.equal(host.stats().roundTrips, 1);
    assert.equal(read.files.get(file('a.crt'))?.toString(), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    assert.deepEqual([...(read.files.get(file('binary')) ?? [])], [0, 1, 2, 255, 10, 64, 64, 107, 105, 116]);
    assert.equal(read.files.get(file('empty'))?.length, 0);
    assert.equal(read.files.has(file('missing')), false);
    assert.equal(read.files.has(file('ca.key')), false, 'an existence-only path is never copied');
    assert.deepEqual([...read.present].sort(), [file('a.crt'), file('binary'), file('ca.key'), file('empty')].sort());
  });

  it('refuses output that does not account for every file (a cut-short answer)', () => {
    assert.throws(() => parseRemoteFiles('@@kit 0 missing\n', { contents: ['/a', '/b'] }), /answered for 1 of 2 files/);
    assert.throws(() => parseRemoteFiles('@@kit 5 missing\n', { contents: ['/a'] }), /file #5/);
  });

  it('does not take content lines for markers', () => {
    const read = parseRemoteFiles(`@@kit 0 file\n${Buffer.from('@@kit 1 missing\n').toString('base64')}\n@@kit 1 missing\n`, { contents: ['/a', '/b'] });
    assert.equal(read.files.get('/a')?.toString(), '@@kit 1 missing\n');
    assert.deepEqual([...read.present], ['/a']);
  });
});
