import type { MusicMood } from '../../spec/index.ts';
/**
 * The ten faceless-channel niches (the reference platform's prompt templates) and how a topic is sorted into one
 * when the user does not say: by whole words of the topic, the niche with the most hits winning, `facts` otherwise.
 */
export const NICHES = ['meditation', 'motivation', 'facts', 'stories', 'education', 'tech', 'finance', 'health', 'philosophy', 'history'] as const;
export type Niche = (typeof NICHES)[number];

/** The music mood a niche's Short asks the music library for (`music: { src: auto }`). */
export const NICHE_MOODS: Record<Niche, MusicMood> = {
  meditation: 'calm',
  motivation: 'uplifting',
  facts: 'playful',
  stories: 'dramatic',
  education: 'ambient',
  tech: 'energetic',
  finance: 'corporate',
  health: 'calm',
  philosophy: 'ambient',
  history: 'dramatic',
};

const WORDS: Record<Niche, string[]> = {
  meditation: ['meditation', 'meditate', 'mindfulness', 'mindful', 'breath', 'breathing', 'calm', 'relax', 'relaxation', 'sleep', 'stress', 'peace', 'yoga', 'gratitude', 'present', 'stillness'],
  motivation: ['motivation', 'motivated', 'discipline', 'habit', 'habits', 'success', 'goal', 'goals', 'mindset', 'confidence', 'productivity', 'procrastination', 'focus', 'dream', 'dreams', 'grind', 'consistency', 'quit'],
  facts: ['facts', 'fact', 'amazing', 'weird', 'strange', 'surprising', 'animals', 'animal', 'octopus', 'octopuses', 'ocean', 'space', 'planet', 'planets', 'nature', 'smart', 'largest', 'smallest', 'fastest'],
  stories: ['story', 'stories', 'tale', 'legend', 'myth', 'mystery', 'survived', 'journey', 'adventure', 'ghost', 'heist', 'escape'],
  education: ['learn', 'learning', 'lesson', 'explained', 'explain', 'grammar', 'math', 'maths', 'physics', 'chemistry', 'biology', 'science', 'study', 'studying', 'exam', 'language', 'works'],
  tech: ['tech', 'technology', 'ai', 'computer', 'computers', 'software', 'code', 'coding', 'programming', 'internet', 'app', 'apps', 'phone', 'smartphone', 'chip', 'chips', 'robot', 'robots', 'dns', 'wifi', 'gpu', 'cpu', 'battery', 'batteries'],
  finance: ['money', 'finance', 'financial', 'invest', 'investing', 'investment', 'stocks', 'stock', 'crypto', 'bitcoin', 'budget', 'budgeting', 'save', 'saving', 'savings', 'debt', 'retirement', 'income', 'wealth', 'rich', 'inflation', 'taxes', 'compound', 'interest'],
  health: ['health', 'healthy', 'diet', 'nutrition', 'exercise', 'workout', 'fitness', 'weight', 'fasting', 'vitamin', 'vitamins', 'protein', 'heart', 'brain', 'body', 'immune', 'hydration', 'water', 'sugar', 'coffee'],
  philosophy: ['philosophy', 'stoic', 'stoicism', 'meaning', 'ethics', 'moral', 'morality', 'existence', 'existential', 'truth', 'socrates', 'plato', 'nietzsche', 'seneca', 'virtue', 'happiness', 'death'],
  history: ['history', 'historical', 'ancient', 'empire', 'war', 'wars', 'king', 'queen', 'rome', 'roman', 'egypt', 'pyramids', 'medieval', 'century', 'revolution', 'civilization', 'dynasty', 'vikings', 'pharaoh'],
};

export function isNiche(value: string): value is Niche {
  return (NICHES as readonly string[]).includes(value);
}

/** The niche whose words the topic uses most; ties go to the earlier, more specific niche in NICHES order. */
export function detectNiche(topic: string): Niche {
  const words = topic.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  let best: Niche = 'facts';
  let bestHits = 0;
  for (const niche of NICHES) {
    const hits = words.filter((w) => WORDS[niche].includes(w)).length;
    if (hits > bestHits) {
      best = niche;
      bestHits = hits;
    }
  }
  return best;
}
