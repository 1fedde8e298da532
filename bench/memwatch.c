/* Running a command and watching its time and memory from the outside: see memwatch.h. */
#define _GNU_SOURCE /* pidfd through syscall(), prctl's subreaper */
#include "memwatch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GRACE_MS 5000.0 /* descendants may outlive the launched process this long, then are killed */

double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

long bench_self_status_kb(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0)
            kb = atol(line + n);
    if (f)
        fclose(f);
    return kb;
}

bool bench_png_complete(const char *path)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    unsigned char head[8], tail[12];
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && st.st_size >= 8 + 12 && pread(fd, head, 8, 0) == 8 &&
              memcmp(head, sig, 8) == 0 && pread(fd, tail, 12, st.st_size - 12) == 12 && memcmp(tail + 4, "IEND", 4) == 0;
    close(fd);
    return ok;
}

/* ---- the process tree, from /proc ---------------------------------------------------------------- */

typedef struct proc_ent {
    int pid, ppid;
    bool alive, in_tree, counted;
} proc_ent;

typedef struct proc_table {
    proc_ent *e;
    size_t n, cap;
} proc_table;

static int read_small(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = 0;
    return (int)n;
}

/* The parent of pid, from /proc/PID/stat ("pid (comm) state ppid ..."; comm may hold anything). */
static int read_ppid(int pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_small(path, buf, sizeof buf) <= 0)
        return -1;
    char *close_paren = strrchr(buf, ')');
    char state;
    int ppid;
    if (!close_paren || sscanf(close_paren + 1, " %c %d", &state, &ppid) != 2)
        return -1;
    return ppid;
}

static proc_ent *table_find(proc_table *t, int pid)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->e[i].pid == pid)
            return &t->e[i];
    return NULL;
}

/* Brings the table up to date with /proc and marks the descendants of root (and of self, which as
 * subreaper inherits the orphans of the tree) as in_tree. The parent of a process is read once, and
 * again only when that parent has gone (the process was re-parented). */
static void table_scan(proc_table *t, int root)
{
    for (size_t i = 0; i < t->n; i++)
        t->e[i].alive = false;
    DIR *d = opendir("/proc");
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] < '1' || de->d_name[0] > '9')
            continue;
        int pid = atoi(de->d_name);
        proc_ent *e = table_find(t, pid);
        if (!e) {
            int ppid = read_ppid(pid);
            if (ppid < 0)
                continue; /* gone meanwhile */
            if (t->n == t->cap) {
                size_t cap = t->cap ? 2 * t->cap : 256;
                proc_ent *ne = realloc(t->e, cap * sizeof *ne);
                if (!ne)
                    continue;
                t->e = ne;
                t->cap = cap;
            }
            e = &t->e[t->n++];
            *e = (proc_ent){.pid = pid, .ppid = ppid};
        }
        e->alive = true;
    }
    closedir(d);
    /* drop the dead; refresh parents that died */
    size_t w = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->e[i].alive)
            t->e[w++] = t->e[i];
    t->n = w;
    for (size_t i = 0; i < t->n; i++) {
        proc_ent *e = &t->e[i];
        e->in_tree = false;
        if (e->ppid > 1 && !table_find(t, e->ppid)) {
            int ppid = read_ppid(e->pid);
            if (ppid >= 0)
                e->ppid = ppid;
        }
    }
    int self = (int)getpid();
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 0; i < t->n; i++) {
            proc_ent *e = &t->e[i];
            if (e->in_tree)
                continue;
            proc_ent *p = table_find(t, e->ppid);
            if (e->pid == root || e->ppid == self || (p && p->in_tree)) {
                e->in_tree = true;
                changed = true;
            }
        }
    }
}

/* kB resident (statm) and Pss (smaps_rollup) of one process; false when it has gone. */
static bool proc_memory(int pid, long *rss_kb, long *pss_kb)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/%d/statm", pid);
    long size, resident;
    if (read_small(path, buf, sizeof buf) <= 0 || sscanf(buf, "%ld %ld", &size, &resident) != 2)
        return false;
    *rss_kb = resident * (sysconf(_SC_PAGESIZE) / 1024);
    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
    *pss_kb = 0;
    if (read_small(path, buf, sizeof buf) <= 0)
        return false;
    const char *p = strstr(buf, "\nPss:");
    return p && sscanf(p + 5, "%ld", pss_kb) == 1;
}

static void sample(proc_table *t, int root, bench_watch_result *r)
{
    double t0 = bench_now_ms();
    table_scan(t, root);
    long rss = 0, pss = 0;
    int procs = 0;
    for (size_t i = 0; i < t->n; i++) {
        proc_ent *e = &t->e[i];
        long a, b;
        if (!e->in_tree || e->pid == (int)getpid() || !proc_memory(e->pid, &a, &b))
            continue;
        rss += a;
        pss += b;
        procs++;
        if (!e->counted) {
            e->counted = true;
            r->procs_seen++;
        }
        if (e->pid == root && a > r->peak_self_rss_kb)
            r->peak_self_rss_kb = a;
    }
    if (rss > r->peak_rss_kb)
        r->peak_rss_kb = rss;
    if (pss > r->peak_pss_kb)
        r->peak_pss_kb = pss;
    if (procs > r->max_procs)
        r->max_procs = procs;
    r->sample_cost_ms += bench_now_ms() - t0;
    r->samples++;
}

/* SIGKILL to every descendant of this process still alive; returns how many. */
static int kill_tree(proc_table *t)
{
    table_scan(t, -1);
    int n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->e[i].in_tree && t->e[i].pid != (int)getpid() && kill(t->e[i].pid, SIGKILL) == 0)
            n++;
    return n;
}

/* ---- running ------------------------------------------------------------------------------------- */

static void out_event(int fd, const char *base, const char *path, double t0, bench_watch_result *r)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (r->out_ms < 0 && ev->len && strcmp(ev->name, base) == 0 && bench_png_complete(path))
                r->out_ms = bench_now_ms() - t0;
            p += sizeof *ev + ev->len;
        }
    }
}

bool bench_watch_run(const bench_watch_opts *o, bench_watch_result *r, char *err, size_t err_size)
{
    *r = (bench_watch_result){.out_ms = -1, .exit_ms = -1, .tree_exit_ms = -1};
    proc_table tab = {0};
    int notify = -1;
    char dir[1024] = ".", base[512] = "";
    bool ok = false;
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (o->out_file) {
        const char *slash = strrchr(o->out_file, '/');
        if (slash) {
            snprintf(dir, sizeof dir, "%.*s", (int)(slash - o->out_file), o->out_file);
            if (!dir[0])
                snprintf(dir, sizeof dir, "/");
        }
        snprintf(base, sizeof base, "%s", slash ? slash + 1 : o->out_file);
        unlink(o->out_file);
        notify = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (notify < 0 || inotify_add_watch(notify, dir, IN_CLOSE_WRITE | IN_MOVED_TO) < 0) {
            snprintf(err, err_size, "%s: cannot watch: %s", dir, strerror(errno));
            if (notify >= 0)
                close(notify);
            return false;
        }
    }
    double timeout_ms = (o->timeout_s > 0 ? o->timeout_s : 120) * 1e3;
    fflush(NULL);
    double t0 = bench_now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, err_size, "fork: %s", strerror(errno));
        if (notify >= 0)
            close(notify);
        return false;
    }
    if (pid == 0) {
        if (o->quiet || o->output) {
            int null = open(o->output ? o->output : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (null >= 0) {
                dup2(null, 1);
                dup2(null, 2);
                close(null);
            }
        }
        execvp(o->argv[0], o->argv);
        fprintf(stderr, "%s: cannot run: %s\n", o->argv[0], strerror(errno));
        _exit(127);
    }
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0); /* readable when it exits; -1: poll every ms */
    double next_sample = t0, main_exit = -1;
    for (;;) {
        double now = bench_now_ms();
        if (main_exit < 0 && o->sample_ms && now >= next_sample) {
            sample(&tab, pid, r);
            next_sample += o->sample_ms;
            now = bench_now_ms();
            if (next_sample < now)
                next_sample = now + o->sample_ms; /* a sample took longer than the interval */
        }
        if (main_exit >= 0) {
            /* the tree is gone when this process has no children left (it inherits the orphans) */
            while (waitpid(-1, NULL, WNOHANG) > 0) {
            }
            if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD) {
                r->tree_exit_ms = bench_now_ms() - t0;
                break;
            }
            if (now - main_exit > GRACE_MS && !r->killed) {
                r->killed = kill_tree(&tab);
                if (!r->killed) {
                    r->tree_exit_ms = bench_now_ms() - t0;
                    break;
                }
            }
        } else if (now - t0 > timeout_ms) {
            kill(pid, SIGKILL);
            kill_tree(&tab);
            waitpid(pid, NULL, 0);
            while (waitpid(-1, NULL, WNOHANG) > 0) {
            }
            snprintf(err, err_size, "%s: no exit after %.0f s; killed", o->argv[0], timeout_ms / 1e3);
            goto done;
        }
        int wait_ms = main_exit >= 0 ? 10 : pidfd < 0 ? 1 : o->sample_ms ? (int)(next_sample - now) + 1 : 100;
        if (wait_ms < 0)
            wait_ms = 0;
        struct pollfd fds[2] = {{notify, POLLIN, 0}, {main_exit < 0 ? pidfd : -1, POLLIN, 0}};
        poll(fds, 2, wait_ms);
        if (notify >= 0 && (fds[0].revents & POLLIN))
            out_event(notify, base, o->out_file, t0, r);
        if (main_exit < 0) {
            int st;
            struct rusage ru;
            pid_t w = wait4(pid, &st, WNOHANG, &ru);
            if (w == pid) {
                main_exit = bench_now_ms();
                r->exit_ms = main_exit - t0;
                r->status = st;
                r->maxrss_kb = ru.ru_maxrss;
                if (notify >= 0)
                    out_event(notify, base, o->out_file, t0, r);
            }
        }
    }
    if (o->out_file && r->out_ms < 0) {
        snprintf(err, err_size, "%s: no complete PNG at %s (exit status %d)", o->argv[0], o->out_file,
                 WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128 + WTERMSIG(r->status));
        goto done;
    }
    ok = true;
done:
    if (r->samples)
        r->sample_cost_ms /= (double)r->samples;
    if (pidfd >= 0)
        close(pidfd);
    if (notify >= 0)
        close(notify);
    free(tab.e);
    return ok;
}
