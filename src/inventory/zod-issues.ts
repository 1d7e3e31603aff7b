import type { z } from 'zod';
import { formatPath, toInventoryPath } from './format-path.ts';
import type { InventoryPath } from './format-path.ts';
import type { PathProblem } from './inventory-problem.ts';
import { allowedKeysAt, schemaAt } from './schema-lookup.ts';
import { closestMatch } from './suggest.ts';

type Issue = z.core.$ZodIssue;

/** Turns zod's issues into messages that name the field, the value found and what to write. */
export function problemsFromIssues(issues: readonly Issue[]): PathProblem[] {
  return issues.flatMap((issue) => {
    const path = toInventoryPath(issue.path);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => unknownKey(path, key));
    return [problemFromIssue(issue, path)];
  });
}

function problemFromIssue(issue: Issue, path: InventoryPath): PathProblem {
  const input: unknown = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? missing(path) : wrongType(path, issue.expected, input);
    case 'invalid_value':
      if (input === undefined) return missing(path);
      return invalidValue(path, issue.values, input);
    case 'too_small':
      return { path, message: tooSmall(issue.origin, Number(issue.minimum), input), ...rangeHint(path) };
    case 'too_big':
      return { path, message: `${show(input)} is more than the maximum ${Number(issue.maximum)}`, ...rangeHint(path) };
    case 'custom': {
      const params: Record<string, unknown> = issue.params ?? {};
      return {
        path,
        message: issue.message,
        ...(typeof params['hint'] === 'string' ? { hint: params['hint'] } : {}),
        ...(params['atKey'] === true ? { atKey: true } : {}),
      };
    }
    default:
      return { path, message: issue.message };
  }
}

function missing(path: InventoryPath): PathProblem {
  const field = path[path.length - 1];
  const examples = schemaAt(path)?.['examples'];
  const example = Array.isArray(examples) && examples.length > 0 ? ` e.g. ${JSON.stringify(examples[0])}` : '';
  return { path, message: `${String(field ?? 'value')} is required`, hint: `Add ${formatPath(path)}:${example}` };
}

function wrongType(path: InventoryPath, expected: string, input: unknown): PathProblem {
  const wanted = { string: 'text', number: 'a number', int: 'a whole number', object: 'a mapping', array: 'a list', boolean: 'true or false' }[expected] ?? expected;
  const message = `must be ${wanted}, not ${show(input)}`;
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')) {
    return { path, message, hint: 'YAML read this as a number or boolean: put the value in quotes to make it text.' };
  }
  if (expected === 'array' && typeof input === 'string') return { path, message, hint: `Write a list: [${input}], or one "- item" per line.` };
  if (expected === 'object' && input === null) return { path, message, hint: 'The section is empty: add its fields or remove the key.' };
  return { path, message };
}

function unknownKey(parent: InventoryPath, key: string): PathProblem {
  const allowed = allowedKeysAt(parent);
  const guess = closestMatch(key, allowed);
  const hint = guess !== undefined ? `Did you mean ${guess}?` : allowed.length > 0 ? `Allowed here: ${allowed.join(', ')}.` : undefined;
  return { path: [...parent, key], message: `unknown field ${JSON.stringify(key)}`, atKey: true, ...(hint === undefined ? {} : { hint }) };
}

function invalidValue(path: InventoryPath, values: readonly unknown[], input: unknown): PathProblem {
  const message = values.length === 1 ? `must be ${show(values[0])}, not ${show(input)}` : `${show(input)} is not one of ${values.map(show).join(', ')}`;
  const guess = typeof input === 'string' ? closestMatch(input, values.map(String)) : undefined;
  return { path, message, ...(guess === undefined ? {} : { hint: `Did you mean ${guess}?` }) };
}

function tooSmall(origin: string, minimum: number, input: unknown): string {
  if (origin === 'array') return minimum === 1 ? 'must not be empty' : `needs at least ${minimum} entries`;
  if (origin === 'string') return minimum === 1 ? 'must not be empty' : `needs at least ${minimum} characters`;
  return `${show(input)} is less than the minimum ${minimum}`;
}

function rangeHint(path: InventoryPath): { hint?: string } {
  const node = schemaAt(path);
  const [low, high] = [node?.['minimum'], node?.['maximum']];
  return typeof low === 'number' && typeof high === 'number' ? { hint: `Allowed: ${low}-${high}.` } : {};
}

/** A value as the user would recognise it in their file. */
function show(value: unknown): string {
  if (value === null) return 'an empty value';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}
