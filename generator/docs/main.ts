/** `npm run docs`: regenerate docs/dsl.md from the DSL's JSDoc and the rule catalogue. */
import fs from "node:fs";
import path from "node:path";
import { DSL_DOC, renderDslDocs } from "./dsl.ts";

const text = renderDslDocs();
const current = fs.existsSync(DSL_DOC) ? fs.readFileSync(DSL_DOC, "utf8") : undefined;
if (current === text) {
  console.log(`${path.relative(process.cwd(), DSL_DOC)} is up to date`);
} else {
  fs.mkdirSync(path.dirname(DSL_DOC), { recursive: true });
  fs.writeFileSync(DSL_DOC, text);
  console.log(`wrote ${path.relative(process.cwd(), DSL_DOC)}`);
}
