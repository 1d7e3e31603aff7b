import type { Command } from 'commander';
import { artifactsBundle, artifactsPull, artifactsVerify } from '../../artifacts/artifact-commands.ts';
import type { Arch } from '../../artifacts/upstream-layout.ts';
import { UsageError } from '../../errors/usage-error.ts';
import { loadInventory } from '../../inventory/load-inventory.ts';
import type { CliContext } from '../cli-context.ts';
import { mebibytes } from '../../artifacts/format-size.ts';

interface SourceFlags {
  readonly file: string;
  readonly arch: string;
}

/** `kit artifacts pull|bundle|verify`: the binaries and images, fetched and checked on this machine. */
export function registerArtifactsCommand(program: Command, contextOf: () => CliContext): void {
  const artifacts = program.command('artifacts').description('fetch, bundle and verify the binaries and images kit installs (on this machine only)');
  artifacts
    .command('pull')
    .description('fill the cache from the inventory\'s artifact source, every file checked against its sha256')
    .requiredOption('-f, --file <path>', 'inventory file')
    .option('--arch <arch>', 'amd64 or arm64', 'amd64')
    .action(async (flags: SourceFlags) => {
      const context = contextOf();
      const inventory = await loadInventory(flags.file);
      const pulled = await artifactsPull(inventory.artifacts, { kubernetesVersion: inventory.cluster.kubernetesVersion, arch: archOf(flags.arch), signal: context.signal });
      print(context, { dir: pulled.dir, kubernetesVersion: pulled.kubernetesVersion, arch: pulled.arch, files: pulled.files, bytes: pulled.bytes }, `verified ${pulled.files} files (${mebibytes(pulled.bytes)}) for Kubernetes ${pulled.kubernetesVersion} ${pulled.arch} in ${pulled.dir}`);
    });
  artifacts
    .command('bundle')
    .description('write the verified artifacts as one archive (with its manifest) for an offline install')
    .requiredOption('-f, --file <path>', 'inventory file')
    .requiredOption('-o, --out <file>', 'the archive to write (.tar or .tar.gz)')
    .option('--arch <arch>', 'amd64 or arm64', 'amd64')
    .action(async (flags: SourceFlags & { readonly out: string }) => {
      const context = contextOf();
      const inventory = await loadInventory(flags.file);
      const written = await artifactsBundle(inventory.artifacts, { kubernetesVersion: inventory.cluster.kubernetesVersion, arch: archOf(flags.arch), output: flags.out, signal: context.signal });
      print(context, { ...written }, `wrote ${written.path}: ${written.files} files, ${mebibytes(written.size)}, sha256 ${written.sha256}`);
    });
  artifacts
    .command('verify')
    .description('check a bundle folder or archive file by file against its manifest')
    .argument('<path>', 'bundle folder or archive')
    .action(async (path: string) => {
      const context = contextOf();
      const checked = await artifactsVerify(path, { signal: context.signal });
      print(context, { ...checked }, `${path}: all ${checked.files} files match their sha256 (Kubernetes ${checked.kubernetesVersion} ${checked.arch}, ${mebibytes(checked.bytes)})`);
    });
}

function archOf(value: string): Arch {
  if (value === 'amd64' || value === 'arm64') return value;
  throw new UsageError(`--arch ${value} is not supported`, 'Use --arch amd64 or --arch arm64.');
}

function print(context: CliContext, result: Record<string, unknown>, text: string): void {
  context.stdout(context.flags.output === 'json' ? `${JSON.stringify({ type: 'result', ...result })}\n` : `${text}\n`);
}
