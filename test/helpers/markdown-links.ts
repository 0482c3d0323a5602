/**
 * Relative links in Markdown and the anchors GitHub gives headings, so a test can prove that every link in the README
 * and `docs/` resolves. Pure: the caller says which files exist and what they hold.
 */
import path from 'node:path';

export interface MarkdownFiles {
  /** True when the path (relative to the repository root) is a file or folder. */
  exists(filePath: string): boolean;
  /** The text of a Markdown file (relative to the repository root). */
  readText(filePath: string): string;
}

const FENCE = /^\s*(```|~~~)/;
const HEADING = /^#{1,6}\s+(.*?)\s*#*\s*$/;
const LINK = /!?\[[^\]]*\]\(([^()\s]+)(?:\s+"[^"]*")?\)/g;
const INLINE_CODE = /`[^`]*`/g;

/** The lines of a Markdown text outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let inFence = false;
  markdown.split('\n').forEach((text, index) => {
    if (FENCE.test(text)) {
      inFence = !inFence;
      return;
    }
    if (!inFence) lines.push({ text, line: index + 1 });
  });
  return lines;
}

/**
 * The anchor GitHub gives a heading: lower case, punctuation dropped (letters, digits, `-`, `_` and spaces stay),
 * each space a `-` (https://github.com/Flet/github-slugger).
 *
 * @example
 * githubSlug('2. Deploy — first as a dry run'); // '2-deploy--first-as-a-dry-run'
 */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor of a Markdown text; a repeated heading gets `-1`, `-2`, … as on GitHub. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const heading = HEADING.exec(text)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Link targets that stay inside the repository (no scheme), outside code, with their line numbers. */
export function relativeLinks(markdown: string): { target: string; line: number }[] {
  return proseLines(markdown).flatMap(({ text, line }) =>
    [...text.replace(INLINE_CODE, '').matchAll(LINK)]
      .map((match) => match[1] ?? '')
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
      .map((target) => ({ target, line })),
  );
}

/**
 * Every relative link of `fromFile` that does not resolve: a missing file, or an anchor that is no heading of the
 * Markdown file it points to. Each as `file:line → target (why)`.
 */
export function brokenLinks(fromFile: string, files: MarkdownFiles): string[] {
  const broken: string[] = [];
  for (const { target, line } of relativeLinks(files.readText(fromFile))) {
    const [pathPart = '', anchor] = target.split('#', 2);
    const linked =
      pathPart === '' ? fromFile : path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), pathPart));
    const where = `${fromFile}:${line} → ${target}`;
    if (!files.exists(linked)) {
      broken.push(`${where} (no such file)`);
    } else if (anchor !== undefined && !headingAnchors(files.readText(linked)).has(anchor)) {
      broken.push(`${where} (no heading with that anchor in ${linked})`);
    }
  }
  return broken;
}
