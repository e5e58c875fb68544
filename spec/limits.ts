/**
 * Phase3's fixed limits, each with the reason it exists.
 *
 * The validator checks a spec against these; the firmware is sized by the
 * same numbers, so a spec that validates never overflows a firmware table or
 * field. Change a limit here and in the firmware's data layout together.
 */

/**
 * At most 32 wait sources per partition: its channel ends (each channel it
 * sends or receives on) plus the interrupts of the devices granted to it.
 * `p3_wait(mask, deadline)` takes a 32-bit mask with one bit per source.
 */
export const MAX_WAIT_SOURCES = 32;

/**
 * At most 64 KiB per message: a message length is stored in 16 bits in each
 * queue slot's header (65535 bytes, and 65536 is accepted as a full slot).
 */
export const MAX_MESSAGE_SIZE = 64 * 1024;

/**
 * At most 4096 messages in a channel's queue: the head and tail indices are
 * 12-bit fields, which keeps a queue's buffer bounded and reviewable.
 */
export const MAX_CHANNEL_DEPTH = 4096;

/** At most 255 partitions: a partition id is 8 bits, and 255 is kept for "none". */
export const MAX_PARTITIONS = 255;

/**
 * At most 31 characters in a name: names become C identifiers and console
 * prefixes, and the firmware keeps each name in a 32-byte field with its NUL.
 */
export const MAX_NAME_LENGTH = 31;

/** Priorities are 0 to 255 (higher runs first): the scheduler keeps a priority in 8 bits. */
export const MAX_PRIORITY = 255;

/** A restart policy may restart a partition at most 255 times: the count is 8 bits. */
export const MAX_RESTARTS = 255;
