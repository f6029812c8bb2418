import { dirname, join, relative, resolve } from 'node:path';
import { specYaml } from '../../spec/spec-yaml.ts';
import type { VideogenConfig } from '../../config.ts';
import { loadConfig } from '../../config.ts';
import { safeToShow, type VideoSpec } from '../../spec/index.ts';
import { loadVideoSpec } from '../../sources/spec-file.ts';
import { isLocalPath, mediaRefsOf } from '../../sources/media-paths.ts';
import { translateForLanguages } from '../../pipeline/render-languages.ts';
import { translateDepsFromConfig } from '../../writing/translate/bound.ts';
import { loadGlossary } from '../../writing/translate/glossary.ts';
import type { Glossary } from '../../writing/translate/types.ts';
import { writeFileAtomic } from '../../util/files.ts';
import { parseLanguageList } from '../multilingual.ts';
import type { TranslateFlags, WrittenTranslation } from './translate.ts';

function reviewYaml(spec: VideoSpec, from: string, translatedBy: string): string {
  const by = translatedBy === 'source' ? 'the source language, unchanged' : `translated from ${from} by ${translatedBy}`;
  return specYaml(spec, [`${spec.language}: ${by}. Review and edit it, then \`videogen render\` it.`]);
}

/** `<outDir>/<id>.<lang>.yaml` for each language (atomic writes), with what translated it; prints one line each. */
export async function writeTranslatedSpecsNow(
  spec: VideoSpec,
  opts: { languages: readonly string[]; outDir: string; config: VideogenConfig; glossary?: Glossary | undefined; json?: boolean },
): Promise<WrittenTranslation[]> {
  const made = await translateForLanguages(spec, { languages: opts.languages, config: opts.config, translate: translateDepsFromConfig(opts.config), ...(opts.glossary ? { glossary: opts.glossary } : {}) });
  const written: WrittenTranslation[] = [];
  for (const m of made) {
    const file = join(opts.outDir, `${spec.id}.${m.language}.yaml`);
    await writeFileAtomic(file, reviewYaml(m.spec, spec.language, m.translatedBy));
    written.push({ language: m.language, file, translatedBy: m.translatedBy, warnings: m.warnings });
    if (!opts.json) {
      process.stdout.write(`${m.language.padEnd(6)} ${m.translatedBy === 'source' ? 'source (not translated)' : `translated by ${m.translatedBy}`} → ${file}\n`);
      for (const w of m.warnings) process.stderr.write(`warning: ${m.language}: ${safeToShow(w, 400)}\n`);
    }
  }
  return written;
}

/** `videogen translate` (registered in translate.ts). */
export async function runTranslate(file: string, flags: TranslateFlags): Promise<void> {
  const languages = await parseLanguageList(flags.to, '--to');
  const glossary = flags.glossary ? await loadGlossary(resolve(flags.glossary)) : undefined;
  const spec = await loadVideoSpec(file);
  const outDir = resolve(flags.output ?? dirname(resolve(file)));
  const written = await writeTranslatedSpecsNow(spec, { languages, outDir, config: loadConfig(), glossary, json: Boolean(flags.json) });
  // A spec's media paths are relative to its folder and may not leave it: elsewhere they would not be found.
  const movedMedia = relative(dirname(resolve(file)), outDir) !== '' && mediaRefsOf(spec).some((r) => isLocalPath(r.src));
  const note = movedMedia ? `the spec's media paths are relative to ${dirname(resolve(file))}; move the translated specs there to render them` : undefined;
  if (flags.json) process.stdout.write(`${JSON.stringify({ id: spec.id, sourceLanguage: spec.language, written, ...(note ? { note } : {}) }, null, 2)}\n`);
  else if (note) process.stderr.write(`note: ${note}\n`);
}
