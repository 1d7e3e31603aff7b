import { error, everyRole, ok, skipped, warn } from './host-check.ts';
import type { HostCheck } from './host-check.ts';

const LABEL = '[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?';
const RFC1123_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`, 'u');

/** A valid Kubernetes node name: an RFC 1123 DNS subdomain (lower case, ≤ 253 characters). */
export function isRfc1123Subdomain(name: string): boolean {
  return name.length <= 253 && RFC1123_SUBDOMAIN.test(name);
}

/** Checks that the host is who the inventory says it is. */
export const IDENTITY_CHECKS: readonly HostCheck[] = [
  {
    name: 'Hostname',
    appliesTo: everyRole,
    evaluate: ({ node, facts }) => {
      if (!isRfc1123Subdomain(node.name)) {
        return error(
          `the node name "${node.name}" is not a valid RFC 1123 subdomain (lower-case letters, digits, '-' and '.')`,
          `Rename the host in the inventory (hosts[].name), e.g. "${node.name.toLowerCase().replace(/[^-a-z0-9.]/gu, '-')}".`,
        );
      }
      if (facts.hostname === undefined) return skipped('the host printed no hostname');
      if (facts.hostname === node.name) return ok(`hostname ${facts.hostname}`);
      const valid = isRfc1123Subdomain(facts.hostname) ? '' : ', which is not a valid node name either';
      return warn(
        `the hostname is "${facts.hostname}" but the inventory names it "${node.name}"${valid}: the node registers as "${node.name}"`,
        `Make them agree: hostnamectl set-hostname ${node.name} (on the host) or rename it in the inventory.`,
      );
    },
  },
  {
    name: 'InternalAddress',
    appliesTo: everyRole,
    evaluate: ({ node, facts }) => {
      if (facts.interfaces.length === 0) return skipped('ip printed no interfaces');
      const wanted = node.internalAddress.toLowerCase();
      const owner = facts.interfaces.find((candidate) => candidate.addresses.includes(wanted));
      if (owner !== undefined) return ok(`${node.internalAddress} is on ${owner.name} (MTU ${owner.mtu ?? '?'})`);
      const found = facts.interfaces.flatMap((candidate) => candidate.addresses.map((address) => `${address} (${candidate.name})`)).filter((text) => !text.startsWith('127.') && !text.startsWith('::1 '));
      return error(
        `${node.internalAddress} (hosts[].internalAddress) is not configured on any interface; found ${found.join(', ') || 'none'}`,
        'Fix hosts[].internalAddress in the inventory to one of the host\'s addresses, or configure the address on the host.',
      );
    },
  },
];
