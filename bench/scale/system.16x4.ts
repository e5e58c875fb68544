/** The scaling benchmark with 16 partitions on 4 hart(s) (see scale.ts). */
import { scaleSystem } from "./scale.ts";

export default scaleSystem(16, 4);
