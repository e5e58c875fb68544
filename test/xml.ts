/**
 * A tiny XML reader for the tests: enough to prove a generated SVG is
 * well-formed and to find its elements. Throws on anything malformed
 * (unbalanced tags, bad attributes, unknown entities, stray `<` or `&`).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside this element, entities decoded. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes("<")) throw new Error(`stray "<" in text near ${where}`);
  return raw.replace(/&([^;\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) throw new Error(`unterminated entity near ${where}`);
    if (name in ENTITIES) return ENTITIES[name];
    const code = /^#(x[0-9a-fA-F]+|\d+)$/.exec(name);
    if (code) return String.fromCodePoint(code[1][0] === "x" ? parseInt(code[1].slice(1), 16) : Number(code[1]));
    throw new Error(`unknown entity &${name}; near ${where}`);
  });
}

export function parseXml(source: string): XmlElement {
  let at = 0;
  const skipProlog = /^\s*(<\?xml[^?]*\?>)?\s*/.exec(source);
  at = skipProlog ? skipProlog[0].length : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (at < source.length) {
    const lt = source.indexOf("<", at);
    const textEnd = lt === -1 ? source.length : lt;
    const raw = source.slice(at, textEnd);
    if (raw.trim()) {
      if (!stack.length) throw new Error(`text outside the root element near ${at}`);
      stack[stack.length - 1].text += decode(raw, at);
    }
    if (lt === -1) break;
    if (source.startsWith("<!--", lt)) {
      const end = source.indexOf("-->", lt);
      if (end === -1) throw new Error("unterminated comment");
      at = end + 3;
      continue;
    }
    const gt = source.indexOf(">", lt);
    if (gt === -1) throw new Error(`unterminated tag near ${lt}`);
    const tag = source.slice(lt + 1, gt);
    at = gt + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name ?? "nothing"}> near ${lt}`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const m = /^([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*$/.exec(body);
    if (!m) throw new Error(`malformed tag <${tag}> near ${lt}`);
    const attributes: Record<string, string> = {};
    for (const a of m[2].matchAll(/([A-Za-z_][\w:.-]*)="([^"]*)"/g)) {
      if (a[1] in attributes) throw new Error(`attribute ${a[1]} repeated near ${lt}`);
      attributes[a[1]] = decode(a[2], lt);
    }
    const element: XmlElement = { name: m[1], attributes, children: [], text: "" };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else if (root) throw new Error(`a second root element near ${lt}`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

/** Every element below (and including) this one, depth first. */
export function allElements(e: XmlElement): XmlElement[] {
  return [e, ...e.children.flatMap(allElements)];
}

/** All text inside an element, its descendants' included. */
export function textOf(e: XmlElement): string[] {
  return [e.text, ...e.children.flatMap(textOf)].filter(Boolean);
}
