// Regenerates the field reference in docs/inventory.md from the inventory schema.
// `node scripts/gen-inventory-doc.ts --check` only reports whether the page is current.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { replaceGeneratedFields } from '../src/inventory/inventory-doc.ts';

const page = fileURLToPath(new URL('../docs/inventory.md', import.meta.url));
const current = await readFile(page, 'utf8');
const next = replaceGeneratedFields(current);

if (process.argv.includes('--check')) {
  console.log(next === current ? 'docs/inventory.md is up to date' : 'docs/inventory.md is out of date: run node scripts/gen-inventory-doc.ts');
  process.exitCode = next === current ? 0 : 1;
} else if (next !== current) {
  await writeFile(`${page}.tmp`, next);
  await rename(`${page}.tmp`, page);
  console.log('docs/inventory.md updated');
} else {
  console.log('docs/inventory.md already up to date');
}
