/* The fatal-signal report: see crash.h. Only async-signal-safe calls in the handler: write(2),
 * backtrace_symbols_fd (which writes without malloc) and raise. backtrace itself may load libgcc on
 * its first call, so install calls it once beforehand. */
#include "app/crash.h"

#include <execinfo.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct {
    int sig;
    const char *name;
} fatal[] = {{SIGSEGV, "SIGSEGV (invalid memory access)"},
             {SIGBUS, "SIGBUS (bus error)"},
             {SIGFPE, "SIGFPE (arithmetic error)"},
             {SIGILL, "SIGILL (illegal instruction)"},
             {SIGABRT, "SIGABRT (aborted)"}};

static void say(const char *s) { (void)!write(STDERR_FILENO, s, strlen(s)); }

static void on_fatal(int sig)
{
    const char *name = "a fatal signal";
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        if (fatal[i].sig == sig)
            name = fatal[i].name;
    say("velkommen: crashed with ");
    say(name);
    say("; backtrace (resolve with addr2line -e velkommen):\n");
    void *frames[64];
    int n = backtrace(frames, 64);
    backtrace_symbols_fd(frames, n, STDERR_FILENO);
    say("velkommen: exiting so the service manager restarts the kiosk\n");
    /* SA_RESETHAND restored the default action: this ends the process with the signal's status */
    raise(sig);
    _exit(128 + sig);
}

void app_crash_report_install(void)
{
    static char alt[64 * 1024];
    void *warm[2];
    backtrace(warm, 2);
    stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
        sigaction(fatal[i].sig, &sa, NULL);
}
