import { counted, ender, joinList, latinLetter, lowerFirstWord } from './text.ts';
import type { Phrases } from './types.ts';

/** French typography: a no-break space before ? ! : ; and inside guillemets, so no line starts with the mark. */
const NB = '\u00a0';
const end = ender('.');
const list = (items: readonly string[], conjunction: 'and' | 'or') => joinList(items, ', ', conjunction === 'and' ? ' et ' : ' ou ');
const number = counted(['zéro', 'une', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze']);
const label = (s: string) => `«${NB}${s}${NB}»`;

/** French with "vous", the usual address of a tutorial. Both counted nouns (commande, étape) are feminine. */
export const fr: Phrases = {
  stop: '.',
  questionMark: `${NB}?`,
  gap: ' ',
  explainsCode: false,
  letter: latinLetter,
  list,
  runCommands: (n) => `Dans le terminal, exécutez ${n === 1 ? 'cette commande' : `ces ${number(n)} commandes`}.`,
  cover: (items) => `Nous allons voir ${list(items, 'and')}.`,
  comparison: (before, after) =>
    `À gauche, ${before ? label(before) : 'la version d’origine'}${NB}; à droite, ${after ? label(after) : 'la version améliorée'}.`,
  quote: (who, saying) => `Comme l’a dit ${who}${NB}: ${saying}`,
  objectives: (title, objectives) => `Au programme de cette leçon, ${label(title)}${NB}: ${list(objectives.map(lowerFirstWord), 'and')}.`,
  problem: (n) => `Problème ${n}${NB}: `,
  code: { solution: 'Voici le code.', titled: 'Regardons le code.', untitled: 'Regardons cet exemple.' },
  checkpoint: (n) => (n ? `Faisons une pause pour le point d’étape ${n}.` : 'Faisons une pause pour faire le point.'),
  covered: (items) => `Jusqu’ici, nous avons vu ${list(items, 'and')}.`,
  review: (items) => `Prenez un moment pour revoir ceci${NB}: ${list(items, 'and')}.`,
  next: (items) => `Ensuite, nous verrons ${list(items, 'and')}.`,
  quiz: 'Place au quiz.',
  choices: (options) => `Est-ce ${list(options.map((o) => `${o.letter}, ${o.option}`), 'or')}${NB}?`,
  answer: (letter, option) => `La bonne réponse est la ${letter}${NB}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `À vous de jouer${NB}: ${title} ${steps === 1 ? 'Il y a une seule étape' : `Il y a ${number(steps)} étapes`}${time ? `, et cela prend environ ${time}` : ''}. Mettez la vidéo en pause et essayez.`,
};
