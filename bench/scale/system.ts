/** The scaling benchmark with 2 partitions on 1 hart (see scale.ts). */
import { scaleSystem } from "./scale.ts";

export default scaleSystem(2, 1);
