import { join } from 'node:path';
import { loadConfig } from '../../config.ts';
import { createDefaultRegistry } from '../../voice/default-registry.ts';
import { LANGUAGES } from '../../voice/languages.ts';
import { hasNarrationTemplates } from '../../writing/templates.ts';
import { listVoicesCached, voiceListKey } from '../voice-list-cache.ts';

/** The `voices` command (registered in voices.ts). */
export async function runVoices(opts: { lang?: string; provider?: string; json?: boolean; refresh?: boolean }): Promise<void> {
  const config = loadConfig();
  const registry = createDefaultRegistry(config.voice);
  const dir = join(config.cacheDir, 'voices');
  const settings = (id: string) => (config.voice as Record<string, unknown> | undefined)?.[id];
  // Asked all at once: espeak answers from a subprocess and Edge from the network (or its built-in catalogue when
  // that fails), so the command takes as long as the slowest provider, not their sum. Rows keep the registry's order.
  const providers = registry.list().filter((provider) => !opts.provider || provider.id === opts.provider);
  const listed = await Promise.all(
    providers.map(async (provider) => ({ provider, ...(await listVoicesCached(provider, { dir, key: voiceListKey(provider.id, settings(provider.id), opts.lang, process.env.PATH), language: opts.lang, refresh: Boolean(opts.refresh) })) })),
  );
  const rows = listed.flatMap(({ provider, available, voices }) => voices.map((v) => ({ provider: provider.id, id: v.id, name: v.name, language: v.language, gender: v.gender ?? '', available })));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const width = Math.max(4, ...rows.map((r) => r.id.length));
  process.stdout.write(`${'PROVIDER'.padEnd(11)}${'VOICE'.padEnd(width + 2)}${'LANGUAGE'.padEnd(10)}${'GENDER'.padEnd(8)}NAME\n`);
  for (const r of rows) process.stdout.write(`${(r.provider + (r.available ? '' : '*')).padEnd(11)}${r.id.padEnd(width + 2)}${r.language.padEnd(10)}${r.gender.padEnd(8)}${r.name}\n`);
  process.stdout.write(`\n${rows.length} voices. Named voices for any provider: male, male_warm, female, female_friendly.${rows.some((r) => !r.available) ? '\n* needs an API key or network (OPENAI_API_KEY, ELEVENLABS_API_KEY).' : ''}\n`);
}

/** The `languages` command (registered in voices.ts). */
export async function runLanguages(opts: { pairs?: boolean; json?: boolean }): Promise<void> {
  if (opts.pairs) {
    const [{ translationReport }, { translateDepsFromConfig }] = await Promise.all([import('../../writing/translate/registry.ts'), import('../../writing/translate/bound.ts')]);
    const report = await translationReport(translateDepsFromConfig(loadConfig()));
    if (opts.json) return void process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    for (const p of report) {
      const what = !p.configured ? `not available: ${p.reason ?? 'not configured'}` : p.pairs.includes('*') ? 'any pair of the languages below' : p.pairs.length ? p.pairs.join(' ') : (p.reason ?? 'no pairs');
      process.stdout.write(`${p.id.padEnd(16)}${(p.configured ? '✓' : '✗').padEnd(3)}${p.label}\n${' '.repeat(19)}${what}\n`);
    }
    process.stdout.write(`\nVIDEOGEN_TRANSLATOR picks one provider for every pair; unset (auto) tries DeepL, LibreTranslate, Apertium, then the language model.\n`);
    return;
  }
  const templates = (code: string) => (hasNarrationTemplates(code) ? 'templates' : '');
  if (opts.json) return void process.stdout.write(`${JSON.stringify(LANGUAGES.map((l) => ({ code: l.code, name: l.name, nativeName: l.nativeName, rtl: l.rtl, espeak: l.espeak, narrationTemplates: hasNarrationTemplates(l.code) })), null, 2)}\n`);
  for (const l of LANGUAGES) process.stdout.write(`${l.code.padEnd(8)}${l.name.padEnd(22)}${(l.rtl ? 'RTL' : '').padEnd(5)}${templates(l.code).padEnd(11)}${l.nativeName}\n`);
}
