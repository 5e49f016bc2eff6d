/* The probe with a semaphore: sdt.h references PROVIDER_NAME_semaphore for every probe of this file. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

__extension__ unsigned short myprov_guarded_semaphore __attribute__((unused)) __attribute__((section(".probes")));
#define MYPROV_GUARDED_ENABLED() __builtin_expect(myprov_guarded_semaphore, 0)

/* Returns 1 when a tracer had the probe enabled. */
int fire_guarded(int i) {
    if (MYPROV_GUARDED_ENABLED()) {
        DTRACE_PROBE1(myprov, guarded, i);
        return 1;
    }
    return 0;
}
