import { z } from 'zod';
import { BundleManifestError, type ManifestProblem } from './artifact-errors.ts';

export const MANIFEST_FILE = 'manifest.json';

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/u, 'must be a sha256: 64 lowercase hex digits');
const RELATIVE_PATH = z.string().refine(isBundlePath, 'must be a relative path inside the bundle (no "..", no leading "/")');
// JSON has no octal numbers: "0755" reads better than 493, so both are accepted.
const MODE = z.union([
  z.number().int().min(0).max(0o7777),
  z.string().regex(/^0?[0-7]{3,4}$/u, 'must be an octal mode such as "0755"').transform((text) => Number.parseInt(text, 8)),
]);

const FileSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/u, 'must be lowercase letters, digits, ".", "_" or "-"'),
  path: RELATIVE_PATH,
  sha256: SHA256,
  size: z.number().int().nonnegative(),
  mode: MODE,
  kind: z.enum(['binary', 'image', 'cni-plugin']),
});

const ImageSchema = z.object({
  ref: z.string().regex(/^[^\s]+$/u, 'must be an image reference such as registry.k8s.io/pause:3.10'),
  path: RELATIVE_PATH,
  sha256: SHA256,
});

const ManifestSchema = z.object({
  kubernetesVersion: z.string().regex(/^v\d+\.\d+\.\d+$/u, 'must be vMAJOR.MINOR.PATCH'),
  arch: z.enum(['amd64', 'arm64']),
  files: z.array(FileSchema),
  images: z.array(ImageSchema).default([]),
  /** Informational: component → version, as the bundle's maker knew them. */
  components: z.record(z.string(), z.string()).optional(),
});

export type BundleFile = z.output<typeof FileSchema>;
export type BundleImage = z.output<typeof ImageSchema>;
export type BundleManifest = z.output<typeof ManifestSchema>;

/**
 * Reads manifest.json and returns every problem at once, each with its JSON path: the shape,
 * then duplicate names or paths, then images whose archive is not listed as an image file
 * with the same sha256.
 */
export function parseBundleManifest(text: string, file: string): BundleManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BundleManifestError(file, [{ path: '', message: `not JSON: ${(error as Error).message}` }]);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new BundleManifestError(file, parsed.error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message })));
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new BundleManifestError(file, problems);
  return parsed.data;
}

function crossCheck(manifest: BundleManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const names = new Map<string, number>();
  const paths = new Map<string, number>();
  manifest.files.forEach((file, index) => {
    const sameName = names.get(file.name);
    if (sameName !== undefined) problems.push({ path: `files[${index}].name`, message: `"${file.name}" is already files[${sameName}]` });
    const samePath = paths.get(file.path);
    if (samePath !== undefined) problems.push({ path: `files[${index}].path`, message: `"${file.path}" is already files[${samePath}]` });
    names.set(file.name, names.get(file.name) ?? index);
    paths.set(file.path, paths.get(file.path) ?? index);
  });
  manifest.images.forEach((image, index) => {
    const file = manifest.files.find((candidate) => candidate.path === image.path);
    if (file === undefined || file.kind !== 'image') {
      problems.push({ path: `images[${index}].path`, message: `"${image.path}" is not listed in files with kind "image"` });
    } else if (file.sha256 !== image.sha256) {
      problems.push({ path: `images[${index}].sha256`, message: `differs from the sha256 of files entry "${file.name}"` });
    }
  });
  return problems;
}

/** The manifest as kit writes it: stable order, modes as octal text, two-space JSON. */
export function renderBundleManifest(manifest: BundleManifest): string {
  const files = [...manifest.files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((file) => ({ ...file, mode: `0${file.mode.toString(8)}` }));
  const images = [...manifest.images].sort((a, b) => a.ref.localeCompare(b.ref));
  const components = manifest.components === undefined ? {} : { components: manifest.components };
  return `${JSON.stringify({ kubernetesVersion: manifest.kubernetesVersion, arch: manifest.arch, ...components, files, images }, null, 2)}\n`;
}

/** A path that stays inside the bundle folder whatever it is joined to. */
export function isBundlePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}
