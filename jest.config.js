/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  // Each file migrates a database of its own in beforeAll: seconds on a busy 2-core machine, not 5.
  testTimeout: 30_000,
  // Some handle outlives the suites (jest says so after the summary): exit rather than hang CI until
  // its limit. Find it with `npx jest --detectOpenHandles`.
  forceExit: true,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The load, fault and shutdown runs take minutes: `npm run test:load` (jest.load.config.js); the
  // browser tests need Chromium and a build: `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/load/', '<rootDir>/test/browser/'],
  // type-graphql and TypeORM decorators need the metadata polyfill before any module loads.
  // Property tests start from a fixed seed (FC_SEED=random explores).
  setupFiles: ['reflect-metadata', '<rootDir>/test/setup/fast-check-seed.ts'],
  // Starts an embedded PostgreSQL (unless DATABASE_URL is set) outside the test sandbox.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
};
