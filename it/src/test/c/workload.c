/*
 * A workload with known behaviour for the integration tests. It waits for one line on stdin (so the
 * tracer can attach first), performs the requested system calls, prints "done" and exits.
 *
 *   workload open PATH COUNT         open+close PATH COUNT times
 *   workload read SIZE COUNT         read SIZE bytes from /dev/zero COUNT times
 *   workload touch PAGES             fault in PAGES fresh pages
 *   workload nanosleep SEC NSEC      one nanosleep() system call (libc's sleep() uses clock_nanosleep)
 *   workload swapin PAGES            fault in PAGES pages, push them out to swap (MADV_PAGEOUT,
 *                                    needs active swap), print "paged-out N" (the pages mincore()
 *                                    says left memory), then read them all back in
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void wait_for_go(void) {
    char line[64];
    printf("ready %d\n", getpid());
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin)) exit(2);
}

int main(int argc, char **argv) {
    if (argc < 2) return 2;
    wait_for_go();
    if (!strcmp(argv[1], "open") && argc == 4) {
        for (int i = atoi(argv[3]); i > 0; i--) {
            int fd = open(argv[2], O_RDONLY | O_CREAT, 0644);
            if (fd >= 0) close(fd);
        }
    } else if (!strcmp(argv[1], "read") && argc == 4) {
        size_t size = strtoul(argv[2], NULL, 0);
        char *buf = malloc(size ? size : 1);
        int fd = open("/dev/zero", O_RDONLY);
        for (int i = atoi(argv[3]); i > 0; i--) {
            if (read(fd, buf, size) < 0) return 1;
        }
        close(fd);
    } else if (!strcmp(argv[1], "touch") && argc == 3) {
        long pages = atol(argv[2]), page = sysconf(_SC_PAGESIZE);
        char *mem = mmap(NULL, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        for (long i = 0; i < pages; i++) mem[i * page] = 1;
    } else if (!strcmp(argv[1], "swapin") && argc == 3) {
        long pages = atol(argv[2]), page = sysconf(_SC_PAGESIZE);
        volatile char *mem = mmap(NULL, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        long sum = 0;
        for (long i = 0; i < pages; i++) mem[i * page] = 1;
        if (madvise((void *) mem, pages * page, 21 /* MADV_PAGEOUT */) != 0) return 1;
        unsigned char *resident = malloc(pages);
        long out = 0;
        if (mincore((void *) mem, pages * page, resident) != 0) return 1;
        for (long i = 0; i < pages; i++) out += !(resident[i] & 1);
        printf("paged-out %ld\n", out);
        for (long i = 0; i < pages; i++) sum += mem[i * page];
        if (sum != pages) return 1;
    } else if (!strcmp(argv[1], "nanosleep") && argc == 4) {
        struct timespec ts = { .tv_sec = atol(argv[2]), .tv_nsec = atol(argv[3]) };
        if (syscall(SYS_nanosleep, &ts, NULL) != 0) return 1;
    } else {
        return 2;
    }
    printf("done\n");
    fflush(stdout);
    return 0;
}
