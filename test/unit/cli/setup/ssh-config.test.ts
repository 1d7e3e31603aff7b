import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostMatches, parseSshConfig, sshSettingsFor } from '../../../../src/cli/setup/ssh-config.ts';

const EXPANSION = { homeDir: '/home/ana', localUser: 'ana' };

const CONFIG = `# personal settings
IdentityFile ~/.ssh/everywhere

Host bastion jump
    HostName 203.0.113.5
    User   jumper

Host web? !web9
  HostName %h.internal.example.com
  Port=2222
  User deploy
  IdentityFile "~/.ssh/my keys/web"

Match host db*
  User matched

Host *.lab 10.0.0.*
  User lab
  Port 22022
  IdentityFile %d/.ssh/lab_%r

Host *
  User fallback
  Port 22
  HostName should-not-win-over-earlier
`;

describe('ssh_config parser', () => {
  const blocks = parseSshConfig(CONFIG);

  it('splits the file into the global part, Host blocks and skipped Match blocks', () => {
    assert.deepEqual(blocks.map((block) => block.patterns), [undefined, ['bastion', 'jump'], ['web?', '!web9'], [], ['*.lab', '10.0.0.*'], ['*']]);
    assert.deepEqual(blocks[2]?.entries.map((entry) => [entry.line, entry.keyword, entry.args]), [
      [9, 'hostname', ['%h.internal.example.com']],
      [10, 'port', ['2222']],
      [11, 'user', ['deploy']],
      [12, 'identityfile', ['~/.ssh/my keys/web']],
    ]);
  });

  it('matches patterns as ssh does: globs, ? for one character, a negation vetoes', () => {
    assert.equal(hostMatches(['web?', '!web9'], 'web1'), true);
    assert.equal(hostMatches(['web?', '!web9'], 'web9'), false);
    assert.equal(hostMatches(['web?', '!web9'], 'web10'), false);
    assert.equal(hostMatches(['*.lab'], 'Node1.LAB'), true, 'host names compare without case');
    assert.equal(hostMatches(['!web9'], 'web1'), false, 'a negation alone matches nothing');
  });

  it('takes the first value of each keyword, collects every IdentityFile, expands ~ and tokens', () => {
    assert.deepEqual(sshSettingsFor(blocks, 'web1', EXPANSION), {
      hostName: 'web1.internal.example.com',
      user: 'deploy',
      port: 2222,
      identityFiles: ['/home/ana/.ssh/everywhere', '/home/ana/.ssh/my keys/web'],
    });
    assert.deepEqual(sshSettingsFor(blocks, 'jump', EXPANSION), { hostName: '203.0.113.5', user: 'jumper', port: 22, identityFiles: ['/home/ana/.ssh/everywhere'] });
    assert.deepEqual(sshSettingsFor(blocks, '10.0.0.7', EXPANSION), {
      hostName: 'should-not-win-over-earlier',
      user: 'lab',
      port: 22022,
      identityFiles: ['/home/ana/.ssh/everywhere', '/home/ana/.ssh/lab_lab'],
    });
  });

  it('ignores Match blocks, which it cannot evaluate', () => {
    assert.equal(sshSettingsFor(blocks, 'db1', EXPANSION).user, 'fallback');
  });

  it('gives nothing but the global key for a host no block names, and copes with an empty file', () => {
    const onlyGlobal = parseSshConfig('IdentityFile /keys/a\nHost x\n  User y\n');
    assert.deepEqual(sshSettingsFor(onlyGlobal, 'other', EXPANSION), { identityFiles: ['/keys/a'] });
    assert.deepEqual(sshSettingsFor(parseSshConfig(''), 'any', EXPANSION), { identityFiles: [] });
  });

  it('drops a port that is not a port', () => {
    const config = parseSshConfig('Host a\n  Port 70000\nHost b\n  Port abc\n');
    assert.equal(sshSettingsFor(config, 'a', EXPANSION).port, undefined);
    assert.equal(sshSettingsFor(config, 'b', EXPANSION).port, undefined);
  });
});
