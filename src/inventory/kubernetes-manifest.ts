import { LineCounter, parseAllDocuments } from 'yaml';

/** One object of a manifest file, with where it starts (for messages). */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** 1-based line where the object's document (or `List` item) starts. */
  readonly line: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/** Where and why a manifest cannot be used. */
export interface ManifestProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export type ManifestParse = { readonly ok: true; readonly objects: readonly ManifestObject[] } | { readonly ok: false; readonly problem: ManifestProblem };

/** Far beyond the largest CNI manifests (the Calico operator's, CRDs included, is about 2 MiB). */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/**
 * Parses a multi-document YAML manifest as `kubectl apply -f` reads it: empty documents are
 * skipped, `kind: List` is flattened, every other document must be an object with apiVersion,
 * kind and metadata.name. Stops at the first problem: later ones are mostly its echoes.
 */
export function parseManifestDocuments(text: string): ManifestParse {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(Math.max(0, offset));
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  const fail = (offset: number, message: string): ManifestParse => ({ ok: false, problem: { ...position(offset), message } });
  if (!Array.isArray(documents)) return fail(0, 'not a YAML stream');
  const objects: ManifestObject[] = [];
  for (const [index, document] of documents.entries()) {
    const error = document.errors[0];
    if (error !== undefined) return fail(error.pos[0], `YAML: ${error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/u, '')}`);
    let data: unknown;
    try {
      data = document.toJS({ maxAliasCount: 1000 });
    } catch (thrown) {
      return fail(document.range[0], `YAML: ${thrown instanceof Error ? thrown.message : String(thrown)}`);
    }
    if (data === null || data === undefined) continue;
    const start = position(document.contents?.range[0] ?? document.range[0]).line;
    const found = objectsOf(data, start, `document ${index + 1}`);
    if (typeof found === 'string') return fail(document.contents?.range[0] ?? document.range[0], found);
    objects.push(...found);
  }
  if (objects.length === 0) return fail(0, 'holds no Kubernetes object');
  return { ok: true, objects };
}

/** The objects one document stands for, or why it is not one. */
function objectsOf(data: unknown, line: number, label: string): ManifestObject[] | string {
  if (!isRecord(data)) return `${label} (line ${line}) is not a Kubernetes object (a mapping with apiVersion and kind)`;
  if (data['kind'] === 'List' && Array.isArray(data['items'])) {
    const items: ManifestObject[] = [];
    for (const [index, item] of data['items'].entries()) {
      const found = objectsOf(item, line, `${label}, item ${index + 1}`);
      if (typeof found === 'string') return found;
      items.push(...found);
    }
    return items;
  }
  const { apiVersion, kind } = data;
  const metadata = isRecord(data['metadata']) ? data['metadata'] : {};
  const { name, namespace } = metadata;
  if (typeof apiVersion !== 'string' || apiVersion === '') return `${label} (line ${line}) has no apiVersion`;
  if (typeof kind !== 'string' || kind === '') return `${label} (line ${line}) has no kind`;
  if (typeof name !== 'string' || name === '') return `${label} (line ${line}, ${kind}) has no metadata.name`;
  return [{ apiVersion, kind, name, ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}), line, body: data }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
