const SUM_LINE = /^([0-9a-fA-F]{64})(?:\s+\*?(\S.*))?$/u;

/**
 * Finds the sha256 published for `fileName` in a sums file: either a bare `<hex>` (the
 * Kubernetes `.sha256` files) or `sha256sum` output (`<hex>  <name>`, one line per asset, as
 * etcd's SHA256SUMS and runc's runc.sha256sum list several). Names may carry a directory.
 * Undefined when the file names other assets only.
 */
export function findPublishedSum(text: string, fileName: string): string | undefined {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const parsed = lines.map((line) => SUM_LINE.exec(line)).filter((match) => match !== null);
  for (const match of parsed) {
    const name = match[2]?.trim();
    if (name !== undefined && baseName(name) === fileName) return match[1]?.toLowerCase();
  }
  const bare = parsed.filter((match) => match[2] === undefined);
  return parsed.length === 1 && bare.length === 1 ? bare[0]?.[1]?.toLowerCase() : undefined;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
