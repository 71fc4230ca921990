import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";

// Outside the layers: tests beside the code, Playwright specs, test helpers, scripts and benchmarks. They may reach
// any layer (a test kit drives route handlers; a seed script writes through db).
const OUTSIDE_LAYERS = ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "test/**", "bench/**", "scripts/**"];

// Data flows down, never up: app -> components -> lib -> db (README, "Architecture"). app never reaches db directly,
// components never reach app or db, and db knows nothing of the layers above it.
const layerPolicies = [
  { from: "app", to: ["app", "components", "lib"] },
  { from: "components", to: ["components", "lib"] },
  { from: "lib", to: ["lib", "db"] },
  { from: "db", to: ["db"] },
].map(({ from, to }) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: to } } } } }));

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      ".bin/**",
      "db/migrations/**",
      "bench/results/**",
      "bench/.data/**",
      "test-results/**",
      "playwright-report/**",
      "coverage/**",
      ".ci/reports/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // A leading underscore marks a value dropped on purpose (`const { passwordHash: _hash, ...user } = row`).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Test helpers named `useTestDb()` and Playwright's `use()` are not React hooks; a test reads a response's JSON
    // as `any` on purpose.
    files: OUTSIDE_LAYERS,
    rules: { "react-hooks/rules-of-hooks": "off", "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["app/**", "components/**", "lib/**", "db/**"],
    ignores: OUTSIDE_LAYERS,
    plugins: { boundaries },
    settings: {
      "boundaries/elements": [
        { type: "app", pattern: "app/**", partialMatch: false },
        { type: "components", pattern: "components/**", partialMatch: false },
        { type: "lib", pattern: "lib/**", partialMatch: false },
        { type: "db", pattern: "db/**", partialMatch: false },
        // Not a layer: named so that a layer importing a test helper, a script or a benchmark is reported.
        { type: "outside", pattern: ["test/**", "e2e/**", "scripts/**", "bench/**"], partialMatch: false },
      ],
      "import/resolver": { typescript: { alwaysTryTypes: true } },
    },
    rules: {
      "boundaries/dependencies": ["error", { default: "disallow", policies: layerPolicies }],
    },
  },
];

export default config;
