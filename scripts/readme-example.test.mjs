// The README's "Third-party integration" quotes examples/third-party-redeem.ts: the quote must be
// the file (from its first import on), so that what readers copy is what `npm test` type-checks.
// Run by `npm test` (step "scripts"), or alone: node --test scripts/readme-example.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const EXAMPLE = 'examples/third-party-redeem.ts';

test(`the README quotes ${EXAMPLE} as it is`, () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const link = readme.indexOf(`](${EXAMPLE})`);
  assert.notEqual(link, -1, `README.md links to ${EXAMPLE}`);
  const quote = /```ts\n([\s\S]*?)```/.exec(readme.slice(link))?.[1];
  const file = readFileSync(join(root, EXAMPLE), 'utf8');
  assert.equal(quote, file.slice(file.indexOf('import ')));
});
