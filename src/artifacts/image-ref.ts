/**
 * The name containerd lists for a reference: `busybox` → `docker.io/library/busybox:latest`,
 * `kit/x:1` → `docker.io/kit/x:1`; a first part with a `.` or `:` (or `localhost`) is a
 * registry and stays. Lets kit compare a manifest's ref with `ctr images ls -q`.
 */
export function normalizeImageRef(ref: string): string {
  const slash = ref.indexOf('/');
  const first = slash === -1 ? '' : ref.slice(0, slash);
  const isRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let named = ref;
  if (slash === -1) named = `docker.io/library/${ref}`;
  else if (!isRegistry) named = `docker.io/${ref}`;
  const lastPart = named.slice(named.lastIndexOf('/') + 1);
  return lastPart.includes(':') || lastPart.includes('@') ? named : `${named}:latest`;
}
