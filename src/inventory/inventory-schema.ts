import { z } from 'zod';
import { ArtifactsSchema } from './schema/artifacts-schema.ts';
import { ClusterSchema } from './schema/cluster-schema.ts';
import { HostSchema } from './schema/host-schema.ts';
import { NetworkSchema } from './schema/network-schema.ts';
import { PkiSchema } from './schema/pki-schema.ts';
import { SshDefaultsSchema } from './schema/ssh-schema.ts';
import type { DeepReadonly } from './deep-freeze.ts';

export const INVENTORY_API_VERSION = 'kit/v1';

/**
 * The one definition of the inventory file: validation, the JSON Schema editors use and the
 * field reference in docs/inventory.md all come from it. Cross-field rules (duplicates,
 * overlaps, what needs what) live in ./checks/ because zod skips object-level refinements
 * as soon as one field fails, and kit reports every problem at once.
 */
export const InventorySchema = z
  .strictObject({
    apiVersion: z.literal(INVENTORY_API_VERSION).meta({ description: 'Version of the inventory format.', examples: [INVENTORY_API_VERSION] }),
    cluster: ClusterSchema,
    ssh: SshDefaultsSchema.prefault({}),
    hosts: z.array(HostSchema).min(1).meta({ description: 'Every server of the cluster.' }),
    network: NetworkSchema.prefault({}),
    artifacts: ArtifactsSchema.prefault({}),
    pki: PkiSchema.prefault({}),
  })
  .meta({ title: 'kit inventory', description: 'Everything kit needs to know to build one cluster.' });

/** The inventory file as written, with static defaults filled in. Read-only. */
export type InventorySpec = DeepReadonly<z.output<typeof InventorySchema>>;
export type HostSpec = InventorySpec['hosts'][number];
export type ClusterSpec = InventorySpec['cluster'];
export type SshDefaultsSpec = InventorySpec['ssh'];
export type HostSshSpec = NonNullable<HostSpec['ssh']>;
export type BastionSpec = NonNullable<HostSshSpec['bastion']>;
export type NetworkSpec = InventorySpec['network'];
export type ArtifactsSpec = InventorySpec['artifacts'];
export type PkiSpec = InventorySpec['pki'];
