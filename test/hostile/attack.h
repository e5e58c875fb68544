/*
 * What every attacker of the hostile suites shares (attacker.c for
 * hypervisor mode, microkernel/attacker.c for microkernel mode): the lines
 * the tests read ("attack ...", "BREACH ...", "contained ..."), raw loads and
 * stores, a non-Phase3 ecall, the checks of calls refused with an error, and
 * the attacks that are the same in both modes (channel ids, call floods).
 */
#ifndef HOSTILE_ATTACK_H
#define HOSTILE_ATTACK_H

#include <phase3.h>

/* Says what an attack that will fault tries, before it does. */
static inline void say(const char *what)
{
    p3_printf("attack: %s\n", what);
}

/* Something got through: the tests fail on this line. */
static inline int breach(const char *what)
{
    p3_printf("BREACH %s\n", what);
    return 99;
}

static inline uint32_t load(uintptr_t at)
{
    return *(volatile uint32_t *)at;
}

static inline void store(uintptr_t at, uint32_t value)
{
    *(volatile uint32_t *)at = value;
}

/* An ecall that is not a Phase3 call: SBI, answered in hypervisor mode, refused in microkernel mode. */
static inline struct p3_result sbi(unsigned long eid, unsigned long fid, unsigned long a0, unsigned long a1, unsigned long a2)
{
    register unsigned long r0 __asm__("a0") = a0, r1 __asm__("a1") = a1, r2 __asm__("a2") = a2;
    register unsigned long r6 __asm__("a6") = fid, r7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r2), "r"(r6), "r"(r7) : "memory");
    return (struct p3_result){ (long)r0, r1 };
}

/* Calls refused with error codes: each expect() is one check. */
static int checks, failures;

static inline void expect(long got, long want, const char *what)
{
    checks++;
    if (got != want) {
        failures++;
        p3_printf("BREACH %s: %ld, not %ld\n", what, got, want);
    }
}

static inline int contained(const char *what)
{
    p3_printf("contained %s: %d checks, %d failed\n", what, checks, failures);
    return failures ? 99 : 0;
}

#ifdef P3_CHAN_PROBE_BACK
/* Channel ids it does not have, or the wrong end of one it has; then the
 * two messages bad_pointers waits for on P3_CHAN_PROBE (zero copy, then a
 * plain send). */
static inline void channel_id_checks(void)
{
    static const uint32_t wild[] = { 2, 3, 31, 32, 1000, 0x80000000u, 0xffffffffu };
    char buf[16];
    void *slot = 0;
    size_t length;

    expect(p3_send(P3_CHAN_PROBE_BACK, "x", 1), P3_ERR_DENIED, "send on the channel it receives on");
    expect(p3_recv(P3_CHAN_PROBE, buf, sizeof buf), P3_ERR_DENIED, "receive on the channel it sends on");
    expect(p3_send_reserve(P3_CHAN_PROBE_BACK, &slot), P3_ERR_DENIED, "reserve on the channel it receives on");
    expect(p3_send_commit(P3_CHAN_PROBE_BACK, 1), P3_ERR_DENIED, "commit on the channel it receives on");
    expect(p3_recv_peek(P3_CHAN_PROBE, &length, &slot), P3_ERR_DENIED, "peek on the channel it sends on");
    expect(p3_recv_release(P3_CHAN_PROBE), P3_ERR_DENIED, "release on the channel it sends on");
    for (unsigned i = 0; i < sizeof wild / sizeof wild[0]; i++) {
        uint32_t id = wild[i];
        expect(p3_send(id, "x", 1), P3_ERR_INVALID, "send on an id it does not have");
        expect(p3_recv(id, buf, sizeof buf), P3_ERR_INVALID, "receive on an id it does not have");
        expect(p3_notify(id), P3_ERR_INVALID, "notify an id it does not have");
        expect(p3_send_reserve(id, &slot), P3_ERR_INVALID, "reserve on an id it does not have");
        expect(p3_send_commit(id, 1), P3_ERR_INVALID, "commit on an id it does not have");
        expect(p3_recv_peek(id, &length, &slot), P3_ERR_INVALID, "peek on an id it does not have");
        expect(p3_recv_release(id), P3_ERR_INVALID, "release on an id it does not have");
        expect(p3_irq_ack(id), P3_ERR_INVALID, "acknowledge an interrupt it does not have");
        expect(p3_wait(id < 32 ? P3_MASK(id) : id, 0), P3_ERR_INVALID, "wait on a source it does not have");
    }
    expect(p3_irq_ack(P3_CHAN_PROBE), P3_ERR_INVALID, "acknowledge a channel as an interrupt");
    expect(p3_send(P3_CHAN_PROBE, buf, 17), P3_ERR_INVALID, "send more than msgSize");
    expect(p3_send_commit(P3_CHAN_PROBE, 1), P3_ERR_INVALID, "commit without a reservation");
    expect(p3_recv_release(P3_CHAN_PROBE_BACK), P3_ERR_INVALID, "release without a peek");

    /* the two messages bad_pointers waits for: zero copy, then a plain send */
    expect(p3_send_reserve(P3_CHAN_PROBE, &slot), P3_OK, "reserve");
    memcpy(slot, "probe 1", 7);
    expect(p3_send_commit(P3_CHAN_PROBE, 17), P3_ERR_INVALID, "commit more than msgSize");
    expect(p3_send_commit(P3_CHAN_PROBE, 7), P3_OK, "commit");
    expect(p3_send(P3_CHAN_PROBE, "probe 2", 7), P3_OK, "send");
}
#endif


/* Calls as fast as it can: valid, unknown and yielding ones. */
static inline int hcall_flood(void)
{
    enum { CALLS = 60000 };
    for (unsigned i = 0; i < CALLS; i++) {
        switch (i % 6) {
        case 0: expect(p3_version(), P3_ABI_VERSION, "version"); break;
        case 1: expect(p3_ecall0(16 + i % 4000).error, P3_ERR_NOT_SUPPORTED, "an unknown call"); break;
        case 2: expect(p3_ecall0(~0UL - i).error, P3_ERR_NOT_SUPPORTED, "a huge function id"); break;
        case 3: expect(p3_yield(), P3_OK, "yield"); break;
        case 4: expect(p3_watchdog_pat(), P3_ERR_INVALID, "pat a watchdog it does not have"); break;
        default: expect(p3_wait(0, 0), 0, "wait on nothing until a past deadline"); break;
        }
        if (failures > 3)
            break;
    }
    return contained("hcall_flood");
}

#ifdef P3_CHAN_NOISE
/* Notifications and messages at pong_b, as fast as it can. */
static inline int notify_flood(void)
{
    enum { NOTIFIES = 30000 };
    unsigned sent = 0;
    for (unsigned i = 0; i < NOTIFIES; i++) {
        expect(p3_notify(P3_CHAN_NOISE), P3_OK, "notify");
        if (i % 16 == 0)
            sent += p3_send(P3_CHAN_NOISE, "noise!!", 8) == P3_OK;
        if (failures > 3)
            break;
    }
    p3_printf("%u notifications, %u messages sent\n", NOTIFIES, sent);
    return contained("notify_flood");
}
#else
static inline int notify_flood(void) { return breach("notify_flood has no noise channel"); }
#endif

#endif /* HOSTILE_ATTACK_H */
