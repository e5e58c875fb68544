/*
 * <phase3.h>: everything an app has. An app is a plain C program,
 *
 *     #include <phase3.h>
 *
 *     int main(void)
 *     {
 *         p3_printf("hello from %s\n", P3_PARTITION_NAME);
 *         return 0;
 *     }
 *
 * linked with the Phase3 library, which owns the entry point: it sets up the
 * stack, clears .bss, calls main() and passes its return value to p3_exit().
 * There is no operating system: these calls are the app's whole world.
 * Everything in firmware/app/ runs in the partition, unprivileged (VS-mode
 * or U-mode), and reaches the firmware only through these calls.
 *
 * Results are P3_OK (0) or a negative P3_ERR_* code, never a magic number.
 */
#ifndef PHASE3_H
#define PHASE3_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <p3_abi.h>        /* P3_OK, P3_ERR_*, the call numbers (generated) */
#include <p3_ecall.h>
#include <p3_calls.h>      /* p3_write, p3_yield, p3_exit, ... (generated, documented there) */
#ifndef P3_LIBRARY_BUILD   /* the library itself is built once for all partitions */
#include <p3_partition.h>  /* P3_PARTITION_NAME, P3_PARTITION_ID (generated for this partition) */
#endif

/* The bit of source `id` (P3_CHAN_*, P3_IRQ_*, P3_CONSOLE) in p3_wait's mask. */
#define P3_MASK(id) (1u << (id))

/* A p3_wait deadline that never comes. */
#define P3_FOREVER UINT64_MAX

/* Nanoseconds, for deadlines: p3_wait(mask, p3_now() + P3_MS(10)). */
#define P3_US(n) ((uint64_t)(n) * 1000u)
#define P3_MS(n) ((uint64_t)(n) * 1000000u)

/* The address of shared region `id` (P3_SHM_*), and its size in `*size` if
 * `size` is not NULL; NULL when this partition has no such region. */
void *p3_shm(unsigned id, size_t *size);

/* Writes the string `s` and a newline, as C's puts does. Returns P3_OK or an error. */
int p3_puts(const char *s);

/* printf to the console: %c %s %d %i %u %x %X %p %%, with l, ll, z, a width,
 * '0' and '-'. Returns the number of characters written, or an error. */
int p3_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int p3_vprintf(const char *fmt, va_list ap);

/* Memory and strings: the usual names and meanings. */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* The generated table p3_shm() reads (partitions/<name>/p3_partition.c). */
struct p3_shm_region {
    void *address;
    size_t size;
};
extern const struct p3_shm_region p3_shm_regions[];
extern const unsigned p3_shm_count;

/* The app's entry point. Its return value is the partition's exit code. */
int main(void);

#endif /* PHASE3_H */
