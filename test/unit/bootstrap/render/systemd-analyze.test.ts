import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { DAEMONS, unitPath } from '../../../../src/bootstrap/daemons.ts';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { ALL_VERSIONS, controlPlaneNode, testCluster } from '../fixtures.ts';

/**
 * systemd's own parser over every unit. It needs no running systemd, but checks that each
 * ExecStart binary exists, so the units point at stub executables in a scratch directory.
 * Unknown keys only warn (exit 0), hence the check that it printed nothing at all.
 */
const analyze = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();
const missing = analyze === '';

describe('systemd-analyze verify', () => {
  for (const version of ALL_VERSIONS) {
    const name = missing
      ? `${version}: accepts every unit (skipped: systemd-analyze is not installed; the rig's hosts have it)`
      : `${version}: accepts every unit without a warning`;
    it(name, { skip: missing }, () => {
      const dir = mkdtempSync(join(tmpdir(), 'kit-units-'));
      try {
        const binDir = join(dir, 'bin');
        mkdirSync(binDir);
        for (const daemon of [...DAEMONS, 'haproxy']) {
          writeFileSync(join(binDir, daemon), '#!/bin/sh\n');
          chmodSync(join(binDir, daemon), 0o755);
        }
        const cluster = testCluster(version, {
          binDir, haproxyPath: join(binDir, 'haproxy'), features: { auditLog: true, encryptionAtRest: false, kubeletServerTlsBootstrap: false },
        });
        const units = renderNodeFiles({ cluster, node: controlPlaneNode() }).filter((file) => file.path === unitPath(file.daemon));
        assert.equal(units.length, DAEMONS.length);
        const paths = units.map((unit) => {
          const path = join(dir, basename(unit.path));
          writeFileSync(path, unit.content);
          return path;
        });
        const result = spawnSync(analyze, ['verify', '--man=no', ...paths], { encoding: 'utf8' });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stderr.trim(), '', 'systemd-analyze printed warnings');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
