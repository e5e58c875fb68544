/**
 * `phase3 build --watch`: build, then rebuild whenever one of the user's
 * files behind the build changes, until Ctrl-C.
 *
 * Directories are watched, not files: editors often save by writing a new
 * file and renaming it over the old one, which a watch on the old file would
 * miss. Events are debounced (a save is several events) and a change during a
 * build queues exactly one more build. A failing build keeps watching: fixing
 * the mistake is the next change.
 */
import fs from "node:fs";
import path from "node:path";
import { generatedOf, type BuildOptions } from "../../pipeline/index.ts";
import { buildSystem } from "../show-build.ts";
import { paint, shown, step } from "../output.ts";
import { buildInputs } from "./inputs.ts";

export interface WatchOptions extends Omit<BuildOptions, "stage"> {
  /** Quiet time after the last change before rebuilding. */
  debounceMs?: number;
  /** Ends the watch (the CLI ends it on SIGINT and SIGTERM). */
  signal?: AbortSignal;
}

export async function watchBuild(specFile: string, options: WatchOptions = {}): Promise<number> {
  const debounceMs = options.debounceMs ?? 150;
  let inputs = new Set<string>([path.resolve(specFile)]);
  const watchers = new Map<string, fs.FSWatcher>();
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let building: Promise<void> | undefined;
  let again = false;
  let closing = false;

  const rebuild = async () => {
    const outcome = generatedOf(await buildSystem(specFile, options));
    inputs = new Set([...buildInputs(specFile, outcome), ...(outcome.ok ? [] : inputs)]);
    if (closing) return;
    watchDirectories();
    step(`watching ${inputs.size} file${inputs.size === 1 ? "" : "s"} for changes ${paint("(Ctrl-C to stop)", "dim")}`);
  };

  const run = () => {
    if (closing) return;
    if (building) {
      again = true;
      return;
    }
    if (changed.size === 0) return;
    const files = [...changed].map(shown);
    changed.clear();
    step(`${files.join(", ")} changed; rebuilding`);
    building = rebuild().finally(() => {
      building = undefined;
      if (again) {
        again = false;
        run();
      }
    });
  };

  const onEvent = (dir: string, filename: string | Buffer | null) => {
    if (!filename || closing) return;
    const file = path.join(dir, filename.toString());
    if (!inputs.has(file)) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(run, debounceMs);
  };

  function watchDirectories(): void {
    const wanted = new Set([...inputs].map((f) => path.dirname(f)).filter((d) => fs.existsSync(d)));
    for (const [dir, watcher] of watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      if (watchers.has(dir)) continue;
      const watcher = fs.watch(dir, (_event, filename) => onEvent(dir, filename));
      // a watched folder that disappears ends its watcher; the next build watches what exists then
      watcher.on("error", () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    }
  }

  // Listening before the first build: Ctrl-C during it ends the watch cleanly too.
  const stopped = new Promise<void>((resolve) => {
    options.signal?.addEventListener("abort", () => resolve(), { once: true });
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  building = rebuild().finally(() => (building = undefined));
  await stopped;
  closing = true;
  clearTimeout(timer);
  for (const watcher of watchers.values()) watcher.close();
  await building;
  step("stopped watching");
  return 0;
}
