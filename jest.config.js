// Jest runs TypeScript as native ES modules (NestJS 12 is ESM-only): ts-jest with useESM, and
// node --experimental-vm-modules (see the "jest" script). The Swagger CLI plugin runs here too, so
// the OpenAPI document built in tests is the one `nest build` produces.
const tsJest = [
  'ts-jest',
  {
    useESM: true,
    tsconfig: '<rootDir>/tsconfig.jest.json',
    diagnostics: false,
    astTransformers: { before: ['<rootDir>/scripts/jest-swagger-plugin.cjs'] },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: {
    '^#src/(.*)\\.js$': '<rootDir>/apps/api/src/$1',
    '^@carnet/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/scripts/jest-preload.mjs'],
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 60_000,
  // Test files always run in worker processes, each replaced once it holds more than this: with
  // one worker (a 2-core machine) Jest would otherwise run every file in its own process, where
  // the ESM module registries of ~100 files add up past the heap limit.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/src/**/*.spec.ts',
        '<rootDir>/apps/api/src/**/*.spec.ts',
        // The admin's pure helpers (parsing, formatting); its screens have browser tests.
        '<rootDir>/apps/admin/src/**/*.spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/apps/api/test/**/*.int-spec.ts',
        '<rootDir>/apps/api/test/**/*.e2e-spec.ts',
      ],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/apps/admin/test/**/*.browser-spec.ts'],
    },
  ],
};
