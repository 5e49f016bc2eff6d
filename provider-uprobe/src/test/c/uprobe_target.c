/*
 * Target for the uprobe tests: prints "ready", waits for a line on stdin (the go signal, so probes
 * can be attached first), then calls add() N times (argv[1], default 100) and prints the sum; with
 * a second argument it then calls eight() once and prints its sum instead.
 */
#include <stdio.h>
#include <stdlib.h>

/* noipa: no inlining, cloning or constant propagation, so every call really enters add. */
__attribute__((noipa)) int add(int a, int b) { return a + b; }

__attribute__((noipa)) int add_three(int a, int b, int c) { return add(add(a, b), c); }

/* Read by the uaddr() tests: add's calls so far plus 100, and a string. */
int calls;
char label[] = "uprobe target";

/* Eight arguments: on x86-64 the last two are passed on the stack (sarg0 = g, sarg1 = h). */
__attribute__((noipa)) long eight(long a, long b, long c, long d, long e, long f, long g, long h) {
    return a + b + c + d + e + f + g + h;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100;
    char line[64];
    printf("ready\n");
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin)) return 1;
    long sum = 0;
    calls = 100; /* written before the probes fire, so its page is present */
    for (int i = 0; i < n; i++, calls++) sum += add(i, 2 * i);
    if (argc > 2) sum = eight(1, 2, 3, 4, 5, 6, 70 + n, 80 + n); /* "eight": stack arguments */
    printf("%ld\n", sum);
    return 0;
}
