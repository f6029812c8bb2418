import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { hi } from './hi.ts';
import { it } from './it.ts';
import { ja } from './ja.ts';
import { ko } from './ko.ts';
import { nl } from './nl.ts';
import { pt } from './pt.ts';
import { ru } from './ru.ts';
import { zh } from './zh.ts';
import type { Phrases } from './types.ts';

export type { Phrases, LetteredOption, Conjunction } from './types.ts';

/** The phrase table of each language with narration templates, by ISO 639-1 code. */
export const PHRASES: Readonly<Record<string, Phrases>> = { en, de, es, fr, pt, it, nl, ja, zh, ko, ar, hi, ru };
