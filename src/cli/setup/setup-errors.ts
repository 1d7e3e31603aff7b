import { KitError } from '../../errors/kit-error.ts';
import { UsageError } from '../../errors/usage-error.ts';

/** Ctrl-C, a signal, or declining to write: the wizard stopped and left no file behind. */
export class SetupCancelledError extends KitError {
  constructor(reason = 'kit setup was cancelled', cause?: unknown) {
    super('CANCELLED', `${reason}: nothing was written`, {
      hint: 'Run kit setup again when ready; kit setup --from FILE pre-fills every answer from an inventory you have.',
      ...(cause === undefined ? {} : { cause }),
    });
  }
}

/** `kit setup` asks questions: without a terminal it would wait for answers that never come. */
export class SetupNeedsTerminalError extends UsageError {
  constructor() {
    super(
      'kit setup asks questions and needs a terminal, but standard input is not a TTY',
      'Write the inventory by hand instead: start from inventory.example.yaml, see docs/inventory.md for every field, ' +
        'and check it with kit inventory validate -f FILE.',
    );
  }
}
