import type { Accent } from '../../spec/common.ts';
import type { Niche } from './niches.ts';

/**
 * Built-in Short scripts, one per niche, for when no language model is configured. Each slot has variants chosen by
 * a seed, so two topics in the same niche do not sound the same. `{about}` is the only placeholder and it only ever
 * follows "about" or "comes to" (see topic-phrase.ts), which keeps every sentence grammatical for a noun phrase
 * ("the Roman Empire") and for an embedded question ("why octopuses are smart") alike.
 *
 * The sentences are frameworks, not facts: offline we know nothing about the topic, so nothing here claims a fact
 * that could be false.
 */
export interface Line {
  /** On-screen text: at most five words, read in well under two seconds. */
  screen: string;
  /** What the voice says. */
  say: string;
}

export interface NicheTemplate {
  /** Small label above the hook's headline. */
  badge: string;
  /** Spoken hooks (the headline on screen is the topic). */
  hooks: string[];
  /** Five beat slots with variants; a Short uses three to five of them, in order. */
  beats: Line[][];
  ctas: Line[];
  /** Said at the end of every script in this niche. */
  disclaimer?: string;
  /** YouTube category hint for metadata.json. */
  category: string;
  accent: Accent;
}

export const MEDICAL_DISCLAIMER = 'This is not medical advice; talk to your doctor before you change anything.';
export const FINANCIAL_DISCLAIMER = 'This is not financial advice.';

export const TEMPLATES: Record<Niche, NicheTemplate> = {
  meditation: {
    badge: 'Mindful minute',
    category: 'Howto & Style',
    accent: 'cyan',
    hooks: [
      'Give me one minute, and let us slow down together, starting with a few thoughts about {about}.',
      'Wherever you are right now, pause for a moment. This minute is about {about}.',
      'Take one slow breath before you scroll on. We are going to spend a quiet minute thinking about {about}.',
    ],
    beats: [
      [
        { screen: 'Breathe in slowly', say: 'Breathe in through your nose for four counts. Hold it gently, then let it go for six.' },
        { screen: 'Drop your shoulders', say: 'Let your shoulders fall away from your ears. Unclench your jaw and soften your hands.' },
      ],
      [
        { screen: 'Notice, do not judge', say: 'When it comes to {about}, there is nothing to fix right now. Just notice what you feel, and let it be.' },
        { screen: 'Just notice', say: 'Thoughts about {about} may come and go. Watch them pass like clouds, without chasing any of them.' },
      ],
      [
        { screen: 'Come back gently', say: 'If your mind wanders, that is fine. Gently bring your attention back to the next breath.' },
        { screen: 'One breath at a time', say: 'You do not need to get this right. One breath at a time is enough.' },
      ],
      [
        { screen: 'Feel the ground', say: 'Feel the weight of your body where you sit or stand. The ground is holding you up.' },
        { screen: 'Listen around you', say: 'Listen to the quietest sound you can hear. Stay with it for one more breath.' },
      ],
      [
        { screen: 'Carry it with you', say: 'You can return to this moment any time today. It only takes one slow breath.' },
        { screen: 'Keep this calm', say: 'Take this calm with you into the next thing you do, even for a few minutes.' },
      ],
    ],
    ctas: [
      { screen: 'Save this for later', say: 'Save this Short for the next time you need a minute, and follow for more quiet moments.' },
      { screen: 'Follow for calm', say: 'If this helped, follow for a new mindful minute every week.' },
    ],
  },
  motivation: {
    badge: 'Mindset',
    category: 'People & Blogs',
    accent: 'orange',
    hooks: [
      'Nobody is coming to do it for you. Here is what you need to hear about {about}.',
      'Stop scrolling for a second. This is the truth about {about} that most people avoid.',
      'If you keep putting it off, this one is for you. Let us talk about {about}.',
    ],
    beats: [
      [
        { screen: 'Start smaller', say: 'The first step is smaller than you think. Pick one thing you can do in the next ten minutes.' },
        { screen: 'Make it tiny', say: 'Big goals stall because the first step feels huge. Make it so small that you cannot say no.' },
      ],
      [
        { screen: 'Show up daily', say: 'Motivation fades, but habits stay. Show up on the days you do not feel like it, too.' },
        { screen: 'Repeat it', say: 'Doing it once proves nothing. Doing it every day, even badly, changes who you are.' },
      ],
      [
        { screen: 'Expect the dip', say: 'When it comes to {about}, there is always a point where it gets hard. That is the point where most people quit.' },
        { screen: 'Hard is normal', say: 'Feeling stuck is not a sign to stop. It is part of every honest attempt at anything worth doing.' },
      ],
      [
        { screen: 'Track the wins', say: 'Write down one small win every evening. In a month, you will see how far you have come.' },
        { screen: 'Count progress', say: 'Measure yourself against who you were last month, not against someone else online.' },
      ],
      [
        { screen: 'Begin today', say: 'You do not need a perfect plan. You need a start, and today is a good day for one.' },
        { screen: 'Your move', say: 'Everything you want is on the other side of a few boring, repeated days. Start counting them.' },
      ],
    ],
    ctas: [
      { screen: 'Follow for more', say: 'Follow for a push like this every day, and share it with someone who needs it.' },
      { screen: 'Comment "day one"', say: 'Comment day one if you are starting today, and come back tomorrow for the next step.' },
    ],
  },
  facts: {
    badge: 'Did you know',
    category: 'Education',
    accent: 'blue',
    hooks: [
      'This sounds made up, but it is not. Here is what most people never learn about {about}.',
      'You have probably heard a little about {about}. The full picture is far stranger.',
      'Give me forty seconds and you will never think about {about} the same way again.',
    ],
    beats: [
      [
        { screen: 'It starts here', say: 'Start with the basics, because the details only make sense once you know how it all began.' },
        { screen: 'The first clue', say: 'The first clue is hiding in plain sight, and almost everyone walks right past it.' },
      ],
      [
        { screen: 'Bigger than you think', say: 'When it comes to {about}, the scale is bigger than most people imagine. The numbers surprise even experts.' },
        { screen: 'The surprising part', say: 'The surprising part is not what happens, but how long people took to notice it.' },
      ],
      [
        { screen: 'Look closer', say: 'Look a little closer and the story changes. What looks simple from far away turns out to be clever.' },
        { screen: 'Not so simple', say: 'What seems obvious at first hides a second layer that took years to understand.' },
      ],
      [
        { screen: 'Why it matters', say: 'This matters more than it seems, because the same idea shows up in places you would never expect.' },
        { screen: 'It is everywhere', say: 'Once you know about it, you will start to notice it everywhere around you.' },
      ],
      [
        { screen: 'The open question', say: 'And there is still a question nobody can fully answer, which is exactly what keeps scientists curious.' },
        { screen: 'Still a mystery', say: 'Even today, part of it remains a mystery, and new discoveries keep changing the story.' },
      ],
    ],
    ctas: [
      { screen: 'Follow for more', say: 'Follow for one surprising fact like this every day.' },
      { screen: 'Share this', say: 'Send this to someone who loves strange facts, and follow for the next one.' },
    ],
  },
  stories: {
    badge: 'Story time',
    category: 'Entertainment',
    accent: 'purple',
    hooks: [
      'Nobody expected this story to end the way it did. It is a story about {about}.',
      'Picture this. An ordinary day, and then everything changes. This is a story about {about}.',
      'Some stories stay with you for years. This one is about {about}.',
    ],
    beats: [
      [
        { screen: 'It began quietly', say: 'It began like any other day. Nobody noticed the small detail that would change everything.' },
        { screen: 'An ordinary start', say: 'At first, nothing seemed unusual. The people involved had no idea what was coming.' },
      ],
      [
        { screen: 'Then it turned', say: 'Then came the moment that turned it all around. One decision, made in a few seconds.' },
        { screen: 'The turning point', say: 'The turning point arrived without warning, and there was no time to think it through.' },
      ],
      [
        { screen: 'Everything at stake', say: 'Now everything was at stake. Going back was impossible, and going forward looked just as hard.' },
        { screen: 'No way back', say: 'There was no way back anymore. The only choice left was to keep going.' },
      ],
      [
        { screen: 'The reveal', say: 'And then the truth came out, and it was not what anyone had guessed.' },
        { screen: 'What really happened', say: 'When the dust settled, what really happened was stranger than every rumour.' },
      ],
      [
        { screen: 'What it teaches', say: 'In the end, it is a story about {about}, and about how quickly a life can change.' },
        { screen: 'The lesson', say: 'The lesson is simple, and easy to forget: small choices can decide everything.' },
      ],
    ],
    ctas: [
      { screen: 'Follow for part two', say: 'Follow for more stories like this, and tell me in the comments what you would have done.' },
      { screen: 'What would you do?', say: 'What would you have done? Comment below, and follow for the next story.' },
    ],
  },
  education: {
    badge: 'Explained',
    category: 'Education',
    accent: 'blue',
    hooks: [
      'Here is the clearest explanation you will hear about {about}, in under a minute.',
      'If you have ever been confused about {about}, this minute will fix that.',
      'Let us learn something useful about {about}, one simple step at a time.',
    ],
    beats: [
      [
        { screen: 'The big idea', say: 'Start with the big idea. Everything else is a detail that hangs on it.' },
        { screen: 'One idea first', say: 'Before the details, hold on to one idea. It makes the rest easy to follow.' },
      ],
      [
        { screen: 'Step by step', say: 'Now break it into steps. Each step is simple on its own, and together they do the work.' },
        { screen: 'Break it down', say: 'Break it down into small parts, and look at what each part does.' },
      ],
      [
        { screen: 'An example', say: 'An everyday example helps. Think of something you already know that works the same way.' },
        { screen: 'Picture it', say: 'Picture it with something familiar, and the abstract idea suddenly becomes concrete.' },
      ],
      [
        { screen: 'The common mistake', say: 'When it comes to {about}, the most common mistake is skipping the basics. Do not skip them.' },
        { screen: 'Avoid this trap', say: 'The trap most learners fall into is memorising without understanding why.' },
      ],
      [
        { screen: 'Try it yourself', say: 'Now try explaining it to someone else in your own words. That is how you know you understand it.' },
        { screen: 'Test yourself', say: 'Test yourself tomorrow. If you can still explain it, it is yours for good.' },
      ],
    ],
    ctas: [
      { screen: 'Follow to learn more', say: 'Follow for a new lesson like this every day.' },
      { screen: 'Save and share', say: 'Save this for revision, and share it with a friend who is learning too.' },
    ],
  },
  tech: {
    badge: 'Tech',
    category: 'Science & Technology',
    accent: 'purple',
    hooks: [
      'You use it every day, but do you know what is really going on? Let us talk about {about}.',
      'Here is what happens behind the screen, in under a minute. This one is about {about}.',
      'Most people never look under the hood. Let us take a quick look at {about}.',
    ],
    beats: [
      [
        { screen: 'The problem it solves', say: 'Every piece of technology starts with a problem. Knowing the problem makes the design make sense.' },
        { screen: 'Why it exists', say: 'It exists because the old way was too slow, too expensive, or too fragile.' },
      ],
      [
        { screen: 'How it works', say: 'When it comes to {about}, the core idea is simpler than the jargon suggests.' },
        { screen: 'The core idea', say: 'Strip away the buzzwords, and there is one clever idea doing most of the work.' },
      ],
      [
        { screen: 'The hidden layer', say: 'Underneath, there are layers you never see, each one handing work to the next.' },
        { screen: 'Under the hood', say: 'Under the hood, many small parts cooperate in a fraction of a second.' },
      ],
      [
        { screen: 'The trade-off', say: 'Nothing is free. Every design choice trades speed, cost, or privacy for something else.' },
        { screen: 'What it costs', say: 'The convenience has a cost, and it is worth knowing who pays it.' },
      ],
      [
        { screen: 'What comes next', say: 'And it keeps changing. What is new today will feel old in a few years.' },
        { screen: 'The next step', say: 'The next version is already being built, and it will change how this works again.' },
      ],
    ],
    ctas: [
      { screen: 'Follow for more tech', say: 'Follow for a quick look behind the screen every week.' },
      { screen: 'What next?', say: 'Tell me in the comments what I should explain next.' },
    ],
  },
  finance: {
    badge: 'Money',
    category: 'Education',
    accent: 'green',
    disclaimer: FINANCIAL_DISCLAIMER,
    hooks: [
      'Nobody teaches this in school, but they should. Here is the simple truth about {about}.',
      'Your future self will thank you for this minute. Let us talk about {about}.',
      'Most people learn this too late. Here is what to know about {about}.',
    ],
    beats: [
      [
        { screen: 'Know the basics', say: 'Start with the basics. You cannot make good money decisions with words you do not understand.' },
        { screen: 'Learn the words', say: 'Learn the key terms first. Half of money advice is jargon that hides simple ideas.' },
      ],
      [
        { screen: 'Time is the lever', say: 'Time is the biggest lever you have. Small amounts, started early, grow more than large amounts started late.' },
        { screen: 'Start early', say: 'Starting early matters more than starting big. Time does the heavy lifting.' },
      ],
      [
        { screen: 'Watch the fees', say: 'Watch the costs. A small fee every year quietly eats a large part of what you keep.' },
        { screen: 'Hidden costs', say: 'Look for the hidden costs, because they compound against you just as quietly.' },
      ],
      [
        { screen: 'Mind the risk', say: 'When it comes to {about}, higher rewards always come with higher risk. Anyone who says otherwise is selling something.' },
        { screen: 'No free lunch', say: 'If something promises high returns with no risk, walk away. That is how most scams begin.' },
      ],
      [
        { screen: 'Make a plan', say: 'Write down a simple plan, and automate it, so it happens even when you forget.' },
        { screen: 'Automate it', say: 'Automate the good habit, so your plan does not depend on willpower.' },
      ],
    ],
    ctas: [
      { screen: 'Follow for money tips', say: 'Follow for simple money lessons every week.' },
      { screen: 'Save this', say: 'Save this for later, and share it with someone starting out.' },
    ],
  },
  health: {
    badge: 'Health',
    category: 'Howto & Style',
    accent: 'cyan',
    disclaimer: MEDICAL_DISCLAIMER,
    hooks: [
      'Your body is doing something remarkable right now. Here is what to know about {about}.',
      'Small daily choices add up. Let us talk about {about}.',
      'There is a lot of noise online about {about}. Here is a calmer way to think about it.',
    ],
    beats: [
      [
        { screen: 'Start with the basics', say: 'Start with the basics: sleep, water, movement and real food. They matter more than any trend.' },
        { screen: 'Basics first', say: 'Before any trick or trend, get the basics right. They do most of the work.' },
      ],
      [
        { screen: 'Everyone is different', say: 'Bodies are different. What works for one person may not work for you, and that is normal.' },
        { screen: 'Your own pace', say: 'Go at your own pace. Comparing yourself to others online helps nobody.' },
      ],
      [
        { screen: 'Small and steady', say: 'When it comes to {about}, small and steady changes last longer than dramatic ones.' },
        { screen: 'Tiny changes', say: 'Tiny changes, repeated every day, beat big changes that last a week.' },
      ],
      [
        { screen: 'Listen to your body', say: 'Pay attention to how you feel. Your body gives signals long before problems grow.' },
        { screen: 'Notice the signals', say: 'Notice the signals your body sends, and take them seriously.' },
      ],
      [
        { screen: 'Ask a professional', say: 'And when something feels wrong, ask a professional instead of a comment section.' },
        { screen: 'Get real advice', say: 'For anything serious, real advice from a professional beats any video, including this one.' },
      ],
    ],
    ctas: [
      { screen: 'Follow for more', say: 'Follow for simple, calm health tips every week.' },
      { screen: 'Share this', say: 'Share this with someone who could use a gentle reminder today.' },
    ],
  },
  philosophy: {
    badge: 'Philosophy',
    category: 'Education',
    accent: 'orange',
    hooks: [
      'Philosophers have argued about this for centuries. Let us think for a minute about {about}.',
      'One question can change how you see your whole day. This one is about {about}.',
      'Here is an old idea that still works today. It is about {about}.',
    ],
    beats: [
      [
        { screen: 'Ask the question', say: 'Start by asking the question honestly, without rushing to an answer.' },
        { screen: 'Slow down', say: 'Slow down. The first answer that comes to mind is usually borrowed from someone else.' },
      ],
      [
        { screen: 'What you control', say: 'Separate what you control from what you do not. Most worry lives in the second group.' },
        { screen: 'Look inward', say: 'Look at your own reasons first. They are the only ones you can truly examine.' },
      ],
      [
        { screen: 'The other side', say: 'When it comes to {about}, the strongest view is the one that has faced its best objection.' },
        { screen: 'Argue both sides', say: 'Try arguing the other side. If you cannot, you do not fully understand your own.' },
      ],
      [
        { screen: 'Live it', say: 'Ideas matter most when you live them. Pick one small way to act on this today.' },
        { screen: 'Put it to work', say: 'A philosophy you never practise is just a hobby. Put this one to work.' },
      ],
      [
        { screen: 'Keep asking', say: 'You may never reach a final answer, and that is the point. The asking itself makes you wiser.' },
        { screen: 'Stay curious', say: 'Stay curious. The people who stop asking are the ones who stop growing.' },
      ],
    ],
    ctas: [
      { screen: 'Follow to think more', say: 'Follow for one idea worth thinking about every day.' },
      { screen: 'Your view?', say: 'What do you think? Tell me in the comments, and follow for more.' },
    ],
  },
  history: {
    badge: 'History',
    category: 'Education',
    accent: 'orange',
    hooks: [
      'History is stranger than fiction. Here is a minute about {about}.',
      'They do not teach it this way in school. Let us go back in time and talk about {about}.',
      'Every era has a story that still shapes us. This one is about {about}.',
    ],
    beats: [
      [
        { screen: 'Set the scene', say: 'First, set the scene. The world looked very different, and the people in it had no idea how it would end.' },
        { screen: 'Another world', say: 'Imagine a world without the things we take for granted. That is where this begins.' },
      ],
      [
        { screen: 'The key players', say: 'A few people made the decisions that mattered, and their choices still echo today.' },
        { screen: 'Who was there', say: 'Look at who was in the room, and whose voices were left out.' },
      ],
      [
        { screen: 'The turning point', say: 'When it comes to {about}, there was one turning point after which nothing could go back.' },
        { screen: 'Point of no return', say: 'Then came a point of no return, and the old order began to fall apart.' },
      ],
      [
        { screen: 'What changed', say: 'What changed was not only who held power, but how ordinary people lived their days.' },
        { screen: 'Everyday life', say: 'For ordinary people, daily life changed in ways the history books often skip.' },
      ],
      [
        { screen: 'Why it matters now', say: 'And it still matters now, because the patterns of the past have a habit of repeating.' },
        { screen: 'Echoes today', say: 'Look closely, and you will see echoes of it in the news today.' },
      ],
    ],
    ctas: [
      { screen: 'Follow for more history', say: 'Follow for a minute of history every day.' },
      { screen: 'Which era next?', say: 'Which era should I cover next? Tell me in the comments.' },
    ],
  },
};
