import { stringify } from 'yaml';
import { MARKER_LINE } from '../bootstrap/render/managed-marker.ts';
import type { ObjectRef } from './addon.ts';

/** An object as kit renders it: apiVersion, kind and metadata first, then the rest in order. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/**
 * Objects as one multi-document YAML file under kit's marker line. Keys keep the order they
 * were written in, so the renderers control the layout; long values are never folded.
 */
export function renderManifest(objects: readonly KubernetesObject[]): string {
  const documents = objects.map((object) => stringify(object, { lineWidth: 0, indent: 2, blockQuote: 'literal' }));
  return `${MARKER_LINE}\n${documents.join('---\n')}`;
}

export function refOf(object: KubernetesObject): ObjectRef {
  const { namespace } = object.metadata;
  return { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, ...(namespace === undefined ? {} : { namespace }) };
}
