import { readFile, stat } from 'node:fs/promises';
import { MAX_INVENTORY_BYTES } from './check-inventory-text.ts';
import type { Inventory } from './inventory.ts';
import { InventoryUnreadableError } from './inventory-unreadable-error.ts';
import { parseInventory } from './parse-inventory.ts';
import type { ParseInventoryOptions } from './parse-inventory.ts';

/**
 * Reads, validates and resolves an inventory file. Throws `InventoryUnreadableError` when
 * the file cannot be read and `InventoryInvalidError` (every problem, with line:column) when
 * its content is wrong.
 */
export async function loadInventory(filePath: string, options: ParseInventoryOptions = {}): Promise<Inventory> {
  return parseInventory(await readInventoryText(filePath), filePath, options);
}

export async function readInventoryText(filePath: string): Promise<string> {
  try {
    const info = await stat(filePath);
    if (info.isDirectory()) throw new InventoryUnreadableError(filePath, 'it is a directory');
    if (info.size > MAX_INVENTORY_BYTES) throw new InventoryUnreadableError(filePath, `it is ${info.size} bytes, more than the ${MAX_INVENTORY_BYTES} an inventory may have`);
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if (error instanceof InventoryUnreadableError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error instanceof Error ? error.message : String(error);
    throw new InventoryUnreadableError(filePath, reason, error);
  }
}
