import { z } from 'zod';
import { checked } from './checked.ts';
import { portSchema } from './common-schemas.ts';
import { checkManifest, checkVxlanPort } from './field-checks.ts';

export const VxlanSchema = z
  .strictObject({
    vni: z.int().min(1).max(16_777_215).default(1).meta({ description: 'VXLAN network identifier, 1-16777215.', examples: [1] }),
    port: checked(portSchema('UDP port of the VXLAN tunnel; must not be a port kit uses (6443, 2379, 2380, 10250, 10256, 10257, 10259).'), checkVxlanPort)
      .default(4789)
      .meta({ examples: [4789, 8472] }),
    mtu: z
      .int()
      .min(1280)
      .max(9000)
      .optional()
      .meta({ description: 'MTU of the overlay interface, 1280-9000. Default: the measured underlay MTU minus 50 (the VXLAN overhead).', examples: [1450] }),
  })
  .meta({ description: "Settings of kit's built-in VXLAN overlay (plugin: vxlan)." });

export const NetworkSchema = z
  .strictObject({
    plugin: z
      .enum(['vxlan', 'manifest'])
      .default('vxlan')
      .meta({ description: "vxlan: kit's built-in overlay. manifest: apply a CNI manifest (flannel, Calico, Cilium) instead." }),
    vxlan: VxlanSchema.optional(),
    manifest: checked(z.string(), checkManifest)
      .optional()
      .meta({
        description: 'CNI manifest to apply when plugin is manifest: an http(s) URL or a file path (relative to the inventory file) holding Kubernetes objects. See docs/addons.md.',
        examples: ['https://example.com/kube-flannel.yml', './cni/calico.yaml'],
      }),
  })
  .meta({ description: 'Pod network.' });
