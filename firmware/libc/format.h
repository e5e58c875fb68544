/*
 * printf-style formatting for freestanding code. firmware/libc/ is compiled
 * into both sides of the privilege boundary, separately: the firmware's log
 * and the app library's p3_printf; it keeps no state. Supports %c %s %d %i %u %x %X %p %%,
 * the length modifiers l, ll, z, a field width, '0' padding and '-'.
 */
#ifndef LIBC_FORMAT_H
#define LIBC_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives the formatted text in pieces. */
typedef void (*format_sink)(void *ctx, const char *text, size_t len);

/* Formats into `sink`; returns the number of characters produced. */
int format_v(format_sink sink, void *ctx, const char *fmt, va_list ap);

#endif /* LIBC_FORMAT_H */
