import { checkInventoryRules } from './checks/check-inventory.ts';
import { deepFreeze } from './deep-freeze.ts';
import { formatPath } from './format-path.ts';
import { compareProblems } from './inventory-problem.ts';
import type { InventoryProblem, PathProblem } from './inventory-problem.ts';
import { InventorySchema } from './inventory-schema.ts';
import type { InventorySpec } from './inventory-schema.ts';
import { schemaAt } from './schema-lookup.ts';
import { locatePath, parseYamlSource, pathAtOffset, positionAt, yamlSyntaxProblems } from './yaml-source.ts';
import type { YamlSource, YamlSyntaxProblem } from './yaml-source.ts';
import { problemsFromIssues } from './zod-issues.ts';

/** After the first few, YAML errors are mostly echoes of the first one. */
const MAX_SYNTAX_PROBLEMS = 5;

/** Far beyond any real inventory; refusing more keeps a mistaken `-f` on a huge file quick. */
export const MAX_INVENTORY_BYTES = 4 * 1024 * 1024;

export type InventoryCheck =
  | { readonly ok: true; readonly spec: InventorySpec; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly InventoryProblem[] };

/** Validates inventory text and returns every problem at once, or the read-only spec. */
export function checkInventoryText(text: string, file: string): InventoryCheck {
  const fail = (problems: readonly InventoryProblem[]): InventoryCheck => ({ ok: false, problems: [...problems].sort(compareProblems) });
  const documentProblem = (message: string, hint?: string): InventoryProblem => ({ file, line: 1, column: 1, path: '', message, ...(hint === undefined ? {} : { hint }) });
  if (Buffer.byteLength(text) > MAX_INVENTORY_BYTES) return fail([documentProblem(`the file is larger than ${MAX_INVENTORY_BYTES / 1024 / 1024} MiB`, 'Is this the right file?')]);

  const source = parseYamlSource(text);
  const syntax = yamlSyntaxProblems(source);
  if (syntax.length > 0) return fail(syntaxProblems(source, file, syntax));
  let data: unknown;
  try {
    // An alias budget stops "billion laughs" expansion while leaving room for hosts that share
    // settings through `<<: *anchor`.
    data = source.document.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return fail([documentProblem(`YAML: ${error instanceof Error ? error.message : String(error)}`)]);
  }
  if (data === null || data === undefined) return fail([documentProblem('the file is empty', 'Start from inventory.example.yaml.')]);

  const result = InventorySchema.safeParse(data, { reportInput: true });
  const found = [...(result.success ? [] : problemsFromIssues(result.error.issues)), ...checkInventoryRules(data)];
  if (found.length > 0 || !result.success) return fail(locateProblems(source, file, found.length > 0 ? found : [{ path: [], message: 'the inventory is invalid' }]));
  return { ok: true, spec: deepFreeze(result.data), problems: [] };
}

/** Problems found after the text was checked (files it names), pinned to their line:column. */
export function locateInventoryProblems(text: string, file: string, problems: readonly PathProblem[]): InventoryProblem[] {
  return locateProblems(parseYamlSource(text), file, problems);
}

function locateProblems(source: YamlSource, file: string, problems: readonly PathProblem[]): InventoryProblem[] {
  const seen = new Set<string>();
  return problems.flatMap((problem) => {
    const path = formatPath(problem.path);
    const key = `${path}\n${problem.message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const position = locatePath(source, problem.path, problem.atKey === true);
    return [{ file, ...position, path, message: problem.message, ...(problem.hint === undefined ? {} : { hint: problem.hint }) }];
  });
}

/**
 * YAML errors, one per line and only the first few. The path is cut where it stops naming a
 * place the schema knows, because after a syntax error the parser's guesses turn into noise.
 */
function syntaxProblems(source: YamlSource, file: string, syntax: readonly YamlSyntaxProblem[]): InventoryProblem[] {
  const lines = new Set<number>();
  const problems: InventoryProblem[] = [];
  for (const { offset, message } of [...syntax].sort((a, b) => a.offset - b.offset)) {
    const position = positionAt(source, offset);
    if (lines.has(position.line)) continue;
    lines.add(position.line);
    if (problems.length === MAX_SYNTAX_PROBLEMS) {
      problems.push({ file, ...position, path: '', message: 'more YAML errors follow; fix the ones above first' });
      break;
    }
    const path = pathAtOffset(source, offset);
    const known = path.findIndex((_, index) => schemaAt(path.slice(0, index + 1)) === undefined);
    problems.push({ file, ...position, path: formatPath(known < 0 ? path : path.slice(0, known)), message: `YAML: ${message}` });
  }
  return problems;
}
