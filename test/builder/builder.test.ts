import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { video } from '../../src/builder/index.ts';
import { loadVideoSpec } from '../../src/sources/spec-file.ts';
import { validateSpec } from '../../src/spec/index.ts';

const py = (s: string) => `${s.trim()}\n`;

/** examples/all-kinds.yaml, written with the builder. */
function allKinds() {
  return video({ id: 'all-kinds', title: 'Python Async in Practice', description: 'A tour of every scene kind videogen renders.', theme: { accent: 'purple', mode: 'light' }, voices: ['male', 'female'] })
    .title({ id: 'intro', badge: 'Tutorial', title: 'Python Async in Practice', subtitle: 'Event loops, tasks and the code that ties them together', narration: "Let's see how Python runs many things at once on a single thread." })
    .learningObjectives({
      id: 'objectives',
      title: 'Concurrency with asyncio',
      objectives: ['Explain what the event loop does between awaits', 'Run coroutines concurrently with gather and TaskGroup', 'Spot blocking calls and move them off the loop', 'Add timeouts and cancellation safely'],
      duration: 25,
      difficulty: 'medium',
      prerequisites: ['Python functions', 'Basic networking'],
    })
    .command({
      id: 'install',
      title: 'Set up the project',
      description: 'A virtual environment keeps dependencies separate',
      commands: ['# create and activate a virtual environment', '$ python -m venv .venv && source .venv/bin/activate', '$ pip install aiohttp', '→ Successfully installed aiohttp-3.9.5 yarl-1.9.4', '✓ Ready to go'],
    })
    .list({
      id: 'concepts',
      title: 'Three building blocks',
      description: 'Everything in asyncio is made of these',
      items: [
        { title: 'Coroutines', description: 'async def functions that can pause at await' },
        { title: 'Tasks', description: 'coroutines scheduled to run on the loop' },
        { title: 'The event loop', description: 'runs ready tasks one step at a time' },
      ],
    })
    .code({
      id: 'first-code',
      title: 'Fetch three pages at once',
      language: 'python',
      highlight: [6],
      code: py(`
import asyncio, aiohttp

async def fetch(session, url):
    async with session.get(url) as response:
        return await response.text()

async def main(urls):
    async with aiohttp.ClientSession() as session:
        return await asyncio.gather(*(fetch(session, u) for u in urls))`),
    })
    .codeComparison({
      id: 'compare',
      title: 'Blocking versus non-blocking sleep',
      before: { label: 'Blocks the loop', language: 'python', code: py('import time\n\nasync def tick():\n    time.sleep(1)  # freezes every task\n    print("tick")') },
      after: { label: 'Yields to the loop', language: 'python', code: py('import asyncio\n\nasync def tick():\n    await asyncio.sleep(1)  # others keep running\n    print("tick")') },
    })
    .quote({ id: 'wisdom', text: 'Concurrency is about dealing with lots of things at once. Parallelism is about doing lots of things at once.', attribution: 'Rob Pike' })
    .problem({
      id: 'problem-1',
      number: 1,
      title: 'Rate-limit the crawler',
      text: 'Your crawler opens 500 connections at once and the server starts refusing them. Change fetch_all so that at most ten requests are in flight at any moment, without making the total run any slower than it must be.',
      difficulty: 'hard',
    })
    .solution({
      id: 'solution-1',
      title: 'A semaphore caps the requests in flight',
      language: 'python',
      code: py('limit = asyncio.Semaphore(10)\n\nasync def fetch_limited(session, url):\n    async with limit:\n        return await fetch(session, url)'),
      explanation: 'Each request waits for one of ten permits, so the crawler never holds more than ten connections.',
    })
    .checkpoint({ id: 'checkpoint-1', number: 1, completed: ['Coroutines and tasks', 'gather and TaskGroup', 'Semaphores'], review: ['Why does time.sleep block every task?', 'When should you use to_thread?'], next: ['Timeouts', 'Cancellation', 'Async generators'] })
    .quiz({ id: 'quiz-1', question: 'What does await asyncio.sleep(0) do?', options: ['Nothing at all', 'Yields control to the event loop once', 'Blocks the thread for a moment', 'Cancels the current task'], answer: 1 })
    .exercise({ id: 'exercise-1', title: 'Add a timeout to every request', instructions: ['Wrap each fetch in asyncio.timeout(5)', 'Catch TimeoutError and record the failing URL', 'Print a summary of failures at the end'], difficulty: 'easy', estimatedTime: '15 min' })
    .outro({ id: 'bye', title: 'Thanks for watching', subtitle: 'Next up, async generators and streams', callToAction: 'Subscribe for part two' });
}

describe('video builder', () => {
  it('builds examples/all-kinds.yaml scene for scene', async () => {
    const fromFile = await loadVideoSpec(join(import.meta.dirname, '../../examples/all-kinds.yaml'));
    // The file's `$schema` editor hint is the only difference; toEqual ignores the undefined it leaves.
    expect(allKinds().build()).toEqual({ ...fromFile, $schema: undefined });
  });

  it('toYAML carries the schema header and round-trips through validateSpec', () => {
    const b = allKinds();
    const yaml = b.toYAML('../schema/videogen.schema.json');
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/videogen.schema.json');
    const again = validateSpec(parse(yaml));
    expect(again.ok && again.value).toEqual(b.build());
    expect(validateSpec(b.toJSON()).ok).toBe(true);
  });

  it('build() throws SPEC_INVALID listing every problem', () => {
    const b = video({ id: 'bad id', title: 'T' }).quiz({ question: 'Q?', options: ['a', 'b'], answer: 4 }).scene({ kind: 'list', title: 'L', items: [] });
    expect(() => b.build()).toThrow(expect.objectContaining({ code: 'SPEC_INVALID', details: { problems: [expect.objectContaining({ path: 'id' }), expect.objectContaining({ path: 'scenes[0].answer' }), expect.objectContaining({ path: 'scenes[1].items' })] } }));
  });

  it('is typed from the scene schemas', () => {
    // @ts-expect-error list scenes have no `header`; the canonical name is `title`
    video({ id: 'v', title: 'T' }).list({ header: 'x', items: ['a'] });
    // @ts-expect-error quiz answers are option indexes
    video({ id: 'v', title: 'T' }).quiz({ question: 'q', options: ['a', 'b'], answer: 'a' });
    expect(true).toBe(true);
  });
});
