import { readFile, stat } from 'node:fs/promises';
import { checkInventoryText, locateInventoryProblems, MAX_INVENTORY_BYTES } from './check-inventory-text.ts';
import { checkManifestFile } from './checks/check-manifest-file.ts';
import type { Inventory } from './inventory.ts';
import { InventoryInvalidError } from './inventory-invalid-error.ts';
import { compareProblems } from './inventory-problem.ts';
import { InventoryUnreadableError } from './inventory-unreadable-error.ts';
import { pathBaseFor } from './parse-inventory.ts';
import type { ParseInventoryOptions } from './parse-inventory.ts';
import { resolveInventory } from './resolve-inventory.ts';
import { parseYamlSource } from './yaml-source.ts';

/**
 * Reads, validates and resolves an inventory file, and checks the files it names that kit
 * reads itself (a CNI manifest). Throws `InventoryUnreadableError` when the file cannot be
 * read and `InventoryInvalidError` (every problem, with line:column) when its content is wrong.
 */
export async function loadInventory(filePath: string, options: ParseInventoryOptions = {}): Promise<Inventory> {
  const text = await readInventoryText(filePath);
  const base = pathBaseFor(filePath, options);
  const check = checkInventoryText(text, filePath);
  const fileProblems = await checkManifestFile(check.ok ? check.spec : rawData(text), base);
  if (check.ok && fileProblems.length === 0) return resolveInventory(check.spec, base);
  throw new InventoryInvalidError(filePath, [...check.problems, ...locateInventoryProblems(text, filePath, fileProblems)].sort(compareProblems));
}

/** The data of text that failed its checks, for the file check; nothing when it is not YAML. */
function rawData(text: string): unknown {
  const source = parseYamlSource(text);
  if (source.document.errors.length > 0) return undefined;
  try {
    return source.document.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
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
