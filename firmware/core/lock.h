/* A spinlock for the few structures harts share (the console). */
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
