/**
 * The wording of the offline narration templates in one language (writing/templates.ts). Every language implements all
 * of it, so the compiler catches a phrase left out; the template functions that read a scene live once, in templates.ts.
 * Strings passed in are the scene's own text, untranslated: titles and items without their final punctuation (`bare`),
 * unless a parameter says it is already a sentence.
 */
export type Conjunction = 'and' | 'or';

export interface LetteredOption {
  /** How the option's letter is said, e.g. "B". */
  letter: string;
  /** The option's text without final punctuation. */
  option: string;
}

export interface Phrases {
  /** Appended to a statement that ends without sentence punctuation: ".", "。", "।". */
  readonly stop: string;
  /** Appended to a question that ends without sentence punctuation. */
  readonly questionMark: string;
  /** A question written without its mark, asked: when a language needs more than `questionMark` (Spanish ¿…?). */
  ask?(question: string): string;
  /** Between two sentences: a space; nothing in Chinese and Japanese. */
  readonly gap: string;
  /** Whether code is described from its comments and names (writing/code-explain.ts, which writes English). */
  readonly explainsCode: boolean;
  /** The letter of option `index` (0 → "A"), as the quiz scene draws it. */
  letter(index: number): string;
  /** Items joined the way the language says a list: "a, b, and c", "a, b und c", "a、b、c", "a، وb، وc". */
  list(items: readonly string[], conjunction: Conjunction): string;
  /** After a command scene's heading when it has commands to type: "In the terminal, run these two commands." */
  runCommands(count: number): string;
  /** What a list scene goes through: "We'll cover a, b, and c." */
  cover(items: readonly string[]): string;
  /** A code comparison's two panels by their labels; undefined: the language's own "original/improved version". */
  comparison(before: string | undefined, after: string | undefined): string;
  /** A quotation: who said it, and the saying (already a sentence). */
  quote(attribution: string, saying: string): string;
  /** A lesson's title and what the viewer will learn. */
  objectives(title: string, objectives: readonly string[]): string;
  /** Said before a problem's title: "Problem 3: ". */
  problem(number: number): string;
  /** Said for code that is not explained: under a solution, a code scene with a heading, one without. */
  readonly code: { readonly solution: string; readonly titled: string; readonly untitled: string };
  checkpoint(number: number | undefined): string;
  covered(items: readonly string[]): string;
  review(items: readonly string[]): string;
  next(items: readonly string[]): string;
  /** The sentence that opens a quiz. */
  readonly quiz: string;
  choices(options: readonly LetteredOption[]): string;
  /** The revealed answer; `option` is the option's text as written (it may end in punctuation). */
  answer(letter: string, option: string): string;
  /** An exercise: its title (already a sentence), how many steps, how long it takes (e.g. "10 min"). */
  exercise(title: string, steps: number, time: string | undefined): string;
}
