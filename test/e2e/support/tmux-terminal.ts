import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { captureKitRun } from '../../support/e2e-log-dir.ts';

/** A line inquirer draws for the question waiting for an answer; answered ones start with ✔. */
const ACTIVE = /^\? (.*)$/u;
const ANSWERED = /^[✔√] /u;
const EXIT = /^KIT-EXIT=(\d+)$/mu;

export interface TerminalOptions {
  /** Unique per test process: `kit-setup-<pid>`; only this server is ever killed. */
  readonly socket: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly columns?: number;
  readonly rows?: number;
}

/**
 * A real pseudo-terminal: tmux runs the command, tests type with send-keys and read the screen
 * with capture-pane. After the command ends its exit status is printed and the pane stays.
 */
export class TmuxTerminal {
  readonly #socket: string;
  readonly #argv: readonly string[];
  #socketPath = '';
  #captured = false;

  private constructor(socket: string, argv: readonly string[]) {
    this.#socket = socket;
    this.#argv = argv;
  }

  static start(options: TerminalOptions): TmuxTerminal {
    const quoted = options.argv.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(' ');
    const script = `${quoted}; echo KIT-EXIT=$?; sleep 3600`;
    const env = Object.entries(options.env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    const terminal = new TmuxTerminal(options.socket, options.argv);
    terminal.#tmux(['-f', '/dev/null', 'new-session', '-d', '-x', String(options.columns ?? 120), '-y', String(options.rows ?? 40), '-s', 'kit', '-c', options.cwd, ...env, 'sh', '-c', script]);
    terminal.#tmux(['set-option', '-t', 'kit', 'history-limit', '10000']);
    terminal.#socketPath = terminal.#tmux(['display-message', '-p', '#{socket_path}']).trim();
    return terminal;
  }

  /** The visible screen, wrapped lines joined. */
  screen(): string {
    return this.#tmux(['capture-pane', '-p', '-J', '-t', 'kit']);
  }

  /** Everything since the start: scrollback and screen. */
  history(): string {
    return this.#tmux(['capture-pane', '-p', '-J', '-S', '-', '-t', 'kit']);
  }

  /** Keys by tmux name (Enter, Down, C-c) or, with `literal`, text typed as is. */
  send(keys: readonly string[], literal = false): void {
    this.#tmux(['send-keys', '-t', 'kit', ...(literal ? ['-l'] : []), ...keys]);
  }

  /** Polls the whole history until `test` finds what it wants; the screen is in the timeout message. */
  async waitFor<T>(what: string, test: (history: string) => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = test(this.history());
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen:\n${this.screen()}`);
      await sleep(100);
    }
  }

  /** The question waiting for an answer, or undefined while none is. */
  activePrompt(): string | undefined {
    const lines = this.screen().split('\n');
    for (let index = lines.length - 1; index >= 0; index--) {
      const match = ACTIVE.exec(lines[index] ?? '');
      if (match !== null) return match[1];
    }
    return undefined;
  }

  /**
   * Waits for a question matching `prompt`, answers it (text typed literally, then keys), and
   * waits until it shows as answered, so the next wait cannot see this question again.
   */
  async answer(prompt: RegExp, answer: { text?: string; keys?: readonly string[] }, timeoutMs = 30_000): Promise<string> {
    const question = await this.waitFor(`the question ${String(prompt)}`, () => {
      const active = this.activePrompt();
      return active !== undefined && prompt.test(active) ? active : undefined;
    }, timeoutMs);
    const before = answeredCount(this.history());
    if (answer.text !== undefined) this.send([answer.text], true);
    this.send(answer.keys ?? ['Enter']);
    await this.waitFor(`an answer to "${question}"`, (history) => (answeredCount(history) > before ? true : undefined), timeoutMs);
    return question;
  }

  /** The command's exit status, once it has ended. */
  async exitCode(timeoutMs = 60_000): Promise<number> {
    return this.waitFor('the command to exit', (history) => {
      const match = EXIT.exec(history);
      return match === null ? undefined : Number(match[1]);
    }, timeoutMs);
  }

  /**
   * Kills this terminal's tmux server, and only it, and removes the socket it leaves. What the
   * terminal showed is captured first for the secrets check (e2e-log-dir.ts).
   */
  kill(): void {
    this.#capture();
    try {
      this.#tmux(['kill-server']);
    } catch {
      // Already gone.
    }
    if (this.#socketPath !== '') rmSync(this.#socketPath, { force: true });
  }

  #capture(): void {
    if (this.#captured) return;
    this.#captured = true;
    let shown: string;
    try {
      shown = this.history();
    } catch (error) {
      shown = `(the terminal could not be read: ${String(error)})`;
    }
    const exit = EXIT.exec(shown);
    captureKitRun({ via: 'tmux terminal', argv: this.#argv, ...(exit === null ? {} : { exitCode: Number(exit[1]) }), streams: { screen: shown } });
  }

  #tmux(args: readonly string[]): string {
    return execFileSync('tmux', ['-L', this.#socket, ...args], { encoding: 'utf8' });
  }
}

function answeredCount(history: string): number {
  return history.split('\n').filter((line) => ANSWERED.test(line)).length;
}
