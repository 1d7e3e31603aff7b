import { stringify } from 'yaml';

/** Kubernetes objects as one multi-document YAML stream for `kubectl apply -f -`. */
export function renderManifest(objects: readonly Readonly<Record<string, unknown>>[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0, indent: 2 })).join('---\n');
}
