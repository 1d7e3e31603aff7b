import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { HostKeyChangedError, HostKeyUnknownError } from '../../../src/errors/ssh-errors.ts';
import { fingerprintOf } from '../../../src/host/host-key.ts';
import { hostKeyAlgorithms, verifyHostKey, type HostKeyCheck } from '../../../src/host/host-key-verifier.ts';
import type { LogEvent } from '../../../src/workflow/logger.ts';

let dir = '';
let keyA: Buffer = Buffer.alloc(0);
let keyB: Buffer = Buffer.alloc(0);
let keyEcdsa: Buffer = Buffer.alloc(0);
let lineA = '';

function makeKey(name: string, type: string): { blob: Buffer; line: string } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', '', '-f', file]);
  const [kind = '', base64 = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(' ');
  return { blob: Buffer.from(base64, 'base64'), line: `${kind} ${base64}` };
}

function check(overrides: Partial<HostKeyCheck> & { events?: LogEvent[] } = {}): HostKeyCheck {
  const events = overrides.events ?? [];
  return {
    host: 'cp1', endpoint: '198.18.0.2:22', address: '198.18.0.2', port: 22, pinnedField: 'hosts[].ssh.hostKey',
    knownHostsFile: join(dir, 'unset'), acceptNew: false, logger: { log: (event) => events.push(event) },
    ...overrides,
  };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kit-verifier-'));
  const a = makeKey('a', 'ed25519');
  keyA = a.blob;
  lineA = a.line;
  keyB = makeKey('b', 'ed25519').blob;
  keyEcdsa = makeKey('e', 'ecdsa').blob;
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('verifyHostKey with known_hosts', () => {
  it('accepts a recorded key', async () => {
    const file = join(dir, 'known-1');
    writeFileSync(file, `198.18.0.2 ${lineA}\n`);
    assert.equal(await verifyHostKey(check({ knownHostsFile: file }), keyA), undefined);
  });

  it('refuses an unknown key with its fingerprint and writes nothing', async () => {
    const file = join(dir, 'missing-dir', 'known');
    const error = await verifyHostKey(check({ knownHostsFile: file }), keyA);
    assert.ok(error instanceof HostKeyUnknownError);
    assert.equal(error.fingerprint, fingerprintOf(keyA));
    assert.match(error.message, /cp1/u);
    assert.throws(() => statSync(file));
  });

  it('records an unknown key when allowed: a private file in a private directory, and logs it', async () => {
    const file = join(dir, 'new-dir', 'known_hosts');
    const events: LogEvent[] = [];
    assert.equal(await verifyHostKey(check({ knownHostsFile: file, acceptNew: true, port: 2222, events }), keyA), undefined);
    assert.equal(readFileSync(file, 'utf8'), `[198.18.0.2]:2222 ${lineA}\n`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'new-dir')).mode & 0o777, 0o700);
    assert.equal(events.length, 1);
    assert.match(events[0]?.message ?? '', new RegExp(fingerprintOf(keyA).replaceAll('+', '\\+')));
    // Now known: accepted without writing again.
    assert.equal(await verifyHostKey(check({ knownHostsFile: file, port: 2222 }), keyA), undefined);
  });

  it('appends after a last line that lacks its newline, keeping the old entries', async () => {
    const file = join(dir, 'known-no-newline');
    writeFileSync(file, `other.example ${lineA}`);
    await verifyHostKey(check({ knownHostsFile: file, acceptNew: true }), keyB);
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines[0], `other.example ${lineA}`);
    assert.match(lines[1] ?? '', /^198\.18\.0\.2 ssh-ed25519 /u);
  });

  it('records parallel new hosts without losing any', async () => {
    const file = join(dir, 'known-parallel');
    await Promise.all(Array.from({ length: 12 }, (_, index) =>
      verifyHostKey(check({ knownHostsFile: file, acceptNew: true, address: `198.18.0.${index + 10}` }), keyA)));
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 12);
  });

  it('refuses a changed key even when new keys may be accepted, and leaves the file alone', async () => {
    const file = join(dir, 'known-changed');
    writeFileSync(file, `# kit\n198.18.0.2 ${lineA}\n`);
    const error = await verifyHostKey(check({ knownHostsFile: file, acceptNew: true }), keyB);
    assert.ok(error instanceof HostKeyChangedError);
    assert.match(error.message, /^cp1: HOST KEY CHANGED for 198\.18\.0\.2:22/u);
    assert.match(error.message, new RegExp(`${file}:2`, 'u'));
    assert.equal(readFileSync(file, 'utf8'), `# kit\n198.18.0.2 ${lineA}\n`);
  });

  it('prefers the recorded key type in the key exchange', async () => {
    const file = join(dir, 'known-ecdsa');
    writeFileSync(file, `198.18.0.2 ecdsa-sha2-nistp256 ${keyEcdsa.toString('base64')}\n`);
    const algorithms = await hostKeyAlgorithms(check({ knownHostsFile: file }));
    assert.equal(algorithms[0], 'ecdsa-sha2-nistp256');
    assert.ok(algorithms.includes('ssh-ed25519'));
    assert.equal(new Set(algorithms).size, algorithms.length);
  });
});

describe('verifyHostKey with a pinned fingerprint', () => {
  it('accepts the pinned key, with or without base64 padding, without reading known_hosts', async () => {
    const pinned = fingerprintOf(keyA);
    assert.equal(await verifyHostKey(check({ pinned, knownHostsFile: join(dir, 'never') }), keyA), undefined);
    assert.equal(await verifyHostKey(check({ pinned: `${pinned}=` }), keyA), undefined);
  });

  it('refuses any other key as changed, naming the inventory field, even with acceptNew', async () => {
    const error = await verifyHostKey(check({ pinned: fingerprintOf(keyA), acceptNew: true }), keyB);
    assert.ok(error instanceof HostKeyChangedError);
    assert.match(error.message, /hosts\[\]\.ssh\.hostKey/u);
    assert.match(error.message, new RegExp(fingerprintOf(keyB).replaceAll('+', '\\+'), 'u'));
  });
});
