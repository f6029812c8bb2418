import { SPACED_SCRIPT, ender, joinList, lowerFirstWord } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
const list = (items: readonly string[], conjunction: 'and' | 'or') => joinList(items, ', ', conjunction === 'and' ? ' и ' : ' или ');
const plurals = new Intl.PluralRules('ru');
/** The noun form a count takes: 1 команду, 2 команды, 5 команд (accusative after "выполните"). */
const form = (n: number, one: string, few: string, many: string) => ({ one, few, many })[plurals.select(n) as 'one' | 'few' | 'many'] ?? many;
/** Number words, feminine for команда, masculine for шаг (1 and 2 differ). */
const FEMININE = ['ноль', 'одну', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять', 'десять'];
const MASCULINE = ['ноль', 'один', 'два', ...FEMININE.slice(3)];
const say = (words: readonly string[], n: number) => words[n] ?? String(n);
const label = (s: string) => `«${s}»`;

/**
 * Russian with "вы". Titles cannot be declined, so they stand where the nominative is right: after a colon or a dash
 * ("Мы рассмотрим: …", "Слева — …"); verbs are in the present or plural, which have no gender to guess.
 */
export const ru: Phrases = {
  ...SPACED_SCRIPT,
  list,
  runCommands: (n) => `Выполните в терминале ${n === 1 ? 'эту команду' : `эти ${say(FEMININE, n)} ${form(n, 'команду', 'команды', 'команд')}`}.`,
  cover: (items) => `Мы рассмотрим: ${list(items, 'and')}.`,
  comparison: (before, after) => `Слева — ${before ? label(before) : 'исходная версия'}, справа — ${after ? label(after) : 'улучшенная версия'}.`,
  quote: (who, saying) => `Вот что говорит ${who}: ${saying}`,
  objectives: (title, objectives) => `В уроке ${label(title)} вы научитесь: ${list(objectives.map(lowerFirstWord), 'and')}.`,
  problem: (n) => `Задача ${n}: `,
  code: { solution: 'Вот код.', titled: 'Давайте разберём код.', untitled: 'Давайте разберём этот пример.' },
  checkpoint: (n) => (n ? `Сделаем паузу: контрольная точка ${n}.` : 'Сделаем небольшую паузу.'),
  covered: (items) => `Мы уже рассмотрели: ${list(items, 'and')}.`,
  review: (items) => `Уделите минуту повторению: ${list(items, 'and')}.`,
  next: (items) => `Дальше мы рассмотрим: ${list(items, 'and')}.`,
  quiz: 'Время небольшого теста.',
  choices: (options) => `Какой ответ верный: ${list(options.map((o) => `${o.letter}, ${o.option}`), 'or')}?`,
  answer: (letter, option) => `Правильный ответ — ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `Теперь ваша очередь: ${title} В задании ${say(MASCULINE, steps)} ${form(steps, 'шаг', 'шага', 'шагов')}${time ? `, это займёт примерно ${time}` : ''}. Поставьте видео на паузу и попробуйте сами.`,
};
