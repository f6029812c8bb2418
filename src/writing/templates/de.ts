import { SPACED_SCRIPT, counted, ender, joinList } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
const list = (items: readonly string[], conjunction: 'and' | 'or') => joinList(items, ', ', conjunction === 'and' ? ' und ' : ' oder ');
const number = counted(['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf', 'zwölf']);
/** Labels are named, not inflected: German quotation marks keep "Vorher" from reading as part of the sentence. */
const label = (s: string) => `„${s}“`;

/**
 * German, in the register of a tutorial: "wir" for what narrator and viewer do together, "Sie" for the viewer (the
 * safe default for an audience nobody knows). Nouns keep their capitals, so nothing is lower-cased after a colon.
 */
export const de: Phrases = {
  ...SPACED_SCRIPT,
  list,
  runCommands: (n) => `Im Terminal führen wir ${n === 1 ? 'diesen Befehl' : `diese ${number(n)} Befehle`} aus.`,
  cover: (items) => `Wir behandeln ${list(items, 'and')}.`,
  comparison: (before, after) =>
    `Links sehen wir ${before ? label(before) : 'die ursprüngliche Fassung'}, rechts ${after ? label(after) : 'die verbesserte Fassung'}.`,
  quote: (who, saying) => `Wie ${who} es formuliert hat: ${saying}`,
  objectives: (title, objectives) => `In der Lektion ${label(title)} lernen Sie Folgendes: ${list(objectives, 'and')}.`,
  problem: (n) => `Aufgabe ${n}: `,
  code: { solution: 'Hier ist der Code.', titled: 'Sehen wir uns den Code an.', untitled: 'Sehen wir uns dieses Beispiel an.' },
  checkpoint: (n) => (n ? `Zwischenstopp ${n}: Halten wir kurz inne.` : 'Halten wir kurz inne.'),
  covered: (items) => `Bisher haben wir ${list(items, 'and')} behandelt.`,
  review: (items) => `Wiederholen Sie kurz: ${list(items, 'and')}.`,
  next: (items) => `Als Nächstes sehen wir uns ${list(items, 'and')} an.`,
  quiz: 'Zeit für ein kleines Quiz.',
  choices: (options) => `Ist es ${list(options.map((o) => `${o.letter}, ${o.option}`), 'or')}?`,
  answer: (letter, option) => `Die richtige Antwort ist ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `Jetzt sind Sie dran: ${title} Die Übung hat ${steps === 1 ? 'einen Schritt' : `${number(steps)} Schritte`}${time ? ` und dauert etwa ${time}` : ''}. Halten Sie das Video an und probieren Sie es selbst.`,
};
