import { KitError } from '../../errors/kit-error.ts';

/** A renderer produced a flag the target minor no longer accepts: a bug in kit, caught before any host sees it. */
export class RemovedFlagError extends KitError {
  constructor(daemon: string, flag: string, minor: string, removedIn: number) {
    super('INTERNAL', `kit rendered --${flag} for ${daemon} ${minor}, but the flag was removed in 1.${removedIn}`, {
      hint: 'This is a bug in kit: report it with the kit and Kubernetes versions.',
    });
  }
}
