import type { PathProblem } from '../inventory-problem.ts';
import { checkHosts } from './check-hosts.ts';
import { checkSections } from './check-sections.ts';
import { checkSubnets } from './check-subnets.ts';

/** Every rule the schema cannot express because it spans more than one field. */
export function checkInventoryRules(raw: unknown): PathProblem[] {
  return [...checkHosts(raw), ...checkSubnets(raw), ...checkSections(raw)];
}
