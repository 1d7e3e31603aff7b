import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderHaproxyConfig } from '../../../../src/bootstrap/render/haproxy-config.ts';
import { renderHaproxyUnit } from '../../../../src/bootstrap/render/haproxy-unit.ts';
import { renderNodeFiles } from '../../../../src/bootstrap/render/node-files.ts';
import { apiServerAccess, clusterApiServerUrl } from '../../../../src/bootstrap/spec/api-endpoint.ts';
import { controlPlaneNode, testCluster, workerNode } from '../fixtures.ts';
import { execStartArgv, parseUnit, unitValue } from '../parse-unit.ts';

const ONE_CP = { controlPlanes: [{ name: 'cp1', ip: '198.18.0.11' }] };
const EXTERNAL = { controlPlaneEndpoint: { host: 'api.example.com', port: 443 } };

describe('how nodes reach the API', () => {
  it('uses the node-local balancer for several control planes, the endpoint when given, else the one API server', () => {
    assert.equal(apiServerAccess(testCluster('v1.37')), 'node-local');
    assert.equal(clusterApiServerUrl(testCluster('v1.37')), 'https://127.0.0.1:6443');
    assert.equal(apiServerAccess(testCluster('v1.37', EXTERNAL)), 'external');
    assert.equal(clusterApiServerUrl(testCluster('v1.37', EXTERNAL)), 'https://api.example.com:443');
    assert.equal(apiServerAccess(testCluster('v1.37', ONE_CP)), 'single');
    assert.equal(clusterApiServerUrl(testCluster('v1.37', ONE_CP)), 'https://198.18.0.11:6443');
  });

  it('gives every node the balancer only in the node-local case', () => {
    const lbFiles = (cluster: ReturnType<typeof testCluster>) => [controlPlaneNode(), workerNode()]
      .flatMap((node) => renderNodeFiles({ cluster, node }))
      .filter((file) => file.daemon === 'kube-apiserver-lb');
    assert.equal(lbFiles(testCluster('v1.37')).length, 4);
    assert.equal(lbFiles(testCluster('v1.37', EXTERNAL)).length, 0);
    assert.equal(lbFiles(testCluster('v1.37', ONE_CP)).length, 0);
  });
});

describe('renderHaproxyConfig', () => {
  const config = renderHaproxyConfig(testCluster('v1.20'));

  it('listens on 127.0.0.1:6443 and health-checks every API server over verified TLS', () => {
    assert.match(config, /^# managed by kit/u);
    assert.match(config, /^ {2}bind 127\.0\.0\.1:6443$/mu);
    assert.match(config, /^ {2}option httpchk GET \/readyz$/mu);
    assert.match(config, /check-ssl verify required ca-file \/etc\/kubernetes\/pki\/ca\.crt/u);
    const servers = config.split('\n').filter((line) => line.trim().startsWith('server '));
    assert.deepEqual(servers.map((line) => line.trim()), [
      'server cp1 198.18.0.11:6443', 'server cp2 198.18.0.12:6443', 'server cp3 198.18.0.13:6443',
    ]);
  });

  const haproxy = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' }).stdout.trim();
  it(haproxy === '' ? 'haproxy -c accepts it (skipped: haproxy is not installed here)' : 'haproxy -c accepts it', { skip: haproxy === '' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-haproxy-'));
    try {
      // The CA file must exist for the check; its content does not matter to the parser.
      const file = join(dir, 'haproxy.cfg');
      writeFileSync(file, config.replaceAll('/etc/kubernetes/pki/ca.crt', '/etc/ssl/certs/ca-certificates.crt'));
      const result = spawnSync(haproxy, ['-c', '-f', file], { encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr + result.stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('renderHaproxyUnit', () => {
  it('runs haproxy in master-worker mode, checks the config first and reloads without a restart', () => {
    const unit = parseUnit(renderHaproxyUnit(testCluster('v1.37')));
    assert.deepEqual(execStartArgv(unit), ['/usr/sbin/haproxy', '-Ws', '-f', '/etc/kubernetes/apiserver-lb/haproxy.cfg', '-p', '/run/kube-apiserver-lb.pid']);
    assert.equal(unitValue(unit, 'Service', 'Type'), 'notify');
    assert.equal(unitValue(unit, 'Service', 'ExecStartPre'), '/usr/sbin/haproxy -c -q -f /etc/kubernetes/apiserver-lb/haproxy.cfg');
    assert.equal(unitValue(unit, 'Service', 'ExecReload'), '/bin/kill -USR2 $MAINPID');
  });
});
