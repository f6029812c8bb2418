import { STOPWORDS } from '../../writing/summarise.ts';

/**
 * Titles for transcripts, in the author's casing. A heading is never a lone function word, adverb or filler: "Ago",
 * "Almost" or "Yeah" say nothing about a passage.
 */
const NOT_A_TITLE = new Set(
  `ago almost already always anyway back away else even ever here just later maybe never often once only perhaps quite rather really since soon still then there though together too very well yet yes yeah okay ok hey oh ah wow thank thanks please sorry sure right left come came get got go goes went gone look looking say said tell told think thought know knew mean want wanted let lets gonna gotta something anything nothing everything someone anyone everyone somebody anybody nobody thing stuff lot kind sort way time times day today tomorrow yesterday now`.split(
    /\s+/,
  ),
);

/** True when `phrase` could head a scene: some word in it carries meaning. */
export function isMeaningfulTitle(phrase: string): boolean {
  const words = phrase.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  return words.some((w) => w.length > 2 && !STOPWORDS.has(w) && !NOT_A_TITLE.has(w) && !/^\d+$/.test(w));
}

/** Words of a file name that name the file's role or format, not its content. */
const FILE_NOISE = /^(?:subtitles?|subs?|captions?|cc|transcript|srt|vtt|sdh|forced|hi|final|v\d+|\d{3,4}p|x26[45]|web(?:-?dl|rip)?|bluray|hdtv|dvdrip|copy|new|untitled|video|audio)$/i;
/** A trailing language tag: "_en", ".en", "-pt-BR", " eng". */
const LANGUAGE_TAG = /[._\s-](?:[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?|english|french|german|spanish)$/i;

/**
 * The title a subtitle file's name gives: "sintel_en.srt" → "Sintel", "cold-brew.en.vtt" → "Cold brew",
 * "iPhone_review.srt" → "iPhone review". Undefined for names that say nothing ("captions.srt", "1.srt", a hash).
 */
export function titleFromFileName(name: string): string | undefined {
  let stem = name.split(/[\\/]/).at(-1)!.replace(/\.(?:srt|vtt)$/i, '');
  // Language tags may repeat ("talk.en.forced"); a two-letter stem such as "go.srt" is kept as it is.
  for (let i = 0; i < 3 && LANGUAGE_TAG.test(stem) && stem.replace(LANGUAGE_TAG, '').length >= 3; i++) stem = stem.replace(LANGUAGE_TAG, '');
  const words = stem
    .split(/[\s._-]+/)
    .filter(Boolean)
    .filter((w) => !FILE_NOISE.test(w));
  if (!words.length || words.every((w) => /^[\da-f]{6,}$/i.test(w) || /^\d+$/.test(w))) return undefined;
  const phrase = words.join(' ');
  if (!/\p{L}{2,}/u.test(phrase)) return undefined;
  // Author's casing: only an all-lower-case word at the start is capitalised ("sintel" → "Sintel", "iPhone" stays).
  return /^\p{Ll}+$/u.test(words[0]!) ? phrase.charAt(0).toUpperCase() + phrase.slice(1) : phrase;
}

/** "Today we're going to talk about cold brew at home." → its phrase as spoken ("cold brew at home"), or undefined. */
export function announcedTopic(sentence: string | undefined): { phrase: string; howTo: boolean } | undefined {
  if (!sentence) return undefined;
  const m = /\b(?:talk(?:ing)? about|video is about|(?:going to|gonna|will|I'll|we'll) (?:show you|teach you|learn about|look at|cover|explain)|how to)\s+(.+?)(?:[.,!?;]|$)/i.exec(sentence);
  if (!m) return undefined;
  const phraseEnd = m[1]!.split(/\s+(?:without|with|using|because|so|which|that|today|in under|step by step)\b/i)[0]!;
  const words = phraseEnd.replace(/^(?:the|a|an|some|about)\s+/i, '').split(/\s+/).slice(0, 8);
  while (words.length && /^(?:the|a|an|of|to|for|and|or|in|on|at|with)$/i.test(words.at(-1)!)) words.pop();
  if (words.length < 2 || !isMeaningfulTitle(words.join(' '))) return undefined;
  return { phrase: words.join(' '), howTo: /how to/i.test(m[0]) };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Today we're going to talk about cold brew at home." → "Cold brew at home". */
export function titleFromFirstSentence(sentence: string | undefined): string | undefined {
  const topic = announcedTopic(sentence);
  if (!topic) return undefined;
  return topic.howTo ? `How to ${topic.phrase}` : capitalise(topic.phrase);
}

export interface ChosenTitle {
  title: string;
  /** How the narration says it: the phrase as the speaker cased it ("a video about making cold brew"). */
  spoken: string;
  /** Whether the title is a name (file name or the video's own title), read as is rather than "a video about …". */
  isName: boolean;
}

/**
 * The video's title: the platform's title when there is one; otherwise what the speaker says the video is about,
 * when that agrees with the file name or there is no usable file name; otherwise the file name; else `fallback`.
 */
export function chooseTitle(opts: { metaTitle?: string | undefined; fileTitle?: string | undefined; firstSentences: readonly string[]; fallback: () => string | undefined }): ChosenTitle {
  const meta = opts.metaTitle?.trim();
  if (meta) return { title: meta, spoken: meta, isName: true };
  const announced = opts.firstSentences.map(announcedTopic).find(Boolean);
  const fileWords = (opts.fileTitle?.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length > 2);
  const agrees = announced && fileWords.every((w) => announced.phrase.toLowerCase().includes(w));
  if (announced && (agrees || !opts.fileTitle)) {
    const spoken = announced.howTo ? `how to ${announced.phrase}` : announced.phrase;
    return { title: capitalise(spoken), spoken, isName: false };
  }
  if (opts.fileTitle) return { title: opts.fileTitle, spoken: opts.fileTitle, isName: true };
  const topic = opts.fallback();
  if (topic && isMeaningfulTitle(topic)) return { title: topic, spoken: topic, isName: false };
  return { title: 'Video summary', spoken: 'a video', isName: true };
}
