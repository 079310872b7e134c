import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { ARTICLE_EXTENSIONS } from './read-article.js';

export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** The KB folder it was found under (absolute). */
  root: string;
  /** Path relative to root, with forward slashes. */
  source: string;
}

export interface WalkProblem {
  path: string;
  reason: string;
}

/**
 * Lists the article files under each KB folder, in a stable order. Follows symbolic links that
 * stay inside the KB folders (their real paths), and skips, with a problem reported, every link
 * that leads out of them: `ln -s /etc/passwd kb/passwd.md` or a link to a folder elsewhere must
 * not put that file into the index (and from there into Slack). Visits each real folder once, so
 * a link loop ends the walk of that branch (reported) instead of hanging. Skips hidden entries,
 * `node_modules`, and README files (about the KB, not in it).
 */
export function walkKb(roots: readonly string[]): { files: FoundFile[]; problems: WalkProblem[] } {
  const files: FoundFile[] = [];
  const problems: WalkProblem[] = [];
  const seenFiles = new Set<string>();
  const realRoots = roots.flatMap((r) => {
    try {
      const real = realpathSync(r);
      return [real.endsWith(sep) ? real : real + sep];
    } catch {
      return [];
    }
  });
  const insideKb = (real: string) => realRoots.some((root) => real === root.slice(0, -1) || real.startsWith(root));
  const outside = (path: string, real: string) => problems.push({ path, reason: `symbolic link to ${real}, outside the KB folders; skipped (KB files are read only from inside the KB folders)` });
  for (const r of roots) {
    const root = resolve(r);
    const visited = new Set<string>();
    const rootPrefix = root.endsWith(sep) ? root : root + sep;
    /** `dir` is `root`, or a folder under it whose path relative to root (forward slashes) is `relDir`, ending in `/`. */
    const walk = (dir: string, relDir: string): void => {
      let real: string;
      try {
        real = realpathSync(dir);
      } catch (err) {
        problems.push({ path: dir, reason: `cannot resolve (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
        return;
      }
      if (!insideKb(real)) {
        outside(dir, real);
        return;
      }
      if (visited.has(real)) {
        if (dir !== root) problems.push({ path: dir, reason: 'symbolic link loop (folder already visited); skipped' });
        return;
      }
      visited.add(real);
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (err) {
        problems.push({ path: dir, reason: `cannot list folder (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
        return;
      }
      const dirPrefix = dir === root ? rootPrefix : dir + sep;
      for (const entry of entries) {
        const name = entry.name;
        if (name.startsWith('.') || name === 'node_modules' || /^readme\.(md|txt)$/i.test(name)) continue;
        // A string cut, not path.join: the folder is already a resolved path, and a name has no separator.
        const path = dirPrefix + name;
        const rel = relDir + (name.includes('\\') ? name.split('\\').join('/') : name);
        // The entry's own type needs no system call; only a link is followed with stat.
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (!isDirectory && !isFile) {
          try {
            const st = statSync(path);
            isDirectory = st.isDirectory();
            isFile = st.isFile();
            // A linked folder is checked where it is walked; a linked file here.
            if (isFile && entry.isSymbolicLink()) {
              const real = realpathSync(path);
              if (!insideKb(real)) {
                outside(path, real);
                continue;
              }
            }
          } catch (err) {
            problems.push({ path, reason: `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'}; a broken link?)` });
            continue;
          }
        }
        if (isDirectory) walk(path, `${rel}/`);
        else if (isFile && ARTICLE_EXTENSIONS.has(extname(name).toLowerCase()) && !seenFiles.has(path)) {
          seenFiles.add(path);
          files.push({ path, root, source: rel });
        }
      }
    };
    try {
      if (!statSync(root).isDirectory()) {
        problems.push({ path: root, reason: 'not a folder; pass the KB folder with --kb DIR' });
        continue;
      }
    } catch {
      problems.push({ path: root, reason: 'no such folder; pass the KB folder with --kb DIR' });
      continue;
    }
    walk(root, '');
  }
  return { files, problems };
}
