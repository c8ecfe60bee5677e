// ESLint flat config, kept as a dotfile so the top level stays as the house wants it.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "public/**", "db/migrations/**", ".data/**", "tests/artifacts/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["warn", "error", "info"] }],
    },
  },
  {
    files: ["app/cli.ts", "app/cli/**/*.ts", "db/**/*.ts", "tests/**/*.ts", "app/server.ts", "app/utils/log.server.ts"],
    rules: { "no-console": "off" },
  },
);
