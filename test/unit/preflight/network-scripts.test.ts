import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { factsScript } from '../../../src/preflight/facts-script.ts';
import { collectScript, meshScript, probeCommand } from '../../../src/preflight/network-scripts.ts';
import { parseHostFacts } from '../../../src/preflight/parse-host-facts.ts';
import { parseCollectOutput, parseMeshOutput, parseProbeOutput } from '../../../src/preflight/parse-network-round.ts';
import { DEFAULT_PREFLIGHT_SETTINGS } from '../../../src/preflight/preflight-settings.ts';

const sh = (script: string): string => execFileSync('sh', ['-c', script], { encoding: 'utf8', timeout: 30_000 });
const hasTool = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const canProbe = hasTool('socat') && hasTool('ss') && hasTool('ping');

const runId = randomBytes(4).toString('hex');
// A high port nothing else on this machine uses, different on every run.
const port = 40_000 + (randomBytes(2).readUInt16BE() % 20_000);
const mesh = meshScript({ runId, listenTcp: [port], listenUdp: [port], listenerLifetimeSeconds: 20, ipv6: false, peers: ['127.0.0.1'], pingCount: 2, timeoutSeconds: 1, mtuBytes: 1500 });
const probeInput = { runId, tcp: [{ address: '127.0.0.1', port }, { address: '127.0.0.1', port: port + 1 }], udp: [{ address: '127.0.0.1', port }], timeoutSeconds: 1 };
const probes = {
  bash: probeCommand({ ...probeInput, token: `kit-preflight:${runId}:bash` }, true),
  sh: probeCommand({ ...probeInput, token: `kit-preflight:${runId}:sh` }, false),
};

describe('the shell scripts', () => {
  it('are valid POSIX sh', () => {
    for (const script of [factsScript(DEFAULT_PREFLIGHT_SETTINGS), mesh, probes.sh.script, collectScript(runId)]) {
      const result = spawnSync('sh', ['-n'], { input: script, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
    }
    assert.equal(spawnSync('bash', ['-n'], { input: probes.bash.script, encoding: 'utf8' }).status, 0);
  });

  it('gather facts on this machine in one run', () => {
    const facts = parseHostFacts(sh(factsScript(DEFAULT_PREFLIGHT_SETTINGS)));
    assert.equal(facts.kernelName, 'Linux');
    assert.ok((facts.cpus ?? 0) >= 1);
    assert.ok((facts.memoryMiB ?? 0) > 0);
    assert.ok(facts.interfaces.some((candidate) => candidate.addresses.includes('127.0.0.1')));
  });

  it('listen, ping, probe (with bash and with socat), receive and clean up on loopback', { skip: canProbe ? false : 'socat, ss or ping is not installed on this machine' }, () => {
    const started = parseMeshOutput(sh(mesh), ['127.0.0.1']);
    try {
      assert.deepEqual([...started.listeners], [[`t:${port}`, 'up'], [`u:${port}`, 'up']]);
      assert.equal(started.mtu.get('127.0.0.1')?.received, 2, 'the DF ping at 1500 bytes passes loopback');
      assert.equal(started.ping.get('127.0.0.1')?.received, 2, 'and stands for the plain ping');
      for (const { shell, script } of Object.values(probes)) {
        const results = parseProbeOutput(execFileSync(shell, ['-c', script], { encoding: 'utf8', timeout: 30_000 }));
        assert.equal(results.get(`127.0.0.1 ${port}`)?.ok, true, shell);
        assert.equal(results.get(`127.0.0.1 ${port + 1}`)?.ok, false, shell);
        assert.match(results.get(`127.0.0.1 ${port + 1}`)?.reason ?? '', /refused/iu, shell);
      }
    } finally {
      const received = parseCollectOutput(sh(collectScript(runId)));
      assert.deepEqual([...(received.get(port) ?? [])], [`kit-preflight:${runId}:bash`, `kit-preflight:${runId}:sh`]);
    }
    assert.equal(spawnSync('sh', ['-c', `ss -Hltn | grep -q ':${port} '`]).status, 1, 'the listener was stopped');
  });
});
