/**
 * PKI generation figures: `node bench/pki.ts [--runs N]` prints the median of N runs per case.
 * Key generation dominates, so the machine's load (printed first) moves every number.
 */
import { generateKeyPairSync } from 'node:crypto';
import { loadavg } from 'node:os';
import forge from 'node-forge';
import { buildPki } from '../src/certs/build-pki.ts';
import { generateKeyPairs } from '../src/certs/key-pair.ts';
import { planPkiDelivery } from '../src/certs/pki-delivery.ts';
import type { KeyAlgorithm, PkiClusterSpec, PkiNode } from '../src/certs/pki-cluster-spec.ts';

const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 5;

function spec(options: { workers: number; tlsBootstrap: boolean; keyAlgorithm?: KeyAlgorithm }): PkiClusterSpec {
  const node = (name: string, index: number): PkiNode => ({ name, internalAddress: `198.18.${Math.floor(index / 250)}.${(index % 250) + 2}`, tlsBootstrap: options.tlsBootstrap });
  return {
    clusterName: 'kubernetes', kubernetesMinor: 31, controlPlaneEndpoint: { host: 'api.kit.test', port: 6443 },
    serviceSubnet: '10.96.0.0/12', dnsDomain: 'cluster.local', extraSans: [],
    controlPlanes: [0, 1, 2].map((index) => ({ ...node(`cp${index + 1}`, index), tlsBootstrap: false })),
    workers: Array.from({ length: options.workers }, (_, index) => node(`w${index + 1}`, index + 3)),
    ...(options.keyAlgorithm === undefined ? {} : { keyAlgorithm: options.keyAlgorithm }),
  };
}

const figures: Record<string, { wallMs: number; cpuMs: number; runs: number }> = {};

/** Wall time and CPU time (all threads, so the key-generation pool counts): CPU time barely moves with the machine's load. */
async function median(label: string, runs: number, work: () => unknown): Promise<number> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await work();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const middle = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const wall = middle(walls);
  figures[label] = { wallMs: Math.round(wall), cpuMs: Math.round(middle(cpus)), runs };
  console.log(`${label.padEnd(60)} wall ${wall.toFixed(0).padStart(6)} ms  cpu ${middle(cpus).toFixed(0).padStart(6)} ms  (${runs} runs, wall ${Math.min(...walls).toFixed(0)}-${Math.max(...walls).toFixed(0)})`);
  return wall;
}

console.log(`load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}, libuv pool ${process.env['UV_THREADPOOL_SIZE'] ?? '4 (default)'}`);
const small = spec({ workers: 0, tlsBootstrap: false });
const big = spec({ workers: 100, tlsBootstrap: false });
const bootstrapping = spec({ workers: 100, tlsBootstrap: true });
const count = async (s: PkiClusterSpec): Promise<number> => (await buildPki({ spec: { ...s, keyAlgorithm: 'ecdsa-p256' } })).decisions.length;
console.log(`new keys (= items) per fresh build: 3 CP ${await count(small)}, +100 workers ${await count(big)}, +100 TLS-bootstrapping workers ${await count(bootstrapping)}`);

await median('buildPki 3 control planes (RSA 2048)', RUNS, () => buildPki({ spec: small }));
await median('buildPki 3 control planes + 100 workers with kubelet.conf', RUNS, () => buildPki({ spec: big }));
await median('buildPki 3 control planes + 100 TLS-bootstrapping workers', RUNS, () => buildPki({ spec: bootstrapping }));
await median('buildPki 3 control planes + 100 workers, ECDSA P-256', RUNS, () => buildPki({ spec: { ...big, keyAlgorithm: 'ecdsa-p256' } }));
const delivered = planPkiDelivery(await buildPki({ spec: big }));
const existing = { onHosts: new Map([...delivered].map(([host, uploads]) => [host, new Map(uploads.map((upload) => [upload.path, Buffer.from(upload.content)]))])) };
await median('re-run, 3 CP + 100 workers, everything reused', RUNS, () => buildPki({ spec: big, existing }));

await median('RSA 2048 key: node-forge pure JavaScript', Math.min(RUNS, 3), () => {
  // Without this flag forge quietly hands key generation to node:crypto.
  (forge as unknown as { options: { usePureJavaScript: boolean } }).options.usePureJavaScript = true;
  forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
});
await median('RSA 2048 key: node:crypto generateKeyPairSync', RUNS * 2, () => generateKeyPairSync('rsa', { modulusLength: 2048 }));
await median('20 RSA 2048 keys: node:crypto async, in parallel (wall)', RUNS, () => generateKeyPairs('rsa-2048', 20));
await median('20 RSA 2048 keys: node:crypto sync, one after another', Math.min(RUNS, 3), () => {
  for (let index = 0; index < 20; index++) generateKeyPairSync('rsa', { modulusLength: 2048 });
});
console.log(`BENCH-JSON ${JSON.stringify({ pki: figures })}`);
