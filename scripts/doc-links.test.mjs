// Every link and image of the project's Markdown files that points inside the repository names a
// file or folder that git tracks (README « Prise en main » screenshots included), and every
// in-page anchor names a heading of its file. Outside links (http, mailto) are not fetched.
// Run by `npm test` (step "scripts"), or alone: node --test scripts/doc-links.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Tracked files, and the folders that hold them, relative to the root. */
function trackedPaths() {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const paths = new Set(files);
  for (const file of files) {
    for (let dir = dirname(file); dir !== '.'; dir = dirname(dir)) paths.add(dir);
  }
  return { files, paths };
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function anchorOf(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** The links of a Markdown text outside its code blocks: `[text](target)` and `![alt](target)`. */
export function linksOf(markdown) {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);
}

test('anchors and links are read as GitHub reads them', () => {
  assert.equal(anchorOf('Prise en main'), 'prise-en-main');
  assert.equal(anchorOf('Public page « Où utiliser ? »'), 'public-page--où-utiliser--');
  assert.deepEqual(
    linksOf('See [`a`](docs/a.png) and ![b](b.png "t"), [c](https://c.fr)\n```\n[d](d)\n```'),
    ['docs/a.png', 'b.png', 'https://c.fr'],
  );
});

test('every link of the Markdown files inside the repository reaches something tracked', () => {
  const { files, paths } = trackedPaths();
  const broken = [];
  for (const file of files.filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(root, file), 'utf8');
    const anchors = new Set(
      [...text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
        anchorOf(m[1]),
      ),
    );
    for (const target of linksOf(text)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path, anchor] = target.split('#');
      if (path === '') {
        if (!anchors.has(decodeURIComponent(anchor))) broken.push(`${file}: #${anchor}`);
        continue;
      }
      const resolved = normalize(join(dirname(file), decodeURIComponent(path))).replace(/\/$/, '');
      if (!paths.has(resolved)) broken.push(`${file}: ${target}`);
    }
  }
  assert.deepEqual(broken, [], 'links to files that are not in the repository');
});
