import { createHash } from 'node:crypto';
import { VideogenError } from '../errors.ts';
import { NICHES, isNiche, type Niche } from '../sources/short/index.ts';

/**
 * Topics for a schedule that has no list (`input.generator { niche, seed }`): a subject of the niche in a framing,
 * picked from the slot's instant so the same slot always gets the same topic (the calendar shows what the scheduler
 * will make, and a retried slot makes the same video), offline and without a model. The phrases are ones the niche
 * templates (src/sources/short/templates.ts) embed grammatically after "about …": noun phrases and embedded questions.
 */
const SUBJECTS: Record<Niche, string[]> = {
  meditation: ['breathing before sleep', 'a calm morning', 'letting go of stress', 'mindful walking', 'gratitude', 'a busy mind', 'stillness at work', 'slowing down', 'the space between thoughts', 'a body scan', 'anxious moments', 'resting without guilt'],
  motivation: ['small daily habits', 'discipline on bad days', 'starting before you feel ready', 'consistency', 'beating procrastination', 'long-term goals', 'confidence', 'deep focus', 'learning from failure', 'the first hour of the day', 'finishing what you start', 'quiet ambition'],
  facts: ['octopuses', 'the deep ocean', 'black holes', 'honey bees', 'the human eye', 'lightning', 'tardigrades', 'the Moon', 'crows', 'volcanoes', 'deserts at night', 'migrating birds'],
  stories: ['a lighthouse keeper', 'a lost expedition', 'an unlikely friendship', 'a message in a bottle', 'the last train home', 'a forgotten letter', 'a town that vanished', 'a stranger at the door', 'a long walk home', 'an old map', 'a storm at sea', 'a second chance'],
  education: ['how memory works', 'the scientific method', 'photosynthesis', 'how vaccines train the body', 'compound interest in maths', 'why the sky is blue', 'how languages change', 'the water cycle', 'prime numbers', 'how tides work', 'spaced repetition', 'plate tectonics'],
  tech: ['how the internet routes data', 'what DNS is', 'how batteries age', 'passwords and passkeys', 'how GPUs work', 'open source software', 'how Wi-Fi works', 'machine learning', 'how search engines rank pages', 'encryption', 'how chips are made', 'backups'],
  finance: ['compound interest', 'an emergency fund', 'index funds', 'budgeting', 'inflation', 'paying off debt', 'saving for retirement', 'how credit scores work', 'diversification', 'fees that add up', 'needs and wants', 'a first paycheck'],
  health: ['sleep', 'hydration', 'daily walking', 'protein', 'stretching', 'sugar', 'sunlight in the morning', 'strength training', 'posture', 'fibre', 'coffee', 'screen time before bed'],
  philosophy: ['stoicism', 'the good life', 'what happiness is', 'virtue', 'the dichotomy of control', 'meaning at work', 'Socrates', 'the examined life', 'kindness', 'fear of missing out', 'time', 'living with uncertainty'],
  history: ['the Roman Empire', 'the pyramids of Giza', 'the Vikings', 'the printing press', 'the Silk Road', 'medieval castles', 'the first Olympic Games', 'the Library of Alexandria', 'the Industrial Revolution', 'ancient Egypt', 'the Great Wall of China', 'the Moon landing'],
};

/** Framings that keep any subject above a grammatical topic; `{s}` is the subject. */
const FRAMES = ['{s}', 'the surprising side of {s}', 'what most people miss about {s}', 'a one-minute guide to {s}', 'the simple truth about {s}'];

export interface TopicGenerator {
  niche: string;
  seed?: number;
}

/** USAGE for a niche the templates don't have. */
export function checkGenerator(generator: TopicGenerator): Niche {
  if (!isNiche(generator.niche)) throw new VideogenError('USAGE', `generator niche must be one of ${NICHES.join(', ')} (got "${generator.niche}")`);
  if (generator.seed !== undefined && !Number.isInteger(generator.seed)) throw new VideogenError('USAGE', 'generator seed must be a whole number');
  return generator.niche;
}

/** A seeded shuffle (Fisher–Yates over sha256 bytes): the same key, the same order. */
function shuffled<T>(items: readonly T[], key: string): T[] {
  const out = [...items];
  const bytes = createHash('sha512').update(key).digest();
  for (let i = out.length - 1; i > 0; i--) {
    const j = bytes.readUInt16BE((i * 2) % (bytes.length - 1)) % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The `ordinal`-th topic a generator makes (0, 1, 2 … as the schedule's cursor moves): every subject of the niche once
 * per round of 12, in an order of its own each round (seeded, so the same schedule always makes the same sequence and
 * the calendar shows exactly what will come), never the same subject twice in a row, and the framing changes from
 * round to round: 60 different topics before the first one comes back.
 */
export function generateTopic(generator: TopicGenerator, ordinal: number): string {
  const niche = checkGenerator(generator);
  const subjects = SUBJECTS[niche];
  const round = Math.floor(ordinal / subjects.length);
  const seed = generator.seed ?? 0;
  const order = shuffled(subjects, `${niche}:${seed}:${round}`);
  if (round > 0) {
    // The last subject of the previous round must not open this one.
    const previous = shuffled(subjects, `${niche}:${seed}:${round - 1}`).at(-1);
    if (order[0] === previous) [order[0], order[1]] = [order[1]!, order[0]!];
  }
  const subject = order[ordinal % subjects.length]!;
  // The plain subject in the first round (it reads best); a different framing for every later round of five.
  const frames = shuffled(FRAMES.slice(1), `${niche}:${seed}:frames`);
  const frame = round % FRAMES.length === 0 ? FRAMES[0]! : frames[(round % FRAMES.length) - 1]!;
  const topic = frame.replace('{s}', subject);
  return topic[0]!.toUpperCase() + topic.slice(1);
}
