/**
 * Name rules Kubernetes and DNS enforce, checked up front so a typo fails at validation
 * instead of halfway through `init` when the API server rejects a node or a label.
 */
const LOWER_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/u;
const ANY_CASE_LABEL = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/iu;
const LABEL_NAME = /^[a-z0-9](?:[-a-z0-9_.]{0,61}[a-z0-9])?$/iu;

/** RFC 1123 label: lowercase letters, digits and `-`, at most 63, alphanumeric at both ends. */
export function isDnsLabel(text: string): boolean {
  return LOWER_LABEL.test(text);
}

/** RFC 1123 subdomain (what Kubernetes wants for node names): lowercase labels joined by dots, at most 253. */
export function isDnsSubdomain(text: string): boolean {
  return text.length <= 253 && text.split('.').every((label) => LOWER_LABEL.test(label));
}

/**
 * A DNS host name in any case. The last label may not be all digits, so a mistyped IPv4
 * address such as `10.0.0.300` is not mistaken for a name.
 */
export function isHostname(text: string): boolean {
  const labels = text.split('.');
  const last = labels[labels.length - 1] ?? '';
  return text.length <= 253 && labels.every((label) => ANY_CASE_LABEL.test(label)) && !/^\d+$/u.test(last);
}

/** A host name whose first label may be `*` (allowed in certificate SANs). */
export function isWildcardHostname(text: string): boolean {
  return text.startsWith('*.') ? isHostname(text.slice(2)) : isHostname(text);
}

/** Kubernetes label or taint key: `[prefix/]name`, prefix a DNS subdomain, name at most 63. */
export function isLabelKey(text: string): boolean {
  const slash = text.indexOf('/');
  const name = slash < 0 ? text : text.slice(slash + 1);
  const prefix = slash < 0 ? undefined : text.slice(0, slash);
  return LABEL_NAME.test(name) && (prefix === undefined || isDnsSubdomain(prefix));
}

/** Kubernetes label value: empty, or at most 63 of letters, digits, `-_.`, alphanumeric at both ends. */
export function isLabelValue(text: string): boolean {
  return text === '' || LABEL_NAME.test(text);
}

/** A best guess at the valid name the user meant: lowercase, other characters turned into `-`. */
export function toDnsLabel(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 63)
    .replace(/-+$/u, '');
}
