import { stringify } from 'yaml';
import type { VideoSpec } from './video.ts';

/** The JSON Schema's id (src/spec/json-schema.ts), for editors' autocompletion of written specs. */
export const SCHEMA_ID = 'https://videogen.dev/schema/videogen.schema.json';

/**
 * A spec written for a person to review and edit (`create --spec-only`, `translate`, a multilingual render's
 * per-language spec.yaml): the editor modeline, one comment line per note, then the YAML.
 */
export function specYaml(spec: VideoSpec, notes: readonly string[]): string {
  const comments = notes.flatMap((n) => n.split('\n')).map((line) => `# ${line}\n`).join('');
  return `# yaml-language-server: $schema=${SCHEMA_ID}\n${comments}${stringify(spec, { lineWidth: 0 })}`;
}
