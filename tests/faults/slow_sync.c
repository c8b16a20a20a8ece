/* A slow disk for tests: preloaded into `tact serve` (LD_PRELOAD), it makes
 * every fsync and fdatasync take TACT_TEST_SYNC_DELAY_MS milliseconds longer
 * while the file TACT_TEST_SLOW_WHILE exists, so that a test can act while
 * an answer waits for its sync (and start the server at full speed). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static void Delay(void) {
  const char* flag = getenv("TACT_TEST_SLOW_WHILE");
  if (flag == NULL || access(flag, F_OK) != 0) return;
  const char* text = getenv("TACT_TEST_SYNC_DELAY_MS");
  const long ms = text ? atol(text) : 0;
  if (ms <= 0) return;
  struct timespec wait = {ms / 1000, (ms % 1000) * 1000000L};
  while (nanosleep(&wait, &wait) != 0) {
  }
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  Delay();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  Delay();
  return real(fd);
}
