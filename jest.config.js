/** Unit tests live beside the code; integration and browser tests in tests/ (real Postgres, Redis, Chromium). */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: [
    '<rootDir>/{server,workers,shared,scripts}/src/**/*.test.ts',
    '<rootDir>/scripts/demo/*.test.ts',
    '<rootDir>/tests/**/*.test.ts',
  ],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  setupFiles: ['<rootDir>/tests/support/env-setup.ts'],
  setupFilesAfterEnv: ['<rootDir>/tests/support/leftover-work.ts'],
  testTimeout: 30000,
};
