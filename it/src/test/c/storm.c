/* The load test's workload: storm THREADS SECONDS. After one line on stdin, THREADS threads call getppid()
   as fast as they can for SECONDS; then it prints how many calls were made in all ("calls N"). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
static volatile int stop;
static double seconds;
static void *run(void *arg) {
    long n = 0;
    while (!stop) { syscall(SYS_getppid); n++; }
    *(long *)arg = n;
    return NULL;
}
int main(int argc, char **argv) {
    int threads = atoi(argv[1]);
    seconds = atof(argv[2]);
    char line[16];
    printf("ready %d\n", getpid()); fflush(stdout);
    if (!fgets(line, sizeof line, stdin)) return 2;
    pthread_t t[64]; long counts[64];
    for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, run, &counts[i]);
    struct timespec ts = { (time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9) };
    nanosleep(&ts, NULL);
    stop = 1;
    long total = 0;
    for (int i = 0; i < threads; i++) { pthread_join(t[i], NULL); total += counts[i]; }
    printf("calls %ld\n", total); fflush(stdout);
    return 0;
}
