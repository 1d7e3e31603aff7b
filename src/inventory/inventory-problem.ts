import type { InventoryPath } from './format-path.ts';

/** One thing wrong with an inventory file, pinned to where it is. */
export interface InventoryProblem {
  /** The file name as the user gave it. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** Where in the document, e.g. `hosts[2].roles`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
  /** What to write instead, when kit can tell. */
  readonly hint?: string;
}

/** A problem before it has a position: found on the data, traced back to the text later. */
export interface PathProblem {
  readonly path: InventoryPath;
  readonly message: string;
  readonly hint?: string;
  /** Point at the key rather than its value (unknown or misspelt keys). */
  readonly atKey?: boolean;
}

/** `inventory.yaml:12:7 hosts[1].address: message`, with the hint on the next line. */
export function formatProblem(problem: InventoryProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const what = problem.path === '' ? problem.message : `${problem.path}: ${problem.message}`;
  return problem.hint === undefined ? `${where} ${what}` : `${where} ${what}\n    hint: ${problem.hint}`;
}

export function compareProblems(a: InventoryProblem, b: InventoryProblem): number {
  return a.line - b.line || a.column - b.column || a.path.localeCompare(b.path);
}
