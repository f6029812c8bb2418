import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/writing/sentences.ts';

/** Sentence splitting in scripts other than Latin: their own stops, no spaces in CJK, no Latin-only rejoining. */
describe('splitSentences in other scripts', () => {
  it.each([
    ['ar', 'ما هو؟ هذا سؤال. وهذا آخر! نعم', ['ما هو؟', 'هذا سؤال.', 'وهذا آخر!', 'نعم']],
    ['ur', 'یہ ایک جملہ ہے۔ یہ دوسرا ہے؟ ہاں', ['یہ ایک جملہ ہے۔', 'یہ دوسرا ہے؟', 'ہاں']],
    ['hi', 'यह पहला वाक्य है। यह दूसरा है? हाँ।तीसरा', ['यह पहला वाक्य है।', 'यह दूसरा है?', 'हाँ।', 'तीसरा']],
    ['zh', '第一句。第二句！第三句？第四句', ['第一句。', '第二句！', '第三句？', '第四句']],
    ['ja', 'これは一つ目です。二つ目です！三つ目？', ['これは一つ目です。', '二つ目です！', '三つ目？']],
    ['ko', '첫 번째 문장입니다. 두 번째 문장입니다? 네.', ['첫 번째 문장입니다.', '두 번째 문장입니다?', '네.']],
    ['he', 'זה משפט ראשון. זה שני? כן.', ['זה משפט ראשון.', 'זה שני?', 'כן.']],
    ['hy', 'Սա առաջին նախադասությունն է։ Սա երկրորդն է։', ['Սա առաջին նախադասությունն է։', 'Սա երկրորդն է։']],
  ])('%s', (language, text, sentences) => {
    expect(splitSentences(text, language)).toEqual(sentences);
  });

  it('does not merge a sentence starting with a lower-case Latin word into an Arabic or Hebrew one', () => {
    expect(splitSentences('ما هو المدير؟ npm هو المدير.', 'ar')).toEqual(['ما هو المدير؟', 'npm هو المدير.']);
    expect(splitSentences('ثبّت الحزمة. npm يثبت الحزم.', 'ar')).toEqual(['ثبّت الحزمة.', 'npm يثبت الحزم.']);
    expect(splitSentences('מה זה? npm הוא מנהל חבילות.', 'he')).toEqual(['מה זה?', 'npm הוא מנהל חבילות.']);
    expect(splitSentences('यह क्या है? npm एक टूल है।', 'hi')).toEqual(['यह क्या है?', 'npm एक टूल है।']);
  });

  it('still rejoins the tail of a Latin, Cyrillic or Greek abbreviation', () => {
    expect(splitSentences('First one. Second, e.g. this one! Third?')).toEqual(['First one.', 'Second, e.g. this one!', 'Third?']);
    expect(splitSentences('Это, т. е. пример. Второе предложение.', 'ru')).toEqual(['Это, т. е. пример.', 'Второе предложение.']);
  });

  it('cuts long text into pieces only at the stops of each script, keeping closing quotes with their sentence', () => {
    const cases: [string, string, string][] = [
      ['zh', '「这是一个很长的句子，用来测试分段。」', ''],
      ['ja', 'これは長い文章のテストです。', ''],
      ['hi', 'यह वाक्य लंबे पाठ की जाँच करता है।', ''],
      ['ar', 'هل هذا سؤال طويل لاختبار التقسيم؟', ' '],
      ['ur', 'یہ طویل متن کی جانچ کا جملہ ہے۔', ' '],
    ];
    for (const [language, sentence, gap] of cases) {
      const text = Array.from({ length: 300 }, () => sentence).join(gap);
      expect(text.length).toBeGreaterThan(3000);
      const out = splitSentences(text, language);
      expect(out.length, language).toBe(300);
      for (const s of out) expect(s, language).toBe(sentence);
    }
  });
});

describe('opening quotes between CJK sentences', () => {
  it('go with the sentence they open, not the one before', () => {
    expect(splitSentences('他说：「先运行测试。」「然后提交。」', 'zh')).toEqual(['他说：「先运行测试。」', '「然后提交。」']);
    expect(splitSentences('「一つ目です。」「二つ目です。」', 'ja')).toEqual(['「一つ目です。」', '「二つ目です。」']);
    expect(splitSentences('最后一句。「', 'zh')).toEqual(['最后一句。「']);
  });
});
