import { startHttp, type Reply } from '../voice/http-server.ts';

/**
 * A local OpenAI-compatible chat server standing in for a translating model (Ollama, vLLM): it reads the target
 * language from the system prompt the LLM translator sends, and "translates" word by word from a small lexicon (the
 * words of the test specs and examples/event-loop.yaml), keeping placeholders ⟦n⟧ and unknown words as they are.
 * Real models are not run in tests; this one only has to answer in the documented protocol, in the right script.
 */
const LEXICON: Record<string, Record<string, string>> = {
  de: {
    how: 'wie', the: 'die', event: 'Ereignis', loop: 'Schleife', works: 'funktioniert', a: 'eine', one: 'ein', minute: 'Minute', tour: 'Tour', of: 'von', guide: 'Leitfaden',
    two: 'zwei', queues: 'Warteschlangen', queue: 'Warteschlange', every: 'jeder', callback: 'Rückruf', callbacks: 'Rückrufe', waits: 'wartet', wait: 'warten', in: 'in', them: 'ihnen',
    timers: 'Timer', and: 'und', messages: 'Nachrichten', promises: 'Promises', promise: 'Promise', before: 'vor', next: 'nächsten', what: 'was', prints: 'druckt', first: 'zuerst',
    order: 'Reihenfolge', are: 'sind', letters: 'Buchstaben', printed: 'gedruckt', thanks: 'danke', for: 'für', watching: 'Zuschauen', subscribe: 'abonnieren', more: 'mehr',
    worker: 'Worker', threads: 'Threads', is: 'ist', here: 'hier', small: 'kleines', example: 'Beispiel', run: 'laufen', then: 'dann', timer: 'Timer', comes: 'kommt', last: 'zuletzt',
    so: 'also', answer: 'Antwort', let: 'lass', us: 'uns', see: 'sehen', runs: 'führt', many: 'viele', things: 'Dinge', at: 'auf', once: 'einmal', on: 'auf', single: 'einzigen', thread: 'Thread',
    time: 'Mal', we: 'wir', will: 'werden', look: 'schauen', drain: 'leeren', all: 'alle', they: 'sie', hello: 'hallo', world: 'Welt', with: 'mit', to: 'zu', this: 'dies', it: 'es',
  },
  ar: {
    how: 'كيف', the: 'ال', event: 'الحدث', loop: 'حلقة', works: 'تعمل', a: '', one: 'واحد', minute: 'دقيقة', tour: 'جولة', of: 'من', guide: 'دليل',
    two: 'اثنان', queues: 'طوابير', queue: 'طابور', every: 'كل', callback: 'استدعاء', callbacks: 'استدعاءات', waits: 'ينتظر', wait: 'تنتظر', in: 'في', them: 'منها',
    timers: 'مؤقتات', and: 'و', messages: 'رسائل', promises: 'وعود', promise: 'وعد', before: 'قبل', next: 'التالي', what: 'ماذا', prints: 'يطبع', first: 'أولا',
    order: 'ترتيب', are: '', letters: 'الحروف', printed: 'تطبع', thanks: 'شكرا', for: 'على', watching: 'المشاهدة', subscribe: 'اشترك', more: 'المزيد',
    worker: 'العامل', threads: 'خيوط', is: '', here: 'هنا', small: 'صغير', example: 'مثال', run: 'تعمل', then: 'ثم', timer: 'المؤقت', comes: 'يأتي', last: 'أخيرا',
    so: 'إذن', answer: 'الجواب', let: 'دعنا', us: '', see: 'نرى', runs: 'تشغل', many: 'كثيرة', things: 'أشياء', at: 'في', once: 'واحد', on: 'على', single: 'واحد', thread: 'خيط',
    time: 'مرة', we: 'نحن', will: 'سوف', look: 'ننظر', drain: 'تفرغ', all: 'كلها', they: 'هي', hello: 'مرحبا', world: 'عالم', with: 'مع', to: 'إلى', this: 'هذا', it: 'هو',
  },
  zh: {
    how: '如何', the: '', event: '事件', loop: '循环', works: '工作', a: '一', one: '一', minute: '分钟', tour: '之旅', of: '的', guide: '指南',
    two: '两个', queues: '队列', queue: '队列', every: '每个', callback: '回调', callbacks: '回调', waits: '等待', wait: '等待', in: '在', them: '其中',
    timers: '定时器', and: '和', messages: '消息', promises: '承诺', promise: '承诺', before: '之前', next: '下一个', what: '什么', prints: '打印', first: '先',
    order: '顺序', are: '是', letters: '字母', printed: '打印', thanks: '谢谢', for: '为', watching: '观看', subscribe: '订阅', more: '更多',
    worker: '工作', threads: '线程', is: '是', here: '这里', small: '小', example: '例子', run: '运行', then: '然后', timer: '定时器', comes: '来', last: '最后',
    so: '所以', answer: '答案', let: '让', us: '我们', see: '看', runs: '运行', many: '许多', things: '事情', at: '在', once: '同时', on: '在', single: '单', thread: '线程',
    time: '次', we: '我们', will: '将', look: '看', drain: '清空', all: '都', they: '它们', hello: '你好', world: '世界', with: '与', to: '到', this: '这', it: '它',
  },
};

const CJK = new Set(['zh', 'ja']);

export function lexiconTranslate(text: string, to: string): string {
  const words = LEXICON[to];
  if (!words) return text;
  const out = text.replace(/[A-Za-z]+(?:'[a-z]+)?/g, (w) => words[w.toLowerCase()] ?? w).replace(/ {2,}/g, ' ').trim();
  // Chinese is written without spaces between words, with its own full stop and comma.
  return CJK.has(to) ? out.replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '').replace(/\./g, '。').replace(/,/g, '，').replace(/\?/g, '？') : to === 'ar' ? out.replace(/\?/g, '؟').replace(/,/g, '،') : out;
}

const completion = (content: string): Reply => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'fake-mt', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] }),
});

/** Starts the server; `languages` records the target of each request, for assertions. */
export async function startTranslatingLlm() {
  const languages: string[] = [];
  const server = await startHttp((req) => {
    if (!req.url.endsWith('/chat/completions')) return { status: 404, body: '{"error":{"message":"not found"}}' };
    const body = JSON.parse(req.body) as { messages: { role: string; content: string }[] };
    const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
    const to = /to [^(]*\((\w+(?:-\w+)?)\)/.exec(system)?.[1] ?? 'de';
    languages.push(to);
    const input = JSON.parse(body.messages.find((m) => m.role === 'user')!.content) as { texts: { index: number; text: string }[] };
    return completion(JSON.stringify({ translations: input.texts.map((t) => lexiconTranslate(t.text, to.split('-')[0]!)) }));
  });
  return { ...server, languages, env: { OPENAI_BASE_URL: `${server.baseUrl}/v1`, OPENAI_MODEL: 'fake-mt', OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '' } };
}
