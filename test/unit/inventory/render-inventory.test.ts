import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseInventory } from '../../../src/inventory/parse-inventory.ts';
import { renderInventory } from '../../../src/inventory/render-inventory.ts';
import { PARSE_OPTIONS } from './inventory-fixtures.ts';
import { randomValidInventory } from './random-inventory.ts';

const EXAMPLE = readFileSync(new URL('../../../inventory.example.yaml', import.meta.url), 'utf8');
const HOME = { homeDir: PARSE_OPTIONS.homeDir };

describe('renderInventory', () => {
  it('round-trips the example: parse(render(x)) equals x', () => {
    const inventory = parseInventory(EXAMPLE, 'inventory.example.yaml', PARSE_OPTIONS);
    const text = renderInventory(inventory, HOME);
    assert.deepEqual(parseInventory(text, 'rendered.yaml', PARSE_OPTIONS), inventory);
  });

  it('writes comments from the schema, ~ for home paths and only non-default host SSH settings', () => {
    const text = renderInventory(parseInventory(EXAMPLE, 'inventory.example.yaml', PARSE_OPTIONS), HOME);
    assert.match(text, /^# kit inventory/u);
    assert.match(text, /^ {2}# Name of the cluster/mu);
    assert.match(text, /^ {2}keyFile: ~\/\.ssh\/id_ed25519$/mu);
    assert.match(text, /roles: \[control-plane\]/u);
    assert.doesNotMatch(text, /^ {6}port: 22$/mu, 'hosts do not repeat the default SSH port');
  });

  it('round-trips 120 random valid inventories', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const source = randomValidInventory(seed);
      const inventory = parseInventory(source, `random-${seed}.yaml`, PARSE_OPTIONS);
      const rendered = renderInventory(inventory, HOME);
      assert.deepEqual(parseInventory(rendered, 'rendered.yaml', PARSE_OPTIONS), inventory, `seed ${seed}:\n${rendered}`);
    }
  });
});
