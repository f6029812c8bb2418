import type { Choice, WizardPrompts } from '../../src/wizard/prompts.ts';

/**
 * Prompts that answer from a script, in order, and record each question. `CTRL_C` in the script throws what
 * inquirer throws on Ctrl-C. A select answer is the choice's value; the script fails loudly when it runs out or when
 * a select answer is not among the offered choices.
 */
export const CTRL_C = Symbol('ctrl-c');

export function scripted(script: unknown[]): WizardPrompts & { asked: string[] } {
  const queue = [...script];
  const asked: string[] = [];
  const next = (message: string): unknown => {
    asked.push(message);
    if (!queue.length) throw new Error(`script ran out at: ${message}`);
    const answer = queue.shift();
    if (answer === CTRL_C) throw Object.assign(new Error('User force closed the prompt with SIGINT'), { name: 'ExitPromptError' });
    return answer;
  };
  return {
    asked,
    input: async (o) => {
      const a = next(o.message);
      const value = a === undefined ? (o.default ?? '') : String(a);
      const ok = o.validate?.(value) ?? true;
      if (ok !== true) throw new Error(`invalid answer "${value}" to "${o.message}": ${ok}`);
      return value;
    },
    select: async <T>(o: { message: string; choices: Choice<T>[]; default?: T }) => {
      const a = next(o.message);
      const value = (a === undefined ? o.default : a) as T;
      if (!o.choices.some((c) => c.value === value)) throw new Error(`"${String(value)}" is not a choice of "${o.message}"`);
      return value;
    },
    confirm: async (o) => {
      const a = next(o.message);
      return a === undefined ? (o.default ?? false) : Boolean(a);
    },
    number: async (o) => {
      const a = next(o.message);
      return a === undefined ? o.default : Number(a);
    },
    editor: async (o) => {
      const a = next(o.message);
      return a === undefined ? (o.default ?? '') : String(a);
    },
  };
}
