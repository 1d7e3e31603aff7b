import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprintOf, hostKeyAlgorithmsFor, keyTypeOf, normaliseFingerprint } from '../../../src/host/host-key.ts';

const TYPES = [
  { flag: ['-t', 'ed25519'], keyType: 'ssh-ed25519' },
  { flag: ['-t', 'ecdsa', '-b', '256'], keyType: 'ecdsa-sha2-nistp256' },
  { flag: ['-t', 'ecdsa', '-b', '384'], keyType: 'ecdsa-sha2-nistp384' },
  { flag: ['-t', 'rsa', '-b', '2048'], keyType: 'ssh-rsa' },
];

describe('host key fingerprints', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kit-host-key-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const { flag, keyType } of TYPES) {
    it(`matches ssh-keygen -lf for a fresh ${keyType} key`, () => {
      const file = join(dir, keyType);
      execFileSync('ssh-keygen', ['-q', ...flag, '-N', '', '-C', 'test', '-f', file]);
      const [type, base64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
      const blob = Buffer.from(base64 ?? '', 'base64');
      // ssh-keygen prints "BITS SHA256:… comment (TYPE)".
      const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1];
      assert.equal(type, keyType);
      assert.equal(keyTypeOf(blob), keyType);
      assert.equal(fingerprintOf(blob), printed);
      assert.match(fingerprintOf(blob), /^SHA256:[A-Za-z0-9+/]{43}$/u);
    });
  }

  it('rejects blobs too short to hold their type name', () => {
    assert.throws(() => keyTypeOf(Buffer.from([0, 0])), TypeError);
    assert.throws(() => keyTypeOf(Buffer.from([0, 0, 0, 9, 65])), TypeError);
  });

  it('normalises pinned fingerprints written with padding or without the prefix', () => {
    assert.equal(normaliseFingerprint(' SHA256:abc= '), 'SHA256:abc');
    assert.equal(normaliseFingerprint('abc'), 'SHA256:abc');
  });

  it('maps RSA keys to the three signature algorithms that show them', () => {
    assert.deepEqual(hostKeyAlgorithmsFor('ssh-rsa'), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    assert.deepEqual(hostKeyAlgorithmsFor('ssh-ed25519'), ['ssh-ed25519']);
  });
});
