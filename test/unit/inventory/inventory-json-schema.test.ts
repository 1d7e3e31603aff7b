import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { FIELDS_BEGIN, FIELDS_END, replaceGeneratedFields } from '../../../src/inventory/inventory-doc.ts';
import { inventoryJsonSchema, renderInventoryJsonSchema } from '../../../src/inventory/inventory-json-schema.ts';
import type { JsonSchema } from '../../../src/inventory/inventory-json-schema.ts';
import { renderInventoryFieldTable } from '../../../src/inventory/inventory-field-table.ts';

const EXAMPLE = readFileSync(new URL('../../../inventory.example.yaml', import.meta.url), 'utf8');
const DOC = readFileSync(new URL('../../../docs/inventory.md', import.meta.url), 'utf8');

/** Every property node with its dotted path, walking objects, lists and maps. */
function properties(schema: JsonSchema, prefix = ''): [string, JsonSchema][] {
  const found: [string, JsonSchema][] = [];
  const props = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
  for (const [key, value] of Object.entries(props)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    found.push([path, value], ...properties(value, path));
  }
  const items = schema['items'] as JsonSchema | undefined;
  if (items !== undefined) found.push(...properties(items, `${prefix}[]`));
  return found;
}

describe('inventory JSON Schema', () => {
  const schema = inventoryJsonSchema();

  it('has every top-level key of the example and refuses unknown keys', () => {
    const keys = Object.keys(schema['properties'] as object);
    assert.deepEqual(keys, ['apiVersion', 'cluster', 'ssh', 'hosts', 'network', 'artifacts', 'pki']);
    for (const key of Object.keys(parse(EXAMPLE) as object)) assert.ok(keys.includes(key), key);
    assert.deepEqual(schema['required'], ['apiVersion', 'cluster', 'hosts']);
    for (const [path, node] of properties(schema)) {
      if (node['type'] === 'object' && node['properties'] !== undefined) assert.equal(node['additionalProperties'], false, path);
    }
  });

  it('describes every field, so editors can show it', () => {
    const all = properties(schema);
    assert.ok(all.length > 50);
    for (const [path, node] of all) assert.ok(typeof node['description'] === 'string' && node['description'].length > 3, `${path} has no description`);
  });

  it('is printed as JSON that parses back to the same schema', () => {
    assert.deepEqual(JSON.parse(renderInventoryJsonSchema()), schema);
  });
});

describe('docs/inventory.md', () => {
  it('carries the current generated field table (run node scripts/gen-inventory-doc.ts)', () => {
    assert.ok(DOC.includes(FIELDS_BEGIN) && DOC.includes(FIELDS_END));
    assert.equal(replaceGeneratedFields(DOC), DOC);
  });

  it('lists every field of the schema', () => {
    const table = renderInventoryFieldTable();
    for (const [path] of properties(inventoryJsonSchema())) assert.ok(table.includes(`| \`${path}\` |`), path);
  });
});
