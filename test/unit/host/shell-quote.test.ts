import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { commandLine, quoteArg, quoteArgv } from '../../../src/host/shell-quote.ts';

/** What a real POSIX shell makes of a command line: each argument on its own, NUL-separated. */
function shellSplit(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const AWKWARD = [
  '',
  ' ',
  'two words',
  "it's",
  "''",
  '"double"',
  'a\nb',
  'trailing newline\n',
  '$HOME',
  '${PATH}',
  '`id`',
  '$(id)',
  'semi;colon',
  'pipe|amp&',
  'glob*?[a]',
  '~',
  '~root',
  'back\\slash',
  '#comment',
  '!bang',
  'tab\there',
  '-n',
  '--flag=value',
  'ünïcödé ✓',
];

describe('quoteArg', () => {
  it('leaves plain words readable', () => {
    assert.equal(quoteArg('kubeadm'), 'kubeadm');
    assert.equal(quoteArg('/etc/kubernetes/pki/ca.crt'), '/etc/kubernetes/pki/ca.crt');
    assert.equal(quoteArg('--node-ip=10.0.0.1'), '--node-ip=10.0.0.1');
    assert.equal(quoteArg('user@host:22'), 'user@host:22');
  });

  it('quotes the empty string so it stays an argument', () => {
    assert.equal(quoteArg(''), "''");
  });

  it('closes, escapes and reopens around single quotes', () => {
    assert.equal(quoteArg("it's"), `'it'\\''s'`);
  });

  for (const arg of AWKWARD) {
    it(`survives a real shell unchanged: ${JSON.stringify(arg)}`, () => {
      assert.deepEqual(shellSplit(quoteArg(arg)), [arg]);
    });
  }

  it('keeps every awkward argument apart in one command line', () => {
    assert.deepEqual(shellSplit(AWKWARD.map(quoteArg).join(' ')), AWKWARD);
  });
});

describe('quoteArgv', () => {
  it('rejects an empty argv', () => {
    assert.throws(() => quoteArgv([]), TypeError);
  });

  it('quotes a program name that the shell would read as a keyword or an assignment', () => {
    assert.equal(quoteArgv(['if', 'x']), "'if' x");
    assert.equal(quoteArgv(['A=B', 'x']), "'A=B' x");
    assert.equal(quoteArgv(['echo', 'A=B']), 'echo A=B');
  });

  it('runs argv exactly, with no expansion, through a real shell', () => {
    const argv = ['printf', '%s|', 'a b', '$HOME', "it's", '', '`id`', 'x\ny'];
    const out = execFileSync('/bin/sh', ['-c', quoteArgv(argv)], { encoding: 'utf8' });
    assert.equal(out, "a b|$HOME|it's||`id`|x\ny|");
  });
});

describe('commandLine', () => {
  it('prefixes sudo -n -- only when asked', () => {
    assert.equal(commandLine(['id', '-u'], { sudo: false }), 'id -u');
    assert.equal(commandLine(['id', '-u'], { sudo: true }), 'sudo -n -- id -u');
  });

  it('puts the host-side timeout inside sudo so it can stop root processes', () => {
    assert.equal(commandLine(['sleep', '9'], { sudo: true, timeoutMs: 1500 }), 'sudo -n -- timeout -k 5 1.5 sleep 9');
    assert.equal(commandLine(['if'], { sudo: false, timeoutMs: 120_000 }), 'timeout -k 5 120 if');
  });

  it('yields a command line a shell runs with the timeout in force', () => {
    const started = Date.now();
    let status = 0;
    try {
      execFileSync('/bin/sh', ['-c', commandLine(['sleep', '5'], { sudo: false, timeoutMs: 200 })]);
    } catch (error) {
      status = (error as { status: number }).status;
    }
    assert.equal(status, 124);
    assert.ok(Date.now() - started < 3000);
  });
});
