// ESLint for the web app: TypeScript, the React hooks rules, and the boundaries between features.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import importPlugin from "eslint-plugin-import";
import { featureBoundaryZones } from "./featureBoundaries.js";

export default tseslint.config(
  { ignores: ["dist", "node_modules", "coverage", "src/shared/api/generated"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks, import: importPlugin },
    settings: { "import/resolver": { node: { extensions: [".ts", ".tsx", ".js"] } } },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // Features talk through shared/ or through the dependencies declared in featureBoundaries.js;
      // shared/ never reaches into a feature.
      "import/no-restricted-paths": ["error", { zones: featureBoundaryZones() }],
      "import/no-cycle": ["error", { maxDepth: 10, ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.test.{ts,tsx}", "src/test/**"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ["*.config.{js,ts}", "featureBoundaries.js"],
    languageOptions: { globals: { ...globals.node } },
  },
);
