/*
 * The few memory and string routines freestanding code needs, compiled into
 * both sides of the privilege boundary, separately: the firmware and the app
 * library (firmware/libc/ keeps no state). GCC may also emit calls to memcpy and
 * memset on its own, so they have their standard names.
 */
#ifndef LIBC_STRING_H
#define LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

#endif /* LIBC_STRING_H */
