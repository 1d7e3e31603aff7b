import type { z } from 'zod';

/** What is wrong with one field's value, and what to write instead. */
export interface FieldProblem {
  readonly message: string;
  readonly hint?: string;
}

export type FieldCheck<T> = (value: T) => FieldProblem | undefined;

/**
 * Adds a check to a schema that reports one custom issue carrying a hint. Zod keeps the
 * hint in `params`, where the issue formatter finds it.
 */
export function checked<S extends z.ZodType>(schema: S, check: FieldCheck<z.output<S>>): S {
  return schema.superRefine((value, context) => {
    const problem = check(value);
    if (problem === undefined) return;
    context.addIssue({
      code: 'custom',
      message: problem.message,
      input: value,
      ...(problem.hint === undefined ? {} : { params: { hint: problem.hint } }),
    });
  });
}
