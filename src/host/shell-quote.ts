/**
 * POSIX shell quoting for the command line sshd hands to the user's login shell. Every argv
 * element reaches the remote program byte for byte: nothing is expanded, split or globbed.
 */

/** Characters that never need quoting in any POSIX shell, so simple words stay readable. */
const SAFE_WORD = /^[\w@%+=:,./-]+$/u;

/**
 * Words the shell treats specially in command position even without other metacharacters:
 * a program named `if`, or `A=B` (an assignment there), must be quoted to run as a program.
 */
const RESERVED_WORDS = new Set([
  'case', 'coproc', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in',
  'select', 'then', 'time', 'until', 'while',
]);

function singleQuote(text: string): string {
  // Inside single quotes nothing is special except the closing quote itself, which we
  // end, escape, and reopen: it's → 'it'\''s'.
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** One argument as a shell word: `it's` becomes `'it'\''s'`, the empty string `''`. */
export function quoteArg(arg: string): string {
  return SAFE_WORD.test(arg) ? arg : singleQuote(arg);
}

function quoteProgram(program: string): string {
  if (RESERVED_WORDS.has(program) || program.includes('=')) return singleQuote(program);
  return quoteArg(program);
}

/** A whole argv as one command line; throws on an empty argv, which names no program. */
export function quoteArgv(argv: readonly string[]): string {
  const [program, ...args] = argv;
  if (program === undefined) throw new TypeError('exec needs at least a program name');
  return [quoteProgram(program), ...args.map(quoteArg)].join(' ');
}

export interface CommandLineOptions {
  /** Prefix `sudo -n --`: never prompts, fails at once when sudo would need a password. */
  readonly sudo: boolean;
  /**
   * Run under coreutils `timeout`, which TERMs the command's whole process group after this
   * long (KILLs it 5 s later) and exits 124. The host enforces it because a signal sent over
   * SSH cannot reach a command running under sudo, and an abandoned command would otherwise
   * keep running and hold one of sshd's MaxSessions slots.
   */
  readonly timeoutMs?: number;
}

/** Seconds `timeout` waits after TERM before it sends KILL. */
export const KILL_AFTER_SECONDS = 5;

/** The exact string sent in the SSH exec request. */
export function commandLine(argv: readonly string[], options: CommandLineOptions): string {
  const limited = options.timeoutMs === undefined
    ? argv
    : ['timeout', '-k', String(KILL_AFTER_SECONDS), String(options.timeoutMs / 1000), ...argv];
  const quoted = quoteArgv(limited);
  return options.sudo ? `sudo -n -- ${quoted}` : quoted;
}
