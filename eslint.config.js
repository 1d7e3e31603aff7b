import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layering (docs/architecture.md): cli → flows → modules → host/inventory/workflow → errors.
const MODULES = ['preflight', 'certs', 'runtime', 'bootstrap', 'cni', 'artifacts', 'addons', 'status', 'reset'];
const noUpward = (patterns, message) => ['error', { patterns: [{ group: patterns, message }] }];

// eslint only reads a default export from its config file: the one exception to named exports.
export default tseslint.config(
  { ignores: ['node_modules/', '.rig/', 'dist/', 'eslint.config.js'] },
  { languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['bin/*.js', 'eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after'] }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: MODULES.map((name) => `src/${name}/**/*.ts`),
    rules: {
      'no-restricted-imports': noUpward(
        ['**/cli/**', '**/flows/**', 'listr2', 'inquirer', 'ssh2', 'commander'],
        'Modules never import the CLI, flows, UI libraries or ssh2: talk to servers through Host.',
      ),
    },
  },
  {
    files: ['src/host/**/*.ts', 'src/inventory/**/*.ts', 'src/workflow/**/*.ts', 'src/errors/**/*.ts'],
    rules: {
      'no-restricted-imports': noUpward(
        ['**/cli/**', '**/flows/**', ...MODULES.map((name) => `**/${name}/**`), 'listr2', 'inquirer', 'commander'],
        'Foundation code must not depend on modules, flows or the CLI.',
      ),
    },
  },
  {
    files: ['src/flows/**/*.ts'],
    rules: {
      'no-restricted-imports': noUpward(['**/cli/**', 'listr2', 'inquirer', 'commander'], 'Flows never import the CLI or UI libraries.'),
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/main.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'Only src/cli/main.ts exits.' }],
    },
  },
);
