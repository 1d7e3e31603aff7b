import { stringify } from 'yaml';
import { MARKER_LINE } from './managed-marker.ts';

/**
 * A configuration object as YAML under kit's marker line. Keys keep the order they were
 * written in, so a renderer controls the layout; long values are never folded.
 */
export function renderYamlDocument(document: Readonly<Record<string, unknown>>): string {
  return `${MARKER_LINE}\n${stringify(document, { lineWidth: 0, indent: 2 })}`;
}
