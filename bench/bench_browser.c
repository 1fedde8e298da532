/* velkommen-bench-browser: Velkommen against the kiosk a municipality would otherwise pick, a browser
 * in kiosk mode showing HTML pages, side by side in one run. Not a test: it prints figures and whether
 * the targets are met; README.md ("Benchmark") explains them and scripts/bench-browser installs
 * Chromium, builds and runs it.
 *
 * The page: the bundled content's page with the most text in each language asked for (default Arabic
 * and Tigrinya, picked as velkommen-bench-ui picks it), and the same page as static HTML that this
 * program generates from the same localized content (page_html.h).
 *
 *  1. Cold start to the first frame: `velkommen render --page ID --size 1920x1080 --out X.png` against
 *     `chromium --headless=new ... --screenshot=Y.png file://PAGE.html` with a profile folder reused
 *     across runs; the wall time from fork until the PNG is complete, and until exit (memwatch.h).
 *     Runs alternate between the two, after one warm-up of each that is not counted.
 *  2. Peak memory: Velkommen's ru_maxrss, and both programs' process trees sampled from /proc (summed
 *     VmRSS and summed PSS), in runs of their own so the sampling does not slow the timed runs.
 *  3. Frame time: velkommen-bench-ui on the same page (its figures, read from its --kv file).
 *  4. Reload: the bundled tree changed on disk until the new frame is drawn (bench_reload.c).
 *  5. Scale: content trees of 10x and 100x the bundled size loaded, checked and shown (bench_scale.c).
 *
 * The launching process never loads fonts or content itself; whatever does runs in a forked child.
 */
#define _GNU_SOURCE /* nftw's FTW_PHYS */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/resources.h"
#include "bench_browser.h"
#include "memwatch.h"
#include "page_html.h"

#define SCREEN "1920x1080"
#define MAX_LANGS 4
#define MAX_RUNS 31
#define MAX_FACTORS 4
#define KB_PER_MB 1024.0

/* The targets. */
#define TARGET_COLD_RATIO 10.0 /* cold start at most a tenth of Chromium's */
#define TARGET_MEM_RATIO 8.0   /* peak memory at most an eighth of Chromium's total ... */
#define TARGET_MEM_MB 48.0     /* ... and at most 48 MB */
#define TARGET_P99_MS 16.7     /* scrolling: p99 within a 60 Hz frame */
#define TARGET_RELOAD_MS 200.0 /* a change on disk to the new frame, bundled tree */

typedef struct options {
    const char *data;     /* absolute */
    char cli[PATH_MAX];   /* the velkommen program */
    char bench_ui[PATH_MAX];
    const char *chromium;
    char out[PATH_MAX];   /* HTML, PNGs, logs, the scaled trees while they are measured */
    bool keep;            /* keep out (always, when given with --out) */
    bool quick;
    int runs;
    unsigned sample_ms;
    const char *langs[MAX_LANGS];
    int nlangs;
    int reload_changes;
    int factors[MAX_FACTORS];
    int nfactors;
    int scale_reps;
    unsigned only;        /* SECTION_* bits to run */
} options;

enum { SECTION_COLD = 1, SECTION_UI = 2, SECTION_RELOAD = 4, SECTION_SCALE = 8, SECTION_ALL = 15 };

/* snprintf for paths and labels whose parts are bounded in practice (a path under PATH_MAX): cut
 * rather than overflow. */
static void fmt(char *buf, size_t size, const char *f, ...) __attribute__((format(printf, 3, 4)));
static void fmt(char *buf, size_t size, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(buf, size, f, ap);
    va_end(ap);
    if (n < 0 && size)
        buf[0] = 0;
}

/* ---- a child process for whatever loads content ------------------------------------------------- */

typedef bool (*child_fn)(void *arg, void *out, char *err, size_t err_size);

static bool read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r <= 0)
            return false;
        p += r;
        n -= (size_t)r;
    }
    return true;
}

static void write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return;
        p += w;
        n -= (size_t)w;
    }
}

/* Runs fn in a forked child; its result (out_size bytes of plain data) comes back through a pipe.
 * *maxrss_kb (may be NULL) receives the child's ru_maxrss. */
static bool in_child(child_fn fn, void *arg, void *out, size_t out_size, char *err, size_t err_size, long *maxrss_kb)
{
    int fds[2];
    if (pipe(fds) != 0) {
        fmt(err, err_size, "pipe: %s", strerror(errno));
        return false;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        fmt(err, err_size, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0) {
        close(fds[0]);
        char e[1024] = "";
        bool ok = fn(arg, out, e, sizeof e);
        write_all(fds[1], &ok, sizeof ok);
        write_all(fds[1], e, sizeof e);
        write_all(fds[1], out, out_size);
        close(fds[1]);
        fflush(NULL);
        _exit(0);
    }
    close(fds[1]);
    bool ok = false;
    char e[1024];
    bool got = read_all(fds[0], &ok, sizeof ok) && read_all(fds[0], e, sizeof e) && read_all(fds[0], out, out_size);
    close(fds[0]);
    int st;
    struct rusage ru;
    wait4(pid, &st, 0, &ru);
    if (maxrss_kb)
        *maxrss_kb = ru.ru_maxrss;
    if (!got) {
        fmt(err, err_size, "the child process died (status %d)", st);
        return false;
    }
    if (!ok)
        fmt(err, err_size, "%s", e);
    return ok;
}

/* ---- 0: the pages and their HTML --------------------------------------------------------------- */

typedef struct page_info {
    char lang[16];
    char id[512];
    size_t chars, blocks, fallbacks;
    char html[PATH_MAX];
    long html_bytes;
} page_info;

typedef struct prepare_arg {
    const options *o;
} prepare_arg;

static bool prepare(void *argp, void *outp, char *err, size_t err_size)
{
    const options *o = ((prepare_arg *)argp)->o;
    page_info *pages = outp;
    app_resources res;
    vk_error e = {0};
    if (!app_resources_load(&res, o->data, &e)) {
        fmt(err, err_size, "%s", e.msg);
        app_resources_free(&res);
        return false;
    }
    bool ok = true;
    for (int i = 0; ok && i < o->nlangs; i++) {
        page_info *pi = &pages[i];
        int li = app_resources_lang_index(&res, o->langs[i]);
        bench_page_pick pick;
        if (li < 0 || !bench_pick_page(&res, (size_t)li, NULL, &pick) || !pick.page) {
            fmt(err, err_size, "no page in language '%s'", o->langs[i]);
            ok = false;
            break;
        }
        fmt(pi->lang, sizeof pi->lang, "%s", o->langs[i]);
        fmt(pi->id, sizeof pi->id, "%s", pick.page->id);
        pi->chars = pick.chars;
        pi->blocks = pick.blocks;
        pi->fallbacks = pick.fallbacks;
        fmt(pi->html, sizeof pi->html, "%s/%s.html", o->out, o->langs[i]);
        FILE *f = fopen(pi->html, "w");
        ok = f && bench_page_html(&res, (size_t)li, pick.page, f);
        if (f && fclose(f) != 0)
            ok = false;
        struct stat st;
        pi->html_bytes = stat(pi->html, &st) == 0 ? (long)st.st_size : 0;
        if (!ok)
            fmt(err, err_size, "%s: cannot write", pi->html);
    }
    app_resources_free(&res);
    return ok;
}

/* ---- 1, 2: cold start and memory ---------------------------------------------------------------- */

typedef struct cold_result {
    int runs;
    double vk_png[MAX_RUNS], vk_exit[MAX_RUNS], cr_png[MAX_RUNS], cr_exit[MAX_RUNS];
    /* sampled runs */
    double vk_maxrss[MAX_RUNS], vk_pss[MAX_RUNS], vk_rss_sampled[MAX_RUNS];
    double cr_rss[MAX_RUNS], cr_pss[MAX_RUNS], cr_self[MAX_RUNS], cr_procs[MAX_RUNS], cr_seen[MAX_RUNS];
    double cr_cost[MAX_RUNS], cr_samples[MAX_RUNS], cr_png_sampled[MAX_RUNS];
    /* medians */
    double m_vk_png, m_vk_exit, m_cr_png, m_cr_exit, lo_vk_png, hi_vk_png, lo_cr_png, hi_cr_png;
    double m_vk_maxrss, m_vk_pss, m_vk_rss_sampled, m_cr_rss, m_cr_pss, m_cr_self, m_cr_procs, m_cr_seen, m_cr_cost;
    double m_cr_samples, m_cr_png_sampled, hi_vk_maxrss, hi_cr_pss;
    int cr_killed;
} cold_result;

static bool watch(char *const *argv, const char *png, unsigned sample_ms, const char *log, bench_watch_result *r)
{
    char err[1200];
    bench_watch_opts w = {.argv = argv, .out_file = png, .sample_ms = sample_ms, .output = log, .quiet = !log,
                          .timeout_s = 120};
    if (!bench_watch_run(&w, r, err, sizeof err)) {
        fprintf(stderr, "\nvelkommen-bench-browser: %s\n", err);
        return false;
    }
    int code = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128 + WTERMSIG(r->status);
    if (code != 0) {
        fprintf(stderr, "\nvelkommen-bench-browser: %s exited with status %d%s%s\n", argv[0], code, log ? "; see " : "",
                log ? log : "");
        return false;
    }
    return true;
}

static double med(const double *v, int n)
{
    double c[MAX_RUNS];
    memcpy(c, v, (size_t)n * sizeof *c);
    return bench_median(c, (size_t)n);
}

static double lo(const double *v, int n)
{
    double m = v[0];
    for (int i = 1; i < n; i++)
        m = fmin(m, v[i]);
    return m;
}

static double hi(const double *v, int n)
{
    double m = v[0];
    for (int i = 1; i < n; i++)
        m = fmax(m, v[i]);
    return m;
}

static bool cold_start(const options *o, const page_info *p, cold_result *c)
{
    *c = (cold_result){.runs = o->runs};
    char vk_png[PATH_MAX + 64], cr_png[PATH_MAX + 64], profile[PATH_MAX + 64], shot[PATH_MAX + 80], url[PATH_MAX + 16],
        vk_log[PATH_MAX + 64], cr_log[PATH_MAX + 64];
    fmt(vk_png, sizeof vk_png, "%s/velkommen-%s.png", o->out, p->lang);
    fmt(cr_png, sizeof cr_png, "%s/chromium-%s.png", o->out, p->lang);
    fmt(profile, sizeof profile, "--user-data-dir=%s/chromium-profile", o->out);
    fmt(shot, sizeof shot, "--screenshot=%s", cr_png);
    fmt(url, sizeof url, "file://%s", p->html);
    fmt(vk_log, sizeof vk_log, "%s/velkommen-%s.log", o->out, p->lang);
    fmt(cr_log, sizeof cr_log, "%s/chromium-%s.log", o->out, p->lang);
    char *vk[] = {(char *)o->cli, "render", "--data", (char *)o->data, "--lang", (char *)p->lang, "--page", (char *)p->id,
                  "--size", SCREEN, "--out", vk_png, NULL};
    char *cr[] = {(char *)o->chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                  "--window-size=1920,1080", profile, shot, url, NULL};
    bench_watch_result r;
    /* warm-up: the page cache, the profile folder, fontconfig's cache */
    fprintf(stderr, "velkommen-bench-browser: %s: warm-up", p->lang);
    if (!watch(vk, vk_png, 0, vk_log, &r) || !watch(cr, cr_png, 0, cr_log, &r))
        return false;
    fprintf(stderr, ", timed runs");
    for (int i = 0; i < o->runs; i++) {
        if (!watch(vk, vk_png, 0, vk_log, &r))
            return false;
        c->vk_png[i] = r.out_ms;
        c->vk_exit[i] = r.exit_ms;
        if (!watch(cr, cr_png, 0, cr_log, &r))
            return false;
        c->cr_png[i] = r.out_ms;
        c->cr_exit[i] = r.exit_ms;
        c->cr_killed += r.killed;
        fprintf(stderr, ".");
    }
    fprintf(stderr, ", sampled runs");
    for (int i = 0; i < o->runs; i++) {
        if (!watch(vk, vk_png, o->sample_ms, vk_log, &r))
            return false;
        c->vk_maxrss[i] = (double)r.maxrss_kb / KB_PER_MB;
        c->vk_pss[i] = (double)r.peak_pss_kb / KB_PER_MB;
        c->vk_rss_sampled[i] = (double)r.peak_rss_kb / KB_PER_MB;
        if (!watch(cr, cr_png, o->sample_ms, cr_log, &r))
            return false;
        c->cr_rss[i] = (double)r.peak_rss_kb / KB_PER_MB;
        c->cr_pss[i] = (double)r.peak_pss_kb / KB_PER_MB;
        c->cr_self[i] = (double)r.peak_self_rss_kb / KB_PER_MB;
        c->cr_procs[i] = r.max_procs;
        c->cr_seen[i] = r.procs_seen;
        c->cr_cost[i] = r.sample_cost_ms;
        c->cr_samples[i] = (double)r.samples;
        c->cr_png_sampled[i] = r.out_ms;
        c->cr_killed += r.killed;
        fprintf(stderr, ".");
    }
    fprintf(stderr, "\n");
    int n = o->runs;
    c->m_vk_png = med(c->vk_png, n);
    c->m_vk_exit = med(c->vk_exit, n);
    c->m_cr_png = med(c->cr_png, n);
    c->m_cr_exit = med(c->cr_exit, n);
    c->lo_vk_png = lo(c->vk_png, n);
    c->hi_vk_png = hi(c->vk_png, n);
    c->lo_cr_png = lo(c->cr_png, n);
    c->hi_cr_png = hi(c->cr_png, n);
    c->m_vk_maxrss = med(c->vk_maxrss, n);
    c->hi_vk_maxrss = hi(c->vk_maxrss, n);
    c->m_vk_pss = med(c->vk_pss, n);
    c->m_vk_rss_sampled = med(c->vk_rss_sampled, n);
    c->m_cr_rss = med(c->cr_rss, n);
    c->m_cr_pss = med(c->cr_pss, n);
    c->hi_cr_pss = hi(c->cr_pss, n);
    c->m_cr_self = med(c->cr_self, n);
    c->m_cr_procs = med(c->cr_procs, n);
    c->m_cr_seen = med(c->cr_seen, n);
    c->m_cr_cost = med(c->cr_cost, n);
    c->m_cr_samples = med(c->cr_samples, n);
    c->m_cr_png_sampled = med(c->cr_png_sampled, n);
    return true;
}

/* ---- where Velkommen's cold start goes --------------------------------------------------------- */

/* What an exec'd child (this program with PHASES_ARG) sends back. */
typedef struct phases_msg {
    bool ok;
    char err[1024];
    double main_at;   /* CLOCK_MONOTONIC ms when its main() began */
    bench_phase_result r;
} phases_msg;

#define PHASES_ARG "--render-steps-child"

/* The child: render's steps on DATA LANG PAGE PNG, the result on standard output. */
static int phases_child_main(double main_at, char **argv)
{
    phases_msg m = {.main_at = main_at};
    m.ok = bench_phases_measure(argv[0], argv[1], argv[2], argv[3], &m.r, m.err, sizeof m.err);
    write_all(1, &m, sizeof m);
    return m.ok ? 0 : 1;
}

/* Medians of o->runs fresh processes (this program exec'd again, so it starts, links the same
 * libraries and loads everything as `velkommen render` does), each doing render's steps once;
 * ms[BENCH_PHASE_START]: from fork to its main(). */
static bool phases(const options *o, const page_info *p, bench_phase_result *m)
{
    char png[PATH_MAX + 64], self[PATH_MAX];
    fmt(png, sizeof png, "%s/steps-%s.png", o->out, p->lang);
    ssize_t sn = readlink("/proc/self/exe", self, sizeof self - 1);
    if (sn <= 0)
        return false;
    self[sn] = 0;
    static bench_phase_result r[MAX_RUNS];
    for (int i = 0; i < o->runs; i++) {
        int fds[2];
        if (pipe(fds) != 0)
            return false;
        fflush(NULL);
        double t0 = bench_now_ms();
        pid_t pid = fork();
        if (pid == 0) {
            dup2(fds[1], 1);
            close(fds[0]);
            close(fds[1]);
            execl(self, self, PHASES_ARG, o->data, p->lang, p->id, png, (char *)NULL);
            _exit(127);
        }
        close(fds[1]);
        static phases_msg msg;
        bool got = pid > 0 && read_all(fds[0], &msg, sizeof msg);
        close(fds[0]);
        if (pid > 0)
            waitpid(pid, NULL, 0);
        if (!got || !msg.ok) {
            fprintf(stderr, "velkommen-bench-browser: %s: render's steps: %s\n", p->lang,
                    got ? msg.err : "the child process died");
            return false;
        }
        r[i] = msg.r;
        r[i].ms[BENCH_PHASE_START] = msg.main_at - t0;
    }
    double v[MAX_RUNS];
    *m = r[0];
#define MEDIAN_OF(field)                                                                                           \
    do {                                                                                                           \
        for (int i = 0; i < o->runs; i++)                                                                          \
            v[i] = (double)r[i].field;                                                                             \
        m->field = bench_median(v, (size_t)o->runs);                                                               \
    } while (0)
    for (int k = 0; k < BENCH_PHASES; k++) {
        MEDIAN_OF(ms[k]);
        MEDIAN_OF(rss_kb[k]);
    }
    MEDIAN_OF(hwm_kb);
    MEDIAN_OF(catalogs_ms);
    MEDIAN_OF(content_ms);
    MEDIAN_OF(fonts_ms);
#undef MEDIAN_OF
    return true;
}

/* ---- 3: frame time, from velkommen-bench-ui --------------------------------------------------- */

typedef struct ui_figures {
    bool ok;
    double frames, p50, p99, max, fps, build_p50, draw_p50, glyphs, hit_rate, resets, atlas_glyphs, over, open_ms;
} ui_figures;

static double kv_get(const char *text, const char *key)
{
    size_t n = strlen(key);
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, key, n) == 0 && p[n] == '=')
            return atof(p + n + 1);
    return NAN;
}

static bool frame_time(const options *o, const page_info *p, ui_figures *f)
{
    *f = (ui_figures){0};
    char kv[PATH_MAX + 64], log[PATH_MAX + 64];
    fmt(kv, sizeof kv, "%s/bench-ui-%s.kv", o->out, p->lang);
    fmt(log, sizeof log, "%s/bench-ui-%s.txt", o->out, p->lang);
    char *argv[] = {(char *)o->bench_ui, "--data", (char *)o->data, "--lang", (char *)p->lang, "--page", (char *)p->id,
                    "--kv", kv, o->quick ? "--quick" : NULL, NULL};
    bench_watch_result r;
    fprintf(stderr, "velkommen-bench-browser: %s: velkommen-bench-ui (%s)\n", p->lang, log);
    unlink(kv);
    /* its scrolling figures count even when a later part of it (the taps) failed */
    bool ran = watch(argv, NULL, 0, log, &r);
    FILE *in = fopen(kv, "r");
    char text[8192] = "";
    size_t n = in ? fread(text, 1, sizeof text - 1, in) : 0;
    text[n] = 0;
    if (in)
        fclose(in);
    f->frames = kv_get(text, "scroll_frames");
    f->p50 = kv_get(text, "scroll_p50_ms");
    f->p99 = kv_get(text, "scroll_p99_ms");
    f->max = kv_get(text, "scroll_max_ms");
    f->fps = kv_get(text, "scroll_fps");
    f->build_p50 = kv_get(text, "scroll_build_p50_ms");
    f->draw_p50 = kv_get(text, "scroll_draw_p50_ms");
    f->glyphs = kv_get(text, "glyphs_per_frame");
    f->hit_rate = kv_get(text, "atlas_hit_rate");
    f->resets = kv_get(text, "atlas_resets");
    f->atlas_glyphs = kv_get(text, "atlas_glyphs");
    f->over = kv_get(text, "scroll_over_budget");
    f->open_ms = kv_get(text, "page_open_ms");
    f->ok = !isnan(f->p99) && f->frames > 0;
    if (!ran && f->ok)
        fprintf(stderr, "velkommen-bench-browser: %s: its scrolling figures are used all the same\n", p->lang);
    if (!f->ok)
        fprintf(stderr, "velkommen-bench-browser: %s: no figures in %s\n", p->lang, kv);
    return f->ok;
}

/* ---- 4: reload ---------------------------------------------------------------------------------- */

typedef struct reload_arg {
    const options *o;
    const page_info *p;
} reload_arg;

static bool reload_child(void *argp, void *outp, char *err, size_t err_size)
{
    reload_arg *a = argp;
    return bench_reload_run(a->o->data, a->p->lang, a->p->id, a->o->reload_changes, 200, outp, err, err_size);
}

/* ---- 5: scale ----------------------------------------------------------------------------------- */

typedef struct scale_row {
    int factor;
    bool ok;
    double bytes;
    size_t pages, sections, errors, warnings;
    double load_ms, pictures_ms, page_ms, home_ms, check_ms;
    double base_mb, loaded_mb, shown_mb, maxrss_mb, check_mb;
} scale_row;

typedef struct scale_arg {
    const options *o;
    const char *dir;
    const page_info *p;
} scale_arg;

static bool scale_child(void *argp, void *outp, char *err, size_t err_size)
{
    scale_arg *a = argp;
    return bench_scale_measure(a->o->data, a->dir, a->p->lang, a->p->id, outp, err, err_size);
}

static double tree_bytes;
static int add_size(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)path;
    (void)ftw;
    if (flag == FTW_F)
        tree_bytes += (double)st->st_size;
    return 0;
}

static bool scale(const options *o, const page_info *p, int factor, scale_row *row)
{
    *row = (scale_row){.factor = factor};
    char root[PATH_MAX + 32], dir[PATH_MAX + 64], src[PATH_MAX + 16], err[1200];
    fmt(root, sizeof root, "%s/scale-%d", o->out, factor);
    fmt(dir, sizeof dir, "%s/content", root);
    fmt(src, sizeof src, "%s/content", o->data);
    bench_remove_tree(root);
    mkdir(root, 0755);
    if (!bench_scale_make(src, dir, factor, err, sizeof err)) {
        fprintf(stderr, "velkommen-bench-browser: %s\n", err);
        return false;
    }
    tree_bytes = 0;
    nftw(dir, add_size, 16, FTW_PHYS);
    row->bytes = tree_bytes;
    int reps = o->scale_reps;
    double load[MAX_RUNS], pics[MAX_RUNS], page[MAX_RUNS], home[MAX_RUNS], base[MAX_RUNS], loaded[MAX_RUNS],
        shown[MAX_RUNS], peak[MAX_RUNS], check[MAX_RUNS], check_mb[MAX_RUNS];
    scale_arg a = {o, dir, p};
    for (int i = 0; i < reps; i++) {
        bench_scale_result r;
        long child_maxrss = 0;
        if (!in_child(scale_child, &a, &r, sizeof r, err, sizeof err, &child_maxrss)) {
            fprintf(stderr, "velkommen-bench-browser: scale %dx: %s\n", factor, err);
            return false;
        }
        row->pages = r.pages;
        row->sections = r.sections;
        row->errors = r.errors;
        row->warnings = r.warnings;
        load[i] = r.load_ms;
        pics[i] = r.pictures_ms;
        page[i] = r.page_ms;
        home[i] = r.home_ms;
        base[i] = (double)r.base_rss_kb / KB_PER_MB;
        loaded[i] = (double)r.loaded_rss_kb / KB_PER_MB;
        shown[i] = (double)r.shown_rss_kb / KB_PER_MB;
        peak[i] = (double)child_maxrss / KB_PER_MB; /* the whole child, from wait4 */
        /* `velkommen check DIR`: a separate content folder, so no catalogs */
        char *argv[] = {(char *)o->cli, "check", dir, NULL};
        bench_watch_result w;
        if (!watch(argv, NULL, 0, NULL, &w)) {
            fprintf(stderr, "velkommen-bench-browser: scale %dx: velkommen check %s failed\n", factor, dir);
            return false;
        }
        check[i] = w.exit_ms;
        check_mb[i] = (double)w.maxrss_kb / KB_PER_MB;
        fprintf(stderr, ".");
    }
    row->load_ms = med(load, reps);
    row->pictures_ms = med(pics, reps);
    row->page_ms = med(page, reps);
    row->home_ms = med(home, reps);
    row->base_mb = med(base, reps);
    row->loaded_mb = med(loaded, reps);
    row->shown_mb = med(shown, reps);
    row->maxrss_mb = med(peak, reps);
    row->check_ms = med(check, reps);
    row->check_mb = med(check_mb, reps);
    row->ok = true;
    bench_remove_tree(root);
    return true;
}

/* ---- the machine -------------------------------------------------------------------------------- */

static void machine(char *buf, size_t size)
{
    char model[256] = "unknown CPU", line[512];
    FILE *f = fopen("/proc/cpuinfo", "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0) {
            char *c = strchr(line, ':');
            fmt(model, sizeof model, "%s", c ? c + 2 : line);
            model[strcspn(model, "\n")] = 0;
            break;
        }
    if (f)
        fclose(f);
    long mem_kb = 0;
    f = fopen("/proc/meminfo", "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "MemTotal:", 9) == 0)
            mem_kb = atol(line + 9);
    if (f)
        fclose(f);
    char os[256] = "Linux";
    f = fopen("/etc/os-release", "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "PRETTY_NAME=", 12) == 0) {
            fmt(os, sizeof os, "%s", line + 12 + (line[12] == '"'));
            os[strcspn(os, "\"\n")] = 0;
        }
    if (f)
        fclose(f);
    struct utsname u;
    uname(&u);
    fmt(buf, size, "%ld CPUs (%s), %.0f GB RAM, %s, kernel %s", sysconf(_SC_NPROCESSORS_ONLN), model,
        (double)mem_kb / 1024 / 1024, os, u.release);
}

static void loadavg(char *buf, size_t size)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double a = 0, b = 0, c = 0;
    if (f && fscanf(f, "%lf %lf %lf", &a, &b, &c) == 3)
        fmt(buf, size, "%.2f %.2f %.2f", a, b, c);
    else
        fmt(buf, size, "?");
    if (f)
        fclose(f);
}

/* CPU seconds the whole machine spent busy (/proc/stat), and this process with everything it waited
 * for: the difference over a run is what other programs took from it. */
static double machine_busy_s(void)
{
    FILE *f = fopen("/proc/stat", "r");
    unsigned long long v[10] = {0};
    int n = f ? fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
                       &v[6], &v[7])
              : 0;
    if (f)
        fclose(f);
    if (n < 8)
        return NAN;
    /* user nice system (idle iowait) irq softirq steal */
    return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) / (double)sysconf(_SC_CLK_TCK);
}

static double own_cpu_s(void)
{
    struct rusage a, b;
    getrusage(RUSAGE_SELF, &a);
    getrusage(RUSAGE_CHILDREN, &b);
    return (double)(a.ru_utime.tv_sec + a.ru_stime.tv_sec + b.ru_utime.tv_sec + b.ru_stime.tv_sec) +
           (double)(a.ru_utime.tv_usec + a.ru_stime.tv_usec + b.ru_utime.tv_usec + b.ru_stime.tv_usec) / 1e6;
}

static void chromium_version(const char *chromium, char *buf, size_t size)
{
    char cmd[PATH_MAX + 64];
    fmt(cmd, sizeof cmd, "'%s' --version 2>/dev/null", chromium);
    FILE *p = popen(cmd, "r");
    fmt(buf, size, "unknown version");
    if (p && fgets(buf, (int)size, p))
        buf[strcspn(buf, "\n")] = 0;
    if (p)
        pclose(p);
}

/* ---- main --------------------------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: velkommen-bench-browser [--quick] [--data DIR] [--cli PATH] [--chromium PATH] [--runs N]\n"
            "                               [--lang CODE]... [--out DIR] [--sample-ms N] [--only LIST]\n"
            "  --quick          3 runs, fewer frames, changes and sizes: a smoke run, figures not stable\n"
            "  --data DIR       data directory (default: VELKOMMEN_DATA, else the source tree of the build)\n"
            "  --cli PATH       the velkommen program (default: ../velkommen beside this program)\n"
            "  --chromium PATH  the browser (default: chromium)\n"
            "  --runs N         timed runs per program and page, after one warm-up (default 7)\n"
            "  --lang CODE      a language whose longest page is compared (default: ar and ti; repeatable)\n"
            "  --out DIR        keep the generated HTML, the PNGs and the logs in DIR (default: a temporary\n"
            "                   folder, removed at the end)\n"
            "  --sample-ms N    how often the process trees' memory is sampled (default 5)\n"
            "  --only LIST      some of cold,ui,reload,scale (comma-separated): cold start, memory and where they\n"
            "                   go; scrolling; live reload; content at scale (default: all)\n");
}

static bool self_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0)
        return false;
    buf[n] = 0;
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = 0;
    return true;
}

static const char *verdict(bool met)
{
    return met ? "MET" : "NOT MET";
}

int main(int argc, char **argv)
{
    double main_at = bench_now_ms();
    if (argc == 6 && strcmp(argv[1], PHASES_ARG) == 0)
        return phases_child_main(main_at, argv + 2);
    options o = {.chromium = "chromium", .runs = 7, .sample_ms = 5, .reload_changes = 10, .scale_reps = 3};
    const char *data_opt = NULL, *out_opt = NULL, *cli_opt = NULL;
    int runs_opt = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0)
            o.quick = true;
        else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data_opt = argv[++i];
        else if (strcmp(argv[i], "--cli") == 0 && i + 1 < argc)
            cli_opt = argv[++i];
        else if (strcmp(argv[i], "--chromium") == 0 && i + 1 < argc)
            o.chromium = argv[++i];
        else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
            runs_opt = atoi(argv[++i]);
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
            if (o.nlangs < MAX_LANGS)
                o.langs[o.nlangs++] = argv[++i];
            else
                i++;
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out_opt = argv[++i];
        else if (strcmp(argv[i], "--sample-ms") == 0 && i + 1 < argc)
            o.sample_ms = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            const char *w = argv[++i];
            o.only |= strstr(w, "cold") ? SECTION_COLD : 0;
            o.only |= strstr(w, "ui") ? SECTION_UI : 0;
            o.only |= strstr(w, "reload") ? SECTION_RELOAD : 0;
            o.only |= strstr(w, "scale") ? SECTION_SCALE : 0;
            if (!o.only) {
                usage(stderr);
                return 2;
            }
        }
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!o.only)
        o.only = SECTION_ALL;
    if (o.nlangs == 0) {
        o.langs[o.nlangs++] = "ar";
        o.langs[o.nlangs++] = "ti";
    }
    o.runs = runs_opt > 0 ? runs_opt : o.quick ? 3 : 7;
    if (o.runs > MAX_RUNS)
        o.runs = MAX_RUNS;
    if (o.sample_ms == 0)
        o.sample_ms = 1;
    o.factors[o.nfactors++] = 1;
    o.factors[o.nfactors++] = 10;
    if (!o.quick)
        o.factors[o.nfactors++] = 100;
    if (o.quick) {
        o.reload_changes = 4;
        o.scale_reps = 1;
    }

    static char data_abs[PATH_MAX];
    char found[1024], here[PATH_MAX];
    const char *data = app_data_dir(data_opt, found, sizeof found);
    if (!realpath(data, data_abs)) {
        fprintf(stderr, "velkommen-bench-browser: %s: %s\n", data, strerror(errno));
        return 2;
    }
    o.data = data_abs;
    if (!self_dir(here, sizeof here)) {
        fprintf(stderr, "velkommen-bench-browser: cannot find where this program is\n");
        return 2;
    }
    if (cli_opt)
        fmt(o.cli, sizeof o.cli, "%s", cli_opt);
    else
        fmt(o.cli, sizeof o.cli, "%s/../velkommen", here);
    fmt(o.bench_ui, sizeof o.bench_ui, "%s/velkommen-bench-ui", here);
    if (out_opt) {
        mkdir(out_opt, 0755);
        if (!realpath(out_opt, o.out)) {
            fprintf(stderr, "velkommen-bench-browser: %s: %s\n", out_opt, strerror(errno));
            return 2;
        }
        o.keep = true;
    } else {
        const char *tmpdir = getenv("TMPDIR"); /* the system's temporary folder unless one is set */
        fmt(o.out, sizeof o.out, "%s/velkommen-bench-browser-XXXXXX", tmpdir && *tmpdir ? tmpdir : P_tmpdir);
        if (!mkdtemp(o.out)) {
            fprintf(stderr, "velkommen-bench-browser: cannot make a temporary folder: %s\n", strerror(errno));
            return 2;
        }
    }

    double t_start = bench_now_ms(), busy_start = machine_busy_s(), own_start = own_cpu_s();
    char mach[512], load_start[64], version[256], err[1200];
    machine(mach, sizeof mach);
    loadavg(load_start, sizeof load_start);
    chromium_version(o.chromium, version, sizeof version);
    int status = 0;

    /* 0: the pages, and their HTML */
    page_info pages[MAX_LANGS];
    memset(pages, 0, sizeof pages);
    prepare_arg pa = {&o};
    if (!in_child(prepare, &pa, pages, sizeof pages, err, sizeof err, NULL)) {
        fprintf(stderr, "velkommen-bench-browser: %s\n", err);
        return 2;
    }
    printf("velkommen-bench-browser%s: Velkommen against a browser kiosk, %s\n  %s\n", o.quick ? " --quick" : "",
           SCREEN, version);
    for (int i = 0; i < o.nlangs; i++)
        printf("  %s: %s, the page with the most text in %s: %zu characters in %zu blocks%s;\n"
               "      as HTML generated from the same localized content: %.0f kB\n",
               pages[i].lang, pages[i].id, pages[i].lang, pages[i].chars, pages[i].blocks,
               pages[i].fallbacks ? " (some in a fallback language)" : "", (double)pages[i].html_bytes / 1024);
    fflush(stdout);

    /* 1, 2 */
    cold_result cold[MAX_LANGS];
    bench_phase_result ph[MAX_LANGS];
    bool cold_ok = (o.only & SECTION_COLD) != 0;
    for (int i = 0; i < o.nlangs && cold_ok; i++)
        cold_ok = cold_start(&o, &pages[i], &cold[i]) && phases(&o, &pages[i], &ph[i]);
    if (!cold_ok && (o.only & SECTION_COLD))
        status = 1;
    else if (cold_ok) {
        printf("\nCold start to the first frame: ms from fork until the PNG is complete (until exit); median [min-max]\n"
               "  of %d runs after a warm-up, Velkommen and Chromium in turn, files in the page cache\n",
               o.runs);
        printf("%-4s %-24s %22s %8s %24s %8s %10s\n", "lang", "page", "velkommen render", "exit", "chromium --headless",
               "exit", "ratio");
        for (int i = 0; i < o.nlangs; i++) {
            const cold_result *c = &cold[i];
            char a[64], b[64];
            fmt(a, sizeof a, "%.0f [%.0f-%.0f]", c->m_vk_png, c->lo_vk_png, c->hi_vk_png);
            fmt(b, sizeof b, "%.0f [%.0f-%.0f]", c->m_cr_png, c->lo_cr_png, c->hi_cr_png);
            printf("%-4s %-24s %22s %8.0f %24s %8.0f %9.1fx\n", pages[i].lang, pages[i].id, a, c->m_vk_exit, b,
                   c->m_cr_exit, c->m_cr_png / c->m_vk_png);
        }
        printf("  ratio = Chromium's time to its PNG / Velkommen's\n");

        printf("\nPeak memory, MB (2^20 bytes), median of %d runs of each (max in brackets). Velkommen: its ru_maxrss\n"
               "  (wait4), and its PSS sampled. Chromium: its process tree sampled every %u ms from /proc, VmRSS and\n"
               "  PSS summed over the processes alive at a sample, the peak sum of a run\n",
               o.runs, o.sample_ms);
        printf("%-4s | %10s %7s | %5s %9s %15s %12s | %9s %9s\n", "lang", "velkommen", "PSS", "procs", "RSS sum",
               "PSS sum", "browser RSS", "PSS ratio", "RSS ratio");
        for (int i = 0; i < o.nlangs; i++) {
            const cold_result *c = &cold[i];
            char a[32], b[32];
            fmt(a, sizeof a, "%.1f", c->m_vk_maxrss);
            fmt(b, sizeof b, "%.1f [%.1f]", c->m_cr_pss, c->hi_cr_pss);
            printf("%-4s | %10s %7.1f | %5.0f %9.1f %15s %12.1f | %8.1fx %8.1fx\n", pages[i].lang, a, c->m_vk_pss,
                   c->m_cr_procs, c->m_cr_rss, b, c->m_cr_self, c->m_cr_pss / c->m_vk_maxrss,
                   c->m_cr_rss / c->m_vk_maxrss);
        }
        printf("  procs: the most Chromium processes alive at one sample (%.0f seen in a run); browser RSS: its\n"
               "  first process alone. PSS divides each shared page among the processes that map it, so the PSS sum\n"
               "  counts every page once and is the fair total; the RSS sum counts the shared libraries and shared\n"
               "  memory once per process. Ratios: Chromium's sum / Velkommen's ru_maxrss (its RSS, not its PSS,\n"
               "  which is smaller: the comparison does not flatter Velkommen). A sample of Chromium's tree took\n"
               "  %.1f ms (smaps_rollup walks every mapping), so about %.0f samples were taken in a run; sampling slows\n"
               "  the browser (its PNG came after %.0f ms instead of %.0f), so the timed runs above are not sampled.\n",
               cold[0].m_cr_seen, cold[0].m_cr_cost, cold[0].m_cr_samples, cold[0].m_cr_png_sampled, cold[0].m_cr_png);
        if (cold[0].cr_killed)
            printf("  %d Chromium processes outlived the browser by 5 s and were killed\n", cold[0].cr_killed);

        printf("\nWhere Velkommen's cold start goes: velkommen render's steps one by one in a fresh process (this\n"
               "  program exec'd again: the same libraries), median of %d; ms, and VmRSS after the step in MB\n",
               o.runs);
        printf("%-52s", "step");
        for (int i = 0; i < o.nlangs; i++)
            printf(" %5s ms %6s", pages[i].lang, "RSS");
        printf("\n");
        static const char *const names[BENCH_PHASES] = {
            "fork, exec, dynamic linking: until main()", "app_resources_load: catalogs, fonts, content",
            "renderer: 1920x1080 surface, 1024x1024 glyph atlas", "ui_show + ui_frame: localize, lay out, picture",
            "render_display_list", "render_save_png: read back, encode PNG, write"};
        for (int k = 0; k < BENCH_PHASES; k++) {
            printf("%-52s", names[k]);
            for (int i = 0; i < o.nlangs; i++)
                printf(" %8.1f %6.1f", ph[i].ms[k], (double)ph[i].rss_kb[k] / KB_PER_MB);
            printf("\n");
            if (k == BENCH_PHASE_RESOURCES) {
                char t[3][80];
                fmt(t[0], sizeof t[0], "  timed again: %d catalogs (libgettextpo)", ph[0].catalogs);
                fmt(t[1], sizeof t[1], "  timed again: the content tree");
                fmt(t[2], sizeof t[2], "  timed again: %d fonts", ph[0].fonts);
                for (int q = 0; q < 3; q++) {
                    printf("%-52s", t[q]);
                    for (int i = 0; i < o.nlangs; i++)
                        printf(" %8.1f %6s", q == 0 ? ph[i].catalogs_ms : q == 1 ? ph[i].content_ms : ph[i].fonts_ms, "");
                    printf("\n");
                }
            }
        }
        printf("%-52s", "sum of the steps / peak VmHWM");
        for (int i = 0; i < o.nlangs; i++) {
            double sum = 0;
            for (int k = 0; k < BENCH_PHASES; k++)
                sum += ph[i].ms[k];
            printf(" %8.1f %6.1f", sum, (double)ph[i].hwm_kb / KB_PER_MB);
        }
        printf("\n%-52s", "velkommen render, as timed above / its ru_maxrss");
        for (int i = 0; i < o.nlangs; i++)
            printf(" %8.1f %6.1f", cold[i].m_vk_png, cold[i].m_vk_maxrss);
        printf("\n  the RSS after main() began is what the libraries' relocations and start-up touched\n");
    }
    fflush(stdout);

    /* 3 */
    ui_figures fig[MAX_LANGS];
    memset(fig, 0, sizeof fig);
    bool fig_ok = true;
    for (int i = 0; i < o.nlangs && (o.only & SECTION_UI); i++)
        fig_ok = frame_time(&o, &pages[i], &fig[i]) && fig_ok;
    if (!fig_ok)
        status = 1;
    if (o.only & SECTION_UI)
        printf("\nScrolling the same page: velkommen-bench-ui --page ID --lang L (a finger drags 600 px in 36 frames and\n"
           "  lets go, the page flings, over and over; 16 ms steps; event to pixels in SDL's software renderer)\n");
    if (o.only & SECTION_UI)
        printf("%-4s %7s %8s %8s %8s %6s %7s %9s %9s %7s %10s %6s\n", "lang", "frames", "p50 ms", "p99 ms", "max ms",
               ">16.7", "fps", "build p50", "draw p50", "glyphs", "atlas hits", "resets");
    for (int i = 0; i < o.nlangs && (o.only & SECTION_UI); i++)
        if (fig[i].ok)
            printf("%-4s %7.0f %8.2f %8.2f %8.2f %6.0f %7.0f %9.2f %9.2f %7.0f %9.2f%% %6.0f\n", pages[i].lang,
                   fig[i].frames, fig[i].p50, fig[i].p99, fig[i].max, fig[i].over, fig[i].fps, fig[i].build_p50,
                   fig[i].draw_p50, fig[i].glyphs, 100 * fig[i].hit_rate, fig[i].resets);
    if (o.only & SECTION_UI)
        printf("  >16.7: frames over a 60 Hz period; fps = 1000 / mean frame time, without the display's 60 Hz cap;\n"
               "  build, draw: ui_frame and render_display_list; glyphs drawn per frame; atlas hits: glyph look-ups\n"
               "  during the scrolling frames that found the glyph already in the atlas\n");
    fflush(stdout);

    /* 4 */
    bench_reload_result rl;
    reload_arg ra = {&o, &pages[0]};
    bool rl_ok = (o.only & SECTION_RELOAD) != 0;
    if (rl_ok) {
        fprintf(stderr, "velkommen-bench-browser: reload, %d changes\n", o.reload_changes);
        rl_ok = in_child(reload_child, &ra, &rl, sizeof rl, err, sizeof err, NULL);
    }
    if (!rl_ok && (o.only & SECTION_RELOAD)) {
        fprintf(stderr, "velkommen-bench-browser: reload: %s\n", err);
        status = 1;
    } else if (rl_ok) {
        printf("\nReload of the bundled tree (%zu pages), %s showing %s: the page's file rewritten\n"
               "  on disk until the new frame is drawn; %d changes after a warm-up, edits 250-500 ms apart; the\n"
               "  reloader as the kiosk runs it (inotify, then SETTLE_MS of quiet, src/app/reload.c; a poll\n"
               "  every 200 ms), its SDL event waking the loop\n",
               rl.pages, pages[0].lang, pages[0].id, rl.changes);
        printf("%-46s %8s %8s %8s %8s\n", "ms", "median", "p90", "min", "max");
        printf("%-46s %8.1f %8.1f %8.1f %8.1f\n", "file written -> new frame drawn", rl.total_med, rl.total_p90,
               rl.total_min, rl.total_max);
        printf("%-46s %8.1f %8s %8s %8.1f\n", "  file written -> app_reloader_take has the tree", rl.take_med, "", "",
               rl.take_max);
        printf("%-46s %8.1f %8s %8s %8.1f\n", "  ui_set_content + ui_frame + render_display_list", rl.frame_med, "", "",
               rl.frame_max);
        printf("  alone, median of 7: content_tree_load %.1f ms, app_content_signature %.2f ms (twice per load)%s\n",
               rl.load_med, rl.signature_med, rl.failures ? "; SOME CHANGES NEVER SHOWED" : "");
    }
    fflush(stdout);

    /* 5 */
    scale_row rows[MAX_FACTORS];
    bool sc_ok = (o.only & SECTION_SCALE) != 0;
    if (sc_ok)
        fprintf(stderr, "velkommen-bench-browser: scale");
    for (int i = 0; i < o.nfactors && sc_ok; i++) {
        fprintf(stderr, " %dx", o.factors[i]);
        sc_ok = scale(&o, &pages[0], o.factors[i], &rows[i]);
    }
    if (o.only & SECTION_SCALE)
        fprintf(stderr, "\n");
    if (!sc_ok && (o.only & SECTION_SCALE))
        status = 1;
    else if (sc_ok) {
        printf("\nScale: the bundled sections copied under new names, %dx and more; each size measured in %d fresh\n"
               "  process%s (median), after the fonts and catalogs are loaded; ms, MB\n",
               o.factors[o.nfactors - 1], o.scale_reps, o.scale_reps == 1 ? "" : "es");
        printf("%-4s %5s %4s %4s|%6s %4s %6s %6s|%6s %5s|%5s %5s %5s %5s %5s\n", "size", "pages", "dirs", "MB", "load",
               "us/p", "pics", "check", "page", "home", "base", "+tree", "+UI", "peak", "check");
        for (int i = 0; i < o.nfactors; i++) {
            const scale_row *r = &rows[i];
            char size[16];
            fmt(size, sizeof size, "%dx", r->factor);
            printf("%-4s %5zu %4zu %4.1f|%6.1f %4.0f %6.0f %6.0f|%6.1f %5.1f|%5.1f %5.1f %5.1f %5.1f %5.1f\n", size, r->pages, r->sections, r->bytes / 1048576, r->load_ms, 1e3 * r->load_ms / (double)r->pages,
                   r->pictures_ms, r->check_ms, r->page_ms, r->home_ms, r->base_mb, r->loaded_mb - r->base_mb,
                   r->shown_mb - r->loaded_mb, r->maxrss_mb, r->check_mb);
            if (r->errors)
                printf("      %zu errors in the generated tree: its figures are not a kiosk's\n", r->errors);
        }
        printf("  load: content_tree_load (reading, parsing and the tree's own checks: front matter, links,\n"
               "  names), us/p: the same a page; pics: app_check_pictures, the rest of what `velkommen check DIR`\n"
               "  checks; check: `velkommen check DIR` as a process, start to exit. page: ui_show + ui_frame of\n"
               "  %s (the UI lays out only the screen it shows); home: the same for the home\n"
               "  screen, a tile per top-level folder. base: VmRSS with fonts and catalogs; +tree: what\n"
               "  content_tree_load added; +UI: what the renderer, the glyph atlas and the two screens added; peak:\n"
               "  the process's ru_maxrss; check: ru_maxrss of `velkommen check DIR`\n",
               pages[0].id);
        if (o.nfactors >= 2) {
            /* from the second size: at 1x the tree's memory is within the heap the fonts left */
            const scale_row *a = &rows[o.nfactors - 2], *b = &rows[o.nfactors - 1];
            double k = (double)b->pages / (double)a->pages;
            printf("  growth from %dx to %dx (%.0f times the pages): load %.1f times, check %.1f times, page %.1f\n"
                   "  times, home %.1f times, memory added by the tree %.1f times (%.1f kB a page)\n",
                   a->factor, b->factor, k, b->load_ms / a->load_ms, b->check_ms / a->check_ms, b->page_ms / a->page_ms,
                   b->home_ms / a->home_ms, (b->loaded_mb - b->base_mb) / fmax(0.1, a->loaded_mb - a->base_mb),
                   (b->loaded_mb - b->base_mb) * 1024 / (double)b->pages);
        }
    }
    fflush(stdout);

    /* targets */
    printf("\nTargets%s\n", o.quick ? " (--quick: figures not stable)" : "");
    char m[256];
    if (cold_ok) {
        for (int i = 0; i < o.nlangs; i++) {
            const cold_result *c = &cold[i];
            double ratio = c->m_cr_png / c->m_vk_png;
            fmt(m, sizeof m, "%.0f ms vs %.0f ms: 1/%.1f", c->m_vk_png, c->m_cr_png, ratio);
            char t[96];
            fmt(t, sizeof t, "cold start <= 1/10 of Chromium's (%s)", pages[i].lang);
            printf("  %-46s %-36s %s\n", t, m, verdict(ratio >= TARGET_COLD_RATIO));
        }
        for (int i = 0; i < o.nlangs; i++) {
            const cold_result *c = &cold[i];
            double ratio = c->m_cr_pss / c->m_vk_maxrss;
            fmt(m, sizeof m, "%.1f MB vs %.0f MB PSS: 1/%.1f", c->m_vk_maxrss, c->m_cr_pss, ratio);
            char t[96];
            fmt(t, sizeof t, "peak RSS <= 1/8 of Chromium's total (%s)", pages[i].lang);
            printf("  %-46s %-36s %s\n", t, m, verdict(ratio >= TARGET_MEM_RATIO));
        }
        for (int i = 0; i < o.nlangs; i++) {
            const cold_result *c = &cold[i];
            fmt(m, sizeof m, "%.1f MB (max of runs %.1f)", c->m_vk_maxrss, c->hi_vk_maxrss);
            char t[96];
            fmt(t, sizeof t, "peak RSS <= 48 MB (%s)", pages[i].lang);
            printf("  %-46s %-36s %s\n", t, m, verdict(c->hi_vk_maxrss <= TARGET_MEM_MB));
        }
    }
    for (int i = 0; i < o.nlangs; i++)
        if (fig[i].ok) {
            fmt(m, sizeof m, "p99 %.2f ms, p50 %.2f ms, %.0f fps", fig[i].p99, fig[i].p50, fig[i].fps);
            char t[96];
            fmt(t, sizeof t, "scrolling p99 <= 16.7 ms (%s)", pages[i].lang);
            printf("  %-46s %-36s %s\n", t, m, verdict(fig[i].p99 <= TARGET_P99_MS));
        }
    if (rl_ok) {
        fmt(m, sizeof m, "median %.0f ms, max %.0f ms", rl.total_med, rl.total_max);
        printf("  %-46s %-36s %s\n", "reload <= 200 ms, bundled tree", m,
               verdict(rl.total_max <= TARGET_RELOAD_MS && !rl.failures));
    }
    char load_end[64];
    loadavg(load_end, sizeof load_end);
    double wall_s = (bench_now_ms() - t_start) / 1e3;
    double others = (machine_busy_s() - busy_start) - (own_cpu_s() - own_start);
    printf("\n%.0f s in all on %s\nload average %s at the start, %s at the end\nother programs kept %.0f%% of the "
           "%ld CPUs busy meanwhile (/proc/stat's busy time less this benchmark's)\n",
           wall_s, mach, load_start, load_end, 100 * fmax(0, others) / (wall_s * (double)sysconf(_SC_NPROCESSORS_ONLN)),
           sysconf(_SC_NPROCESSORS_ONLN));
    if (o.keep)
        printf("HTML, PNGs and logs in %s\n", o.out);
    else
        bench_remove_tree(o.out);
    return status;
}
