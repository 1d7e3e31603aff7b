import { access } from 'node:fs/promises';
import { contractPath, expandPath } from '../../inventory/expand-path.ts';
import { checkHttpUrl, checkLocalPath } from '../../inventory/schema/field-checks.ts';
import type { SetupIo } from './setup-io.ts';
import type { ArtifactsAnswers } from './setup-answers.ts';

/** Where the binaries come from: the upstream layout (or a mirror of it), an offline bundle, or the hosts' packages. */
export async function askArtifacts(io: SetupIo, previous: ArtifactsAnswers | undefined): Promise<ArtifactsAnswers> {
  const source = await io.prompter.select({
    message: 'Where do the Kubernetes binaries come from?',
    choices: [
      { value: 'download', name: 'download: the upstream release layout, or a mirror of it' },
      { value: 'bundle', name: 'bundle: an offline folder or tarball made with kit' },
      { value: 'os-packages', name: "os-packages: containerd and runc from the hosts' package manager" },
    ],
    default: previous?.source ?? 'download',
  });
  if (source === 'os-packages') return { source };
  if (source === 'download') {
    const mirror = await io.prompter.text({
      message: 'Mirror URL (empty: the upstream download sites)',
      ...(previous?.source === 'download' && previous.mirror !== undefined ? { default: previous.mirror } : {}),
      validate: (value) => (value === '' ? undefined : checkHttpUrl(value)?.message),
    });
    return mirror === '' ? { source } : { source, mirror };
  }
  const typed = await io.prompter.text({
    message: 'Bundle: folder or tarball',
    ...(previous?.source === 'bundle' ? { default: contractPath(previous.path, io.paths.homeDir) } : {}),
    validate: (value) => checkLocalPath(value)?.message,
  });
  const path = expandPath(typed, io.paths);
  if (!(await access(path).then(() => true, () => false))) io.print(`  note: ${path} does not exist yet; kit apply needs it there.`);
  return { source, path };
}
