import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeHostKeyStatus, hostKeyStatus } from '../../../../src/cli/setup/host-key-status.ts';
import { parseHostList } from '../../../../src/cli/setup/host-list.ts';
import { keyFilesInAgent } from '../../../../src/cli/setup/ssh-defaults.ts';
import { fingerprintOf } from '../../../../src/host/host-key.ts';

/** An ed25519 public key blob: type name, then 32 key bytes, each with a length prefix. */
function blob(fill: number): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const key = Buffer.alloc(32, fill);
  const length = (part: Buffer): Buffer => Buffer.from([0, 0, 0, part.length]);
  return Buffer.concat([length(type), type, length(key), key]);
}

describe('pasted host lists', () => {
  it('take [user@]address[:port] items separated by spaces, commas or semicolons', () => {
    assert.deepEqual(parseHostList(' 198.18.0.11, ops@198.18.0.12:2222;node3.example.com  [fd00::13]:22 fd00::14 '), {
      hosts: [
        { address: '198.18.0.11' },
        { address: '198.18.0.12', user: 'ops', port: 2222 },
        { address: 'node3.example.com' },
        { address: 'fd00::13', port: 22 },
        { address: 'fd00::14' },
      ],
    });
  });

  it('refuse bad items, ports and duplicates, naming the item', () => {
    assert.deepEqual(parseHostList('198.18.0.11 bad_host!'), { problem: 'bad_host!: "bad_host!" is neither an IP address nor a DNS name' });
    assert.deepEqual(parseHostList('198.18.0.11:70000'), { problem: '198.18.0.11:70000: port 70000 is not 1-65535' });
    assert.deepEqual(parseHostList('a@b@198.18.0.11'), { problem: 'a@b@198.18.0.11: "a@b" is not a user name' });
    assert.deepEqual(parseHostList('198.18.0.11 198.18.0.11'), { problem: '198.18.0.11 is listed twice' });
    assert.deepEqual(parseHostList(' , '), { problem: 'no address given' });
  });
});

describe('host key status', () => {
  const key = blob(1);
  const other = blob(2);
  const fingerprint = fingerprintOf(key);
  const line = (name: string, value: Buffer, marker = ''): string => `${marker}${name} ssh-ed25519 ${value.toString('base64')}`;
  const records = (knownHostsText: string, pinned?: string) => ({ address: '198.18.0.11', port: 22, knownHostsFile: '~/.ssh/known_hosts', knownHostsText, ...(pinned === undefined ? {} : { pinned }) });

  it('is unknown without records, and then not trusted by default', () => {
    const status = hostKeyStatus(fingerprint, records(''));
    assert.deepEqual(status, { kind: 'unknown' });
    assert.equal(describeHostKeyStatus(status).trustByDefault, false);
  });

  it('is known when known_hosts lists the same key for the address, with the line', () => {
    const status = hostKeyStatus(fingerprint, records(`# mine\n${line('other.example', other)}\n${line('198.18.0.11', key)}\n`));
    assert.deepEqual(status, { kind: 'known', where: '~/.ssh/known_hosts:3' });
    assert.equal(describeHostKeyStatus(status).trustByDefault, true);
  });

  it('warns when known_hosts expects another key, or the key is revoked; [address]:port names other ports', () => {
    const changed = hostKeyStatus(fingerprint, records(`${line('198.18.0.11', other)}\n`));
    assert.deepEqual(changed, { kind: 'other', where: '~/.ssh/known_hosts:1', expected: [`ssh-ed25519 ${fingerprintOf(other)}`] });
    assert.match(describeHostKeyStatus(changed).note, /^WARNING/u);
    assert.equal(hostKeyStatus(fingerprint, records(line('198.18.0.11', key, '@revoked '))).kind, 'revoked');
    assert.equal(hostKeyStatus(fingerprint, { ...records(line('[198.18.0.11]:2222', other)), port: 2222 }).kind, 'other');
    assert.equal(hostKeyStatus(fingerprint, records(line('[198.18.0.11]:2222', other))).kind, 'unknown');
  });

  it('compares with the --from pin before known_hosts', () => {
    assert.deepEqual(hostKeyStatus(fingerprint, records(line('198.18.0.11', other), `${fingerprint}=`)), { kind: 'pinned', same: true, expected: fingerprint });
    const differs = hostKeyStatus(fingerprint, records('', fingerprintOf(other)));
    assert.deepEqual(differs, { kind: 'pinned', same: false, expected: fingerprintOf(other) });
    assert.equal(describeHostKeyStatus(differs).trustByDefault, false);
  });
});

describe('ssh-agent keys', () => {
  it('are the private files whose .pub the agent lists, in the agent order', () => {
    const agent = `ssh-ed25519 BBBB second\nssh-rsa CCCC not-on-disk\nssh-ed25519 AAAA first\n`;
    const files = [
      { privatePath: '/home/ana/.ssh/id_ed25519', text: 'ssh-ed25519 AAAA ana@laptop\n' },
      { privatePath: '/home/ana/.ssh/work', text: 'ssh-ed25519 BBBB ana@work\n' },
    ];
    assert.deepEqual(keyFilesInAgent(agent, files), ['/home/ana/.ssh/work', '/home/ana/.ssh/id_ed25519']);
    assert.deepEqual(keyFilesInAgent('The agent has no identities.\n', files), []);
  });
});
