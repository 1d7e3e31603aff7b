import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BASE_INVENTORY, edit, positionOf, problemAt, problemsOf } from './inventory-fixtures.ts';

interface ErrorCase {
  readonly name: string;
  readonly text: string;
  readonly path: string;
  /** Where the problem must point: the n-th occurrence of this text. */
  readonly at: readonly [needle: string, occurrence?: number];
  readonly message: RegExp;
  readonly hint?: RegExp;
}

const B = BASE_INVENTORY;
const FIVE_HOSTS = edit(B, '  - name: w1\n', ['w2', 'w3', 'w4'].map((name, i) => `  - name: ${name}\n    address: 198.18.1.${i}\n    roles: [worker]\n`).join('') + '  - name: w1\n');

const CASES: readonly ErrorCase[] = [
  { name: 'duplicate host name', text: edit(B, 'name: w1', 'name: cp1'), path: 'hosts[1].name', at: ['cp1', 2], message: /name cp1 is already used by hosts\[0\]/u },
  { name: 'duplicate address', text: edit(B, 'address: 198.18.0.12', 'address: 198.18.0.11'), path: 'hosts[1].address', at: ['198.18.0.11', 2], message: /already hosts\[0\]/u },
  {
    name: 'duplicate internal address',
    text: edit(edit(B, '198.18.0.11\n', '198.18.0.11\n    internalAddress: 10.0.0.1\n'), '198.18.0.12\n', '198.18.0.12\n    internalAddress: 10.0.0.1\n'),
    path: 'hosts[1].internalAddress',
    at: ['10.0.0.1', 2],
    message: /internal address 10\.0\.0\.1 is already used by hosts\[0\]/u,
  },
  { name: 'no control-plane host', text: edit(B, 'roles: [control-plane]', 'roles: [worker]'), path: 'hosts', at: ['- name: cp1'], message: /no host has the control-plane role/u },
  { name: 'malformed IPv4 CIDR', text: edit(B, '10.244.0.0/16', '10.244.0.0/33'), path: 'cluster.podSubnet', at: ['10.244.0.0/33'], message: /not a subnet in CIDR notation/u },
  { name: 'malformed IPv6 CIDR', text: edit(B, '10.244.0.0/16', 'fd00::zz/64'), path: 'cluster.podSubnet', at: ['fd00::zz/64'], message: /not a subnet/u },
  { name: 'IPv4 host bits', text: edit(B, '10.96.0.0/12', '10.96.3.0/12'), path: 'cluster.serviceSubnet', at: ['10.96.3.0/12'], message: /host bits set/u, hint: /10\.96\.0\.0\/12/u },
  { name: 'IPv6 host bits', text: edit(edit(B, '10.244.0.0/16', 'fd00:10:244::1/56'), '10.96.0.0/12', 'fd00:96::/112'), path: 'cluster.podSubnet', at: ['fd00:10:244::1/56'], message: /host bits/u, hint: /fd00:10:244::\/56/u },
  { name: 'pod and service subnets overlap', text: edit(B, '10.96.0.0/12', '10.244.128.0/20'), path: 'cluster.serviceSubnet', at: ['10.244.128.0/20'], message: /overlaps podSubnet 10\.244\.0\.0\/16/u },
  { name: 'host address inside the pod subnet', text: edit(B, '198.18.0.11', '10.244.3.4'), path: 'hosts[0].address', at: ['10.244.3.4'], message: /10\.244\.3\.4 lies inside podSubnet 10\.244\.0\.0\/16/u },
  { name: 'default service subnet contains a host', text: edit(B, '  serviceSubnet: 10.96.0.0/12\n', '').replace('198.18.0.12', '10.96.0.7'), path: 'hosts[1].address', at: ['10.96.0.7'], message: /inside serviceSubnet 10\.96\.0\.0\/12 \(the default\)/u },
  {
    name: 'pod subnet too small for the hosts',
    text: edit(FIVE_HOSTS, '10.244.0.0/16', '10.244.0.0/23'),
    path: 'cluster.podSubnet',
    at: ['10.244.0.0/23'],
    message: /^podSubnet 10\.244\.0\.0\/23 gives 2 node subnets of \/24 but there are 5 hosts$/u,
    hint: /\/21/u,
  },
  { name: 'unsupported Kubernetes version', text: edit(B, 'v1.36.5', 'v1.19.3'), path: 'cluster.kubernetesVersion', at: ['v1.19.3'], message: /v1\.19\.3 is not supported/u, hint: /v1\.37\.x, v1\.36\.x, v1\.35\.x, v1\.20\.x/u },
  { name: 'version YAML reads as a number', text: edit(B, 'v1.36.5', '1.20'), path: 'cluster.kubernetesVersion', at: ['1.20'], message: /must be text, not 1\.2/u, hint: /quotes/u },
  { name: 'invalid host name', text: edit(B, 'name: cp1', 'name: CP_1'), path: 'hosts[0].name', at: ['CP_1'], message: /not a valid node name/u, hint: /"cp-1"/u },
  { name: 'invalid cluster name', text: edit(B, 'name: demo', 'name: Demo.Cluster'), path: 'cluster.name', at: ['Demo.Cluster'], message: /RFC 1123 label/u, hint: /demo-cluster/u },
  { name: 'port above range', text: edit(B, 'port: 22', 'port: 70000'), path: 'ssh.port', at: ['70000'], message: /70000 is more than the maximum 65535/u, hint: /1-65535/u },
  { name: 'port zero on a host', text: edit(B, '198.18.0.12\n', '198.18.0.12\n    ssh:\n      port: 0\n'), path: 'hosts[1].ssh.port', at: ['0\n'], message: /less than the minimum 1/u },
  { name: 'port given as text', text: edit(B, 'port: 22', 'port: "22"'), path: 'ssh.port', at: ['"22"'], message: /must be a number, not "22"/u },
  { name: 'vni zero', text: edit(B, 'vni: 1', 'vni: 0'), path: 'network.vxlan.vni', at: ['0\n'], message: /less than the minimum 1/u },
  { name: 'vni too big', text: edit(B, 'vni: 1', 'vni: 16777216'), path: 'network.vxlan.vni', at: ['16777216'], message: /more than the maximum 16777215/u },
  { name: 'vxlan port clashes with the kubelet', text: edit(B, 'port: 4789', 'port: 10250'), path: 'network.vxlan.port', at: ['10250'], message: /10250 is already used by kubelet/u },
  { name: 'MTU too small', text: edit(B, 'port: 4789', 'port: 4789\n    mtu: 576'), path: 'network.vxlan.mtu', at: ['576'], message: /less than the minimum 1280/u },
  { name: 'bundle without path', text: edit(B, 'source: download', 'source: bundle'), path: 'artifacts.path', at: ['artifacts:'], message: /path is required when source is bundle/u },
  { name: 'manifest plugin without manifest', text: edit(B, '  plugin: vxlan\n  vxlan:\n    vni: 1\n    port: 4789\n', '  plugin: manifest\n'), path: 'network.manifest', at: ['network:'], message: /manifest is required/u },
  { name: 'vxlan settings with the manifest plugin', text: edit(B, 'plugin: vxlan', 'plugin: manifest\n  manifest: ./calico.yaml'), path: 'network.vxlan', at: ['vxlan:'], message: /not used with plugin: manifest/u },
  { name: 'mirror with a bundle', text: edit(B, 'source: download', 'source: bundle\n  path: ./b.tgz\n  mirror: https://m.example.com'), path: 'artifacts.mirror', at: ['mirror'], message: /only used with source: download/u },
  { name: 'missing host address', text: edit(B, '    address: 198.18.0.12\n', ''), path: 'hosts[1].address', at: ['name: w1'], message: /address is required/u },
  { name: 'missing cluster name', text: edit(B, '  name: demo\n', ''), path: 'cluster.name', at: ['cluster:'], message: /name is required/u },
  { name: 'missing apiVersion', text: edit(B, 'apiVersion: kit/v1\n', ''), path: 'apiVersion', at: ['cluster:'], message: /apiVersion is required/u },
  { name: 'unknown key with a suggestion', text: edit(B, 'address: 198.18.0.11', 'adress: 198.18.0.11'), path: 'hosts[0].adress', at: ['adress'], message: /unknown field "adress"/u, hint: /Did you mean address\?/u },
  { name: 'unknown top-level key', text: `${B}extra: 1\n`, path: 'extra', at: ['extra'], message: /unknown field/u, hint: /Allowed here: apiVersion, cluster/u },
  { name: 'empty roles', text: edit(B, 'roles: [worker]', 'roles: []'), path: 'hosts[1].roles', at: ['[]'], message: /must not be empty/u },
  { name: 'repeated role', text: edit(B, 'roles: [worker]', 'roles: [worker, worker]'), path: 'hosts[1].roles[1]', at: ['worker', 2], message: /role worker is listed twice/u },
  { name: 'unknown role', text: edit(B, 'roles: [worker]', 'roles: [master]'), path: 'hosts[1].roles[0]', at: ['master'], message: /"master" is not one of "control-plane", "worker"/u },
  { name: 'wrong apiVersion', text: edit(B, 'kit/v1', 'kit/v2'), path: 'apiVersion', at: ['kit/v2'], message: /must be "kit\/v1"/u },
  { name: 'malformed host key', text: edit(B, '198.18.0.11\n', '198.18.0.11\n    ssh:\n      hostKey: MD5:aa:bb\n'), path: 'hosts[0].ssh.hostKey', at: ['MD5:aa:bb'], message: /not a SHA256 host-key fingerprint/u },
  { name: 'malformed endpoint', text: edit(B, 'name: demo', 'name: demo\n  controlPlaneEndpoint: api:99999'), path: 'cluster.controlPlaneEndpoint', at: ['api:99999'], message: /not host\[:port\]/u },
  { name: 'endpoint inside the service subnet', text: edit(B, 'name: demo', 'name: demo\n  controlPlaneEndpoint: 10.96.0.5:6443'), path: 'cluster.controlPlaneEndpoint', at: ['10.96.0.5'], message: /inside serviceSubnet/u },
  { name: 'invalid label key', text: edit(B, 'roles: [worker]', 'roles: [worker]\n    labels:\n      "bad key": x'), path: 'hosts[1].labels["bad key"]', at: ['"bad key"'], message: /not a valid label key/u },
  { name: 'subnets of different families', text: edit(B, '10.96.0.0/12', 'fd00:96::/112'), path: 'cluster.serviceSubnet', at: ['fd00:96::/112'], message: /IPv6 but podSubnet 10\.244\.0\.0\/16 is IPv4/u },
  { name: 'service subnet too large', text: edit(B, '10.96.0.0/12', '172.0.0.0/8'), path: 'cluster.serviceSubnet', at: ['172.0.0.0/8'], message: /too large: kube-apiserver accepts at most a \/12/u },
  { name: 'DNS name without internalAddress', text: edit(B, 'address: 198.18.0.12', 'address: w1.example.com'), path: 'hosts[1].internalAddress', at: ['name: w1'], message: /required because address w1\.example\.com is a DNS name/u },
  { name: 'address with a port', text: edit(B, 'address: 198.18.0.12', 'address: 198.18.0.12:2222'), path: 'hosts[1].address', at: ['198.18.0.12:2222'], message: /neither an IP address nor a DNS name/u, hint: /port: 2222/u },
  { name: 'leaf outlives the CA', text: edit(B, 'keyType: rsa', 'keyType: rsa\n  certificateValidityDays: 4000'), path: 'pki.certificateValidityDays', at: ['4000'], message: /4000 > caValidityDays 3650/u },
  { name: 'keySize with ecdsa', text: edit(B, 'keyType: rsa', 'keyType: ecdsa\n  keySize: 2048'), path: 'pki.keySize', at: ['keySize'], message: /RSA keys only/u },
  { name: 'RSA key size not offered', text: edit(B, 'keyType: rsa', 'keyType: rsa\n  keySize: 1024'), path: 'pki.keySize', at: ['1024'], message: /1024 is not one of 2048, 3072, 4096/u },
  { name: 'YAML: unclosed flow sequence', text: edit(B, 'roles: [worker]', 'roles: [worker'), path: 'hosts[1].roles[0]', at: ['network:'], message: /^YAML: /u },
  { name: 'YAML: tab indentation', text: edit(B, '    vni: 1', '\tvni: 1'), path: 'network.vxlan', at: ['\tvni'], message: /YAML: Tabs are not allowed/u },
  { name: 'YAML: repeated key', text: edit(B, '  name: demo\n', '  name: demo\n  name: other\n'), path: 'cluster.name', at: ['name: other'], message: /YAML: Map keys must be unique/u },
  { name: 'YAML: unknown alias', text: edit(B, 'name: demo', 'name: *nope'), path: '', at: ['apiVersion'], message: /YAML: .*nope/u },
];

describe('inventory validation errors', () => {
  for (const testCase of CASES) {
    it(`${testCase.name}: ${testCase.path || '(document)'} at the right line:column`, () => {
      const problem = problemAt(problemsOf(testCase.text), testCase.path);
      assert.match(problem.message, testCase.message);
      if (testCase.hint !== undefined) assert.match(problem.hint ?? '', testCase.hint);
      const [needle, occurrence] = testCase.at;
      assert.deepEqual({ line: problem.line, column: problem.column }, positionOf(testCase.text, needle, occurrence));
      assert.equal(problem.file, 'inventory.yaml');
    });
  }

  it('gives the same line:column for CRLF line ends and a byte-order mark', () => {
    const text = edit(B, 'vni: 1', 'vni: 0');
    const expected = positionOf(text, '0\n');
    for (const variant of [text.replace(/\n/gu, '\r\n'), `\ufeff${text}`]) {
      const problem = problemAt(problemsOf(variant), 'network.vxlan.vni');
      assert.deepEqual({ line: problem.line, column: problem.column }, expected);
    }
  });

  it('reports every problem of a file at once, in file order', () => {
    let text = edit(B, 'name: w1', 'name: cp1');
    text = edit(text, '10.244.0.0/16', '10.244.0.1/16');
    text = edit(text, 'vni: 1', 'vni: 0');
    text = edit(text, 'source: download', 'source: bundle');
    text = edit(text, 'port: 22', 'prot: 22');
    const problems = problemsOf(text);
    const paths = problems.map((problem) => problem.path);
    for (const path of ['cluster.podSubnet', 'ssh.prot', 'hosts[1].name', 'network.vxlan.vni', 'artifacts.path']) assert.ok(paths.includes(path), `${path} missing from ${paths.join(', ')}`);
    const lines = problems.map((problem) => problem.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
  });
});
