/** `npm run docs`: regenerate the generated pages, docs/dsl.md (the DSL's JSDoc and rule catalogue) and docs/api.md (the app API). */
import fs from "node:fs";
import path from "node:path";
import { API_DOC, renderApiDocs } from "./api.ts";
import { DSL_DOC, renderDslDocs } from "./dsl.ts";

for (const [file, text] of [
  [DSL_DOC, renderDslDocs()],
  [API_DOC, renderApiDocs()],
] as const) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (current === text) {
    console.log(`${path.relative(process.cwd(), file)} is up to date`);
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
