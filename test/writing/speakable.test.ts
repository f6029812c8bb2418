import { describe, expect, it } from 'vitest';
import { identifierWords, speakable } from '../../src/writing/speakable.ts';

describe('speakable', () => {
  it('says where a link is instead of reading it', () => {
    expect(speakable('Docs: https://github.com/redis/ioredis/blob/main/API.md')).toBe('The link is in the description.');
    expect(speakable('See more: https://redis.io/commands/xread#return-value for details.')).toBe('See more on redis.io for details.');
    expect(speakable('Install it from https://www.npmjs.com/package/ioredis today.')).toBe('Install it from npmjs.com today.');
    expect(speakable('Use a redis:// URL when using TLS.')).toBe('Use a redis URL when using TLS.');
  });

  it('never reads an e-mail address', () => {
    const out = speakable('Report security issues to security@redis.io, please.');
    expect(out).not.toMatch(/@/);
    expect(out).toBe('Report security issues to the e-mail address in the description, please.');
    expect(speakable('Write to tal197 at users.sf.net for help.')).toBe('Write to the e-mail address in the description for help.');
    expect(speakable('Mail me [at] example [dot] org today.')).toBe('Mail the e-mail address in the description today.');
    expect(speakable('Look at users of the site.')).toBe('Look at users of the site.');
    expect(speakable('Look at example.com for news.')).toBe('Look at example.com for news.');
  });

  it('names a file by its role and drops sentences that only point to a file', () => {
    expect(speakable('Refer to CHANGELOG.md for features and bug fixes introduced in v5.')).toBe('Refer to the changelog for features and bug fixes introduced in version 5.');
    expect(speakable('You can set it. Example file: string-util.js.')).toBe('You can set it.');
    expect(speakable('Set the flag in your launch.json configuration.')).toBe('Set the flag in your launch configuration.');
    expect(speakable('Subcommands written as .ts files need node.')).toBe('Subcommands written as TypeScript files need node.');
    // Product names written like files are names.
    expect(speakable('A Redis client for Node.js.')).toBe('A Redis client for Node.js.');
  });

  it('turns inline code into words', () => {
    expect(speakable('The options can be read by calling .opts() on a Command object.')).toBe('The options can be read by calling the opts method on a Command object.');
    expect(speakable('Pass additional parameters to the .version() method.')).toBe('Pass additional parameters to the version method.');
    expect(speakable('Pass { pipeline: false } to multi.')).toBe('Pass an options object to multi.');
    expect(speakable('It publishes through diagnostics_channel and emits asyncStart events.')).toBe('It publishes through diagnostics channel and emits async start events.');
    expect(speakable('Supports Redis >= 2.6.12. Compatible with Redis 7.x.')).toBe('Supports Redis 2.6.12 or later. Compatible with Redis 7.');
    expect(identifierWords('CommandTraceContext')).toBe('Command Trace Context');
    expect(identifierWords('SOME_REDIS_COMMAND')).toBe('some redis command');
  });

  it('drops a sentence that is mostly code when others remain, and strips emoji', () => {
    expect(speakable('Short flags combine. For example, -d -s -p cheese may be written as -ds -p cheese or even -dsp cheese.')).toBe('Short flags combine.');
    expect(speakable('High performance 🚀. Delightful API 😄.')).toBe('High performance. Delightful API.');
    expect(speakable('Separated by a comma or a vertical bar (|).')).toBe('Separated by a comma or a vertical bar.');
  });

  it('is stable: a second pass changes nothing', () => {
    const once = speakable('See https://example.com/a. Call .opts() on program.opts().templateEngine with --port=80 (e.g. 8080).');
    expect(speakable(once)).toBe(once);
  });
});

describe('speakable in other languages', () => {
  it('adds no English phrase to narration in another language', () => {
    expect(speakable('Voir https://example.org/docs/guide pour les détails.', 'fr')).toBe('Voir example.org pour les détails.');
    expect(speakable('Écrivez à contact@example.org.', 'fr')).toBe('Écrivez à example.org.');
    expect(speakable('Docs: https://example.org/a', 'fr')).toBe('');
  });
});

describe('speakable in Chinese and Arabic (review item 10, /tmp/review/fuzz/cjk.md and rtl.md)', () => {
  it('ends Chinese sentences with 。 and never doubles it', () => {
    expect(speakable('使用包管理器安装。然后运行命令', 'zh')).toBe('使用包管理器安装。然后运行命令。');
    expect(speakable('使用包管理器安装。.然后运行命令。.', 'zh')).toBe('使用包管理器安装。然后运行命令。');
  });

  it('writes no English phrase into a Chinese sentence even when called as English', () => {
    const out = speakable('使用包管理器安装。然后运行命令。请访问 https://example.com 获取帮助。');
    expect(out).not.toMatch(/link|description/i);
    expect(out).toContain('请访问 example.com 获取帮助。');
    expect(speakable('请发邮件到 help@example.com。')).toBe('请发邮件到 example.com。');
  });
});

describe('code the review heard read aloud (commander and ioredis READMEs)', () => {
  it('says calls with literal arguments by name, a shebang as a shebang line, flags and alternatives as words', () => {
    expect(speakable('You can enable it with .helpCommand(true) and disable it with .helpCommand(false).')).toBe('You can enable it with help command and disable it with help command.');
    expect(speakable('Use #! /usr/bin/env node --harmony in the script.')).toBe('Use a shebang line in the script.');
    expect(speakable('For example blpop("key", 5) waits five seconds.')).toBe('For example blpop waits five seconds.');
    expect(speakable('The flag is boolean|value.')).toBe('The flag is boolean or value.');
    expect(speakable('Set enableAutoPipelining=true to batch commands.')).not.toMatch(/=/);
  });
});
