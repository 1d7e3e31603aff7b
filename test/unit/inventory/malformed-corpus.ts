import type { Document } from 'yaml';
import { formatPath } from '../../../src/inventory/format-path.ts';
import type { CorpusCase } from './corpus-case.ts';
import { BAD_KEY, BAD_NODE, EXAMPLE_TEXT, LEAVES, example, spliced, walk, withValue, without } from './example-edits.ts';
import type { Path } from './example-edits.ts';
import { deepNesting, hugeValues } from './extreme-inventories.ts';
import { seededRandom } from './seeded-random.ts';
import type { Random } from './seeded-random.ts';

export type { CorpusCase } from './corpus-case.ts';

function wrongTypes(): CorpusCase[] {
  return [...LEAVES.values()].flatMap(({ path, value }) => {
    const sameKindWrong = typeof value === 'number' ? 'text' : '12345';
    return [`{"${BAD_KEY}": [[]]}`, '[1, 2]', 'null', 'true', sameKindWrong].map((replacement) => ({
      name: `wrong type ${replacement} at ${formatPath(path)}`,
      text: spliced(path, replacement),
      path: formatPath(path),
    }));
  });
}

function missingFields(): CorpusCase[] {
  const required: Path[] = [['apiVersion'], ['cluster'], ['cluster', 'name'], ['hosts'], ['hosts', 3, 'ssh', 'bastion', 'address']];
  for (let index = 0; index < 4; index++) for (const key of ['name', 'address', 'roles']) required.push(['hosts', index, key]);
  return required.map((path) => ({ name: `missing ${formatPath(path)}`, text: without(path), path: formatPath(path) }));
}

function duplicates(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const copy = (from: number, to: number, key: string): string => {
    const value = LEAVES.get(`hosts[${from}].${key}`)?.value;
    return LEAVES.has(`hosts[${to}].${key}`) ? spliced(['hosts', to, key], String(value)) : withValue(['hosts', to, key], value);
  };
  for (let first = 0; first < 4; first++) {
    for (let second = first + 1; second < 4; second++) {
      cases.push({ name: `duplicate name ${first}/${second}`, text: copy(first, second, 'name'), path: `hosts[${second}].name` });
      // hosts[3] sits behind a jump host, where the same address is a different machine.
      if (second < 3) cases.push({ name: `duplicate address ${first}/${second}`, text: copy(first, second, 'address'), path: `hosts[${second}].address` });
      if (first < 3) cases.push({ name: `duplicate internal ${first}/${second}`, text: copy(first, second, 'internalAddress'), path: `hosts[${second}].internalAddress` });
    }
  }
  return cases;
}

const BAD_CIDRS = [
  '10.244.0.0', '10.244.0.0/33', '10.244.0.1/16', '300.1.1.0/24', 'fd00::/129', 'fd00::1/64', 'fd00:::/64', '::g/64', '10.244.0.0/-1',
  '10.244.0.0/16 x', '10.244.0.0/016', '10.244/16', '10.244.0.0/16/16', '', 'auto', '10.244.0.0\\16', '10.244.0.0/0x10', '1e3/8',
  '10.244.0.0/', '/16', '::/', '10.244.0.0/16,10.245.0.0/16', 'FD00::/8/', '10.244.0.0/33.5', '\uff11\uff10.244.0.0/16', '10.244.0.0/1_6',
  '10.2440.0/16', '10..244.0/16', '.10.244.0.0/16', '10.244.0.0./16', '1.2.3.4.5/8', '2001:db8::1::/64', '10.244.0.0/ 16', '010.244.0.0/16',
  '10.244.0.0/16\n', 'fe80::1%eth0/64', '[fd00::]/64', 'fd00::/64:1', '10.244.0.0-10.244.255.255', '10.244.0.0/255.255.0.0', '10.0.0.128/24', 'fd00:10:244::ff/56',
];

function badCidrs(): CorpusCase[] {
  return ['podSubnet', 'serviceSubnet'].flatMap((field) =>
    BAD_CIDRS.map((cidr) => ({ name: `bad ${field} ${JSON.stringify(cidr)}`, text: spliced(['cluster', field], JSON.stringify(cidr)), path: `cluster.${field}` })),
  );
}

/** Edits of one `key: value` line that no YAML parser accepts, whatever line they hit. */
const SYNTAX_BREAKS: readonly ((indent: string, dash: string, key: string, value: string) => string)[] = [
  (i, d, k, v) => `${i}${d}${k}: [${v}`,
  (i, d, k, v) => `${i}${d}${k}: "${v}`,
  (i, d, k, v) => `${i}${d}${k}: ${v}\n${i}${' '.repeat(d.length)}${k}: ${v}`,
  (i, d, k, v) => `\t${i.slice(1)}${d}${k}: ${v}`,
  (i, d, k, v) => `${i}${d}${k}: @${v}`,
  (i, d, k, v) => `${i}${d}${k}: \`${v}`,
  (i, d, k, v) => `${i}${d}${k}: ${v}: x`,
  (i, d, k) => `${i}${d}${k}: *undefined_anchor`,
  (i, d, k, v) => `${i}${d}${k}: ]${v}`,
  (i, d, k, v) => `${i}${d}${k}: ${v}\n---\nextra: 1`,
];

function syntaxErrors(random: Random, count: number): CorpusCase[] {
  const lines = EXAMPLE_TEXT.split('\n');
  const editable = lines.flatMap((line, index) => {
    const match = /^( *)(- )?([A-Za-z][\w.-]*): (\S.*)$/u.exec(line);
    return match === null || match[4]?.startsWith('#') === true ? [] : [{ index, match }];
  });
  return distinct(count, (n) => {
    const { index, match } = random.pick(editable);
    const breakIt = random.pick(SYNTAX_BREAKS.filter((_, kind) => kind !== 3 || (match[1] ?? '').length > 0));
    const copy = [...lines];
    copy[index] = breakIt(match[1] ?? '', match[2] ?? '', match[3] ?? '', (match[4] ?? '').replace(/\s+#.*$/u, ''));
    return { name: `syntax #${n} at line ${index + 1}`, text: copy.join('\n') };
  });
}

/** `count` cases with different texts: random picks repeat, and a repeat tests nothing new. */
function distinct(count: number, make: (attempt: number) => CorpusCase): CorpusCase[] {
  const byText = new Map<string, CorpusCase>();
  for (let attempt = 0; byText.size < count && attempt < count * 20; attempt++) {
    const next = make(attempt);
    if (!byText.has(next.text)) byText.set(next.text, next);
  }
  return [...byText.values()];
}

/** Random edits of the example, then one edit that is invalid wherever it lands. */
export function mutateExample(random: Random, guaranteeInvalid: boolean): string {
  const document = example();
  const pool: unknown[] = ['', 'worker', 'control-plane', 0, 1, 22, 65536, true, null, '10.0.0.1', '~/.ssh/x', 'SHA256:x', [], {}, ['a'], 'kit/v1', 'v1.36.1'];
  for (let step = random.int(4); step > 0; step--) {
    const paths = walk(document, false);
    if (paths.length === 0) break;
    const path = random.pick(paths);
    const action = random.int(4);
    if (action === 0) document.deleteIn(path);
    else if (action === 1) document.setIn(path, document.createNode(random.pick(pool)));
    else if (action === 2 && typeof path[path.length - 1] === 'number') document.addIn(path.slice(0, -1), document.createNode(plainAt(document, path)));
    else document.setIn(path, document.createNode(plainAt(document, random.pick(paths))));
  }
  if (guaranteeInvalid) breakSomewhere(random, document);
  return document.toString();
}

/** A detached copy of the value at `path`, so moving it around can never create a cycle. */
function plainAt(document: Document, path: Path): unknown {
  const node: unknown = document.getIn(path, true);
  return typeof node === 'object' && node !== null && 'toJSON' in node && typeof node.toJSON === 'function' ? (node.toJSON() as unknown) : (node ?? null);
}

function breakSomewhere(random: Random, document: Document): void {
  const keyed = walk(document, false).filter((path) => typeof path[path.length - 1] === 'string');
  const target = random.pick(walk(document, false).length > 0 ? walk(document, false) : [['cluster']]);
  if (keyed.length > 0 && random.chance(0.5)) {
    const path = random.pick(keyed);
    const value = plainAt(document, path);
    document.deleteIn(path);
    document.setIn([...path.slice(0, -1), BAD_KEY], document.createNode(value));
  } else {
    document.setIn(target, document.createNode(BAD_NODE));
  }
}

export function malformedCorpus(): CorpusCase[] {
  const random = seededRandom(20_240_601);
  const mutations = distinct(470, (n) => ({ name: `random mutation #${n}`, text: mutateExample(random, true) }));
  return [...wrongTypes(), ...missingFields(), ...duplicates(), ...badCidrs(), ...syntaxErrors(random, 200), ...hugeValues(), ...deepNesting(), ...mutations];
}
