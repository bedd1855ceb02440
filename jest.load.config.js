const base = require('./jest.config');

/**
 * `npm run test:load`: the load, fault and shutdown runs (test/load), one file at a time, each
 * bounded in time and on loopback only. CI runs them after the other suites.
 */
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/load/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 180_000,
};
