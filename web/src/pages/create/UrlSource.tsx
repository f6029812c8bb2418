import { Field } from '../../ui/Field.tsx';

/** A public web page: the server fetches it and keeps the article (Readability), like an HTML document. */
export function UrlSource({ url, onChange }: { url: string; onChange: (url: string) => void }) {
  return (
    <Field label="Web page address" hint="A public article or documentation page; the server reads its main text when you plan the video.">
      <input type="url" inputMode="url" value={url} placeholder="https://example.com/article" onChange={(event) => onChange(event.target.value)} />
    </Field>
  );
}
