// `npm test` fails on an import cycle between files of the API (what `madge --circular` reports;
// madge 8 declares TypeScript 5 as a peer and this repository runs TypeScript 6).
// TypeORM entities that name each other in a relation (`() => Programme` both ways) are the one
// accepted cycle: the relation is resolved lazily, at runtime, by TypeORM.
// scripts/check-module-cycles.mjs reads these options too, to refuse cycles between the module
// folders (auth, cheques, custody…) and imports of the composition root (the files directly in
// apps/api/src) from a module.
const { join } = require('node:path');

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import one another one way only: move the shared part into its own file.',
      from: { pathNot: '[.]entity[.]ts$' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsConfig: { fileName: join(__dirname, 'apps/api/tsconfig.json') },
    tsPreCompilationDeps: true,
    // `#src/*` resolves to the sources (the `types` condition of apps/api/package.json), not dist.
    enhancedResolveOptions: { conditionNames: ['types', 'import', 'default'] },
  },
};
