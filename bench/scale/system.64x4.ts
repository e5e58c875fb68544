/** The scaling benchmark with 64 partitions on 4 hart(s) (see scale.ts). */
import { scaleSystem } from "./scale.ts";

export default scaleSystem(64, 4);
