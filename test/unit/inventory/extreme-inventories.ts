import type { CorpusCase } from './corpus-case.ts';
import { EXAMPLE_TEXT, withValue } from './example-edits.ts';
import type { Path } from './example-edits.ts';
import { formatPath } from '../../../src/inventory/format-path.ts';

/** Inputs at the edges: huge numbers, long strings, thousands of entries, deep nesting. */
export function hugeValues(): CorpusCase[] {
  const at = (path: Path, value: unknown, name: string): CorpusCase => ({ name: `huge: ${name}`, text: withValue(path, value), path: formatPath(path) });
  const text = (from: string, to: string, name: string, path?: string): CorpusCase => ({ name: `huge: ${name}`, text: EXAMPLE_TEXT.replace(from, to), ...(path === undefined ? {} : { path }) });
  return [
    text('  port: 22\n', '  port: 1e400\n', 'infinite port', 'ssh.port'),
    text('  port: 22\n', '  port: 99999999999999999999\n', '20-digit port', 'ssh.port'),
    text('  port: 22\n', '  port: -1\n', 'negative port', 'ssh.port'),
    text('vni: 1', 'vni: 9007199254740993', 'vni beyond 2^53', 'network.vxlan.vni'),
    text('vni: 1', 'vni: 1e10', 'vni 1e10', 'network.vxlan.vni'),
    text('mtu: 1450', 'mtu: 1000000', 'mtu', 'network.vxlan.mtu'),
    text('mtu: 1450', 'mtu: 1450.5', 'fractional mtu', 'network.vxlan.mtu'),
    text('caValidityDays: 3650', 'caValidityDays: 1000000000', 'CA validity', 'pki.caValidityDays'),
    at(['cluster', 'name'], 'a'.repeat(100_000), '100k-character cluster name'),
    at(['hosts', 0, 'address'], `${'a'.repeat(300)}.com`, 'long DNS label'),
    at(['hosts', 0, 'name'], `${'a.'.repeat(200)}a`, '401-character node name'),
    at(['hosts', 0, 'ssh', 'hostKey'], `SHA256:${'A'.repeat(100_000)}`, '100k host key'),
    at(['cluster', 'podSubnet'], `10.244.0.0/${'9'.repeat(1000)}`, '1000-digit prefix'),
    at(['cluster', 'kubernetesVersion'], `v1.${'9'.repeat(1000)}.1`, '1000-digit minor'),
    { ...at(['cluster', 'extraSans'], [...Array.from({ length: 2000 }, (_, i) => `san${i}.example.com`), 'not a name!'], '2000 SANs, last invalid'), path: 'cluster.extraSans[2000]' },
    { ...at(['hosts', 3, 'labels'], Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`bad key ${i}`, 'v'])), '500 invalid labels'), path: 'hosts[3].labels["bad key 499"]' },
    { ...at(['hosts', 3, 'roles'], Array.from({ length: 2000 }, () => 'worker'), '2000 repeated roles'), path: 'hosts[3].roles[1999]' },
    { ...at(['hosts'], Array.from({ length: 500 }, (_, i) => ({ name: 'same', address: `198.18.${i >> 8}.${i & 255}`, roles: ['control-plane'] })), '500 hosts with one name'), path: 'hosts[499].name' },
    { name: 'huge: file over 4 MiB', text: `${EXAMPLE_TEXT}\n# ${'x'.repeat(5 * 1024 * 1024)}\n`, path: '' },
  ];
}

export function deepNesting(): CorpusCase[] {
  const labels = '    labels:\n      topology.kubernetes.io/zone: eu1-a\n';
  const cases: CorpusCase[] = [];
  for (const depth of [10, 100, 1000]) {
    cases.push({ name: `nested lists ${depth} as labels`, text: EXAMPLE_TEXT.replace(labels, `    labels: ${'['.repeat(depth)}${']'.repeat(depth)}\n`), path: 'hosts[3].labels' });
    cases.push({ name: `nested maps ${depth} as a label value`, text: EXAMPLE_TEXT.replace('eu1-a', `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`) });
    cases.push({ name: `nested lists ${depth} as the document`, text: `${'['.repeat(depth)}${']'.repeat(depth)}\n`, path: '' });
  }
  cases.push({ name: 'nested lists 5000 as the document', text: `${'['.repeat(5000)}${']'.repeat(5000)}\n`, path: '' });
  const block = Array.from({ length: 400 }, (_, level) => `${'  '.repeat(level + 1)}a:`).join('\n');
  cases.push({ name: 'block mappings 400 deep under cluster', text: EXAMPLE_TEXT.replace('cluster:\n', `cluster:\n${block} 1\n`), path: 'cluster.a' });
  return cases;
}

