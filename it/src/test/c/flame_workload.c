/*
 * A CPU-bound program for the flame graph test: main calls burn_outer, which splits its time
 * between burn_left (about a third) and burn_right (about two thirds), for SECONDS seconds.
 * Built with frame pointers so user stacks can be walked. Prints "ready PID" once it starts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned long sink;

__attribute__((noinline)) void burn_left(unsigned long n) {
    for (unsigned long i = 0; i < n; i++) sink += i * 7;
}

__attribute__((noinline)) void burn_right(unsigned long n) {
    for (unsigned long i = 0; i < 2 * n; i++) sink ^= i * 13;
}

__attribute__((noinline)) void burn_outer(void) {
    burn_left(200000);
    burn_right(200000);
}

int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 10;
    printf("ready %d\n", getpid());
    fflush(stdout);
    time_t end = time(NULL) + seconds;
    while (time(NULL) < end) burn_outer();
    return 0;
}
