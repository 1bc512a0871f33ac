/** @type {import('jest').Config} */
module.exports = {
  // Tests are transpiled only (each file on its own, fast); `npm test` type-checks everything with tsc first.
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }] },
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  testTimeout: 20000,
  globalSetup: "<rootDir>/__tests__/support/build.js",
};
