import { z } from 'zod';
import { checked } from './checked.ts';
import { addressSchema } from './common-schemas.ts';
import { checkIpAddress, checkLabelKey, checkLabelValue, checkNodeName } from './field-checks.ts';
import { HostSshSchema } from './ssh-schema.ts';

export const HOST_ROLES = ['control-plane', 'worker'] as const;

const RolesSchema = z
  .array(z.enum(HOST_ROLES).meta({ description: 'control-plane: runs etcd and the API server, scheduler and controller-manager. worker: runs pods.' }))
  .min(1)
  .superRefine((roles, context) => {
    roles.forEach((role, index) => {
      if (roles.indexOf(role) !== index) context.addIssue({ code: 'custom', message: `role ${role} is listed twice`, path: [index], input: role });
    });
  })
  .meta({ description: 'What the host runs; a host can be both.', examples: [['control-plane'], ['worker'], ['control-plane', 'worker']] });

const LabelsSchema = z
  .record(z.string(), checked(z.string(), checkLabelValue).meta({ description: 'Label value.' }))
  .superRefine((labels, context) => {
    for (const key of Object.keys(labels)) {
      const problem = checkLabelKey(key);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem.message, path: [key], input: key, params: { hint: problem.hint, atKey: true } });
    }
  })
  .default({})
  .meta({ description: 'Kubernetes labels put on the node.', examples: [{ 'topology.kubernetes.io/zone': 'eu1-a' }] });

const TaintSchema = z
  .strictObject({
    key: checked(z.string(), checkLabelKey).meta({ description: 'Taint key.', examples: ['dedicated'] }),
    value: checked(z.string(), checkLabelValue).optional().meta({ description: 'Taint value.', examples: ['gpu'] }),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).meta({ description: 'What happens to pods that do not tolerate the taint.' }),
  })
  .meta({ description: 'A node taint, as in the Kubernetes Node API.' });

const TaintsSchema = z
  .array(TaintSchema)
  .superRefine((taints, context) => {
    taints.forEach((taint, index) => {
      const first = taints.findIndex((other) => other.key === taint.key && other.effect === taint.effect);
      if (first !== index) context.addIssue({ code: 'custom', message: `taint ${taint.key}:${taint.effect} is already taints[${first}]`, path: [index], input: taint });
    });
  })
  .default([])
  .meta({ description: 'Kubernetes taints put on the node.', examples: [[{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]] });

export const HostSchema = z
  .strictObject({
    name: checked(z.string(), checkNodeName).meta({
      description: 'Node name in Kubernetes and the name every message uses. RFC 1123: lowercase letters, digits, - and ., at most 253.',
      examples: ['cp1'],
    }),
    address: addressSchema('Where kit connects over SSH: an IP address or a DNS name.', '203.0.113.10'),
    internalAddress: checked(z.string(), checkIpAddress)
      .optional()
      .meta({ description: 'IP the cluster uses between nodes (node IP, etcd peer address). Default: address, which must then be an IP.', examples: ['10.0.0.10'] }),
    roles: RolesSchema,
    ssh: HostSshSchema.optional(),
    labels: LabelsSchema,
    taints: TaintsSchema,
  })
  .meta({ description: 'One server.' });
