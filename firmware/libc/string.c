/* Memory and string routines: see string.h. Word-at-a-time where aligned. */
#include "string.h"

#include <stdint.h>

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ((((uintptr_t)d | (uintptr_t)s) & (sizeof(unsigned long) - 1)) == 0) {
        for (; n >= sizeof(unsigned long); n -= sizeof(unsigned long)) {
            *(unsigned long *)d = *(const unsigned long *)s;
            d += sizeof(unsigned long);
            s += sizeof(unsigned long);
        }
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d <= s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    if (((uintptr_t)d & (sizeof(unsigned long) - 1)) == 0) {
        unsigned long word = (unsigned char)c;
        word |= word << 8;
        word |= word << 16;
#if __riscv_xlen == 64
        word |= word << 32;
#endif
        for (; n >= sizeof(unsigned long); n -= sizeof(unsigned long)) {
            *(unsigned long *)d = word;
            d += sizeof(unsigned long);
        }
    }
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while (*p)
        p++;
    return (size_t)(p - s);
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}
