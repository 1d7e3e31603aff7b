// Fills the Debian binaries cache and prints what it holds:
//   node test/artifacts/fetch-debian-binaries.ts [--json]
import { ensureDebianBinaries } from './debian-binaries.ts';

const started = Date.now();
const manifest = await ensureDebianBinaries({ log: (line) => console.error(line) });
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(manifest, null, 2));
} else {
  for (const record of manifest.packages) {
    for (const binary of record.binaries) {
      const libs = binary.needed.length === 0 ? 'static' : binary.needed.join(' ');
      console.log(`${record.package} ${record.version}  ${binary.file}  ${binary.size} B  sha256:${binary.sha256.slice(0, 16)}…  ${libs}`);
    }
  }
  for (const missing of manifest.unavailable) console.log(`${missing.package}: unavailable (${missing.reason})`);
  console.log(`manifest: ${manifest.root}/manifest.json (${Date.now() - started} ms)`);
}
