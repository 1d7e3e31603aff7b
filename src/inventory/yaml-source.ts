import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';
import type { InventoryPath } from './format-path.ts';

export interface SourcePosition {
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface YamlSyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

/** One parsed YAML text, kept so that problems found later can be traced back to line:column. */
export interface YamlSource {
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export function parseYamlSource(text: string): YamlSource {
  const lineCounter = new LineCounter();
  // uniqueKeys: a repeated key is an error rather than a silent override. merge: `<<: *anchor`
  // lets hosts share settings, as many Kubernetes users are used to.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  return { document, lineCounter };
}

/** Syntax errors and warnings (unknown tags) alike: an inventory has no use for either. */
export function yamlSyntaxProblems(source: YamlSource): YamlSyntaxProblem[] {
  return [...source.document.errors, ...source.document.warnings].map((error) => ({
    offset: error.pos[0],
    message: error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/u, ''),
  }));
}

export function positionAt(source: YamlSource, offset: number): SourcePosition {
  const { line, col } = source.lineCounter.linePos(Math.max(0, offset));
  return { line: Math.max(1, line), column: Math.max(1, col) };
}

/**
 * Where a path points in the text: the value when it exists (its key when the value is
 * empty or `atKey` asks for it), else the mapping that should hold the missing key.
 */
export function locatePath(source: YamlSource, path: InventoryPath, atKey = false): SourcePosition {
  const { document } = source;
  let node: unknown = document.contents;
  let offset = startOf(node) ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      const keyStart = startOf(pair.key) ?? offset;
      const valueStart = startOf(pair.value);
      if (last && (atKey || valueStart === undefined)) return positionAt(source, keyStart);
      offset = valueStart === undefined ? keyStart : last ? valueStart : keyStart;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      const itemStart = startOf(item);
      if (itemStart === undefined) break;
      offset = itemStart;
      node = item;
    } else {
      break;
    }
  }
  return positionAt(source, offset);
}

/**
 * The path of the deepest node around `offset`, so syntax errors can name a field too. A node
 * that spans the offset wins; otherwise the last one before it (an error in the gap after
 * `vxlan:` belongs to network.vxlan).
 */
export function pathAtOffset(source: YamlSource, offset: number): InventoryPath {
  const path: (string | number)[] = [];
  let node: unknown = source.document.contents;
  for (let depth = 0; depth < 1000; depth++) {
    const children = isMap(node)
      ? node.items.flatMap((pair) => (isPair(pair) && isScalar(pair.key) ? [{ segment: String(pair.key.value), start: startOf(pair.key), node: pair.value as unknown }] : []))
      : isSeq(node)
        ? node.items.map((item, index) => ({ segment: index as string | number, start: startOf(item), node: item as unknown }))
        : [];
    const started = children.filter((child) => child.start !== undefined && child.start <= offset);
    const next = started.find((child) => (endOf(child.node) ?? -1) >= offset) ?? started[started.length - 1];
    if (next === undefined) break;
    path.push(next.segment);
    node = next.node;
  }
  return path;
}

/** Start offset of a node that has text of its own; an empty value (`key:`) has none. */
function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  if (range === undefined || range === null) return undefined;
  return range[0] === range[1] && isScalar(node) && node.value === null ? undefined : range[0];
}


function endOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range === undefined || range === null ? undefined : range[1];
}
