/** Plain ASCII tables for the report: a header row, a rule, rows; columns padded to fit. */

export type Align = "left" | "right";

export interface Column {
  title: string;
  align?: Align;
}

export function table(columns: (string | Column)[], rows: string[][]): string[] {
  const cols = columns.map((c) => (typeof c === "string" ? { title: c, align: "left" as Align } : { align: "left" as Align, ...c }));
  const widths = cols.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? "").length)));
  const cell = (text: string, i: number) => (cols[i].align === "right" ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  return [rule, line(cols.map((c) => c.title)), rule, ...rows.map((r) => line(cols.map((_, i) => r[i] ?? ""))), rule];
}
