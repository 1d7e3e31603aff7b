import { canonicalCidr, formatCidr, hasHostBits, parseCidr } from '../cidr.ts';
import { isDnsLabel, isDnsSubdomain, isHostname, isLabelKey, isLabelValue, isWildcardHostname, toDnsLabel } from '../dns-names.ts';
import { parseEndpoint } from '../endpoint.ts';
import { isIpAddress } from '../ip-address.ts';
import { kitPortUse } from '../kit-ports.ts';
import { isKubernetesVersionSyntax, resolveKubernetesVersion, supportedKubernetesMinors } from '../kubernetes-versions.ts';
import type { FieldProblem } from './checked.ts';

/** One function per kind of value; each returns undefined when the value is fine. */
const quote = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);

export function checkCidr(value: string): FieldProblem | undefined {
  const cidr = parseCidr(value);
  if (cidr === undefined) {
    return { message: `${quote(value)} is not a subnet in CIDR notation`, hint: 'Write an address and a prefix length, e.g. 10.244.0.0/16 or fd00:10:244::/56.' };
  }
  if (hasHostBits(cidr)) return { message: `${value} has host bits set`, hint: `Use the network address: ${formatCidr(canonicalCidr(cidr))}` };
  return undefined;
}

export function checkIpAddress(value: string): FieldProblem | undefined {
  return isIpAddress(value) ? undefined : { message: `${quote(value)} is not an IPv4 or IPv6 address`, hint: 'Write an address such as 10.0.0.10 or fd00::10.' };
}

export function checkAddress(value: string): FieldProblem | undefined {
  if (isIpAddress(value) || isHostname(value)) return undefined;
  const withPort = /^(.+):(\d+)$/u.exec(value);
  const hint =
    withPort !== null && isIpAddress(withPort[1] ?? '')
      ? `Put only the address here and the port in ssh.port: address: ${withPort[1]}, port: ${withPort[2]}`
      : 'Write an IP address (10.0.0.10, fd00::10) or a DNS name (node1.example.com).';
  return { message: `${quote(value)} is neither an IP address nor a DNS name`, hint };
}

export function checkNodeName(value: string): FieldProblem | undefined {
  if (isDnsSubdomain(value)) return undefined;
  const guess = value.toLowerCase().split('.').map(toDnsLabel).filter((label) => label !== '').join('.');
  return {
    message: `${quote(value)} is not a valid node name (RFC 1123: lowercase letters, digits, '-' and '.', at most 253 characters)`,
    ...(guess === '' ? {} : { hint: `Try ${quote(guess)}.` }),
  };
}

export function checkClusterName(value: string): FieldProblem | undefined {
  if (isDnsLabel(value)) return undefined;
  const guess = toDnsLabel(value);
  return {
    message: `${quote(value)} is not an RFC 1123 label (lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit)`,
    ...(guess === '' ? {} : { hint: `Try ${quote(guess)}.` }),
  };
}

export function checkDnsDomain(value: string): FieldProblem | undefined {
  return isDnsSubdomain(value) ? undefined : { message: `${quote(value)} is not a valid DNS domain`, hint: 'Most clusters use cluster.local.' };
}

export function checkEndpoint(value: string): FieldProblem | undefined {
  if (parseEndpoint(value, 6443) !== undefined) return undefined;
  return {
    message: `${quote(value)} is not host[:port]`,
    hint: 'Write a DNS name or IP with an optional port 1-65535: api.example.com:6443, 10.0.0.100, [fd00::100]:6443.',
  };
}

export function checkSan(value: string): FieldProblem | undefined {
  if (isIpAddress(value) || isWildcardHostname(value)) return undefined;
  return { message: `${quote(value)} is neither a DNS name nor an IP address`, hint: 'Write a name (api.example.com, *.example.com) or an address (203.0.113.10).' };
}

export function checkHostKey(value: string): FieldProblem | undefined {
  if (/^SHA256:[A-Za-z0-9+/]{43}=?$/u.test(value)) return undefined;
  return {
    message: `${quote(value)} is not a SHA256 host-key fingerprint`,
    hint: 'Run `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the server and copy the SHA256:... field (43 base64 characters).',
  };
}

export function checkSshUser(value: string): FieldProblem | undefined {
  if (/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/u.test(value)) return undefined;
  return { message: `${quote(value)} is not a user name`, hint: 'Write a Linux user name such as root or ubuntu, without @ or the host.' };
}

export function checkLocalPath(value: string): FieldProblem | undefined {
  if (value.trim() === '' || value.includes('\0')) return { message: 'the path is empty', hint: 'Write a file path such as ~/.ssh/id_ed25519.' };
  if (/^~[^/]/u.test(value)) return { message: `${quote(value)}: only ~ (your own home) is expanded, not ~user`, hint: 'Write the absolute path instead.' };
  return undefined;
}

export function checkHttpUrl(value: string): FieldProblem | undefined {
  if (URL.canParse(value) && /^https?:$/u.test(new URL(value).protocol)) return undefined;
  return { message: `${quote(value)} is not an http(s) URL`, hint: 'Write a URL such as https://mirror.example.com/kubernetes.' };
}

/** A manifest is either a URL or a local file path. */
export function checkManifest(value: string): FieldProblem | undefined {
  return value.includes('://') ? checkHttpUrl(value) : checkLocalPath(value);
}

export function checkKubernetesVersion(value: string): FieldProblem | undefined {
  const supported = supportedKubernetesMinors().map((minor) => `${minor}.x`).join(', ');
  if (!isKubernetesVersionSyntax(value)) return { message: `${quote(value)} is not a Kubernetes version`, hint: `Write vMAJOR.MINOR.PATCH; supported: ${supported}.` };
  if (resolveKubernetesVersion(value) === undefined) return { message: `Kubernetes ${value} is not supported`, hint: `Supported: ${supported} (see \`kit versions\`).` };
  return undefined;
}

export function checkLabelKey(value: string): FieldProblem | undefined {
  if (isLabelKey(value)) return undefined;
  return { message: `${quote(value)} is not a valid label key`, hint: 'Keys are [prefix/]name: prefix a DNS subdomain, name at most 63 of letters, digits, -_. (e.g. topology.kubernetes.io/zone).' };
}

export function checkLabelValue(value: string): FieldProblem | undefined {
  if (isLabelValue(value)) return undefined;
  return { message: `${quote(value)} is not a valid label value`, hint: 'Values are empty or at most 63 of letters, digits, -_. starting and ending with a letter or digit.' };
}

export function checkVxlanPort(value: number): FieldProblem | undefined {
  const use = kitPortUse(value);
  if (use === undefined) return undefined;
  return { message: `port ${value} is already used by ${use}`, hint: 'Use 4789 (the IANA VXLAN port) or 8472 (the Linux and flannel default).' };
}
