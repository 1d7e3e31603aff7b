import { KitError } from '../errors/kit-error.ts';
import { formatProblem } from './inventory-problem.ts';
import type { InventoryProblem } from './inventory-problem.ts';

/** The inventory file has problems; `problems` holds every one, in file order. */
export class InventoryInvalidError extends KitError {
  readonly file: string;
  readonly problems: readonly InventoryProblem[];

  constructor(file: string, problems: readonly InventoryProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super('INVENTORY_INVALID', [`${file} is not a valid inventory (${count}):`, ...problems.map(formatProblem)].join('\n'), {
      hint: 'Fix the fields listed above; docs/inventory.md describes every field, and `kit inventory schema` gives editors completion.',
    });
    this.file = file;
    this.problems = Object.freeze([...problems]);
  }
}
