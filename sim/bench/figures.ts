/**
 * What a benchmark prints, and the arithmetic that turns it into a figure.
 * Every benchmark, Phase3 system or bare-metal floor, prints one of
 *
 *   bench <name> <value> <unit>                      a figure, whole
 *   bench <name> loop <n> <total> <empty> <unit>     n operations took `total`,
 *                                                    n empty ones took `empty`
 *
 * (bench/common/bench.h). The per-operation figure of a loop is
 * (total - empty) / n, rounded to the nearest whole instruction (halves up).
 */

/** Raw counts of a loop of n operations and of the same loop empty. */
export interface Loop {
  n: number;
  total: number;
  empty: number;
}

/** One line of a benchmark's output, read. */
export interface Reported {
  name: string;
  unit: string;
  value: number;
  /** Present when the benchmark reported raw counts. */
  loop?: Loop;
}

/** A measurement that cannot be right: the harness refuses it rather than print a wrong figure. */
export class MeasurementError extends Error {
  override name = "MeasurementError";
}

const WHOLE = /^bench ([\w.-]+) (-?\d+) (\S.*)$/;
const LOOP = /^bench ([\w.-]+) loop (\d+) (\d+) (\d+) (\S.*)$/;

/** (total - empty) / n to the nearest whole number, halves up, in exact integer arithmetic. */
export function perOperation(loop: Loop, name = "a figure"): number {
  const { n, total, empty } = loop;
  if (total >= 2 ** 63 || empty >= 2 ** 63) {
    throw new MeasurementError(`${name}: a count went below zero (an interval ended before it began): the measurement is broken`);
  }
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(total) || !Number.isSafeInteger(empty)) {
    throw new MeasurementError(`${name}: counts too large to be exact (${total}, ${empty}, ${n})`);
  }
  if (n <= 0) throw new MeasurementError(`${name}: a loop of ${n} operations`);
  if (total < empty) {
    throw new MeasurementError(`${name}: the loop took fewer instructions (${total}) than the empty loop (${empty}): the measurement is broken`);
  }
  const work = BigInt(total - empty);
  const count = BigInt(n);
  return Number((work + count / 2n) / count);
}

/** Reads a "bench ..." line; anything else is not a figure (undefined). */
export function parseReport(text: string): Reported | undefined {
  const loop = LOOP.exec(text);
  if (loop) {
    const counts = { n: Number(loop[2]), total: Number(loop[3]), empty: Number(loop[4]) };
    return { name: loop[1], unit: loop[5].trim(), value: perOperation(counts, loop[1]), loop: counts };
  }
  const whole = WHOLE.exec(text);
  if (whole) return { name: whole[1], unit: whole[3].trim(), value: Number(whole[2]) };
  return undefined;
}
