import { error, ok, skipped } from './host-check.ts';
import type { HostCheck } from './host-check.ts';
import type { PreflightSettings } from './preflight-settings.ts';
import type { PreflightRole } from './preflight-types.ts';

/** kubeadm's `Port-<n>`: nothing may listen on a port a Kubernetes component will bind. */
export function portCheck(options: { port: number; protocol: 'tcp' | 'udp'; roles: readonly PreflightRole[] }): HostCheck {
  const { port, protocol, roles } = options;
  return {
    name: `Port-${port}`,
    appliesTo: (nodeRoles) => nodeRoles.some((role) => roles.includes(role)),
    evaluate: ({ facts }) => {
      if (facts.listeners === undefined) return skipped(`cannot list listening sockets: ss is missing or failed`, 'Install iproute2 (apt-get install -y iproute2).');
      const taken = facts.listeners.filter((listener) => listener.port === port && listener.protocol === protocol);
      if (taken.length === 0) return ok(`${port}/${protocol} is free`);
      const owners = taken.map((listener) => `${listener.process ?? 'an unknown process'} on ${listener.address}`);
      return error(
        `${port}/${protocol} is in use by ${[...new Set(owners)].join(', ')}`,
        `Stop that process or move it to another port (ss -lpn${protocol === 'tcp' ? 't' : 'u'} 'sport = :${port}' shows it; kit reset removes an earlier cluster).`,
      );
    },
  };
}

/** One check per port: roles that need a port share its check; the overlay's UDP port applies to all. */
export function portChecks(settings: PreflightSettings): readonly HostCheck[] {
  const rolesByPort = new Map<number, PreflightRole[]>();
  for (const role of Object.keys(settings.ports) as PreflightRole[]) {
    for (const port of settings.ports[role]) rolesByPort.set(port, [...(rolesByPort.get(port) ?? []), role]);
  }
  const tcp = [...rolesByPort].sort(([a], [b]) => a - b).map(([port, roles]) => portCheck({ port, protocol: 'tcp', roles }));
  return [...tcp, portCheck({ port: settings.overlay.port, protocol: 'udp', roles: ['control-plane', 'worker'] })];
}
