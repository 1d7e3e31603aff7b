// Shared ways to edit inventory.example.yaml for generated test inputs.
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { formatPath } from '../../../src/inventory/format-path.ts';

export type Path = (string | number)[];

export const EXAMPLE_FILE_TEXT = readFileSync(new URL('../../../inventory.example.yaml', import.meta.url), 'utf8');
/**
 * The example without its comments: the same data in 40% less text, which makes the corpus of
 * a thousand parses proportionally faster. (The example contains no `#` inside values.)
 */
export const EXAMPLE_TEXT = EXAMPLE_FILE_TEXT.split('\n')
  .filter((line) => !/^\s*#/u.test(line))
  .map((line) => line.replace(/\s+#.*$/u, ''))
  .join('\n');
/** A key that is wrong everywhere: unknown in every strict mapping, invalid as a label key. */
export const BAD_KEY = 'x y!';
export const BAD_NODE = { [BAD_KEY]: [[]] };

export const EXAMPLE_DOCUMENT = parseDocument(EXAMPLE_TEXT);
/** A fresh copy of the example to edit; cloning is much cheaper than parsing again. */
export const example = (): Document => EXAMPLE_DOCUMENT.clone();

/** Every path to a scalar value, and every path to a mapping entry, in document order. */
export function walk(document: Document, leavesOnly: boolean): Path[] {
  const found: Path[] = [];
  const visit = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const child = [...path, String(pair.key.value)];
        if (!leavesOnly || isScalar(pair.value)) found.push(child);
        visit(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (!leavesOnly || isScalar(item)) found.push([...path, index]);
        visit(item, [...path, index]);
      });
    }
  };
  visit(document.contents, []);
  return found;
}

/** Where each scalar of the example sits in the text, so most cases are cheap text splices. */
export const LEAVES: ReadonlyMap<string, { readonly path: Path; readonly start: number; readonly end: number; readonly value: unknown }> = new Map(
  walk(EXAMPLE_DOCUMENT, true).map((path) => {
    const node = EXAMPLE_DOCUMENT.getIn(path, true) as { range: [number, number, number]; value: unknown };
    return [formatPath(path), { path, start: node.range[0], end: node.range[1], value: node.value }];
  }),
);

/** The example with one scalar replaced by inline YAML text. */
export function spliced(path: Path, yamlText: string): string {
  const leaf = LEAVES.get(formatPath(path));
  if (leaf === undefined) return withValue(path, yamlText);
  return `${EXAMPLE_TEXT.slice(0, leaf.start)}${yamlText}${EXAMPLE_TEXT.slice(leaf.end)}`;
}

export function withValue(path: Path, value: unknown): string {
  const document = example();
  document.setIn(path, document.createNode(value));
  return document.toString();
}

export function without(path: Path): string {
  const document = example();
  document.deleteIn(path);
  return document.toString();
}

