// Tests by layer, each a Jest project:
// - unit: pure functions, no network;
// - integration: in process, over real HTTP to the stand-ins (and plain servers) on 127.0.0.1, from src/, no build;
// - e2e: against dist/ (built once first): the command line, the packed package, browsers, other runtimes,
//   other clients, the demo;
// - meta: the spec, the generator and the README.
// Workers: most tests wait on sockets and timers, not the CPU, so twice as many workers as cores keep both busy.
const { availableParallelism } = require("node:os");

const transform = { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }] };
const project = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: "node",
  transform,
  roots: [`<rootDir>/__tests__/${name}`],
  testMatch: ["**/*.test.ts"],
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 20000,
  maxWorkers: Math.max(2, availableParallelism() * 2),
  projects: [
    project("unit"),
    project("integration"),
    project("e2e", { globalSetup: "<rootDir>/__tests__/support/build.js" }),
    project("meta"),
  ],
};
