import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DAEMONS, unitPath } from '../../../../src/bootstrap/daemons.ts';
import type { DaemonName } from '../../../../src/bootstrap/daemons.ts';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { resolveVersion } from '../../../../src/bootstrap/versions/resolve-version.ts';
import { ALL_VERSIONS, controlPlaneNode, testCluster, workerNode } from '../fixtures.ts';
import { execStartArgv, execStartFlags, parseUnit, unitValue } from '../parse-unit.ts';

/**
 * Written from the release notes, apart from the source's FLAG_HISTORY: the first minor
 * whose binary no longer starts with the flag.
 */
const REMOVED_IN: Partial<Record<DaemonName, Readonly<Record<string, number>>>> = {
  'kubelet': { 'network-plugin': 24, 'cni-bin-dir': 24, 'cni-conf-dir': 24, 'container-runtime': 27, 'pod-infra-container-image': 35 },
  'kube-apiserver': { 'insecure-port': 24, 'insecure-bind-address': 24 },
  'kube-controller-manager': { port: 24, address: 24 },
  'kube-scheduler': { port: 24, address: 24 },
};

function unitsFor(version: string): Map<DaemonName, string> {
  const cluster = testCluster(version, { features: { auditLog: true, encryptionAtRest: false, kubeletServerTlsBootstrap: true } });
  const units = new Map<DaemonName, string>();
  for (const node of [controlPlaneNode(), workerNode()]) {
    for (const file of renderNodeFiles({ cluster, node })) {
      if (file.path === unitPath(file.daemon)) units.set(file.daemon, file.content);
    }
  }
  return units;
}

describe('every unit of every supported minor', () => {
  for (const version of ALL_VERSIONS) {
    const minor = Number(resolveVersion(version).minor.split('.')[1]);
    const units = unitsFor(version);

    it(`${version}: renders all seven daemons`, () => {
      assert.deepEqual([...units.keys()].sort(), [...DAEMONS].sort());
    });

    for (const [daemon, text] of units) {
      it(`${version} ${daemon}: starts with the marker and restarts forever after its dependencies`, () => {
        const unit = parseUnit(text);
        assert.match(unit.firstLine, /^# managed by kit/u);
        assert.equal(unitValue(unit, 'Service', 'Restart'), 'always');
        assert.ok(Number(unitValue(unit, 'Service', 'RestartSec')) > 0);
        assert.equal(unitValue(unit, 'Service', 'LimitNOFILE'), '1048576');
        assert.equal(unitValue(unit, 'Unit', 'StartLimitIntervalSec'), '0');
        assert.equal(unitValue(unit, 'Install', 'WantedBy'), 'multi-user.target');
        assert.match(unitValue(unit, 'Unit', 'After') ?? '', /network-online\.target/u);
        assert.ok(execStartArgv(unit)[0]?.startsWith('/'), 'ExecStart names an absolute binary');
      });

      it(`${version} ${daemon}: passes no flag twice and none the minor removed`, () => {
        const flags = execStartFlags(parseUnit(text));
        for (const [name, values] of flags) assert.equal(values.length, 1, `--${name} appears ${values.length} times`);
        for (const [flag, removedIn] of Object.entries(REMOVED_IN[daemon] ?? {})) {
          if (minor >= removedIn) assert.ok(!flags.has(flag), `--${flag} was removed in 1.${removedIn}`);
        }
        assert.ok(!flags.has('network-plugin'), 'kit never passes --network-plugin');
      });
    }
  }
});
