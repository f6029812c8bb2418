/**
 * Where to go after signing in: the `next` query parameter when it is a path on this site, "/" otherwise. Only a
 * path starting with one "/" is accepted — "//evil.example" and "/\evil.example" are other origins to a browser, and
 * an absolute URL would turn the sign-in page into an open redirect.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // Control characters (a newline, a tab) are stripped by URL parsers and could rebuild "//".
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/';
  if (next === '/signin' || next.startsWith('/signin?') || next === '/welcome') return '/';
  return next;
}
