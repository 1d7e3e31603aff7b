import { z } from 'zod';
import { InventorySchema } from './inventory-schema.ts';

export type JsonSchema = { readonly [key: string]: unknown };

/**
 * The JSON Schema of the inventory file, for editor completion and hover text
 * (`kit inventory schema`). Draft 7 because that is what YAML editors support best; `input`
 * mode so fields with defaults are optional, as they are in the file.
 */
export function inventoryJsonSchema(): JsonSchema {
  return z.toJSONSchema(InventorySchema, { io: 'input', target: 'draft-7' }) as JsonSchema;
}

/** What `kit inventory schema` prints. */
export function renderInventoryJsonSchema(): string {
  return `${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`;
}
