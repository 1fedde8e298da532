/* Runs a command and watches it from the outside, for the browser comparison (bench_browser.c) and
 * the velkommen-memwatch tool: the wall time until its output file is complete and until it exits,
 * the exact peak resident set of the process itself (wait4's ru_maxrss), and, when sampling, the peak
 * over time of its whole process tree's memory summed two ways:
 *
 *   RSS  VmRSS of every process (/proc/PID/statm), added up. Pages shared between processes (the
 *        browser's libraries and its shared-memory segments, mapped by every renderer) are counted
 *        once per process, so a multi-process program's sum overstates what it takes from the machine.
 *   PSS  Pss of every process (/proc/PID/smaps_rollup): each shared page divided among the processes
 *        that map it. The sum counts every page once: the fair total for a tree of processes.
 *
 * The tree is every descendant of the launched process, found by the parent links of /proc/PID/stat.
 * The watcher makes itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so a helper that
 * double-forks away from the tree (a crash handler) is re-parented to the watcher and still counted.
 * Descendants still running when the launched process exits are waited for, then killed after a
 * grace period.
 *
 * Caution for the caller: a child's ru_maxrss includes what the process it was forked from had
 * resident before exec (Linux keeps the larger of the two), so launch from a process that is itself
 * small, never after loading fonts and content.
 */
#ifndef VK_BENCH_MEMWATCH_H
#define VK_BENCH_MEMWATCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bench_watch_opts {
    char *const *argv;       /* the command; argv[0] is looked up in PATH */
    const char *out_file;    /* NULL, or a file the command writes (a PNG): its completion is timed */
    unsigned sample_ms;      /* 0: no sampling, only times and ru_maxrss (the command runs undisturbed) */
    bool quiet;              /* standard output and error of the command to /dev/null ... */
    const char *output;      /* ... or to this file (created), when not NULL */
    double timeout_s;        /* 0: 120 s; then the tree is killed and the run fails */
} bench_watch_opts;

typedef struct bench_watch_result {
    int status;              /* wait status of the launched process */
    double out_ms;           /* from the fork to out_file complete (a PNG: its IEND chunk written); -1 never */
    double exit_ms;          /* from the fork to the launched process's exit */
    double tree_exit_ms;     /* ... to the last process of its tree gone */
    long maxrss_kb;          /* ru_maxrss of the launched process: the kernel's high-water mark of its
                              * resident set, seen at every page fault rather than sampled */
    long peak_rss_kb;        /* sampling: the largest sum of VmRSS over the tree, at one sample */
    long peak_pss_kb;        /* sampling: the largest sum of Pss over the tree, at one sample */
    long peak_self_rss_kb;   /* sampling: the largest VmRSS of the launched process alone */
    int max_procs;           /* sampling: the most processes alive in the tree at one sample */
    int procs_seen;          /* sampling: processes that were ever in the tree */
    size_t samples;
    double sample_cost_ms;   /* sampling: mean wall time one sample took */
    int killed;              /* descendants still alive after the grace period, killed */
} bench_watch_result;

/* Runs the command to its end. Returns false with a message in err when it could not be run, timed
 * out, or never completed out_file; a non-zero exit status alone is reported in r->status. */
bool bench_watch_run(const bench_watch_opts *o, bench_watch_result *r, char *err, size_t err_size);

/* Whether path holds a complete PNG (signature at the start, IEND chunk at the end). */
bool bench_png_complete(const char *path);

/* Monotonic milliseconds. */
double bench_now_ms(void);
/* A field of this process's /proc/self/status in kB ("VmRSS:", "VmHWM:"); -1 when absent. */
long bench_self_status_kb(const char *key);

#endif
