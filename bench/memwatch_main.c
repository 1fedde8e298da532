/* velkommen-memwatch: runs a command and prints, as key=value lines, how long it took to write its
 * output file and to exit, its exact peak resident set (wait4), and the peak over time of its whole
 * process tree's memory, VmRSS and PSS summed (memwatch.h says how and why both). For measuring any
 * kiosk program the way velkommen-bench-browser measures Velkommen and Chromium:
 *
 *   velkommen-memwatch --out x.png -- chromium --headless=new ... --screenshot=x.png URL
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "memwatch.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: velkommen-memwatch [--out FILE] [--sample-ms N] [--quiet] [--timeout S] [--] COMMAND [ARG...]\n"
               "  --out FILE     time until FILE is a complete PNG written by the command\n"
               "  --sample-ms N  sample the process tree's memory every N ms (default 5; 0: times only)\n"
               "  --quiet        the command's output to /dev/null\n"
               "  --timeout S    kill the command after S seconds (default 120)\n"
               "Prints key=value lines on standard output; exit status 0, or 1 when it could not run.\n");
}

int main(int argc, char **argv)
{
    bench_watch_opts o = {.sample_ms = 5};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            o.out_file = argv[++i];
        else if (strcmp(argv[i], "--sample-ms") == 0 && i + 1 < argc)
            o.sample_ms = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            o.timeout_s = atof(argv[++i]);
        else if (strcmp(argv[i], "--quiet") == 0)
            o.quiet = true;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    o.argv = argv + i;
    bench_watch_result r;
    char err[1200];
    if (!bench_watch_run(&o, &r, err, sizeof err)) {
        fprintf(stderr, "velkommen-memwatch: %s\n", err);
        return 1;
    }
    printf("exit_status=%d\n", WIFEXITED(r.status) ? WEXITSTATUS(r.status) : 128 + WTERMSIG(r.status));
    if (o.out_file)
        printf("out_ms=%.2f\n", r.out_ms);
    printf("exit_ms=%.2f\ntree_exit_ms=%.2f\nmaxrss_kb=%ld\n", r.exit_ms, r.tree_exit_ms, r.maxrss_kb);
    if (o.sample_ms)
        printf("peak_rss_sum_kb=%ld\npeak_pss_sum_kb=%ld\npeak_self_rss_kb=%ld\nmax_procs=%d\nprocs_seen=%d\n"
               "samples=%zu\nsample_cost_ms=%.3f\n",
               r.peak_rss_kb, r.peak_pss_kb, r.peak_self_rss_kb, r.max_procs, r.procs_seen, r.samples,
               r.sample_cost_ms);
    printf("killed=%d\n", r.killed);
    return 0;
}
