import { SPACED_SCRIPT, counted, ender, joinList, lowerFirstWord } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
const list = (items: readonly string[], conjunction: 'and' | 'or') => joinList(items, ', ', conjunction === 'and' ? ' en ' : ' of ');
const number = counted(['nul', 'één', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven', 'acht', 'negen', 'tien', 'elf', 'twaalf']);
const label = (s: string) => `‘${s}’`;

/** Dutch with "je", as Dutch tutorials address the viewer. */
export const nl: Phrases = {
  ...SPACED_SCRIPT,
  list,
  runCommands: (n) => `Voer in de terminal ${n === 1 ? 'deze opdracht' : `deze ${number(n)} opdrachten`} uit.`,
  cover: (items) => `We behandelen ${list(items, 'and')}.`,
  comparison: (before, after) =>
    `Links zie je ${before ? label(before) : 'de oorspronkelijke versie'}, rechts ${after ? label(after) : 'de verbeterde versie'}.`,
  quote: (who, saying) => `Zoals ${who} het zei: ${saying}`,
  objectives: (title, objectives) => `In de les ${label(title)} leer je het volgende: ${list(objectives.map(lowerFirstWord), 'and')}.`,
  problem: (n) => `Opgave ${n}: `,
  code: { solution: 'Hier is de code.', titled: 'Laten we de code bekijken.', untitled: 'Laten we dit voorbeeld bekijken.' },
  checkpoint: (n) => (n ? `Laten we even pauzeren bij controlepunt ${n}.` : 'Laten we even pauzeren.'),
  covered: (items) => `Tot nu toe hebben we ${list(items, 'and')} behandeld.`,
  review: (items) => `Neem even de tijd om dit te herhalen: ${list(items, 'and')}.`,
  next: (items) => `Hierna bekijken we ${list(items, 'and')}.`,
  quiz: 'Tijd voor een quiz.',
  choices: (options) => `Is het ${list(options.map((o) => `${o.letter}, ${o.option}`), 'or')}?`,
  answer: (letter, option) => `Het juiste antwoord is ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `Nu ben jij aan de beurt: ${title} ${steps === 1 ? 'Er is één stap' : `Er zijn ${number(steps)} stappen`}${time ? `, en het duurt ongeveer ${time}` : ''}. Zet de video op pauze en probeer het zelf.`,
};
