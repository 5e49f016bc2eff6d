/*
 * Workload for the user-symbol tests: prints the run-time addresses of its functions (so a test can
 * check what they resolve to), then spins in spin_leaf <- spin_middle <- main for argv[1] seconds.
 * Built with frame pointers so user stacks can be walked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

volatile unsigned long sink;

__attribute__((noinline)) void spin_leaf(void) {
    for (int i = 0; i < 100000; i++) sink += i;
}

__attribute__((noinline)) void spin_middle(void) {
    for (int i = 0; i < 10; i++) spin_leaf();
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 1;
    printf("%p %p %p\n", (void *) spin_leaf, (void *) spin_middle, (void *) getppid);
    fflush(stdout);
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    do {
        spin_middle();
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9 < seconds);
    return 0;
}
