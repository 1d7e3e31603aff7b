import { stringify } from 'yaml';
import { seededRandom } from './seeded-random.ts';
import type { Random } from './seeded-random.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A valid inventory that uses a random mix of the optional features, as YAML text. */
export function randomValidInventory(seed: number): string {
  const random = seededRandom(seed);
  const hostCount = 1 + random.int(7);
  const v6 = random.chance(0.25);
  return stringify({
    apiVersion: 'kit/v1',
    cluster: {
      name: `c${random.int(1000)}-${random.pick(['prod', 'lab', 'x'])}`,
      ...(random.chance(0.7) ? { kubernetesVersion: random.pick(['v1.37.1', 'v1.36', '1.35.2', 'v1.20.2', 'v1.36.12']) } : {}),
      ...(random.chance(0.5) ? { controlPlaneEndpoint: random.pick(['api.example.com', 'api.example.com:8443', '198.19.0.100', '[fd00::100]:6443']) } : {}),
      ...(v6 ? { podSubnet: 'fd00:10:244::/56', serviceSubnet: 'fd00:96::/112' } : random.chance(0.5) ? { podSubnet: '10.32.0.0/12', serviceSubnet: '172.20.0.0/16' } : {}),
      ...(random.chance(0.3) ? { dnsDomain: 'k8s.internal' } : {}),
      ...(random.chance(0.4) ? { extraSans: ['api.internal.example.com', '*.apps.example.com', '198.19.0.9'].slice(0, 1 + random.int(3)) } : {}),
    },
    ...(random.chance(0.7) ? { ssh: sshDefaults(random) } : {}),
    hosts: Array.from({ length: hostCount }, (_, index) => host(random, index)),
    ...(random.chance(0.8) ? { network: network(random) } : {}),
    ...(random.chance(0.7) ? { artifacts: artifacts(random) } : {}),
    ...(random.chance(0.6) ? { pki: pki(random) } : {}),
  });
}

function sshDefaults(random: Random): Record<string, unknown> {
  return {
    ...(random.chance(0.5) ? { user: random.pick(['root', 'ubuntu', 'ops']) } : {}),
    ...(random.chance(0.4) ? { port: random.pick([22, 2222, 60022]) } : {}),
    ...(random.chance(0.5) ? { keyFile: random.pick(['~/.ssh/kit', '/etc/kit/key', 'keys/id_ed25519']) } : {}),
    ...(random.chance(0.3) ? { knownHostsFile: random.pick(['~/.ssh/kit_known_hosts', './known_hosts']) } : {}),
    ...(random.chance(0.3) ? { bastion: bastion(random) } : {}),
  };
}

function bastion(random: Random): Record<string, unknown> {
  return {
    address: random.pick(['jump.example.com', '203.0.113.5']),
    ...(random.chance(0.4) ? { port: 2200 + random.int(10) } : {}),
    ...(random.chance(0.5) ? { user: 'jump' } : {}),
    ...(random.chance(0.5) ? { keyFile: random.pick(['~/.ssh/jump', '/keys/jump']) } : {}),
    ...(random.chance(0.3) ? { hostKey: hostKey(random) } : {}),
  };
}

function host(random: Random, index: number): Record<string, unknown> {
  const byName = random.chance(0.2);
  const roles = index === 0 ? random.pick([['control-plane'], ['control-plane', 'worker'], ['worker', 'control-plane']]) : random.pick([['worker'], ['control-plane'], ['control-plane', 'worker']]);
  const ssh = {
    ...(random.chance(0.2) ? { user: 'admin' } : {}),
    ...(random.chance(0.2) ? { port: 10000 + index } : {}),
    ...(random.chance(0.2) ? { keyFile: `~/.ssh/host${index}` } : {}),
    ...(random.chance(0.3) ? { hostKey: hostKey(random) } : {}),
    ...(random.chance(0.15) ? { bastion: bastion(random) } : {}),
  };
  return {
    name: `node-${index}.${random.pick(['a', 'b'])}`,
    address: byName ? `node${index}.example.com` : `198.18.${index}.${1 + random.int(250)}`,
    ...(byName || random.chance(0.3) ? { internalAddress: `198.19.${index}.${1 + random.int(250)}` } : {}),
    roles,
    ...(Object.keys(ssh).length > 0 ? { ssh } : {}),
    ...(random.chance(0.3) ? { labels: { 'topology.kubernetes.io/zone': `z${random.int(3)}`, tier: '' } } : {}),
    ...(random.chance(0.2) ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'dedicated', effect: 'NoExecute' }] } : {}),
  };
}

function network(random: Random): Record<string, unknown> {
  if (random.chance(0.3)) return { plugin: 'manifest', manifest: random.pick(['https://example.com/cni.yaml', './cni/flannel.yml', '~/cni.yaml']) };
  return {
    ...(random.chance(0.5) ? { plugin: 'vxlan' } : {}),
    ...(random.chance(0.6) ? { vxlan: { vni: 1 + random.int(16_777_215), port: random.pick([4789, 8472, 1]), ...(random.chance(0.5) ? { mtu: 1280 + random.int(7721) } : {}) } } : {}),
  };
}

function artifacts(random: Random): Record<string, unknown> {
  const cacheDir = random.chance(0.3) ? { cacheDir: random.pick(['/var/cache/kit', '~/kit-cache', 'cache']) } : {};
  const source = random.pick(['download', 'bundle', 'os-packages']);
  if (source === 'bundle') return { source, path: random.pick(['./bundle.tgz', '/opt/bundle', '~/b']), ...cacheDir };
  if (source === 'download') return { source, ...(random.chance(0.5) ? { mirror: 'https://mirror.example.com/k8s' } : {}), ...cacheDir };
  return { source, ...cacheDir };
}

function pki(random: Random): Record<string, unknown> {
  const ca = 365 + random.int(10_000);
  const leaf = 1 + random.int(ca);
  if (random.chance(0.3)) return { keyType: 'ecdsa', certificateValidityDays: leaf, caValidityDays: ca };
  return { ...(random.chance(0.5) ? { keyType: 'rsa' } : {}), ...(random.chance(0.5) ? { keySize: random.pick([2048, 3072, 4096]) } : {}), certificateValidityDays: leaf, caValidityDays: ca };
}

function hostKey(random: Random): string {
  return `SHA256:${Array.from({ length: 43 }, () => B64[random.int(64)]).join('')}`;
}
