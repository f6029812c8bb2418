import { parse } from 'yaml';
import type { CreateInput, Upload } from './types.ts';

export type SourceKind = 'document' | 'text' | 'url' | 'youtube' | 'spec' | 'topic';
export type TextFormat = 'markdown' | 'text' | 'rst' | 'html';
export type TopicFormat = 'short' | 'video';

/** What each tab holds; all kept while switching tabs, so nothing typed is lost. */
export interface SourceDrafts {
  upload?: Upload;
  text: string;
  textFormat: TextFormat;
  url: string;
  youtube: string;
  yaml: string;
  topic: string;
  topicFormat: TopicFormat;
}

export const EMPTY_DRAFTS: SourceDrafts = { text: '', textFormat: 'markdown', url: '', youtube: '', yaml: '', topic: '', topicFormat: 'short' };

/** The request body part for the selected tab, or what is still missing (shown next to the Plan button). */
export type SourceInput = { input: CreateInput } | { missing: string };

/** A spec or a set from YAML/JSON text: a document with a `videos` list is a set (as `videogen validate` decides). */
export function specInput(yaml: string): SourceInput {
  let data: unknown;
  try {
    data = parse(yaml);
  } catch (error) {
    return { missing: `The YAML cannot be read: ${(error as Error).message.split('\n')[0]}` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { missing: 'The spec must be a YAML mapping (id, title, scenes…).' };
  const record = data as Record<string, unknown>;
  return { input: Array.isArray(record.videos) ? { set: record } : { spec: record } };
}

export function sourceInput(kind: SourceKind, drafts: SourceDrafts): SourceInput {
  switch (kind) {
    case 'document':
      return drafts.upload ? { input: { source: { uploadId: drafts.upload.id } } } : { missing: 'Choose or drop a document first.' };
    case 'text':
      return drafts.text.trim() ? { input: { source: { text: drafts.text, format: drafts.textFormat } } } : { missing: 'Paste some text first.' };
    case 'url':
      return /^https?:\/\/\S+$/i.test(drafts.url.trim()) ? { input: { source: { url: drafts.url.trim() } } } : { missing: 'Enter a web page address starting with http:// or https://.' };
    case 'youtube':
      return drafts.youtube.trim() ? { input: { source: { youtube: drafts.youtube.trim() } } } : { missing: 'Enter a YouTube link or video id first.' };
    case 'spec':
      return drafts.yaml.trim() ? specInput(drafts.yaml) : { missing: 'Paste a spec or choose a spec file first.' };
    case 'topic':
      return drafts.topic.trim() ? { input: { source: { topic: drafts.topic.trim(), format: drafts.topicFormat } } } : { missing: 'Type a topic first.' };
  }
}
