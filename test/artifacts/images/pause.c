/*
 * The pod sandbox's only process. It holds the pod's namespaces open, reaps the orphans it
 * inherits when it is PID 1 of a shared PID namespace, and exits cleanly on SIGINT/SIGTERM.
 * Written for kit's test rig so the sandbox image can be built offline from source.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define KIT_PAUSE_VERSION "3.2-kit"

static void on_stop(int signo) {
  /* Only async-signal-safe calls here: write and _exit. */
  static const char message[] = "pause: stopping\n";
  (void)signo;
  if (write(STDERR_FILENO, message, sizeof message - 1) < 0) _exit(1);
  _exit(0);
}

static void on_child(int signo) {
  int saved = errno;
  (void)signo;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
  errno = saved;
}

static void handle(int signo, void (*handler)(int), int flags) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = handler;
  action.sa_flags = flags;
  sigemptyset(&action.sa_mask);
  if (sigaction(signo, &action, NULL) != 0) {
    perror("pause: sigaction");
    exit(1);
  }
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "-v") == 0) {
    puts("pause " KIT_PAUSE_VERSION);
    return 0;
  }
  if (getpid() != 1) fputs("pause: warning: not PID 1, orphans are reaped elsewhere\n", stderr);
  handle(SIGINT, on_stop, 0);
  handle(SIGTERM, on_stop, 0);
  handle(SIGCHLD, on_child, SA_NOCLDSTOP | SA_RESTART);
  for (;;) pause();
}
