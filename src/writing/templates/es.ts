import { counted, ender, joinList, latinLetter, lowerFirstWord } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
/** "y" is said "e" before an /i/ sound (HTML e Internet), "o" is said "u" before an /o/ sound (siete u ocho). */
const and = (next: string) => (/^h?i(?![aeiouáéíóú])/i.test(next) ? ' e ' : ' y ');
const or = (next: string) => (/^h?o/i.test(next) ? ' u ' : ' o ');
function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  const last = items.at(-1) ?? '';
  return joinList(items, ', ', (conjunction === 'and' ? and : or)(last));
}
const number = counted(['cero', 'un', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once', 'doce']);
const label = (s: string) => `«${s}»`;

/** Spanish with "tú", as Spanish-language tutorials address the viewer; "video" is the spelling both sides of the Atlantic accept. */
export const es: Phrases = {
  stop: '.',
  questionMark: '?',
  // A question opens with its inverted mark too.
  ask: (question) => `${question.startsWith('¿') ? '' : '¿'}${question}?`,
  gap: ' ',
  explainsCode: false,
  letter: latinLetter,
  list,
  runCommands: (n) => `En la terminal, ejecuta ${n === 1 ? 'este comando' : `estos ${number(n)} comandos`}.`,
  cover: (items) => `Veremos ${list(items, 'and')}.`,
  comparison: (before, after) =>
    `A la izquierda, ${before ? label(before) : 'la versión original'}; a la derecha, ${after ? label(after) : 'la versión mejorada'}.`,
  quote: (who, saying) => `Como dijo ${who}: ${saying}`,
  objectives: (title, objectives) => `En esta lección, ${label(title)}, aprenderás lo siguiente: ${list(objectives.map(lowerFirstWord), 'and')}.`,
  problem: (n) => `Problema ${n}: `,
  code: { solution: 'Este es el código.', titled: 'Veamos el código.', untitled: 'Veamos este ejemplo.' },
  checkpoint: (n) => (n ? `Hagamos una pausa en el punto de control ${n}.` : 'Hagamos una pausa para repasar.'),
  covered: (items) => `Hasta ahora hemos visto ${list(items, 'and')}.`,
  review: (items) => `Tómate un momento para repasar: ${list(items, 'and')}.`,
  next: (items) => `A continuación, veremos ${list(items, 'and')}.`,
  quiz: 'Es hora de ponerte a prueba.',
  // Letters are feminine in Spanish ("la A"); the question opens with its inverted mark.
  choices: (options) => `¿Es ${list(options.map((o) => `la ${o.letter}, ${o.option}`), 'or')}?`,
  answer: (letter, option) => `La respuesta correcta es la ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `Te toca a ti: ${title} ${steps === 1 ? 'Tiene un solo paso' : `Tiene ${number(steps)} pasos`}${time ? ` y lleva alrededor de ${time}` : ''}. Pausa el video e inténtalo.`,
};
