/** A location inside the inventory: map keys and list indexes from the document root. */
export type InventoryPath = readonly (string | number)[];

/** `['hosts', 2, 'labels', 'a/b']` → `hosts[2].labels["a/b"]`; the root is the empty string. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/u.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** Zod paths may hold symbols in theory; ours never do, but keep the type honest. */
export function toInventoryPath(path: readonly PropertyKey[]): InventoryPath {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}
