/*
 * Console: partition output collected per line and printed whole with a
 * "[name] " prefix; hypervisor lines prefixed "[phase3] ". One lock keeps
 * lines from different harts apart. Lines end in "\r\n" for serial terminals.
 */
#include <stdarg.h>
#include <p3_config.h>
#include <libc/format.h>
#include "console.h"
#include "lock.h"
#include "partition.h"
#include "platform.h"
#include "sched.h"

static spinlock_t console_lock;

static void put_text(const char *text, size_t len)
{
    while (len--)
        platform_console_putc(*text++);
}

static void put_sink(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    put_text(text, len);
}

static void put_string(const char *s)
{
    while (*s)
        platform_console_putc(*s++);
}

/* Input waiting for the owner: a ring, filled by the receive interrupt. */
#define INPUT_SIZE 256
static struct {
    spinlock_t lock;
    unsigned head, tail;
    char bytes[INPUT_SIZE];
    /* The owner has read input since its last complete line: what it holds
     * now is an echo of typing, not a prompt, so it waits for the newline.
     * (Showing it on every idle poll split "sbi" into "s" and "bi" lines
     * whenever the keys arrived apart.) */
    int typing;
} input;

void console_init(void)
{
    platform_console_init();
#if P3_CONSOLE_OWNER >= 0
    platform_console_enable_rx_irq();
#endif
}

void console_input_service(void)
{
    int c;

    spin_lock(&input.lock);
    while ((c = platform_console_getc()) >= 0)
        if (input.head - input.tail < INPUT_SIZE)   /* a full buffer drops input */
            input.bytes[input.head++ % INPUT_SIZE] = (char)c;
    spin_unlock(&input.lock);
#if P3_CONSOLE_OWNER >= 0
    sched_wake_partition(&partitions[P3_CONSOLE_OWNER]);
#endif
}

int console_input_waiting(void)
{
    return __atomic_load_n(&input.head, __ATOMIC_ACQUIRE) != __atomic_load_n(&input.tail, __ATOMIC_ACQUIRE);
}

size_t console_input_read(char *buf, size_t cap)
{
    size_t n = 0;

    spin_lock(&input.lock);
    while (n < cap && input.tail != input.head)
        buf[n++] = input.bytes[input.tail++ % INPUT_SIZE];
    if (n)
        __atomic_store_n(&input.typing, 1, __ATOMIC_RELAXED);
    spin_unlock(&input.lock);
    return n;
}

/* With console_lock held: it also keeps two vCPUs of one partition, on two
 * harts, from racing on the partition's line (and writing past its end). */
static void print_partition_line(struct partition *p)
{
    platform_console_putc('[');
    put_string(p->config->name);
    put_string("] ");
    put_text(p->line.buf, p->line.len);
    put_string("\r\n");
    p->line.len = 0;
    if ((int)p->config->id == P3_CONSOLE_OWNER)
        __atomic_store_n(&input.typing, 0, __ATOMIC_RELAXED);
}

void console_partition_write(struct partition *p, const char *buf, size_t len)
{
    spin_lock(&console_lock);
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '\n') {
            print_partition_line(p);
        } else if (c != '\r') {
            p->line.buf[p->line.len++] = c;
            if (p->line.len == CONSOLE_LINE_MAX)
                print_partition_line(p);
        }
    }
    spin_unlock(&console_lock);
}

void console_partition_flush(struct partition *p)
{
    spin_lock(&console_lock);
    if (p->line.len && !__atomic_load_n(&input.typing, __ATOMIC_RELAXED))
        print_partition_line(p);
    spin_unlock(&console_lock);
}

static void vlog_line(const char *fmt, va_list ap)
{
    put_string("[phase3] ");
    format_v(put_sink, 0, fmt, ap);
    put_string("\r\n");
}

void log_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    spin_lock(&console_lock);
    vlog_line(fmt, ap);
    spin_unlock(&console_lock);
    va_end(ap);
}

void log_emergency(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    put_string("\r\n");   /* a line this hart may have left unfinished */
    vlog_line(fmt, ap);
    va_end(ap);
}

void log_block_begin(void)
{
    spin_lock(&console_lock);
}

void log_block_line(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vlog_line(fmt, ap);
    va_end(ap);
}

void log_block_end(void)
{
    spin_unlock(&console_lock);
}

#if P3_TRACE
void console_write_record(const char *text, size_t len)
{
    spin_lock(&console_lock);
    put_text(text, len);
    spin_unlock(&console_lock);
}
#endif
