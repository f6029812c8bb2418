import { confirm, editor, input, number, select } from '@inquirer/prompts';

/**
 * The prompt functions the wizard calls. The CLI uses @inquirer/prompts; tests pass scripted answers. Ctrl-C inside an
 * inquirer prompt rejects with an error named `ExitPromptError`, which the wizard turns into a saved draft.
 */
export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface WizardPrompts {
  input(o: { message: string; default?: string; validate?: (value: string) => boolean | string }): Promise<string>;
  select<T>(o: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(o: { message: string; default?: boolean }): Promise<boolean>;
  number(o: { message: string; default?: number; min?: number; max?: number }): Promise<number | undefined>;
  /** Multi-line text (code) in $EDITOR. */
  editor(o: { message: string; default?: string; postfix?: string }): Promise<string>;
}

export const inquirerPrompts: WizardPrompts = {
  input: (o) => input(o),
  select: <T>(o: { message: string; choices: Choice<T>[]; default?: T }) => select<T>(o),
  confirm: (o) => confirm(o),
  number: (o) => number(o),
  editor: (o) => editor({ ...o, waitForUserInput: false }),
};

/** True for the error inquirer throws on Ctrl-C (and for tests simulating it). */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === 'ExitPromptError';
}
