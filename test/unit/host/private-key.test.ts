import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SshKeyFileError } from '../../../src/errors/ssh-errors.ts';
import { readPrivateKey } from '../../../src/host/private-key.ts';

let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kit-private-key-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', join(dir, 'plain')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'passphrase', '-C', '', '-f', join(dir, 'encrypted')]);
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-C', '', '-f', join(dir, 'rsa-pem')]);
  mkdirSync(join(dir, 'a-directory'));
  writeFileSync(join(dir, 'garbage'), 'not a key\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function failure(keyFile: string): Promise<SshKeyFileError> {
  try {
    await readPrivateKey({ host: 'cp1', keyFile, field: 'hosts[].ssh.keyFile' });
  } catch (error) {
    assert.ok(error instanceof SshKeyFileError);
    return error;
  }
  assert.fail(`${keyFile} was accepted`);
}

describe('readPrivateKey', () => {
  it('returns the content of usable keys, OpenSSH and PEM alike', async () => {
    for (const name of ['plain', 'rsa-pem']) {
      const file = join(dir, name);
      const key = await readPrivateKey({ host: 'cp1', keyFile: file, field: 'hosts[].ssh.keyFile' });
      assert.ok(key.equals(readFileSync(file)));
    }
  });

  it('names the host, the file and the inventory field when the file is missing', async () => {
    const error = await failure(join(dir, 'nope'));
    assert.equal(error.code, 'SSH_AUTH_FAILED');
    assert.match(error.message, /^cp1: the SSH key .*nope \(hosts\[\]\.ssh\.keyFile\) does not exist$/u);
  });

  it('explains an encrypted key without leaking its content', async () => {
    const file = join(dir, 'encrypted');
    const error = await failure(file);
    assert.match(error.message, /passphrase/u);
    const body = readFileSync(file, 'utf8').split('\n')[1] ?? '';
    assert.ok(body.length > 20 && !`${error.message}${error.hint ?? ''}`.includes(body));
  });

  it('refuses a public key, a directory and garbage', async () => {
    assert.match((await failure(join(dir, 'plain.pub'))).message, /public key/u);
    assert.match((await failure(join(dir, 'a-directory'))).message, /directory/u);
    assert.match((await failure(join(dir, 'garbage'))).message, /not a private key/u);
  });
});
