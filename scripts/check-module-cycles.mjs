// `npm test` fails on an import cycle between the API's module folders (auth, cheques, custody…:
// the first folder under apps/api/src), and on a module folder importing a file of the composition
// root (the files directly in apps/api/src: app.module.ts, cli.ts, entities.ts, error-codes.ts…,
// which may import any folder). .dependency-cruiser.cjs only sees cycles between files; a module
// that imports another one both ways cannot be understood, tested or moved alone.
// Run alone: node scripts/check-module-cycles.mjs
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { edgeCount, findCycles, folderGraph, ROOT } from './lib/module-graph.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASE = 'apps/api/src';
const ENTITY = /\.entity\.ts$/;

// The same resolution as the file-level check: tsconfig, type-only imports, the `types` condition.
const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
const tsConfig = extractTSConfig(options.tsConfig.fileName);
process.chdir(root);
const { output } = await cruise([BASE], { ...options, validate: false }, {}, { tsConfig });

const modules = output.modules.filter((module) => module.source.startsWith(`${BASE}/`));
const edges = modules.flatMap((module) =>
  module.dependencies
    .filter((dependency) => !dependency.coreModule && dependency.resolved.startsWith(`${BASE}/`))
    .map((dependency) => ({ from: module.source, to: dependency.resolved })),
);
const { graph, rootImports, folders } = folderGraph(edges, {
  base: BASE,
  files: modules.map((module) => module.source),
  // A TypeORM relation between entities (`() => Carnet`) is resolved lazily and mirrors a
  // foreign key of the database, which may point either way; the modules' code still may not.
  ignore: ({ from, to }) => ENTITY.test(from) && ENTITY.test(to),
});

const short = (file) => file.slice(BASE.length + 1);
let errors = 0;
for (const { from, to } of rootImports) {
  errors += 1;
  console.error(
    `✗ ${short(from)} imports ${short(to)}, a file of the composition root (${ROOT}): ` +
      'move what it needs into a module folder',
  );
}
for (const cycle of findCycles(graph)) {
  errors += 1;
  console.error(`✗ import cycle between module folders: ${[...cycle, cycle[0]].join(' → ')}`);
  cycle.forEach((from, step) => {
    const to = cycle[(step + 1) % cycle.length];
    const [example, ...others] = graph.get(from).get(to);
    const more = others.length > 0 ? ` (and ${others.length} more)` : '';
    console.error(`    ${from} → ${to}: ${short(example.from)} → ${short(example.to)}${more}`);
  });
}
if (errors > 0) {
  console.error(
    `${errors} problem(s) between module folders: move the shared part into the folder both ` +
      'may import (or into the composition root, for a registry of every module)',
  );
  process.exit(1);
}
console.log(
  `module folders: no import cycle (${folders.length} folders, ${edgeCount(graph)} edges between them)`,
);
