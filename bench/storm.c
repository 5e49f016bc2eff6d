/*
 * Syscall storms for bench/run.sh. Prints the storm's own wall time in seconds on stdout.
 *
 *   storm getppid COUNT       COUNT getppid() calls
 *   storm read SIZE COUNT     COUNT read()s of SIZE bytes from /dev/zero (args->count == ret == SIZE)
 *   storm readsizes COUNT     read()s of 1, 2, ..., COUNT bytes from /dev/zero: COUNT distinct sizes
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 3) return 2;
    double start = now();
    if (!strcmp(argv[1], "getppid")) {
        for (long i = atol(argv[2]); i > 0; i--) syscall(SYS_getppid);
    } else if (!strcmp(argv[1], "read") && argc == 4) {
        size_t size = strtoul(argv[2], NULL, 0);
        char *buf = malloc(size ? size : 1);
        int fd = open("/dev/zero", O_RDONLY);
        for (long i = atol(argv[3]); i > 0; i--)
            if (read(fd, buf, size) < 0) return 1;
    } else if (!strcmp(argv[1], "readsizes")) {
        long count = atol(argv[2]);
        char *buf = malloc(count);
        int fd = open("/dev/zero", O_RDONLY);
        for (long i = 1; i <= count; i++)
            if (read(fd, buf, i) < 0) return 1;
    } else {
        return 2;
    }
    printf("%.3f\n", now() - start);
    return 0;
}
