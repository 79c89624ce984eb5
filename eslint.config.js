// typescript-eslint with type information; CI fails on any error or warning.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      'coverage/**',
      'libs/api-client/src/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['apps/admin/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Request DTOs: an explicit null must be validated, not waved through to a NOT NULL column.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/common/validators.ts', 'apps/api/src/config/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message: 'Use Optional() or OptionalNullable() from #src/common/validators.js.',
            },
            {
              name: '@nestjs/swagger',
              importNames: ['PartialType'],
              message: 'Use UpdateType() from #src/common/validators.js (null is validated).',
            },
          ],
        },
      ],
    },
  },
  {
    // Services hold rules and transactions; queries live in repositories (*.repository.ts).
    files: ['apps/api/src/**/*.service.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name=/^(query|createQueryBuilder)$/]',
          message: 'Queries belong in a repository (*.repository.ts), not in a service.',
        },
        {
          selector:
            'CallExpression[callee.object.callee.property.name="getRepository"][callee.property.name=/^(find|findOne|findBy|findOneBy|findAndCount|count|exists|existsBy|save|insert|update|delete|upsert)/]',
          message: 'Ad-hoc queries belong in a repository (*.repository.ts), not in a service.',
        },
      ],
    },
  },
  {
    // Tests read untyped HTTP bodies (supertest) on purpose: asserting them is the test.
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
