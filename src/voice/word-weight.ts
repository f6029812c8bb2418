/**
 * How long a word takes to say, relative to other words, from its spelling alone (any voice, any language): vowel
 * groups are syllables and weigh most, consonants add less, a digit is read as a word of its own ("2026" is four
 * spoken numbers), and a CJK character is a syllable. Only ratios matter.
 */
const SYLLABLE = 2;
const CONSONANT = 0.7;
const DIGIT = 3;
const CJK_CHAR = 3;
const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/u;
const VOWEL = /[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýœаеёиоуыэюяαεηιουω]/iu;

export function wordWeight(word: string): number {
  let cjk = 0;
  let digits = 0;
  let consonants = 0;
  let syllables = 0;
  let inVowel = false;
  for (const ch of word) {
    const vowel = VOWEL.test(ch);
    if (CJK.test(ch)) cjk++;
    else if (/\p{Nd}/u.test(ch)) digits++;
    else if (vowel && !inVowel) syllables++;
    else if (!vowel && /\p{L}/u.test(ch)) consonants++;
    inVowel = vowel;
  }
  // Scripts without written vowels (Arabic, Hebrew) show no vowel groups: about one syllable per two letters.
  if (syllables === 0 && consonants > 1) syllables = Math.ceil(consonants / 2);
  return Math.max(1, SYLLABLE * syllables + CONSONANT * consonants + DIGIT * digits + CJK_CHAR * cjk);
}

/** espeak-ng vowel phonemes (its ASCII mnemonics): any containing a vowel letter or one of @ 3 0 V. */
const PHONEME_VOWEL = /[aeiouAEIOU@3V0&]/;

/**
 * Expected relative length from espeak-ng phonemes (`-x --sep=_`, e.g. "pr_'0_m_I_s_I#_z"): a vowel weighs like a
 * syllable, a long or stressed one more, a consonant less. Same scale as `wordWeight`.
 */
export function phonemeWeight(phonemes: string): number {
  let weight = 0;
  for (const word of phonemes.split(/\s+/)) {
    for (const p of word.split('_')) {
      const core = p.replace(/[',%=#]/g, '');
      if (!core) continue;
      if (PHONEME_VOWEL.test(core)) weight += SYLLABLE * (core.includes(':') || core.length > 1 ? 1.3 : 1) * (p.includes("'") ? 1.15 : 1);
      else weight += CONSONANT;
    }
  }
  return Math.max(1, weight);
}
