import { createPromptModule } from 'inquirer';

/** The questions the wizard asks, apart from how they are drawn: tests and other front ends can answer them. */
export interface TextQuestion {
  readonly message: string;
  /** Shown in brackets; an empty answer takes it. */
  readonly default?: string;
  /** Gets the trimmed answer; returns why it is refused, or undefined to accept it. */
  readonly validate?: (value: string) => string | undefined;
}

export interface Choice<T extends string> {
  readonly value: T;
  readonly name: string;
  readonly description?: string;
}

export interface Prompter {
  text(question: TextQuestion): Promise<string>;
  confirm(question: { readonly message: string; readonly default: boolean }): Promise<boolean>;
  select<T extends string>(question: { readonly message: string; readonly choices: readonly Choice<T>[]; readonly default?: T }): Promise<T>;
}

type AskOne = (questions: readonly Record<string, unknown>[]) => Promise<Record<string, unknown>>;

/**
 * The one place kit touches inquirer. Ctrl-C inside a prompt rejects with inquirer's
 * ExitPromptError (see `isPromptExit`); the signal aborts an open prompt.
 */
export function inquirerPrompter(options: { readonly signal?: AbortSignal } = {}): Prompter {
  // inquirer's overloads infer answer types from literal questions; this wrapper only ever asks one.
  const ask = createPromptModule({ input: process.stdin, output: process.stdout, ...(options.signal === undefined ? {} : { signal: options.signal }) }) as unknown as AskOne;
  const one = async (question: Record<string, unknown>): Promise<unknown> => (await ask([{ ...question, name: 'value' }]))['value'];
  return {
    async text(question) {
      const validate = question.validate;
      const answer = await one({
        type: 'input',
        message: question.message,
        ...(question.default === undefined || question.default === '' ? {} : { default: question.default }),
        ...(validate === undefined ? {} : { validate: (value: string) => validate(value.trim()) ?? true }),
      });
      return String(answer).trim();
    },
    async confirm(question) {
      return (await one({ type: 'confirm', message: question.message, default: question.default })) === true;
    },
    async select<T extends string>(question: { message: string; choices: readonly Choice<T>[]; default?: T }) {
      const choices = question.choices.map((choice) => ({ value: choice.value, name: choice.name, ...(choice.description === undefined ? {} : { description: choice.description }) }));
      return (await one({ type: 'select', message: question.message, choices, ...(question.default === undefined ? {} : { default: question.default }) })) as T;
    },
  };
}

/** True for inquirer's rejection when the user pressed Ctrl-C (or the prompt was aborted). */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
