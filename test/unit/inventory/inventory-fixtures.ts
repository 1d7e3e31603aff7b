import assert from 'node:assert/strict';
import { InventoryInvalidError } from '../../../src/inventory/inventory-invalid-error.ts';
import type { InventoryProblem } from '../../../src/inventory/inventory-problem.ts';
import { parseInventory } from '../../../src/inventory/parse-inventory.ts';

/** A small valid inventory the error tests edit one line at a time. */
export const BASE_INVENTORY = `apiVersion: kit/v1
cluster:
  name: demo
  kubernetesVersion: v1.36.5
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
ssh:
  user: root
  port: 22
hosts:
  - name: cp1
    address: 198.18.0.11
    roles: [control-plane]
  - name: w1
    address: 198.18.0.12
    roles: [worker]
network:
  plugin: vxlan
  vxlan:
    vni: 1
    port: 4789
artifacts:
  source: download
pki:
  keyType: rsa
`;

export const PARSE_OPTIONS = { homeDir: '/home/kit', baseDir: '/srv/inventories' } as const;

/** Replaces exactly one occurrence, so a fixture edit cannot silently miss. */
export function edit(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `expected exactly one ${JSON.stringify(from)} in the fixture`);
  return text.replace(from, to);
}

/** 1-based line:column of the n-th occurrence of `needle`, found by plain string search. */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let seen = 0; seen < occurrence; seen++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `${JSON.stringify(needle)} occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

/** Parses text that must be invalid and returns its problems. */
export function problemsOf(text: string, fileName = 'inventory.yaml'): readonly InventoryProblem[] {
  try {
    parseInventory(text, fileName, PARSE_OPTIONS);
  } catch (error) {
    assert.ok(error instanceof InventoryInvalidError, `expected InventoryInvalidError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('the inventory was accepted');
}

export function problemAt(problems: readonly InventoryProblem[], path: string): InventoryProblem {
  const found = problems.find((problem) => problem.path === path);
  assert.ok(found, `no problem at ${path}; got:\n${problems.map((problem) => `${problem.line}:${problem.column} ${problem.path}: ${problem.message}`).join('\n')}`);
  return found;
}
