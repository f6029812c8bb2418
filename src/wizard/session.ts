import type { WizardPrompts } from './prompts.ts';

/**
 * Records every answer under a stable key, in order. On resume the recorded answers are returned without asking, so
 * the flow (which is a pure function of the answers) walks to the first question not yet answered.
 */
export class Session {
  constructor(
    readonly prompts: WizardPrompts,
    readonly answers: Record<string, unknown> = {},
  ) {}

  async ask<T>(key: string, question: () => Promise<T>): Promise<T> {
    if (key in this.answers) return this.answers[key] as T;
    const value = await question();
    this.answers[key] = value;
    return value;
  }

  /** Items one per prompt until an empty answer (after at least `min`). */
  async list(key: string, message: string, min = 1, defaults: string[] = []): Promise<string[]> {
    const items: string[] = [];
    for (let i = 0; ; i++) {
      const hint = items.length < min ? '' : ' (empty to finish)';
      const value = await this.ask(`${key}.${i}`, () =>
        this.prompts.input({
          message: `${message} — item ${i + 1}${hint}`,
          ...(defaults[i] !== undefined ? { default: defaults[i] } : {}),
          validate: (v) => (v.trim() || items.length >= min ? true : `give at least ${min}`),
        }),
      );
      if (!value.trim()) return items;
      items.push(value.trim());
    }
  }
}
