import { z } from 'zod';
import { VideoSetSchema, VideoSpecSchema } from './video.ts';
import { SCHEMA_ID } from './spec-yaml.ts';

/**
 * JSON Schema for editors (yaml-language-server) and the API, generated from the zod schema, which stays the single
 * source of truth. Input form: fields with defaults are optional, as a person writes them.
 */
export function videogenJsonSchema(): Record<string, unknown> {
  const spec = z.toJSONSchema(VideoSpecSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  const set = z.toJSONSchema(VideoSetSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  const { $schema, ...specBody } = spec as Record<string, unknown>;
  const { $schema: _ignored, ...setBody } = set as Record<string, unknown>;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: 'videogen spec',
    description: 'A videogen VideoSpec (one video) or VideoSet (several videos sharing defaults).',
    anyOf: [{ $ref: '#/$defs/VideoSpec' }, { $ref: '#/$defs/VideoSet' }],
    $defs: { VideoSpec: specBody, VideoSet: setBody },
  };
}
