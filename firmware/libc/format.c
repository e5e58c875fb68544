/* printf-style formatting: see format.h. */
#include "format.h"

#include <stdint.h>

struct field {
    unsigned width;
    char pad;        /* ' ' or '0' */
    int left;        /* '-' given */
};

static int emit_padded(format_sink sink, void *ctx, const char *text, size_t len, const struct field *f)
{
    static const char spaces[] = "                ";
    static const char zeros[] = "0000000000000000";
    const char *fill = f->pad == '0' && !f->left ? zeros : spaces;
    size_t gap = f->width > len ? f->width - len : 0;
    int produced = (int)(len + gap);

    if (!f->left)
        for (; gap; gap -= gap > 16 ? 16 : gap)
            sink(ctx, fill, gap > 16 ? 16 : gap);
    sink(ctx, text, len);
    for (; gap; gap -= gap > 16 ? 16 : gap)
        sink(ctx, spaces, gap > 16 ? 16 : gap);
    return produced;
}

static int emit_number(format_sink sink, void *ctx, unsigned long long value, int negative,
                       unsigned base, int upper, const struct field *f)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];
    size_t i = sizeof buf;

    do {
        buf[--i] = digits[value % base];
        value /= base;
    } while (value);
    if (negative) {
        if (f->pad == '0' && f->width) {
            /* the sign goes before the zeros */
            struct field rest = { f->width ? f->width - 1 : 0, '0', 0 };
            sink(ctx, "-", 1);
            return 1 + emit_padded(sink, ctx, buf + i, sizeof buf - i, &rest);
        }
        buf[--i] = '-';
    }
    return emit_padded(sink, ctx, buf + i, sizeof buf - i, f);
}

int format_v(format_sink sink, void *ctx, const char *fmt, va_list ap)
{
    int produced = 0;

    while (*fmt) {
        const char *run = fmt;
        while (*fmt && *fmt != '%')
            fmt++;
        if (fmt != run) {
            sink(ctx, run, (size_t)(fmt - run));
            produced += (int)(fmt - run);
        }
        if (!*fmt)
            break;
        fmt++; /* past '%' */

        struct field f = { 0, ' ', 0 };
        for (;; fmt++) {
            if (*fmt == '-')
                f.left = 1;
            else if (*fmt == '0')
                f.pad = '0';
            else
                break;
        }
        while (*fmt >= '0' && *fmt <= '9')
            f.width = f.width * 10 + (unsigned)(*fmt++ - '0');

        int longs = 0; /* 'z' counts as 'l': size_t is unsigned long on both ABIs */
        while (*fmt == 'l' || *fmt == 'z') {
            longs++;
            fmt++;
        }

        char conversion = *fmt ? *fmt++ : '\0';
        switch (conversion) {
        case 'c': {
            char c = (char)va_arg(ap, int);
            produced += emit_padded(sink, ctx, &c, 1, &f);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            size_t len = 0;
            if (!s)
                s = "(null)";
            while (s[len])
                len++;
            produced += emit_padded(sink, ctx, s, len, &f);
            break;
        }
        case 'd':
        case 'i': {
            long long v = longs >= 2 ? va_arg(ap, long long) : longs == 1 ? va_arg(ap, long) : va_arg(ap, int);
            unsigned long long magnitude = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
            produced += emit_number(sink, ctx, magnitude, v < 0, 10, 0, &f);
            break;
        }
        case 'u':
        case 'x':
        case 'X': {
            unsigned long long v = longs >= 2 ? va_arg(ap, unsigned long long)
                                 : longs == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            produced += emit_number(sink, ctx, v, 0, conversion == 'u' ? 10 : 16, conversion == 'X', &f);
            break;
        }
        case 'p': {
            uintptr_t v = (uintptr_t)va_arg(ap, void *);
            sink(ctx, "0x", 2);
            produced += 2 + emit_number(sink, ctx, v, 0, 16, 0, &f);
            break;
        }
        case '%':
            sink(ctx, "%", 1);
            produced++;
            break;
        default:
            /* unknown conversion: print it as written, so the mistake shows */
            sink(ctx, "%", 1);
            if (conversion)
                sink(ctx, &conversion, 1);
            produced += conversion ? 2 : 1;
            break;
        }
    }
    return produced;
}
