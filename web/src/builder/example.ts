import { toYaml } from './spec-doc.ts';

/** What a first visit (or "New") starts from: a small spec that validates and shows off a few kinds. */
export function exampleYaml(): string {
  return toYaml({
    id: 'my-video',
    title: 'My first video',
    theme: { accent: 'blue', mode: 'light' },
    scenes: [
      { kind: 'title', title: 'My first video', subtitle: 'Made in the videogen studio', narration: 'Welcome! This video was made in the videogen studio.' },
      { kind: 'list', title: 'Three things to know', items: ['Scenes are the building blocks', 'Each kind has its own form', 'The preview follows every edit'], narration: 'Here are three things to know before you start.' },
      { kind: 'outro', title: 'Thanks for watching', callToAction: 'Now make your own' },
    ],
  });
}
