import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStartedOrStarting, parseUnitStates, unitStateCommand } from '../../../../src/bootstrap/install/unit-state.ts';

// As systemd 252 printed it on a rig host: properties in systemd's order, not the order asked.
const SHOW = `MainPID=89
NRestarts=2
Id=ssh.service
LoadState=loaded
ActiveState=active
SubState=running
UnitFileState=enabled
ActiveEnterTimestamp=Sun 2026-11-29 03:42:26 UTC
Job=
InvocationID=91f5e7a3c46345cc9d85bf5384d7acc8

MainPID=0
NRestarts=0
Id=kube-apiserver.service
LoadState=loaded
ActiveState=inactive
SubState=dead
UnitFileState=disabled
ActiveEnterTimestamp=
Job=412
InvocationID=

MainPID=0
NRestarts=0
Id=nothere.service
LoadState=not-found
ActiveState=inactive
SubState=dead
UnitFileState=
ActiveEnterTimestamp=
Job=
InvocationID=
`;

describe('unit state', () => {
  it('asks systemctl show for every property it reads', () => {
    const argv = unitStateCommand(['a.service', 'b.service']);
    assert.deepEqual(argv.slice(0, 2), ['systemctl', 'show']);
    assert.deepEqual(argv.slice(-3), ['--', 'a.service', 'b.service']);
    for (const property of ['MainPID', 'InvocationID', 'ActiveEnterTimestamp', 'NRestarts', 'Job', 'UnitFileState']) assert.match(argv[2] ?? '', new RegExp(property, 'u'));
  });

  it('reads each block by its Id, whatever the order', () => {
    const states = parseUnitStates(SHOW, ['nothere.service', 'ssh.service', 'kube-apiserver.service']);
    assert.deepEqual(states.get('ssh.service'), {
      unit: 'ssh.service', loaded: true, activeState: 'active', subState: 'running', enabled: true, mainPid: 89,
      activeEnterTimestamp: 'Sun 2026-11-29 03:42:26 UTC', invocationId: '91f5e7a3c46345cc9d85bf5384d7acc8', restarts: 2, jobQueued: false,
    });
    assert.equal(states.get('nothere.service')?.loaded, false);
    assert.equal(states.get('kube-apiserver.service')?.enabled, false);
  });

  it('counts a unit whose start job waits behind its dependencies as starting', () => {
    const states = parseUnitStates(SHOW, ['kube-apiserver.service', 'nothere.service', 'ssh.service']);
    assert.equal(isStartedOrStarting(states.get('kube-apiserver.service') ?? assert.fail()), true);
    assert.equal(isStartedOrStarting(states.get('nothere.service') ?? assert.fail()), false);
    assert.equal(isStartedOrStarting(states.get('ssh.service') ?? assert.fail()), true);
  });
});
