import { error, everyRole, ok, warn } from './host-check.ts';
import type { HostCheck } from './host-check.ts';
import type { HostFacts } from './host-facts.ts';

/** Debian/Ubuntu package holding each tool, for the fix text. */
const DEBIAN_PACKAGE: Readonly<Record<string, string>> = {
  ip: 'iproute2',
  tc: 'iproute2',
  ss: 'iproute2',
  mount: 'mount',
  nsenter: 'util-linux',
  ping: 'iputils-ping',
  crictl: 'cri-tools',
  haproxy: 'haproxy',
};

/** The path a tool was found at; `iptables` is also satisfied by `nft` (nftables-only hosts). */
function locate(tool: string, facts: HostFacts): string | undefined {
  return facts.tools[tool] ?? (tool === 'iptables' ? facts.tools['nft'] : undefined);
}

/** kubeadm's `FileExisting-<tool>`: an error for required tools, a warning for recommended ones. */
export function toolCheck(tool: string, required: boolean): HostCheck {
  return {
    name: `FileExisting-${tool}`,
    appliesTo: everyRole,
    evaluate: ({ facts }) => {
      const path = locate(tool, facts);
      if (path !== undefined) return ok(path);
      const fix = `Install it: apt-get install -y ${DEBIAN_PACKAGE[tool] ?? tool} (or your distribution's package providing ${tool}).`;
      const message = `${tool} was not found on PATH`;
      return required ? error(message, fix) : warn(message, fix);
    },
  };
}

export function toolChecks(required: readonly string[], recommended: readonly string[]): readonly HostCheck[] {
  return [
    ...required.map((tool) => toolCheck(tool, true)),
    ...recommended.filter((tool) => !required.includes(tool)).map((tool) => toolCheck(tool, false)),
  ];
}
