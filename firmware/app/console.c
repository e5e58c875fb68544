/* Console helpers over p3_write: puts and a printf that writes in chunks. */
#include <libc/format.h>
#include <phase3.h>

int p3_puts(const char *s)
{
    long r = p3_write(s, strlen(s));
    if (r < 0)
        return (int)r;
    r = p3_write("\n", 1);
    return r < 0 ? (int)r : P3_OK;
}

/* Output is gathered here and written in as few calls as possible. */
struct print_buffer {
    size_t len;
    long error;
    char data[96];
};

static void flush(struct print_buffer *b)
{
    if (b->len && !b->error) {
        long r = p3_write(b->data, b->len);
        if (r < 0)
            b->error = r;
    }
    b->len = 0;
}

static void gather(void *ctx, const char *text, size_t len)
{
    struct print_buffer *b = ctx;

    while (len) {
        size_t room = sizeof b->data - b->len;
        size_t take = len < room ? len : room;
        memcpy(b->data + b->len, text, take);
        b->len += take;
        text += take;
        len -= take;
        if (b->len == sizeof b->data)
            flush(b);
    }
}

int p3_vprintf(const char *fmt, va_list ap)
{
    struct print_buffer b;
    b.len = 0;
    b.error = 0;
    int n = format_v(gather, &b, fmt, ap);
    flush(&b);
    return b.error ? (int)b.error : n;
}

int p3_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = p3_vprintf(fmt, ap);
    va_end(ap);
    return n;
}
