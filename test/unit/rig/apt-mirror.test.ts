import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseDeb822Sources, parseOneLineSources, pickMirror, readAptMirror } from '../../rig/apt-mirror.ts';

// Mirror names here are placeholders from the reserved example domain.
const DEB822 = `Types: deb
# a comment inside the stanza
URIs: http://mirror.example.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example.org/debian-security
Suites: bookworm-security
Components: main
`;

describe('parseDeb822Sources', () => {
  it('reads every stanza with its suites, components and keyring', () => {
    const entries = parseDeb822Sources(DEB822);
    assert.equal(entries.length, 2);
    assert.deepEqual(entries[0]?.suites, ['bookworm', 'bookworm-updates']);
    assert.equal(entries[0]?.signedBy, '/usr/share/keyrings/debian-archive-keyring.gpg');
  });
});

describe('pickMirror', () => {
  it('picks the source serving the exact suite, not its -security sibling', () => {
    const entries = [...parseDeb822Sources(DEB822).reverse()];
    assert.deepEqual(pickMirror(entries, 'bookworm'), { uri: 'http://mirror.example.org/debian', keyring: '/usr/share/keyrings/debian-archive-keyring.gpg' });
  });

  it('skips disabled and source-only entries', () => {
    const entries = parseDeb822Sources('Types: deb-src\nURIs: http://a.example.org/d\nSuites: bookworm\nComponents: main\n\nEnabled: no\nTypes: deb\nURIs: http://b.example.org/d\nSuites: bookworm\nComponents: main\n');
    assert.equal(pickMirror(entries, 'bookworm'), undefined);
  });

  it('understands one-line sources with options', () => {
    const entries = parseOneLineSources('# old style\ndeb [arch=amd64 signed-by=/k.gpg] http://c.example.org/debian bookworm main contrib\n');
    assert.deepEqual(pickMirror(entries, 'bookworm'), { uri: 'http://c.example.org/debian', keyring: '/k.gpg' });
  });
});

describe('readAptMirror', () => {
  it('reads sources.list.d and fails with the files it looked at when nothing fits', async () => {
    const aptDir = await mkdtemp(path.join(tmpdir(), 'rig-apt-'));
    try {
      await mkdir(path.join(aptDir, 'sources.list.d'));
      await assert.rejects(readAptMirror({ suite: 'bookworm', aptDir }), /no apt source for Debian bookworm/u);
      await writeFile(path.join(aptDir, 'sources.list.d', 'debian.sources'), DEB822);
      assert.equal((await readAptMirror({ suite: 'bookworm', aptDir })).uri, 'http://mirror.example.org/debian');
    } finally {
      await rm(aptDir, { recursive: true, force: true });
    }
  });
});
