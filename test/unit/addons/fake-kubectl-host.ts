import { RemoteCommandError } from '../../../src/errors/remote-command-error.ts';
import type { ExecOptions, ExecResult, Host, TransportStats, UploadOptions, UploadResult } from '../../../src/host/host.ts';
import { kubectlName } from '../../../src/addons/addon.ts';
import { ADMIN_KUBECONFIG, KUBECTL } from '../../../src/addons/kubectl.ts';
import { parseManifestDocuments } from '../../../src/inventory/kubernetes-manifest.ts';

/**
 * A control plane in memory for the add-on tests: files, `test`, `mv`, and a kubectl that keeps
 * the objects it was given by name and content and answers `get -f -` and `apply -f` as the real
 * one does (created / configured / unchanged). `apiDown` makes every kubectl call fail.
 */
export class FakeKubectlHost implements Host {
  readonly name = 'cp1';
  readonly address = '198.18.0.2';
  readonly files = new Map<string, { content: string; mode: number }>();
  readonly cluster = new Map<string, string>();
  readonly commands: string[][] = [];
  apiDown = false;
  /** Fail this many `apply` calls with this stderr before applying. */
  applyFailures: { remaining: number; stderr: string } = { remaining: 0, stderr: '' };

  constructor(options: { installed?: boolean } = {}) {
    if (options.installed !== false) {
      this.files.set(KUBECTL, { content: 'binary', mode: 0o755 });
      this.files.set(ADMIN_KUBECONFIG, { content: 'kubeconfig', mode: 0o600 });
    }
  }

  exec(argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
    this.commands.push([...argv]);
    const result = this.#answer(argv, options.stdin?.toString() ?? '');
    if (!(options.allowedExitCodes ?? [0]).includes(result.exitCode)) {
      return Promise.reject(new RemoteCommandError({ host: this.name, command: argv.join(' '), exitCode: result.exitCode, stderrTail: result.stderr }));
    }
    return Promise.resolve(result);
  }

  upload(content: Buffer | string, remotePath: string, options: UploadOptions): Promise<UploadResult> {
    this.files.set(remotePath, { content: content.toString(), mode: options.mode });
    return Promise.resolve({ changed: true, bytesSent: content.length });
  }

  download(remotePath: string): Promise<Buffer | undefined> {
    const file = this.files.get(remotePath);
    return Promise.resolve(file === undefined ? undefined : Buffer.from(file.content));
  }

  stats(): TransportStats {
    return { roundTrips: this.commands.length, bytesSent: 0, connects: 1 };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  #answer(argv: readonly string[], stdin: string): ExecResult {
    const ok = (stdout = ''): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
    if (argv[0] === 'test') return { stdout: '', stderr: '', exitCode: this.files.has(argv[2] ?? '') ? 0 : 1 };
    if (argv[0] === 'mv') {
      const file = this.files.get(argv[2] ?? '');
      if (file === undefined) return { stdout: '', stderr: 'mv: no such file', exitCode: 1 };
      this.files.delete(argv[2] ?? '');
      this.files.set(argv[3] ?? '', file);
      return ok();
    }
    if (argv[0] !== KUBECTL) throw new Error(`the fake host does not know ${argv.join(' ')}`);
    if (this.apiDown) return { stdout: '', stderr: 'The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n', exitCode: 1 };
    const verb = argv.find((arg) => arg === 'get' || arg === 'apply');
    const file = argv[argv.indexOf('-f') + 1] ?? '';
    const text = file === '-' ? stdin : (this.files.get(file)?.content ?? '');
    const parsed = parseManifestDocuments(text);
    if (!parsed.ok) return { stdout: '', stderr: `error: ${parsed.problem.message}\n`, exitCode: 1 };
    if (verb === 'get') return ok(parsed.objects.map(kubectlName).filter((name) => this.cluster.has(name)).map((name) => `${name}\n`).join(''));
    if (this.applyFailures.remaining > 0) {
      this.applyFailures.remaining--;
      return { stdout: '', stderr: this.applyFailures.stderr, exitCode: 1 };
    }
    const serverSide = argv.includes('--server-side');
    const lines = parsed.objects.map((object) => {
      const name = kubectlName(object);
      const body = JSON.stringify(object.body);
      const verdict = serverSide ? 'serverside-applied' : !this.cluster.has(name) ? 'created' : this.cluster.get(name) === body ? 'unchanged' : 'configured';
      this.cluster.set(name, body);
      return `${name} ${verdict}\n`;
    });
    return ok(lines.join(''));
  }
}
