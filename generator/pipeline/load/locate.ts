/**
 * Maps a path inside the spec object (["partitions", "ping", "memory"]) back
 * to the source node that wrote it, so that a diagnostic points at the user's
 * own line and column.
 *
 * The walk starts at the default export, follows `defineSystem({...})`,
 * object literals, arrays, builder calls such as `boards.qemuVirt({...})` and
 * identifiers bound to `const` initialisers in the same file. Where the path
 * leaves what can be followed statically (a computed key, a value built by a
 * function), it stops at the deepest node it reached: still the right line.
 */
import { Node, SyntaxKind, type SourceFile } from "ts-morph";
import type { SpecPath } from "../../../spec/index.ts";

export interface Span {
  line: number;
  column: number;
  length: number;
}

/** Unwraps `x as T`, `x satisfies T`, `(x)` and `x!`. */
function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (Node.isAsExpression(current) || Node.isSatisfiesExpression(current) || Node.isParenthesizedExpression(current) || Node.isNonNullExpression(current)) {
      current = current.getExpression();
    } else {
      return current;
    }
  }
}

/** Follows an identifier to the initializer of the `const` it names, and a builder call to its object argument. */
function resolveValue(node: Node, depth = 0): Node {
  const value = unwrap(node);
  if (depth > 8) return value;
  if (Node.isIdentifier(value)) {
    const declaration = value.getSymbol()?.getDeclarations()[0];
    if (declaration && Node.isVariableDeclaration(declaration) && declaration.getSourceFile() === value.getSourceFile()) {
      const init = declaration.getInitializer();
      if (init) return resolveValue(init, depth + 1);
    }
    return value;
  }
  if (Node.isCallExpression(value)) {
    const objectArg = value.getArguments().find((a) => Node.isObjectLiteralExpression(unwrap(a)));
    if (objectArg) return unwrap(objectArg);
  }
  return value;
}

function propertyName(node: Node): string | undefined {
  if (Node.isPropertyAssignment(node) || Node.isShorthandPropertyAssignment(node) || Node.isMethodDeclaration(node)) {
    const nameNode = node.getNameNode();
    if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode)) return nameNode.getLiteralValue();
    if (Node.isNumericLiteral(nameNode)) return String(nameNode.getLiteralValue());
    return nameNode.getText();
  }
  return undefined;
}

/** The object literal a system's default export describes. */
function rootObject(file: SourceFile): Node | undefined {
  const assignment = file.getFirstDescendantByKind(SyntaxKind.ExportAssignment);
  if (assignment) return resolveValue(assignment.getExpression());
  const exported = file.getDefaultExportSymbol()?.getDeclarations()[0];
  return exported ? resolveValue(exported) : undefined;
}

/** The node a spec path leads to: the value, or for a record entry whose value is an object, its name. */
export function locatePath(file: SourceFile, specPath: SpecPath): Node | undefined {
  let current = rootObject(file);
  if (!current) return undefined;
  let lastProperty: Node | undefined;
  for (const key of specPath) {
    const value = resolveValue(current);
    let next: Node | undefined;
    if (Node.isObjectLiteralExpression(value)) {
      next = value.getProperties().find((p) => propertyName(p) === String(key));
    } else if (Node.isArrayLiteralExpression(value) && typeof key === "number") {
      next = value.getElements()[key];
    }
    if (!next) break;
    lastProperty = next;
    current = Node.isPropertyAssignment(next) ? (next.getInitializer() ?? next) : next;
  }
  if (lastProperty && (Node.isPropertyAssignment(lastProperty) || Node.isShorthandPropertyAssignment(lastProperty))) {
    const value = Node.isPropertyAssignment(lastProperty) ? lastProperty.getInitializer() : undefined;
    // An entry whose value is written out as an object or list is named by its key.
    const written = value && unwrap(value);
    const isRecordEntry = !written || Node.isObjectLiteralExpression(written) || Node.isArrayLiteralExpression(written);
    return isRecordEntry ? lastProperty.getNameNode() : value;
  }
  return lastProperty ?? current;
}

export function spanOf(node: Node): Span {
  const file = node.getSourceFile();
  const start = node.getStart();
  const { line, column } = file.getLineAndColumnAtPos(start);
  const text = node.getText();
  const firstLine = text.split("\n")[0];
  return { line, column, length: Math.max(1, firstLine.length) };
}
