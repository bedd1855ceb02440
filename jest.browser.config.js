const base = require('./jest.config');

/**
 * `npm run test:browser`: the viewer and the explorer in Debian's Chromium (playwright-core,
 * /usr/bin/chromium), against a live server with the demo data. Skips, saying so, where Chromium
 * is not installed; `.ci/run` installs it. Screenshots go to artifacts/screenshots.
 */
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  maxWorkers: 1,
  testTimeout: 120_000,
};
