/**
 * The README is for users and `docs/` for maintainers; they link to each other. A moved or renamed section must not
 * leave a link behind that leads nowhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brokenLinks, githubSlug, headingAnchors, type MarkdownFiles } from '../../helpers/markdown-links.js';

const repository: MarkdownFiles = {
  exists: (filePath) => existsSync(filePath),
  readText: (filePath) => readFileSync(filePath, 'utf8'),
};

/** The README and every page of `docs/`. */
const documentationFiles = [
  'README.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

/** An in-memory repository for the checker's own specs. */
function filesOf(contents: Record<string, string>): MarkdownFiles {
  return {
    exists: (filePath) => filePath in contents,
    readText: (filePath) => contents[filePath] ?? '',
  };
}

describe('links in the README and docs/', () => {
  it.each(documentationFiles)('resolves every relative link and anchor in %s', (file) => {
    // Act
    const broken = brokenLinks(file, repository);

    // Assess
    expect(broken).toEqual([]);
  });

  it('has an index entry in docs/README.md for every page of docs/', () => {
    // Prepare
    const index = readFileSync('docs/README.md', 'utf8');

    // Act
    const unlisted = documentationFiles
      .filter((file) => file.startsWith('docs/') && file !== 'docs/README.md')
      .filter((file) => !index.includes(`](${file.slice('docs/'.length)})`));

    // Assess
    expect(unlisted).toEqual([]);
  });
});

describe('the README opening', () => {
  it('starts with the two commands that run the product and its tests', () => {
    // Prepare
    const firstLines = readFileSync('README.md', 'utf8').split('\n').slice(0, 15);

    // Act
    const commands = firstLines.filter((line) => line.startsWith('npm ci && '));

    // Assess
    expect(commands.map((line) => line.split('#')[0]?.trim())).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });
});

describe('the link checker', () => {
  it('reports a link to a file that does not exist, with its line', () => {
    // Prepare
    const files = filesOf({ 'README.md': '# Title\n\nSee [the guide](docs/guide.md).\n' });

    // Act
    const broken = brokenLinks('README.md', files);

    // Assess
    expect(broken).toEqual(['README.md:3 → docs/guide.md (no such file)']);
  });

  it('reports an anchor that is no heading of the linked page, resolving the path from the linking file', () => {
    // Prepare
    const files = filesOf({
      'README.md': '# Title\n',
      'docs/guide.md': 'Back to [the deploy steps](../README.md#deploy) and [the title](../README.md#title).\n',
    });

    // Act
    const broken = brokenLinks('docs/guide.md', files);

    // Assess
    expect(broken).toEqual(['docs/guide.md:1 → ../README.md#deploy (no heading with that anchor in README.md)']);
  });

  it('ignores web links and links shown as code', () => {
    // Prepare
    const files = filesOf({
      'README.md': '[Webex](https://developer.webex.com/x) `[not a link](nowhere.md)`\n```\n[nor this](gone.md)\n```\n',
    });

    // Act
    const broken = brokenLinks('README.md', files);

    // Assess
    expect(broken).toEqual([]);
  });

  it.each([
    ['## Deploy', 'deploy'],
    ['### 2. Deploy — first as a dry run', '2-deploy--first-as-a-dry-run'],
    ['## Webex client (`lambda/webex/`)', 'webex-client-lambdawebex'],
    ['### Poke at it: `npm start -- --serve`', 'poke-at-it-npm-start------serve'],
  ])('gives the heading "%s" the anchor GitHub gives it, %s', (heading, anchor) => {
    // Act
    const slug = githubSlug(heading.replace(/^#+\s+/, ''));

    // Assess
    expect(slug).toBe(anchor);
  });

  it('numbers repeated headings as GitHub does', () => {
    // Act
    const anchors = headingAnchors('## Tests\n\n## Tests\n');

    // Assess
    expect([...anchors]).toEqual(['tests', 'tests-1']);
  });
});
