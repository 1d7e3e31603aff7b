import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { checkInventoryText } from './check-inventory-text.ts';
import type { Inventory } from './inventory.ts';
import { InventoryInvalidError } from './inventory-invalid-error.ts';
import type { InventorySpec } from './inventory-schema.ts';
import type { PathBase } from './expand-path.ts';
import { resolveInventory } from './resolve-inventory.ts';

export interface ParseInventoryOptions {
  /** What `~` expands to. Default: the current user's home folder. */
  readonly homeDir?: string;
  /** What relative paths are relative to. Default: the folder of `fileName`. */
  readonly baseDir?: string;
}

/** Validates inventory text; throws `InventoryInvalidError` with every problem, else returns the read-only spec. */
export function parseInventorySpec(text: string, fileName: string): InventorySpec {
  const check = checkInventoryText(text, fileName);
  if (!check.ok) throw new InventoryInvalidError(fileName, check.problems);
  return check.spec;
}

/**
 * Validates inventory text and resolves it: defaults merged, paths absolute, one SSH target
 * per host. `fileName` is used in messages (`inventory.yaml:12:7 ...`) and for relative paths.
 */
export function parseInventory(text: string, fileName: string, options: ParseInventoryOptions = {}): Inventory {
  return resolveInventory(parseInventorySpec(text, fileName), pathBaseFor(fileName, options));
}

/** What `~` and relative paths in the inventory `fileName` mean. */
export function pathBaseFor(fileName: string, options: ParseInventoryOptions = {}): PathBase {
  return { homeDir: options.homeDir ?? homedir(), baseDir: options.baseDir ?? dirname(resolve(fileName)) };
}
