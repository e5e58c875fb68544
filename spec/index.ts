/**
 * Phase3's DSL: what a spec file imports.
 *
 *   import { defineSystem, boards } from "phase3";
 */
export { defineSystem, isSystem } from "./system.ts";
export { partition, size, time } from "./helpers.ts";
export type { System, SystemSpec, PartitionSpec } from "./system.ts";
export { boards } from "./boards/index.ts";
export type * from "./boards/index.ts";
export { parseSize, parseTime, formatSize, formatTime } from "./units.ts";
export type { Size, Time } from "./units.ts";
export { validate, rules, ruleGroups } from "./validate/index.ts";
export type { Diagnostic, SpecPath, ValidationHost } from "./validate/index.ts";
export { planMemory } from "./layout/index.ts";
export type { MemoryPlan, PartitionPlacement, Mapping, Leaf, TablePage } from "./layout/index.ts";
