#!/usr/bin/env node
// The `phase3` command: Phase3 is written in TypeScript and runs through tsx.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
