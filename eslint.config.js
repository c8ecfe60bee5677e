// ESLint flat config: TypeScript, React, the rules of hooks, imports, and the floors of the house
// (ARCHITECTURE.md): an import may only point down, and the domain never speaks HTTP.
import importX from "eslint-plugin-import-x";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const remixOutsideHttp = {
  group: ["@remix-run/*"],
  message: "Services, content, utils and db speak the domain: routes and app/http turn results into HTTP.",
};

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "public/**", "db/migrations/**", ".data/**", "tests/artifacts/**", "app/services/batches/native/build/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      "react/prop-types": "off",
      "react/no-unescaped-entities": "off",
    },
  },
  {
    plugins: { "import-x": importX },
    rules: {
      "import-x/no-duplicates": "error",
      "import-x/no-self-import": "error",
      "import-x/first": "error",
      "import-x/no-mutable-exports": "error",
      "import-x/no-useless-path-segments": "error",
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  // The floors. Each block names what a floor may not import (everything above it).
  {
    files: ["app/services/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            remixOutsideHttp,
            {
              group: ["~/routes/*", "~/components/*", "~/http/*", "**/server", "~/cli/*"],
              message: "Services sit below routes, components, app/http and the CLI.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/content/**/*.ts", "app/utils/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            remixOutsideHttp,
            { group: ["~/services/*", "~/routes/*", "~/components/*", "~/http/*"], message: "content and utils sit below services." },
          ],
        },
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["~/*", "../app/*", "../../app/*"], message: "db/ is the ground floor: it imports nothing from app/." }] },
      ],
    },
  },
  {
    files: ["app/cli.ts", "app/cli/**/*.ts", "db/**/*.ts", "tests/**/*.ts", "app/server.ts", "app/utils/log.server.ts", "app/services/batches/native/*.mjs"],
    rules: { "no-console": "off" },
  },
);
