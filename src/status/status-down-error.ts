import { KitError } from '../errors/kit-error.ts';
import type { Finding } from './status-findings.ts';

const SHOWN = 5;

/** `kit status` found something down; the status itself was printed before this is thrown. */
export class StatusDownError extends KitError {
  readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[]) {
    const shown = findings.slice(0, SHOWN).map((finding) => `${finding.host === undefined ? '' : `${finding.host}: `}${finding.text.split('\n')[0] ?? ''}`);
    const more = findings.length > SHOWN ? `\n…and ${findings.length - SHOWN} more (listed above)` : '';
    super('CLUSTER_DEGRADED', `${findings.length} thing(s) down:\n${shown.join('\n')}${more}`, {
      hint: 'A stopped unit: `journalctl -u UNIT -n 50` on that host shows why; `kit apply` starts what kit manages again.',
    });
    this.findings = findings;
  }
}
