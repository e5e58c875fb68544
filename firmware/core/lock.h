/* A spinlock for the few structures harts share: the console's output and
 * input buffer, and each channel's queue (a sender and a receiver may run on
 * different harts). Held only for a bounded copy, never across a switch. */
#ifndef CORE_LOCK_H
#define CORE_LOCK_H

typedef struct { volatile int held; } spinlock_t;

static inline void spin_lock(spinlock_t *l)
{
    while (__atomic_exchange_n(&l->held, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(&l->held, __ATOMIC_RELAXED))
            ;
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->held, 0, __ATOMIC_RELEASE);
}

#endif /* CORE_LOCK_H */
