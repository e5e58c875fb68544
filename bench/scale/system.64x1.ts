/** The scaling benchmark with 64 partitions on 1 hart(s) (see scale.ts). */
import { scaleSystem } from "./scale.ts";

export default scaleSystem(64, 1);
