import { KitError } from '../errors/kit-error.ts';

/** The inventory file could not be read at all (missing, a directory, no permission). */
export class InventoryUnreadableError extends KitError {
  readonly file: string;

  constructor(file: string, reason: string, cause?: unknown) {
    super('INVENTORY_UNREADABLE', `cannot read the inventory ${file}: ${reason}`, {
      hint: 'Pass the path of an inventory file with -f; inventory.example.yaml is a starting point.',
      cause,
    });
    this.file = file;
  }
}
