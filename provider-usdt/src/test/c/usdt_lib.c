/* libusdt_lib.so: a USDT probe that lives in a shared library, found through /proc/PID/maps. */
#include <sys/sdt.h>

void lib_fire(int x) { DTRACE_PROBE1(mylib, libprobe, x); }
