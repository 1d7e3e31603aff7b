import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { artifactsForHost } from '../../../src/artifacts/host-artifacts.ts';
import { deliverArtifacts, type DeliveryReport } from '../../../src/artifacts/deliver-artifacts.ts';
import type { VerifiedBundle } from '../../../src/artifacts/verified-bundle.ts';
import { verifyBundleDir } from '../../../src/artifacts/verify-bundle.ts';
import type { Host } from '../../../src/host/host.ts';
import { debianBinaryPath, ensureDebianBinaries } from '../../artifacts/debian-binaries.ts';
import { execLocal } from '../../rig/exec-local.ts';
import { ensureRigBundle } from '../../support/rig-bundle.ts';

/**
 * Debian's haproxy links against Lua and the OpenTracing wrapper, which a minimal Debian (the
 * rig's image) lacks; a real server gets them with `apt-get install haproxy`. The rig's hosts
 * have no network, so the test installs the three library packages from .debs.
 */
const HAPROXY_LIBRARY_PACKAGES = ['liblua5.3-0', 'libopentracing1', 'libopentracing-c-wrapper0'];
const DEBS_DIR = path.join(process.env['KIT_CACHE'] ?? '/var/cache/kit', 'debs', 'haproxy-libraries');

export async function ensureHaproxyLibraryDebs(): Promise<string[]> {
  await mkdir(DEBS_DIR, { recursive: true });
  const have = (await readdir(DEBS_DIR)).filter((name) => name.endsWith('.deb'));
  const missing = HAPROXY_LIBRARY_PACKAGES.filter((pkg) => !have.some((name) => name.startsWith(`${pkg}_`)));
  // apt-get download writes into the working directory.
  if (missing.length > 0) await execLocal(['sh', '-c', 'cd "$0" && exec apt-get download "$@"', DEBS_DIR, ...missing], { timeoutMs: 120_000 });
  const all = (await readdir(DEBS_DIR)).filter((name) => name.endsWith('.deb'));
  return HAPROXY_LIBRARY_PACKAGES.map((pkg) => {
    const file = all.find((name) => name.startsWith(`${pkg}_`));
    if (file === undefined) throw new Error(`apt-get download ${pkg} left no .deb in ${DEBS_DIR}`);
    return path.join(DEBS_DIR, file);
  });
}

/** The haproxy libraries as packages (dpkg -i), then Debian's haproxy binary where the unit expects it. */
export async function installHaproxy(host: Host, debs: readonly string[], haproxyPath: string): Promise<void> {
  const remote = debs.map((deb) => `/var/tmp/kit-debs/${path.basename(deb)}`);
  for (const [index, deb] of debs.entries()) await host.upload(await readFile(deb), remote[index] ?? '', { mode: 0o644 });
  await host.exec(['dpkg', '-i', ...remote], { timeoutMs: 120_000 });
  const binaries = await ensureDebianBinaries();
  await host.upload(await readFile(debianBinaryPath(binaries, 'haproxy')), haproxyPath, { mode: 0o755 });
}

export async function rigBundle(): Promise<VerifiedBundle> {
  const bundle = await ensureRigBundle();
  return verifyBundleDir(bundle.dir);
}

/** The named binaries from the verified rig bundle, through the artifacts module's delivery. */
export async function deliverBinaries(host: Host, bundle: VerifiedBundle, names: readonly string[]): Promise<DeliveryReport> {
  const { files } = artifactsForHost(bundle, ['control-plane']);
  return deliverArtifacts(host, files.filter((file) => names.includes(file.name)));
}
