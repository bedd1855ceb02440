/**
 * The import rules `npm run check` enforces (dependency-cruiser): no cycles, and `src/common` is the
 * bottom layer — it imports nothing from a capability folder, the HTTP edge or the database layer,
 * only other common modules and the configuration's types.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle makes module order matter and hides which layer owns what.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'common-is-the-bottom-layer',
      comment: 'src/common may import only src/common and src/config.ts (move the code up, or pass it in).',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/', pathNot: ['^src/common/', '^src/config\\.ts$'] },
    },
    {
      name: 'src-never-imports-tests-or-bench',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
    // Type-only imports count: a cycle through types still ties the modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
