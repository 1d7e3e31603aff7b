import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fingerprintOf } from '../../../src/host/host-key.ts';
import {
  entryMatchesHost, formatKnownHostsLine, judgeHostKey, knownHostsName, knownKeyTypes, parseKnownHosts,
} from '../../../src/host/known-hosts.ts';

interface Key {
  readonly type: string;
  readonly base64: string;
  readonly blob: Buffer;
}

let dir = '';
const keys: Record<string, Key> = {};

function makeKey(name: string, flags: string[]): Key {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', ...flags, '-N', '', '-C', '', '-f', file]);
  const [type = '', base64 = ''] = readFileSync(`${file}.pub`, 'utf8').trim().split(' ');
  return { type, base64, blob: Buffer.from(base64, 'base64') };
}

function line(hosts: string, key: Key, extra = ''): string {
  return `${hosts} ${key.type} ${key.base64}${extra}`;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kit-known-hosts-'));
  keys['a'] = makeKey('a', ['-t', 'ed25519']);
  keys['b'] = makeKey('b', ['-t', 'ed25519']);
  keys['ecdsa'] = makeKey('ecdsa', ['-t', 'ecdsa']);
  keys['rsa'] = makeKey('rsa', ['-t', 'rsa', '-b', '2048']);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const k = (name: string): Key => {
  const key = keys[name];
  if (key === undefined) throw new Error(`no key ${name}`);
  return key;
};

describe('knownHostsName', () => {
  it('uses the bare address on port 22 and [address]:port elsewhere', () => {
    assert.equal(knownHostsName('10.0.0.1', 22), '10.0.0.1');
    assert.equal(knownHostsName('10.0.0.1', 2222), '[10.0.0.1]:2222');
  });
});

describe('parseKnownHosts', () => {
  it('reads plain, port-form and commented lines, skipping comments, blanks and junk', () => {
    const text = [
      '# a comment',
      '',
      line('10.0.0.1', k('a'), ' a trailing comment'),
      line('[10.0.0.2]:2222', k('b')),
      '   ',
      'garbage-without-key',
      'host ssh-ed25519 not-base64-of-an-ed25519-key',
      line('10.0.0.3', k('a')).replace('ssh-ed25519', 'ssh-rsa'),
    ].join('\n');
    const entries = parseKnownHosts(text);
    assert.deepEqual(entries.map((entry) => [entry.line, entry.hosts, entry.keyType]), [
      [3, '10.0.0.1', 'ssh-ed25519'],
      [4, '[10.0.0.2]:2222', 'ssh-ed25519'],
    ]);
    assert.ok(entries[0]?.key.equals(k('a').blob));
  });

  it('keeps @revoked lines marked and drops @cert-authority lines', () => {
    const entries = parseKnownHosts([`@revoked ${line('*', k('a'))}`, `@cert-authority ${line('*', k('b'))}`].join('\n'));
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.marker, 'revoked');
  });
});

describe('entryMatchesHost', () => {
  it('matches comma-separated lists, wildcards and negations, case-insensitively', () => {
    assert.ok(entryMatchesHost({ hosts: 'cp1,10.0.0.1' }, '10.0.0.1'));
    assert.ok(entryMatchesHost({ hosts: 'CP1.Example.com' }, 'cp1.example.com'));
    assert.ok(entryMatchesHost({ hosts: '10.0.0.*' }, '10.0.0.7'));
    assert.ok(entryMatchesHost({ hosts: '10.0.0.?' }, '10.0.0.7'));
    assert.ok(!entryMatchesHost({ hosts: '10.0.0.?' }, '10.0.0.17'));
    assert.ok(!entryMatchesHost({ hosts: '10.0.0.*,!10.0.0.7' }, '10.0.0.7'));
    assert.ok(!entryMatchesHost({ hosts: '10.0.0.10' }, '10.0.0.1'));
  });

  it('tells the port form from the bare form', () => {
    assert.ok(entryMatchesHost({ hosts: '[10.0.0.1]:2222' }, '[10.0.0.1]:2222'));
    assert.ok(!entryMatchesHost({ hosts: '[10.0.0.1]:2222' }, '10.0.0.1'));
    assert.ok(!entryMatchesHost({ hosts: '10.0.0.1' }, '[10.0.0.1]:2222'));
    assert.ok(!entryMatchesHost({ hosts: '[10.0.0.1]:2222' }, '[10.0.0.1]:22222'));
  });

  it('matches entries hashed by ssh-keygen -H, in both forms, and nothing else', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `${[line('198.18.0.5', k('a')), line('[198.18.0.6]:2222', k('b'))].join('\n')}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const entries = parseKnownHosts(readFileSync(file, 'utf8'));
    assert.equal(entries.length, 2);
    assert.ok(entries.every((entry) => entry.hosts.startsWith('|1|')));
    const [plain, ported] = entries;
    assert.ok(plain !== undefined && ported !== undefined);
    assert.ok(entryMatchesHost(plain, '198.18.0.5'));
    assert.ok(!entryMatchesHost(plain, '198.18.0.50'));
    assert.ok(entryMatchesHost(ported, '[198.18.0.6]:2222'));
    assert.ok(!entryMatchesHost(ported, '198.18.0.6'));
    assert.equal(judgeHostKey(entries, '198.18.0.5', k('a').blob).kind, 'known');
    assert.equal(judgeHostKey(entries, '198.18.0.5', k('b').blob).kind, 'changed');
  });
});

describe('judgeHostKey', () => {
  it('knows a host by any of its keys, across lines', () => {
    const entries = parseKnownHosts([line('h1', k('ecdsa')), line('h1', k('a')), line('h1', k('rsa'))].join('\n'));
    assert.deepEqual(judgeHostKey(entries, 'h1', k('a').blob), { kind: 'known', line: 2 });
    assert.deepEqual(judgeHostKey(entries, 'h1', k('rsa').blob), { kind: 'known', line: 3 });
    assert.deepEqual(knownKeyTypes(entries, 'h1'), ['ecdsa-sha2-nistp256', 'ssh-ed25519', 'ssh-rsa']);
  });

  it('calls an unlisted host unknown', () => {
    const entries = parseKnownHosts(line('h1', k('a')));
    assert.deepEqual(judgeHostKey(entries, 'h2', k('a').blob), { kind: 'unknown' });
    assert.deepEqual(judgeHostKey([], 'h1', k('a').blob), { kind: 'unknown' });
  });

  it('calls a different key of a recorded type changed, naming the recorded one', () => {
    const entries = parseKnownHosts(['# x', line('h1', k('ecdsa')), line('h1', k('a'))].join('\n'));
    const verdict = judgeHostKey(entries, 'h1', k('b').blob);
    assert.deepEqual(verdict, { kind: 'changed', line: 3, expected: [`ssh-ed25519 ${fingerprintOf(k('a').blob)}`] });
  });

  it('refuses a key of a type the known host never had', () => {
    const entries = parseKnownHosts(line('h1', k('a')));
    assert.equal(judgeHostKey(entries, 'h1', k('ecdsa').blob).kind, 'changed');
  });

  it('refuses a revoked key even when another line trusts it', () => {
    const entries = parseKnownHosts([line('h1', k('a')), `@revoked ${line('*', k('a'))}`].join('\n'));
    assert.deepEqual(judgeHostKey(entries, 'h1', k('a').blob), { kind: 'revoked', line: 2 });
  });

  it('does not let an entry for another port vouch for a host', () => {
    const entries = parseKnownHosts(line('[h1]:2222', k('a')));
    assert.equal(judgeHostKey(entries, 'h1', k('a').blob).kind, 'unknown');
  });
});

describe('formatKnownHostsLine', () => {
  it('writes a line OpenSSH itself finds with ssh-keygen -F', () => {
    const file = join(dir, 'written');
    writeFileSync(file, formatKnownHostsLine('[198.18.0.9]:2222', k('a').blob));
    const found = execFileSync('ssh-keygen', ['-F', '[198.18.0.9]:2222', '-f', file], { encoding: 'utf8' });
    assert.match(found, new RegExp(k('a').base64.replaceAll('+', '\\+')));
    assert.deepEqual(judgeHostKey(parseKnownHosts(readFileSync(file, 'utf8')), '[198.18.0.9]:2222', k('a').blob).kind, 'known');
  });
});
