import { renderInventoryFieldTable } from './inventory-field-table.ts';

export const FIELDS_BEGIN = '<!-- BEGIN GENERATED FIELDS: node scripts/gen-inventory-doc.ts -->';
export const FIELDS_END = '<!-- END GENERATED FIELDS -->';

/** The page with its generated field table replaced by the current one. */
export function replaceGeneratedFields(page: string): string {
  const begin = page.indexOf(FIELDS_BEGIN);
  const end = page.indexOf(FIELDS_END);
  if (begin < 0 || end < begin) throw new Error(`the page has no ${FIELDS_BEGIN} ... ${FIELDS_END} block`);
  return `${page.slice(0, begin + FIELDS_BEGIN.length)}\n${renderInventoryFieldTable()}${page.slice(end)}`;
}
