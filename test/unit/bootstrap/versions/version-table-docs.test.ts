import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SUPPORTED_MINORS, VERSION_TABLE } from '../../../../src/bootstrap/versions/version-table.ts';
import type { MinorTraits } from '../../../../src/bootstrap/versions/version-table.ts';

const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'docs', 'daemons.md'), 'utf8');

/** The row docs/daemons.md must show for a minor, built from the table. */
function docRow(row: MinorTraits): string {
  const yesNo = (value: boolean) => (value ? 'yes' : 'no');
  const cells = [
    row.minor, row.defaultPatch, row.components.etcd, row.components.pause, row.components.coreDns,
    row.configApis.scheduler.split('/')[1] ?? '', row.kubelet.runtimeEndpointIn, row.kubelet.taintsIn,
    yesNo(row.kubelet.podInfraImageFlag), yesNo(row.disableInsecurePort), row.adminGroup, yesNo(row.superAdminKubeconfig),
  ];
  return `| ${cells.join(' | ')} |`;
}

describe('docs/daemons.md', () => {
  for (const minor of SUPPORTED_MINORS) {
    it(`shows the version table's row for ${minor}`, () => {
      const row = docRow(VERSION_TABLE[minor]);
      assert.ok(DOC.includes(row), `docs/daemons.md lacks the line:\n${row}`);
    });
  }
});
