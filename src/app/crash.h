/* What the kiosk does when it crashes: the fatal signal and a backtrace go to standard error (the
 * journal, under systemd), then the signal is raised again with its default action, so the process
 * ends with a non-zero status (128 + signal) and the service manager restarts it. */
#ifndef VELKOMMEN_APP_CRASH_H
#define VELKOMMEN_APP_CRASH_H

/* For SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT, on an alternate stack (a stack overflow still
 * reports). Call once, early. */
void app_crash_report_install(void);

#endif
