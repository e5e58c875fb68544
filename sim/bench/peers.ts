/**
 * The peers' figures, beside Phase3's. These are not measured by this
 * harness: they were measured once, by hand, on the same QEMU 7.2 with
 * -icount (Bao v2.0.0 and Bao main 738e3dc, behind Debian's OpenSBI 1.1),
 * or come from the peer's published results on hardware (seL4, in cycles,
 * for scale). The table marks them so; Phase3's column is this run's.
 */
import type { Results } from "./report.ts";

export interface Peer {
  /** What is compared, for people. */
  label: string;
  /** Phase3's figure: "<run>/<name>", or a footprint/TCB key. */
  ours: { run: string; name: string } | { footprint: "text" | "trusted"; run: string };
  /** The peer's figure and how it was had. */
  peer: string;
}

export const PEERS: Peer[] = [
  { label: "null call (Phase3: `p3_version`; Bao: its cheapest hypercall)", ours: { run: "calls", name: "null_hypercall" }, peer: "Bao: 250" },
  { label: "SBI call from a bare guest: BASE get_spec_version", ours: { run: "sbi", name: "sbi_get_spec_version" }, peer: "Bao: 250" },
  { label: "SBI call from a bare guest: TIME set_timer", ours: { run: "sbi", name: "sbi_set_timer" }, peer: "Bao: 251" },
  {
    label: "64-byte round trip, two harts",
    ours: { run: "messages-2harts", name: "roundtrip_64_copy" },
    peer: "Bao main (AIA, no payload): 1,822; Bao v2.0.0 (PLIC): 112,463",
  },
  { label: "notification to the waiter (Bao: the sender's side alone)", ours: { run: "messages", name: "notify_to_wakeup" }, peer: "Bao: 434 (AIA) to 1,614 (PLIC)" },
  { label: "message call and reply, one hart (seL4 on a SiFive U540, cycles, for scale)", ours: { run: "messages", name: "roundtrip_64_copy" }, peer: "seL4: call 472 + reply 629 cycles" },
  { label: "fault to the restarted partition's first instruction", ours: { run: "restart", name: "fault_to_restart" }, peer: "Bao: no restart (the faulting CPU spins)" },
  { label: "reset to the first partition instruction", ours: { run: "boot", name: "boot" }, peer: "Bao behind OpenSBI: about 12,600,000" },
  { label: "hypervisor text, bytes", ours: { footprint: "text", run: "boot" }, peer: "Bao v2.0.0: 35,182" },
  { label: "hand-written C and assembly linked (TCB), lines", ours: { footprint: "trusted", run: "boot" }, peer: "Bao v2.0.0: 7,078; Bao main: 8,144" },
];

const fmt = (n: number) => n.toLocaleString("en-US");

function ourValue(results: Results, peer: Peer): string {
  const o = peer.ours;
  if ("name" in o) {
    const f = results.figures.find((x) => (x.variant ? `${x.bench}.${x.variant}` : x.bench) === o.run && x.name === o.name);
    return f ? fmt(f.value) : "—";
  }
  const s = results.systems.find((x) => x.run === o.run);
  if (!s) return "—";
  return fmt(o.footprint === "text" ? s.footprint.core.text + s.footprint.generated.text + s.footprint.libgcc.text : s.trusted.code);
}

export function markdownPeers(results: Results): string {
  const out = ["| figure | Phase3 (this run) | peer (outside the harness) |", "|---|---:|---|"];
  for (const p of PEERS) out.push(`| ${p.label} | ${ourValue(results, p)} | ${p.peer} |`);
  return out.join("\n");
}
