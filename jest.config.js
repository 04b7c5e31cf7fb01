// Three tiers (STYLE.md): unit tests beside the code, MariaDB-backed integration tests per
// subgraph, and end-to-end tests through the real gateway. `npm test` runs them all, in band:
// the machine has two cores and the integration tiers share one MariaDB.
const transform = { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] };
const base = { testEnvironment: "node", transform, setupFiles: ["reflect-metadata"] };

module.exports = {
  // A global option: jest ignores it inside projects. Generous, because the suites start servers
  // and databases on a two-core machine shared with other work.
  testTimeout: 60000,
  projects: [
    { ...base, displayName: "unit", testMatch: ["<rootDir>/**/*.test.ts"], testPathIgnorePatterns: ["/node_modules/", "\\.int\\.test\\.ts$", "\\.e2e\\.test\\.ts$"] },
    { ...base, displayName: "integration", testMatch: ["<rootDir>/**/*.int.test.ts"] },
    { ...base, displayName: "e2e", testMatch: ["<rootDir>/test/**/*.e2e.test.ts"] },
  ],
};
