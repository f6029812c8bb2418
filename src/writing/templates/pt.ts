import { SPACED_SCRIPT, counted, ender, joinList, lowerFirstWord } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
const list = (items: readonly string[], conjunction: 'and' | 'or') => joinList(items, ', ', conjunction === 'and' ? ' e ' : ' ou ');
const number = counted(['zero', 'um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze']);
const label = (s: string) => `“${s}”`;

/** Brazilian Portuguese (the registry's default voice is pt-BR) with "você". Counted nouns are masculine (comandos, passos). */
export const pt: Phrases = {
  ...SPACED_SCRIPT,
  list,
  runCommands: (n) => `No terminal, execute ${n === 1 ? 'este comando' : `estes ${number(n)} comandos`}.`,
  cover: (items) => `Vamos ver ${list(items, 'and')}.`,
  comparison: (before, after) =>
    `À esquerda, ${before ? label(before) : 'a versão original'}; à direita, ${after ? label(after) : 'a versão melhorada'}.`,
  quote: (who, saying) => `Como disse ${who}: ${saying}`,
  objectives: (title, objectives) => `Nesta aula, ${label(title)}, você vai aprender o seguinte: ${list(objectives.map(lowerFirstWord), 'and')}.`,
  problem: (n) => `Problema ${n}: `,
  code: { solution: 'Aqui está o código.', titled: 'Vamos ver o código.', untitled: 'Vamos ver este exemplo.' },
  checkpoint: (n) => (n ? `Vamos fazer uma pausa no ponto de controle ${n}.` : 'Vamos fazer uma pausa para revisar.'),
  covered: (items) => `Até agora, vimos ${list(items, 'and')}.`,
  review: (items) => `Reserve um momento para revisar: ${list(items, 'and')}.`,
  next: (items) => `Em seguida, vamos ver ${list(items, 'and')}.`,
  quiz: 'Hora de testar o que você aprendeu.',
  choices: (options) => `A resposta é ${list(options.map((o) => `${o.letter}, ${o.option}`), 'or')}?`,
  answer: (letter, option) => `A resposta certa é ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `Agora é a sua vez: ${title} ${steps === 1 ? 'É só um passo' : `São ${number(steps)} passos`}${time ? `, e leva cerca de ${time}` : ''}. Pause o vídeo e tente fazer.`,
};
