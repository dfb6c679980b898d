/*
 * A wall clock SHIFTED_CLOCK_SECONDS ahead (or behind), for tests that must see a UTC day end without
 * waiting for it: loaded into nginx with LD_PRELOAD. Only the wall clock moves; nginx's timers run on
 * the monotonic clock, which is left alone.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

/* Read once, in the master before it forks: nginx gives its workers a cleared environment. */
static long shift(void) {
    static long seconds;
    static int known;
    if (!known) {
        const char *value = getenv("SHIFTED_CLOCK_SECONDS");
        seconds = value ? atol(value) : 0;
        known = 1;
    }
    return seconds;
}

int gettimeofday(struct timeval *tv, void *tz) {
    static int (*real)(struct timeval *, void *);
    if (!real) real = (int (*)(struct timeval *, void *))dlsym(RTLD_NEXT, "gettimeofday");
    int result = real(tv, tz);
    if (result == 0 && tv) tv->tv_sec += shift();
    return result;
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
    static int (*real)(clockid_t, struct timespec *);
    if (!real) real = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
    int result = real(clock, ts);
    if (result == 0 && ts && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE)) ts->tv_sec += shift();
    return result;
}

time_t time(time_t *out) {
    struct timeval now;
    gettimeofday(&now, NULL);
    if (out) *out = now.tv_sec;
    return now.tv_sec;
}
