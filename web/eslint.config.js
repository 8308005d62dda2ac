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
      // The browser's own validation bubbles speak the browser's language, not the app's, and vanish on
      // blur: every form is noValidate and says what is wrong itself (src/shared/ui/Form.tsx does it for
      // the fields' required/min/max/pattern/type/minLength/maxLength/step; src/shared/ui/Form.test.tsx).
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXOpeningElement[name.name='form']:not(:has(JSXAttribute[name.name='noValidate']))",
          message:
            "Use <Form> from shared/ui/Form (the app's own inline messages, in the app's language), or add noValidate and validate yourself: the browser's bubbles are in the browser's language.",
        },
        {
          selector: "JSXOpeningElement[name.name='form'] > JSXAttribute[name.name='noValidate'] > JSXExpressionContainer > Literal[value=false]",
          message: "A form is always noValidate: use <Form> from shared/ui/Form for the app's own messages.",
        },
      ],
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
