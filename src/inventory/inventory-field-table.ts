import { inventoryJsonSchema } from './inventory-json-schema.ts';
import type { JsonSchema } from './inventory-json-schema.ts';

interface FieldRow {
  readonly field: string;
  readonly type: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/**
 * The field reference of docs/inventory.md as a Markdown table, generated from the schema
 * so the documentation cannot drift from what kit accepts.
 */
export function renderInventoryFieldTable(): string {
  const rows = collectRows(inventoryJsonSchema(), '', true);
  const lines = ['| Field | Type | Default | Description | Example |', '|---|---|---|---|---|'];
  for (const row of rows) {
    const fallback = row.schema['default'];
    const defaultText = row.required ? '**required**' : fallback === undefined ? '—' : code(fallback);
    const examples = row.schema['examples'];
    const example = Array.isArray(examples) && examples.length > 0 ? code(examples[0]) : '';
    const description = typeof row.schema['description'] === 'string' ? row.schema['description'] : '';
    lines.push(`| \`${row.field}\` | ${row.type} | ${defaultText} | ${cell(description)} | ${example} |`);
  }
  return `${lines.join('\n')}\n`;
}

function collectRows(schema: JsonSchema, prefix: string, required: boolean): FieldRow[] {
  const rows: FieldRow[] = prefix === '' ? [] : [{ field: prefix, type: typeOf(schema), required, schema }];
  const properties = child(schema['properties']);
  const requiredKeys = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  for (const [key, value] of Object.entries(properties ?? {})) {
    const node = child(value);
    if (node !== undefined) rows.push(...collectRows(node, prefix === '' ? key : `${prefix}.${key}`, requiredKeys.includes(key)));
  }
  const items = child(schema['items']);
  if (items !== undefined && child(items['properties']) !== undefined) rows.push(...collectRows(items, `${prefix}[]`, false).slice(1));
  const values = child(schema['additionalProperties']);
  if (values !== undefined) rows.push(...collectRows(values, `${prefix}.<key>`, false));
  return rows;
}

function typeOf(schema: JsonSchema): string {
  if (schema['const'] !== undefined) return code(schema['const']);
  if (Array.isArray(schema['enum'])) return schema['enum'].map((value) => code(value)).join(' \\| ');
  const type = schema['type'];
  if (type === 'array') {
    const items = child(schema['items']);
    return items === undefined ? 'list' : child(items['properties']) !== undefined ? 'list of mappings' : `list of ${typeOf(items)}`;
  }
  if (type === 'object') return child(schema['additionalProperties']) !== undefined ? 'map of string' : 'mapping';
  if (type === 'integer' && typeof schema['minimum'] === 'number' && typeof schema['maximum'] === 'number') return `integer ${schema['minimum']}–${schema['maximum']}`;
  return typeof type === 'string' ? type : 'any';
}

function code(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `\`${text.replace(/\|/gu, '\\|')}\``;
}

function cell(text: string): string {
  return text.replace(/\|/gu, '\\|').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/\n/gu, ' ');
}

function child(value: unknown): JsonSchema | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}
