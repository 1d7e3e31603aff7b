import type { CheckStatus } from './preflight-types.ts';

export interface RenderOptions {
  /** Terminal columns; lines never exceed it. */
  readonly width: number;
  readonly color: boolean;
}

export const SYMBOL: Readonly<Record<CheckStatus, string>> = { ok: '✓', warn: '!', error: '✗', skipped: '-' };

const ANSI: Readonly<Record<CheckStatus, string>> = { ok: '32', warn: '33', error: '31', skipped: '2' };

/** Colours text by status; plain when colour is off. Apply after padding: codes have no width. */
export function paint(text: string, status: CheckStatus, color: boolean): string {
  return color ? `\u001b[${ANSI[status]}m${text}\u001b[0m` : text;
}

export function bold(text: string, color: boolean): string {
  return color ? `\u001b[1m${text}\u001b[0m` : text;
}

/** Cuts text to `width` characters, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

export function padEnd(text: string, width: number): string {
  return truncate(text, width).padEnd(width);
}

export function padStart(text: string, width: number): string {
  return truncate(text, width).padStart(width);
}

/** Word-wraps text into lines of at most `width`, each prefixed by `indent` (counted in the width). */
export function wrap(text: string, width: number, indent: string, firstIndent = indent): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let prefix = firstIndent;
  for (const word of text.split(/\s+/u).filter((part) => part !== '')) {
    const room = width - line.length - (line === prefix ? 0 : 1);
    if (word.length <= room) {
      line = line === prefix ? `${line}${word}` : `${line} ${word}`;
      continue;
    }
    if (line !== prefix) lines.push(line);
    prefix = indent;
    let rest = word;
    // A word longer than a whole line (a long command) is split rather than overflowing.
    while (rest.length > width - indent.length) {
      lines.push(`${indent}${rest.slice(0, width - indent.length)}`);
      rest = rest.slice(width - indent.length);
    }
    line = `${indent}${rest}`;
  }
  if (line !== prefix || lines.length === 0) lines.push(line);
  return lines;
}
