import { describe, expect, it } from 'vitest';
import { parseSpecText, validateSpec, type Scene, type SceneInput, type VideoSpec } from '../../src/spec/index.ts';
import { hasNarrationTemplates, NARRATION_LANGUAGES, narrationFor, templateNarration } from '../../src/writing/templates.ts';
import { splitSentences } from '../../src/writing/sentences.ts';

/**
 * The offline narration in each of the 13 template languages, for every scene kind: in that language (no English glue
 * word outside the scene's own text), ended with that script's sentence punctuation, and saying the scene's own text.
 */

const LANGUAGES = ['en', 'de', 'es', 'fr', 'pt', 'it', 'nl', 'ja', 'zh', 'ko', 'ar', 'hi', 'ru'];

/** Scene text that is no word of any of the languages, so what surrounds it must come from the templates. */
const SCENES: SceneInput[] = [
  { kind: 'title', title: 'Event Loop', subtitle: 'Node.js' },
  { kind: 'command', title: 'Setup', description: 'Node.js 22', commands: ['$ npm install', '$ npm test', '→ ok'] },
  { kind: 'command', title: 'Setup', commands: ['$ npm install'] },
  { kind: 'list', title: 'Queues', items: ['Microtasks', { title: 'Macrotasks' }, 'Rendering'] },
  { kind: 'list', title: 'Queues', items: ['Microtasks', 'Macrotasks'] },
  { kind: 'outro', title: 'Danke', subtitle: 'Node.js', callToAction: 'GitHub' },
  { kind: 'codeComparison', title: 'Callbacks', before: { code: 'a()', label: 'Callbacks' }, after: { code: 'await a()', label: 'Async/await' } },
  { kind: 'codeComparison', title: 'Callbacks', before: { code: 'a()' }, after: { code: 'await a()' } },
  { kind: 'quote', text: 'Concurrency is not parallelism', attribution: 'Rob Pike' },
  { kind: 'learningObjectives', title: 'Event Loop', objectives: ['Promise.all', 'setTimeout', 'queueMicrotask'] },
  { kind: 'problem', number: 3, title: 'FizzBuzz', text: 'FizzBuzz 1-100' },
  { kind: 'solution', title: 'FizzBuzz', code: 'for (let i = 1; i <= 100; i++) console.log(i);', language: 'javascript' },
  { kind: 'image', src: 'https://example.org/a.png', title: 'Libuv', caption: 'Node.js' },
  { kind: 'video', src: 'https://example.org/a.mp4', title: 'Libuv', caption: 'Node.js' },
  { kind: 'checkpoint', number: 2, completed: ['Promises', 'Timers'], review: ['setImmediate'], next: ['Streams', 'Workers', 'Buffers'] },
  { kind: 'checkpoint', completed: ['Promises'] },
  { kind: 'quiz', question: 'setTimeout 0', options: ['Microtask', 'Macrotask', 'Render'], answer: 1 },
  { kind: 'quiz', question: 'setTimeout 0', options: ['Microtask', 'Macrotask'], answer: 0, reveal: false },
  { kind: 'exercise', title: 'FizzBuzz', instructions: ['One', 'Two', 'Three'], estimatedTime: '10 min' },
  { kind: 'exercise', title: 'FizzBuzz', instructions: ['One'] },
  { kind: 'code', title: 'Promise.all', code: '// fetch every page at once\nawait Promise.all(pages.map(fetch));', language: 'javascript' },
  { kind: 'code', code: 'await Promise.all(pages.map(fetch));', language: 'javascript' },
];

function specOf(language: string, scenes: readonly SceneInput[]): VideoSpec {
  const r = validateSpec({ id: 'languages', title: 'Languages', language, scenes });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

const NOT_PROSE = new Set(['id', 'kind', 'src', 'code', 'language', 'fit', 'motion', 'commands', 'instructions']);

/** Every string the author wrote in a scene that the narration says verbatim, untranslated. */
function ownText(scene: Scene): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!NOT_PROSE.has(k)) walk(x);
  };
  walk(scene);
  return out.sort((a, b) => b.length - a.length);
}

/** English function words that would give away a sentence left in English. */
// Not "we", "is", "of", "in", "on", "moment", "code", "pause", "video", "quiz": Dutch, German, French or Italian words too.
const GLUE = ['the', 'and', 'or', "we'll", "let's", "here's", 'there', 'this', 'these', 'that', 'to', 'with', 'you', 'your', 'will', 'run', 'step', 'steps', 'commands', 'answer', 'left', 'right', 'lesson', 'learn', 'so far', 'next', 'review', 'take', 'example', 'turn', 'try', 'give', 'look', 'cover', 'put', 'time', 'it'];
const GLUE_WORD = new RegExp(`(?<![\\p{L}\\p{N}'])(?:${GLUE.join('|')})(?![\\p{L}\\p{N}'])`, 'iu');

const SENTENCE_END: Record<string, RegExp> = { ja: /[。！？]$/, zh: /[。！？]$/, hi: /[।?!]$/, ar: /[.!؟]$/ };
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}、。：？';

describe('narration templates in every language', () => {
  it('lists the 13 languages', () => {
    expect([...NARRATION_LANGUAGES].sort()).toEqual([...LANGUAGES].sort());
  });

  for (const language of LANGUAGES) {
    it(`${language}: every scene kind, in ${language}, ending as its script ends sentences`, () => {
      const spec = specOf(language, SCENES);
      const kinds = new Set<string>();
      for (const scene of spec.scenes) {
        const text = narrationFor(scene, spec.language);
        kinds.add(scene.kind);
        expect(text.length, `${scene.kind}: ${text}`).toBeGreaterThan(5);
        expect(text, scene.kind).toMatch(SENTENCE_END[language] ?? /[.!?]$/);
        expect(text, scene.kind).not.toMatch(/undefined|\[object|\s{2}| [,.;:]|^\s|\s$/);
        // The scene's own text is said as written, untranslated.
        const own = ownText(scene);
        // (English lower-cases comparison labels and objectives, as it always has.)
        for (const s of own) if (!(language === 'en' && /^(?:codeComparison|learningObjectives)$/.test(scene.kind))) expect(text, `${scene.kind} says "${s}"`).toContain(s);
        if (language !== 'en') {
          let rest = text;
          for (const s of own) rest = rest.split(s).join(' ');
          expect(rest, `${language} ${scene.kind}: ${text}`).not.toMatch(GLUE_WORD);
        }
        if (language === 'ja' || language === 'zh') expect(text, scene.kind).not.toMatch(new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, 'u'));
        expect(splitSentences(text, language).length, scene.kind).toBeGreaterThan(0);
      }
      expect(kinds.size).toBe(15);
    });
  }

  it('narrates a German spec’s scene without narration in German', () => {
    const yaml = ['id: de', 'title: Ereignisschleife', 'language: de', 'scenes:', '  - kind: list', '    title: Warteschlangen', '    items: [Mikrotasks, Makrotasks, Rendering]', '  - kind: exercise', '    title: Zeitlimit einbauen', '    instructions: [Öffnen, Ändern]', ''].join('\n');
    const r = validateSpec(parseSpecText(yaml).data);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const [list, exercise] = r.value.scenes.map((s) => narrationFor(s, r.value.language));
    expect(list).toBe('Warteschlangen. Wir behandeln Mikrotasks, Makrotasks und Rendering.');
    expect(exercise).toBe('Jetzt sind Sie dran: Zeitlimit einbauen. Die Übung hat zwei Schritte. Halten Sie das Video an und probieren Sie es selbst.');
  });

  it('maps BCP-47 tags to their primary subtag, and says nothing in a language without templates', () => {
    const [scene] = specOf('pt-BR', [SCENES[3]!]).scenes;
    expect(narrationFor(scene!, 'pt-BR')).toBe(templateNarration(scene!, 'pt'));
    expect(narrationFor(scene!, 'zh-Hans')).toBe(templateNarration(scene!, 'zh'));
    expect(hasNarrationTemplates('zh-Hant-TW')).toBe(true);
    expect(hasNarrationTemplates('sv-SE')).toBe(false);
    expect(narrationFor(scene!, 'sv')).toBe('');
    expect(narrationFor({ ...scene!, narration: 'Egen text.' }, 'sv')).toBe('Egen text.');
  });
});

describe('each language’s grammar', () => {
  const say = (language: string, scene: SceneInput) => narrationFor(specOf(language, [scene]).scenes[0]!, language);
  const list = (items: string[]): SceneInput => ({ kind: 'list', title: 'T', items });
  const exercise = (n: number): SceneInput => ({ kind: 'exercise', title: 'T', instructions: Array.from({ length: n }, (_, i) => `s${i}`) });
  const commands = (n: number): SceneInput => ({ kind: 'command', title: 'T', commands: Array.from({ length: n }, (_, i) => `$ c${i}`) });

  it('joins lists with the language’s conjunction and list punctuation', () => {
    expect(say('ja', list(['キュー', 'タスク']))).toBe('T。ここでは、キューとタスクについて説明します。');
    expect(say('ja', list(['キュー', 'タスク', '描画']))).toBe('T。ここでは、キュー、タスク、描画について説明します。');
    expect(say('zh', list(['队列', '任务', '渲染']))).toBe('T。我们将介绍队列、任务和渲染。');
    expect(say('ar', list(['الحلقة', 'المهام', 'npm']))).toBe('T. سنتناول الحلقة، والمهام، و npm.');
    expect(say('hi', list(['कतार', 'कार्य', 'रेंडर']))).toBe('T। हम कतार, कार्य और रेंडर के बारे में जानेंगे।');
    expect(say('ru', list(['очереди', 'задачи', 'рендеринг']))).toBe('T. Мы рассмотрим: очереди, задачи и рендеринг.');
    // Spanish "y" becomes "e" before an /i/ sound, "o" becomes "u" before an /o/ sound.
    expect(say('es', list(['HTML', 'Internet']))).toBe('T. Veremos HTML e Internet.');
    expect(say('es', list(['HTML', 'hielo']))).toBe('T. Veremos HTML y hielo.');
    // Korean picks 와/과 from the last sound of a Hangul word, and says 그리고 after a Latin one.
    expect(say('ko', list(['사과', '배']))).toBe('T. 이번에는 사과와 배에 대해 알아보겠습니다.');
    expect(say('ko', list(['수박', '배']))).toBe('T. 이번에는 수박과 배에 대해 알아보겠습니다.');
    expect(say('ko', list(['Node', 'Deno']))).toBe('T. 이번에는 Node 그리고 Deno에 대해 알아보겠습니다.');
  });

  it('says small counts in words, with the noun forms they take', () => {
    expect(say('de', commands(2))).toBe('T. Im Terminal führen wir diese zwei Befehle aus.');
    expect(say('ru', commands(5))).toBe('T. Выполните в терминале эти пять команд.');
    expect(say('ru', commands(2))).toBe('T. Выполните в терминале эти две команды.');
    expect(say('ru', exercise(2))).toContain('В задании два шага.');
    expect(say('ru', exercise(5))).toContain('В задании пять шагов.');
    expect(say('zh', commands(2))).toBe('T。在终端中依次运行这两条命令。');
    expect(say('ja', exercise(3))).toContain('手順は三つです。');
    expect(say('ko', exercise(3))).toContain('모두 세 단계로 되어 있습니다.');
    expect(say('ar', exercise(2))).toContain('يتكوّن هذا التمرين من خطوتين.');
    expect(say('ar', exercise(4))).toContain('من أربع خطوات.');
    expect(say('ar', commands(3))).toBe('T. في الطرفية، ننفّذ هذه الأوامر الثلاثة.');
    expect(say('hi', exercise(1))).toContain('इसमें एक चरण है।');
    expect(say('fr', exercise(1))).toContain('Il y a une seule étape.');
  });

  it('asks questions with the script’s marks', () => {
    const quiz: SceneInput = { kind: 'quiz', question: 'Q', options: ['x', 'y', 'z'], answer: 2 };
    expect(say('es', quiz)).toBe('Es hora de ponerte a prueba. ¿Q? ¿Es la A, x, la B, y o la C, z? La respuesta correcta es la C: z.');
    expect(say('ar', quiz)).toBe('حان وقت الاختبار. Q؟ هل الإجابة A، x، أم B، y، أم C، z؟ الإجابة الصحيحة هي C: z.');
    expect(say('zh', quiz)).toBe('来做个小测验。Q？是A“x”、B“y”，还是C“z”？正确答案是C：z。');
    expect(say('es', { ...quiz, question: 'Qué se ejecuta primero' })).toMatch(/ ¿Qué se ejecuta primero\? /);
    expect(say('fr', quiz)).toContain('Est-ce A, x, B, y ou C, z\u00a0?');
    expect(say('en', quiz)).toBe('Quiz time. Q. Is it A, x, B, y, or C, z? The answer is C: z.');
  });

  it('folds questions into a list without their marks: the French space before "?", the Spanish "¿"', () => {
    const checkpoint = (q: string): SceneInput => ({ kind: 'checkpoint', review: [q] });
    expect(say('fr', checkpoint('Qu’est-ce qui s’exécute en premier\u00a0?'))).toContain('revoir ceci\u00a0: Qu’est-ce qui s’exécute en premier.');
    expect(say('es', checkpoint('¿Qué se ejecuta primero?'))).toContain('repasar: Qué se ejecuta primero.');
  });

  it('reads code in English only: other languages say a plain phrase, or the author’s explanation', () => {
    const code: SceneInput = { kind: 'code', title: 'Fetch', code: '// fetch every page at once\nawait Promise.all(pages.map(fetch));', language: 'javascript' };
    expect(say('en', code)).toMatch(/^Fetch\. (?!Let's read)/);
    expect(say('de', code)).toBe('Fetch. Sehen wir uns den Code an.');
    expect(say('ja', code)).toBe('Fetch。コードを見ていきましょう。');
    const solution: SceneInput = { kind: 'solution', title: 'Lösung', code: 'x()', explanation: 'Ein Semaphor begrenzt die Anfragen' };
    expect(say('de', solution)).toBe('Lösung. Ein Semaphor begrenzt die Anfragen.');
  });

  it('names the code comparison’s panels without sides in Arabic, whose scenes are mirrored', () => {
    const cmp: SceneInput = { kind: 'codeComparison', title: 'مقارنة', before: { code: 'a', label: 'قبل' }, after: { code: 'b', label: 'بعد' } };
    expect(say('ar', cmp)).toBe('مقارنة. نقارن هنا بين «قبل» و «بعد».');
    expect(say('ar', cmp)).not.toMatch(/اليمين|اليسار/);
  });
});
