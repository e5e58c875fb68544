/*
 * The console, owned by the hypervisor. Partitions write through a hypercall;
 * their output is collected a line at a time and printed whole, prefixed with
 * the partition's name, so lines from different harts never interleave.
 * The hypervisor's own lines are prefixed "[phase3]".
 */
#ifndef CORE_CONSOLE_H
#define CORE_CONSOLE_H

#include <stddef.h>

#define CONSOLE_LINE_MAX 120

struct console_line {
    unsigned len;
    char buf[CONSOLE_LINE_MAX];
};

struct partition;

void console_init(void);
/* Adds partition output; prints each complete (or full) line. */
void console_partition_write(struct partition *p, const char *buf, size_t len);
/* Shows the prompt a partition left without a newline, as it waits for
 * input; an echo of typing waits for its newline instead. */
void console_partition_flush(struct partition *p);
/* A hypervisor line: "[phase3] " + formatted text + newline. */
void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Several hypervisor lines printed as one block (no other output between). */
void log_block_begin(void);
void log_block_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_block_end(void);
/* A hypervisor line printed without the console lock: for a fault of the
 * hypervisor itself, which may come while this hart holds it. */
void log_emergency(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Console input, for the partition the spec names (P3_CONSOLE_OWNER). The
 * receive interrupt drains the UART into a buffer; the owner reads it. */
void console_input_service(void);
int console_input_waiting(void);
/* Copies up to `cap` waiting bytes to `buf`; returns how many. */
size_t console_input_read(char *buf, size_t cap);

/* A trace record (core/trace.c, trace builds only): a whole line, written
 * between other lines. */
void console_write_record(const char *text, size_t len);

#endif /* CORE_CONSOLE_H */
