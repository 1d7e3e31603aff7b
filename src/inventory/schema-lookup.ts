import { deepFreeze } from './deep-freeze.ts';
import { inventoryJsonSchema } from './inventory-json-schema.ts';
import type { JsonSchema } from './inventory-json-schema.ts';
import type { InventoryPath } from './format-path.ts';

// Built once from the zod schema and frozen: error messages read descriptions and allowed keys from it.
const SCHEMA = deepFreeze(inventoryJsonSchema());

/** The JSON Schema node that describes the value at `path`, if the schema knows that place. */
export function schemaAt(path: InventoryPath): JsonSchema | undefined {
  let node: JsonSchema | undefined = SCHEMA;
  for (const segment of path) {
    if (node === undefined) return undefined;
    node = typeof segment === 'number' ? asSchema(node['items']) : (asSchema(asSchema(node['properties'])?.[segment]) ?? asSchema(node['additionalProperties']));
  }
  return node;
}

/** The keys a mapping at `path` may hold, in schema order. */
export function allowedKeysAt(path: InventoryPath): string[] {
  const properties = asSchema(schemaAt(path)?.['properties']);
  return properties === undefined ? [] : Object.keys(properties);
}

export function descriptionAt(path: InventoryPath): string | undefined {
  const description = schemaAt(path)?.['description'];
  return typeof description === 'string' ? description : undefined;
}

function asSchema(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}
