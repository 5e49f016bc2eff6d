/*
 * Target for the USDT tests. Usage: usdt_target N [wait]
 * Fires myprov:myprobe(i, "hello") and the other probes N times, then prints how often the
 * semaphore-guarded probe was enabled. With "wait" it first prints "ready" and waits for a line
 * on stdin, so a tracer can attach (or list the process) before the probes fire.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sdt.h>

int fire_guarded(int i);       /* usdt_guarded.c: counts only while a tracer enables the probe */
void lib_fire(int x);          /* libusdt_lib.so: a probe in a shared library */

struct point { long x, y; };

/* Read by the uaddr() test: how many times fire() has run, plus 100. */
int fired;

/* noipa keeps the probe's operands in the forms the argument tests expect (memory, registers). */
__attribute__((noipa)) void fire(int i, const char *text, struct point *p) {
    signed char small = (signed char) -i;
    short medium = (short) (i * 3);
    unsigned int big = 4000000000u;
    long wide = -5000000000L - i;
    DTRACE_PROBE2(myprov, myprobe, i, text);
    DTRACE_PROBE5(myprov, sizes, small, medium, big, wide, 42);
    DTRACE_PROBE2(otherprov, point, p->x, p->y);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (argc > 2 && strcmp(argv[2], "wait") == 0) {
        char line[64];
        printf("ready\n");
        fflush(stdout);
        if (!fgets(line, sizeof line, stdin)) return 1;
    }
    /* On the stack, so the page is present when the probe reads it (a tracer cannot fault it in). */
    char text[16];
    strcpy(text, "hello");
    int guarded = 0;
    fired = 100; /* written before the probes fire, so its page is present */
    for (int i = 0; i < n; i++) {
        struct point p = { i, -i };
        fire(i, text, &p);
        fired++;
        guarded += fire_guarded(i);
        lib_fire(i);
    }
    printf("guarded %d\n", guarded);
    return 0;
}
