import { SPACED_SCRIPT, counted, ender, joinList, lowerFirstWord } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
const list = (items: readonly string[], conjunction: 'and' | 'or') => joinList(items, ', ', conjunction === 'and' ? ' e ' : ' o ');
const number = counted(['zero', 'un', 'due', 'tre', 'quattro', 'cinque', 'sei', 'sette', 'otto', 'nove', 'dieci', 'undici', 'dodici']);
const label = (s: string) => `«${s}»`;

/** Italian with "tu", as Italian tutorials address the viewer; letters are feminine ("la B"). */
export const it: Phrases = {
  ...SPACED_SCRIPT,
  list,
  runCommands: (n) => `Nel terminale, esegui ${n === 1 ? 'questo comando' : `questi ${number(n)} comandi`}.`,
  cover: (items) => `Vedremo ${list(items, 'and')}.`,
  comparison: (before, after) =>
    `A sinistra, ${before ? label(before) : 'la versione originale'}; a destra, ${after ? label(after) : 'la versione migliorata'}.`,
  quote: (who, saying) => `Come ha detto ${who}: ${saying}`,
  objectives: (title, objectives) => `In questa lezione, ${label(title)}, ecco cosa imparerai: ${list(objectives.map(lowerFirstWord), 'and')}.`,
  problem: (n) => `Problema ${n}: `,
  code: { solution: 'Ecco il codice.', titled: 'Diamo un’occhiata al codice.', untitled: 'Diamo un’occhiata a questo esempio.' },
  checkpoint: (n) => (n ? `Facciamo una pausa: punto di controllo ${n}.` : 'Facciamo una breve pausa per fare il punto.'),
  covered: (items) => `Finora abbiamo visto ${list(items, 'and')}.`,
  review: (items) => `Prenditi un momento per ripassare: ${list(items, 'and')}.`,
  next: (items) => `Poi vedremo ${list(items, 'and')}.`,
  quiz: 'È il momento del quiz.',
  choices: (options) => `Qual è la risposta: ${list(options.map((o) => `${o.letter}, ${o.option}`), 'or')}?`,
  answer: (letter, option) => `La risposta giusta è la ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `Tocca a te: ${title} ${steps === 1 ? 'C’è un solo passaggio' : `Ci sono ${number(steps)} passaggi`}${time ? ` e richiede circa ${time}` : ''}. Metti in pausa il video e prova.`,
};
