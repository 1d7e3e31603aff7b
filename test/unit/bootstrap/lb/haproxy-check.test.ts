import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHaproxy, HaproxyUnusableError } from '../../../../src/bootstrap/lb/haproxy-check.ts';
import { exit, FakeNode } from '../fake-node.ts';

// ldd of Debian bookworm's haproxy 2.6 on a debootstrap minbase host.
const LDD = `\tlinux-vdso.so.1 (0x00007ffd)
\tlibcrypt.so.1 => /lib/x86_64-linux-gnu/libcrypt.so.1 (0x00007f)
\tliblua5.3.so.0 => not found
\tlibopentracing-c-wrapper.so.0 => not found
\tlibssl.so.3 => /lib/x86_64-linux-gnu/libssl.so.3 (0x00007f)
`;

function hostAnswering(version: ReturnType<typeof exit>, ldd = exit(0, LDD)): FakeNode {
  const host = new FakeNode('w1', '198.18.0.21');
  host.handlers.push((argv) => (argv[1] === '-v' ? version : argv[0] === 'ldd' ? ldd : undefined));
  return host;
}

describe('checkHaproxy', () => {
  it('returns the version line of a runnable haproxy', async () => {
    const host = hostAnswering(exit(0, 'HAProxy version 2.6.12-1+deb12u4 2025/06/05 - https://haproxy.org/\nStatus: long-term supported branch\n'));
    assert.equal(await checkHaproxy(host, '/usr/sbin/haproxy'), 'HAProxy version 2.6.12-1+deb12u4 2025/06/05 - https://haproxy.org/');
  });

  it('names every missing library and the packages that bring them', async () => {
    const host = hostAnswering(exit(127, '', '/usr/sbin/haproxy: error while loading shared libraries: liblua5.3.so.0: cannot open shared object file'));
    const error = await checkHaproxy(host, '/usr/sbin/haproxy').catch((caught: unknown) => caught);
    assert.ok(error instanceof HaproxyUnusableError);
    assert.deepEqual(error.missingLibraries, ['liblua5.3.so.0', 'libopentracing-c-wrapper.so.0']);
    assert.match(error.message, /^w1: the node-local API load balancer cannot run/u);
    assert.match(error.hint ?? '', /apt-get install liblua5\.3-0 libopentracing-c-wrapper0/u);
  });

  it('says so when the binary is not there at all', async () => {
    const host = hostAnswering(exit(127, '', 'sh: 1: /usr/sbin/haproxy: not found'), exit(1, '', 'ldd: /usr/sbin/haproxy: No such file or directory'));
    const error = await checkHaproxy(host, '/usr/sbin/haproxy').catch((caught: unknown) => caught);
    assert.ok(error instanceof HaproxyUnusableError);
    assert.match(error.message, /exited 127: sh: 1: \/usr\/sbin\/haproxy: not found/u);
    assert.match(error.hint ?? '', /apt-get install haproxy/u);
  });
});
