/** The words `reset` and re-runs look for to know that kit owns a file. */
export const MANAGED_BY_KIT = 'managed by kit';

/** First line of every file kit renders (all of them take `#` comments). */
export const MARKER_LINE = `# ${MANAGED_BY_KIT}: kit rewrites this file, edits here are lost on its next run`;

export function isManagedByKit(content: string): boolean {
  return content.startsWith(`# ${MANAGED_BY_KIT}`);
}
