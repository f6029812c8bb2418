import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { VideogenError } from '../errors.ts';
import { safeToShow } from '../spec/index.ts';

/**
 * Where a path named inside a spec may point (a set's `videos[].file`, a template instance's `template`, a video_gen
 * set's `videos[].file`, and any later media path). Every such path goes through `confinePath`:
 *
 * - `folder`: the CLI. The path is relative, has no `..` segment, and — after following symbolic links — stays inside
 *   the folder of the file that names it (`root`) or below.
 * - `none`: uploads and API bodies. An upload is stored alone under its id, so it may name no file at all; templates
 *   can still be used by built-in name.
 *
 * A refused path gets SOURCE_FORBIDDEN with the same message whether or not it exists: `none` never touches the disk,
 * and `folder` decides from the path's text and from the real location of the nearest existing parent, so what
 * lies outside the folder is never revealed.
 */
export type FileScope = { kind: 'folder'; root: string } | { kind: 'none' };

export const NO_FILES: FileScope = { kind: 'none' };

/** The scope for paths named inside `file`: its own folder on the CLI; still none for uploads. */
export function scopeOf(file: string, parent: FileScope): FileScope {
  return parent.kind === 'none' ? NO_FILES : { kind: 'folder', root: dirname(resolve(file)) };
}

export interface PathUse {
  /** Where the path was found, e.g. `videos[2].file` or `template`. */
  field: string;
  /** What may be named there, for the message: "a set entry", "a template". */
  what: string;
  /** Advice for the `none` scope (uploads), e.g. "put the video inline". */
  instead: string;
}

function forbidden(scope: FileScope, ref: string, use: PathUse): VideogenError {
  const shown = safeToShow(ref, 120);
  const message =
    scope.kind === 'none'
      ? `${use.field}: "${shown}" is refused: an uploaded or API document cannot name files; ${use.instead}`
      : `${use.field}: "${shown}" is refused: ${use.what} must be a relative path inside the folder of the file that names it (no absolute paths, no "..", no links that lead out)`;
  return new VideogenError('SOURCE_FORBIDDEN', message, { field: use.field });
}

const isInside = (root: string, target: string) => {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

/** True when the path's text could point anywhere but below the folder (checked before any disk access). */
function escapesByText(ref: string): boolean {
  if (!ref || ref.includes('\0')) return true;
  if (isAbsolute(ref) || /^[A-Za-z]:/.test(ref) || ref.startsWith('\\') || ref.startsWith('~')) return true;
  return ref.split(/[\\/]+/).some((segment) => segment === '..');
}

/**
 * Where `target` really is: the realpath of the path, or (when it does not exist) of its nearest existing parent.
 * A dangling symbolic link is treated as outside, since where it would lead is unknown.
 */
async function stayInside(realRoot: string, target: string): Promise<boolean> {
  let probe = target;
  for (;;) {
    try {
      return isInside(realRoot, await realpath(probe));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return false;
      const isLink = await lstat(probe).then((s) => s.isSymbolicLink(), () => false);
      if (isLink) return false;
      const parent = dirname(probe);
      if (parent === probe) return false;
      probe = parent;
    }
  }
}

/** The absolute path `ref` names, or SOURCE_FORBIDDEN when the scope does not allow it. */
export async function confinePath(scope: FileScope, ref: string, use: PathUse): Promise<string> {
  if (scope.kind === 'none' || escapesByText(ref)) throw forbidden(scope, ref, use);
  const target = resolve(scope.root, ref);
  const realRoot = await realpath(scope.root).catch(() => resolve(scope.root));
  if (!isInside(resolve(scope.root), target) || !(await stayInside(realRoot, target))) throw forbidden(scope, ref, use);
  return target;
}
