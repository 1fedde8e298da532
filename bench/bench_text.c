/* velkommen-bench: how fast the text engine lays out and draws, per offered language, at the kiosk's
 * 1920x1080 with body text of the page's size and column width, and how that compares with Pango on
 * the same paragraphs. Not a test: it prints figures and whether the targets are met
 * (README.md, "Benchmark"; scripts/bench installs what it needs, builds and runs it).
 *
 * Corpus: bench/corpus/<code>.txt under the data directory, one paragraph per line, blank lines
 * skipped (the same rule as `velkommen layout`). A "screen" is the run of consecutive paragraphs,
 * wrapping around the corpus, whose heights plus the page's paragraph gaps fit in SCREEN_TEXT_H
 * pixels: what one page of body text under the kiosk's top bar holds.
 *
 * Everything is timed with CLOCK_MONOTONIC and reported as a median of repetitions. Drawing uses SDL's
 * software renderer on a surface, blended straight onto it (render_new_on_surface) as `velkommen
 * render` does, so it needs no display. Pango is run as the pango-view program, and so is the
 * project's own `velkommen layout`, both by the slope method: the same command on the corpus once
 * and K times over, the difference divided by the extra paragraphs, so process start-up and font
 * loading cancel out.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "app/resources.h"
#include "render/draw.h"
#include "text/cache.h"
#include "text/layout.h"
#include "ui/display.h"
#include "ui/theme.h"
#include "ui/ui.h"

extern char **environ;

#define SCREEN_W 1920
#define SCREEN_H 1080
#define BODY_SIZE THEME_BODY_SIZE  /* 36 px at 1080: the page's body text */
#define COLUMN_W THEME_MEASURE     /* 1240 px: the page's column at 1920 wide */
#define TEXT_TOP (THEME_BAR_HEIGHT + 56.0f) /* where the page's first line starts (src/ui/ui.c) */
#define SCREEN_TEXT_H 900.0f      /* body text a page holds under the bar */
#define PANGO_MAX_HEIGHT 30000.0f /* cairo image surfaces stop at 32767 px */

/* The targets. */
#define TARGET_DRAW_MS 4.0        /* warm full-screen draw, software renderer */
#define TARGET_COLD_SCREEN_MS 20.0 /* cold layout of a full screen */

typedef struct iters {
    int cold_passes;   /* whole corpus, fresh layouter each */
    int screen_passes; /* each screen, cold and uncached */
    int miss_passes;
    int hit_passes;
    int frames;        /* per kind of screen */
    int slope_reps;    /* pango-view / velkommen layout runs per point */
    int slope_k;       /* pango-view: the corpus repeated up to this many times */
    int cli_k;         /* velkommen layout: the corpus repeated this many times */
    int pango_runs;    /* pango-view --runs for the in-process slope */
} iters;

typedef struct para {
    const char *s;
    size_t len;
} para;

typedef struct screen {
    size_t first, count; /* paragraphs first, first+1, ... modulo the corpus */
    size_t glyphs;
} screen;

typedef struct result {
    const char *code;
    size_t paras, chars, glyphs;
    float height;
    size_t screens;
    double paras_per_screen, glyphs_per_screen;
    double first_screen_ms;   /* the very first screen of this language laid out in the process */
    double cold_pass_ms;      /* whole corpus, fresh layouter */
    double cold_screen_ms, cold_screen_worst_ms;
    double miss_pass_ms, miss_screen_ms;
    double hit_screen_us;
    double draw_empty_med; /* a frame that only clears the screen */
    double draw_home_med, draw_home_p99; /* the kiosk's home screen, built by its UI */
    double draw_page_med, draw_page_p99; /* a content page, built by its UI; < 0 without content */
    double draw_screen_med, draw_screen_p99;
    double glyphs_per_frame;
    render_atlas_stats atlas;
    double measured_hit_rate;
    uint64_t measured_resets;
    /* Pango comparison, microseconds per paragraph; < 0 when not measured */
    int k, cli_k;
    double pango_file_us, vk_file_us, pango_runs_us, vk_inproc_us;
    double vk_pair_layout_us, vk_pair_draw_us; /* the two parts of vk_inproc_us, medians of their own */
} result;

/* ---- small helpers ------------------------------------------------------------------------------ */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Sorts v in place. */
static double percentile(double *v, size_t n, double p)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)ceil(p * (double)n);
    i = i == 0 ? 0 : i - 1;
    return v[i < n ? i : n - 1];
}

static double median(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *g = realloc(buf, cap * 2 + 1);
        if (!g)
            free(buf);
        buf = g;
        cap *= 2;
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static bool write_file(const char *path, const char *data, size_t len, int times)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = true;
    for (int i = 0; i < times && ok; i++)
        ok = fwrite(data, 1, len, f) == len && (len == 0 || data[len - 1] == '\n' || fputc('\n', f) != EOF);
    return fclose(f) == 0 && ok;
}

/* One paragraph per line; '\r' before '\n' dropped; empty lines skipped. Borrows text. */
static para *split_paragraphs(const char *text, size_t len, size_t *count)
{
    size_t cap = 16, n = 0;
    para *p = malloc(cap * sizeof *p);
    for (size_t s = 0; p && s < len;) {
        size_t e = s;
        while (e < len && text[e] != '\n')
            e++;
        size_t t = e;
        if (t > s && text[t - 1] == '\r')
            t--;
        if (t > s) {
            if (n == cap) {
                para *q = realloc(p, 2 * cap * sizeof *p);
                if (!q) {
                    free(p);
                    return NULL;
                }
                p = q;
                cap *= 2;
            }
            p[n++] = (para){text + s, t - s};
        }
        s = e + 1;
    }
    *count = n;
    return p;
}

/* "NotoSansArabic" -> "Noto Sans Arabic": the fontconfig family of a bundled font file's name. */
static void family_name(const char *file_family, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; file_family[i] && o + 2 < size; i++) {
        char c = file_family[i];
        if (i > 0 && c >= 'A' && c <= 'Z' && file_family[i - 1] >= 'a' && file_family[i - 1] <= 'z')
            out[o++] = ' ';
        out[o++] = c;
    }
    out[o] = 0;
}

static bool find_in_path(const char *prog, char *out, size_t size)
{
    const char *path = getenv("PATH");
    while (path && *path) {
        const char *colon = strchr(path, ':');
        size_t n = colon ? (size_t)(colon - path) : strlen(path);
        if (n > 0 && (size_t)snprintf(out, size, "%.*s/%s", (int)n, path, prog) < size && access(out, X_OK) == 0)
            return true;
        path = colon ? colon + 1 : NULL;
    }
    return false;
}

/* Runs argv with standard output (and, when quiet, standard error) to /dev/null; returns the wall time
 * in ms, or -1 when it could not start or did not exit 0. */
static double run_timed(char *const argv[], bool quiet)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    if (quiet)
        posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    double t0 = now_ms();
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) {
        fprintf(stderr, "velkommen-bench: cannot start %s: %s\n", argv[0], strerror(rc));
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    double t = now_ms() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "velkommen-bench: %s failed (status %d)\n", argv[0], status);
        return -1;
    }
    return t;
}

/* ---- layout measurements ------------------------------------------------------------------------ */

typedef struct lang_ctx {
    const app_resources *res;
    const ui_language *lang;
    size_t index;  /* into res->ui_langs */
    char *text;    /* the corpus file; paras point into it */
    size_t text_len;
    bool ok;       /* measured */
    text_style style;
    para *paras;
    size_t n;
    screen *screens;
    size_t screen_count;
} lang_ctx;

static bool fail_err(const vk_error *err)
{
    char buf[1200];
    fprintf(stderr, "velkommen-bench: %s\n", vk_error_format(err, buf, sizeof buf));
    return false;
}

/* Lays out screen s with lo, freeing each layout; adds glyphs laid out to *glyphs if not NULL. */
static bool layout_screen(lang_ctx *c, text_layouter *lo, const screen *s, size_t *glyphs)
{
    vk_error err = {0};
    for (size_t i = 0; i < s->count; i++) {
        const para *p = &c->paras[(s->first + i) % c->n];
        text_layout *L = text_layout_paragraph(lo, &c->style, p->s, p->len, COLUMN_W, &err);
        if (!L)
            return fail_err(&err);
        if (glyphs)
            *glyphs += L->glyph_count;
        text_layout_free(L);
    }
    return true;
}

/* Cuts the corpus, wrapping around, into screens that start where the last one ended, until every
 * paragraph has been on one; so every screen is full. */
static bool make_screens(lang_ctx *c, text_layout **layouts)
{
    c->screen_count = 0;
    c->screens = malloc((c->n + 1) * sizeof *c->screens);
    if (!c->screens)
        return false;
    size_t start = 0;
    while (start < c->n) {
        screen s = {start, 0, 0};
        float y = 0;
        while (s.count < c->n) {
            const text_layout *L = layouts[(start + s.count) % c->n];
            float h = (s.count ? THEME_GAP : 0) + L->height;
            if (s.count > 0 && y + h > SCREEN_TEXT_H)
                break;
            y += h;
            s.glyphs += L->glyph_count;
            s.count++;
        }
        c->screens[c->screen_count++] = s;
        start += s.count;
    }
    return true;
}

static bool measure_layout(lang_ctx *c, const iters *it, result *r, text_cache *cache)
{
    vk_error err = {0};
    /* The very first screen of this language in the process: break iterator, shaping plans and font
     * tables all cold. Paragraphs are laid out until one no longer fits; that one is counted too, as
     * its height is known only once it is laid out. */
    text_layout **layouts = calloc(c->n, sizeof *layouts);
    text_layouter *first = text_layouter_new(&err);
    if (!layouts || !first)
        return fail_err(&err);
    double start = now_ms();
    float y = 0;
    for (size_t i = 0; i < c->n && y <= SCREEN_TEXT_H; i++) {
        if (!(layouts[i] = text_layout_paragraph(first, &c->style, c->paras[i].s, c->paras[i].len, COLUMN_W, &err)))
            return fail_err(&err);
        y += (i ? THEME_GAP : 0) + layouts[i]->height;
    }
    r->first_screen_ms = now_ms() - start;
    for (size_t i = 0; i < c->n; i++)
        if (!layouts[i] &&
            !(layouts[i] = text_layout_paragraph(first, &c->style, c->paras[i].s, c->paras[i].len, COLUMN_W, &err)))
            return fail_err(&err);
    text_layouter_free(first);
    r->paras = c->n;
    for (size_t i = 0; i < c->n; i++) {
        r->glyphs += layouts[i]->glyph_count;
        r->chars += layouts[i]->char_count;
        r->height += (i ? THEME_GAP : 0) + layouts[i]->height;
    }
    bool ok = make_screens(c, layouts);
    for (size_t i = 0; i < c->n; i++)
        text_layout_free(layouts[i]);
    free(layouts);
    if (!ok)
        return false;
    r->screens = c->screen_count;
    double sp = 0, sg = 0;
    for (size_t s = 0; s < c->screen_count; s++) {
        sp += (double)c->screens[s].count;
        sg += (double)c->screens[s].glyphs;
    }
    r->paras_per_screen = sp / (double)c->screen_count;
    r->glyphs_per_screen = sg / (double)c->screen_count;

    int np = it->cold_passes > it->miss_passes ? it->cold_passes : it->miss_passes;
    np = np > it->screen_passes ? np : it->screen_passes;
    np = np > it->hit_passes ? np : it->hit_passes;
    double *t = malloc((size_t)np * sizeof *t);
    if (!t)
        return false;

    /* Cold: a fresh layouter each pass, so ICU's break iterator is opened again. */
    screen all = {0, c->n, 0};
    for (int p = 0; p < it->cold_passes; p++) {
        double t0 = now_ms();
        text_layouter *lo = text_layouter_new(&err);
        if (!lo || !layout_screen(c, lo, &all, NULL))
            return lo ? false : fail_err(&err);
        text_layouter_free(lo);
        t[p] = now_ms() - t0;
    }
    r->cold_pass_ms = median(t, (size_t)it->cold_passes);

    double sum = 0;
    r->cold_screen_worst_ms = 0;
    for (size_t s = 0; s < c->screen_count; s++) {
        for (int p = 0; p < it->screen_passes; p++) {
            double t0 = now_ms();
            text_layouter *lo = text_layouter_new(&err);
            if (!lo || !layout_screen(c, lo, &c->screens[s], NULL))
                return lo ? false : fail_err(&err);
            text_layouter_free(lo);
            t[p] = now_ms() - t0;
        }
        double m = median(t, (size_t)it->screen_passes);
        sum += m;
        if (m > r->cold_screen_worst_ms)
            r->cold_screen_worst_ms = m;
    }
    r->cold_screen_ms = sum / (double)c->screen_count;

    /* A cache miss: the layouter is warm (the application's own), the paragraph is laid out anew. */
    text_layouter *lo = c->res->layouter;
    for (int p = 0; p < it->miss_passes; p++) {
        double t0 = now_ms();
        if (!layout_screen(c, lo, &all, NULL))
            return false;
        t[p] = now_ms() - t0;
    }
    r->miss_pass_ms = median(t, (size_t)it->miss_passes);
    sum = 0;
    for (size_t s = 0; s < c->screen_count; s++) {
        for (int p = 0; p < it->screen_passes; p++) {
            double t0 = now_ms();
            if (!layout_screen(c, lo, &c->screens[s], NULL))
                return false;
            t[p] = now_ms() - t0;
        }
        sum += median(t, (size_t)it->screen_passes);
    }
    r->miss_screen_ms = sum / (double)c->screen_count;

    /* A cache hit: every paragraph already in the cache; what a frame that changes nothing costs. */
    text_cache_begin_frame(cache);
    for (size_t i = 0; i < c->n; i++)
        if (!text_cache_get(cache, lo, &c->style, c->paras[i].s, c->paras[i].len, COLUMN_W, &err))
            return fail_err(&err);
    text_cache_stats before = text_cache_get_stats(cache);
    sum = 0;
    for (size_t s = 0; s < c->screen_count; s++) {
        const screen *sc = &c->screens[s];
        for (int p = 0; p < it->hit_passes; p++) {
            double t0 = now_ms();
            text_cache_begin_frame(cache);
            for (size_t i = 0; i < sc->count; i++) {
                const para *pa = &c->paras[(sc->first + i) % c->n];
                if (!text_cache_get(cache, lo, &c->style, pa->s, pa->len, COLUMN_W, &err))
                    return fail_err(&err);
            }
            t[p] = now_ms() - t0;
        }
        sum += median(t, (size_t)it->hit_passes);
    }
    r->hit_screen_us = sum / (double)c->screen_count * 1e3;
    text_cache_stats after = text_cache_get_stats(cache);
    if (after.misses != before.misses)
        fprintf(stderr, "velkommen-bench: warning: %s: %llu cache misses while every entry should be present\n",
                r->code, (unsigned long long)(after.misses - before.misses));
    free(t);
    return true;
}

/* ---- drawing ------------------------------------------------------------------------------------ */

/* Draws dl `frames` times, each frame flushed to the surface; fills median and p99 in ms. */
static bool time_frames(SDL_Renderer *rd, render_ctx *rc, const ui_display_list *const *dls, size_t ndl,
                        int frames, double *med, double *p99)
{
    vk_error err = {0};
    double *t = malloc((size_t)frames * sizeof *t);
    if (!t)
        return false;
    for (int f = 0; f < frames; f++) {
        double t0 = now_ms();
        if (!render_display_list(rc, dls[(size_t)f % ndl], &err))
            return fail_err(&err);
        SDL_RenderFlush(rd); /* SDL may batch: the frame counts once its pixels are on the surface */
        t[f] = now_ms() - t0;
    }
    *p99 = percentile(t, (size_t)frames, 0.99);
    *med = median(t, (size_t)frames);
    free(t);
    return true;
}

/* Pages of corpus paragraphs laid out like the page: the bar, then the column. The layouts are borrowed
 * from the cache, filled by measure_layout, and stay valid: no frame of the cache begins meanwhile. */
static bool build_screen_lists(lang_ctx *c, text_cache *cache, ui_display_list *lists)
{
    vk_error err = {0};
    float x = (SCREEN_W - COLUMN_W) / 2;
    for (size_t s = 0; s < c->screen_count; s++) {
        ui_display_list *dl = &lists[s];
        ui_display_clear(dl, SCREEN_W, SCREEN_H, ui_theme_normal.background);
        ui_display_rect(dl, (ui_rect){0, 0, SCREEN_W, THEME_BAR_HEIGHT}, 0, ui_theme_normal.surface);
        ui_display_rect(dl, (ui_rect){0, THEME_BAR_HEIGHT, SCREEN_W, 2}, 0, ui_theme_normal.rule);
        float y = TEXT_TOP;
        for (size_t i = 0; i < c->screens[s].count; i++) {
            const para *p = &c->paras[(c->screens[s].first + i) % c->n];
            const text_layout *L = text_cache_get(cache, c->res->layouter, &c->style, p->s, p->len, COLUMN_W, &err);
            if (!L)
                return fail_err(&err);
            if (!ui_display_text(dl, x, y, L, ui_theme_normal.text)) {
                fprintf(stderr, "velkommen-bench: out of memory\n");
                return false;
            }
            y += L->height + THEME_GAP;
        }
    }
    return true;
}

/* The kiosk's own screens for a language, as its UI builds them: home (the section tiles) and the
 * content page page_id (NULL: none). Two UIs, so both display lists stay valid together. Pictures are
 * measured through the renderer, as the kiosk does. */
typedef struct ui_screens {
    ui *home, *page;
    const ui_display_list *home_dl, *page_dl; /* page_dl NULL without a page */
} ui_screens;

static bool ui_screens_build(ui_screens *us, const app_resources *res, render_ctx *rc, size_t lang,
                             const char *page_id)
{
    vk_error err = {0};
    ui_env env;
    app_resources_ui_env(res, &env);
    env.image_size = render_image_size_fn;
    env.image_ctx = rc;
    *us = (ui_screens){0};
    if (!(us->home = ui_new(&env, &err)) || (page_id && !(us->page = ui_new(&env, &err))))
        return fail_err(&err);
    if (!ui_show(us->home, UI_SCREEN_HOME, lang, "") ||
        (page_id && !ui_show(us->page, UI_SCREEN_PAGE, lang, page_id))) {
        fprintf(stderr, "velkommen-bench: cannot show page '%s'\n", page_id ? page_id : "home");
        return false;
    }
    if (!(us->home_dl = ui_frame(us->home, SCREEN_W, SCREEN_H, &err)) ||
        (page_id && !(us->page_dl = ui_frame(us->page, SCREEN_W, SCREEN_H, &err))))
        return fail_err(&err);
    return true;
}

static void ui_screens_free(ui_screens *us)
{
    ui_free(us->home);
    ui_free(us->page);
    *us = (ui_screens){0};
}

static bool measure_draw(lang_ctx *c, const iters *it, result *r, text_cache *cache, const char *page_id,
                         const char *png_dir)
{
    vk_error err = {0};
    bool ok = false;
    ui_display_list empty = {0}; /* a frame with nothing on it: what clearing the screen costs */
    ui_screens us = {0};
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *rd = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    /* a fresh atlas per language: its own stats */
    render_ctx *rc = rd ? render_new_on_surface(rd, surface, &err) : NULL;
    ui_display_list *lists = calloc(c->screen_count, sizeof *lists);
    const ui_display_list **dls = calloc(c->screen_count + 2, sizeof *dls);
    if (!rc || !lists || !dls) {
        if (!err.msg[0])
            vk_error_set(&err, NULL, 0, "cannot set up drawing: %s", SDL_GetError());
        fail_err(&err);
        goto done;
    }
    if (!ui_screens_build(&us, c->res, rc, c->index, page_id) || !build_screen_lists(c, cache, lists))
        goto done;
    for (size_t s = 0; s < c->screen_count; s++)
        dls[s] = &lists[s];
    size_t n = c->screen_count;
    dls[n++] = us.home_dl;
    if (us.page_dl)
        dls[n++] = us.page_dl;

    /* Warm the atlas: every glyph of every screen rasterised once. */
    for (size_t s = 0; s < n; s++)
        if (!render_display_list(rc, dls[s], &err)) {
            fail_err(&err);
            goto done;
        }
    SDL_RenderFlush(rd);
    if (png_dir) {
        /* What the timed frames draw, to look at: the first text screen, home and the page. */
        static const char *const names[] = {"text", "home", "page"};
        const ui_display_list *shown[] = {dls[0], us.home_dl, us.page_dl};
        char png[1200];
        for (int k = 0; k < 3; k++) {
            const ui_display_list *dl = shown[k];
            snprintf(png, sizeof png, "%s/bench-%s-%s.png", png_dir, r->code, names[k]);
            if (dl && (!render_display_list(rc, dl, &err) || !render_save_png(rd, png, &err))) {
                fail_err(&err);
                goto done;
            }
        }
    }
    ui_display_clear(&empty, SCREEN_W, SCREEN_H, ui_theme_normal.background);
    const ui_display_list *emptyp = &empty;
    double p99;
    if (!time_frames(rd, rc, &emptyp, 1, it->frames, &r->draw_empty_med, &p99))
        goto done;
    render_stats before = render_get_stats(rc);
    if (!time_frames(rd, rc, &us.home_dl, 1, it->frames, &r->draw_home_med, &r->draw_home_p99))
        goto done;
    r->draw_page_med = r->draw_page_p99 = -1;
    if (us.page_dl && !time_frames(rd, rc, &us.page_dl, 1, it->frames, &r->draw_page_med, &r->draw_page_p99))
        goto done;
    render_stats mid = render_get_stats(rc);
    if (!time_frames(rd, rc, dls, c->screen_count, it->frames, &r->draw_screen_med, &r->draw_screen_p99))
        goto done;
    render_stats after = render_get_stats(rc);
    r->glyphs_per_frame = (double)(after.glyphs_drawn - mid.glyphs_drawn) / (double)(after.frames - mid.frames);
    r->atlas = after.atlas;
    uint64_t hits = after.atlas.hits - before.atlas.hits, misses = after.atlas.misses - before.atlas.misses;
    r->measured_hit_rate = hits + misses ? (double)hits / (double)(hits + misses) : 1.0;
    r->measured_resets = after.atlas.resets - before.atlas.resets;
    if (after.notdef_drawn)
        fprintf(stderr, "velkommen-bench: warning: %s: %llu glyphs drawn as .notdef\n", r->code,
                (unsigned long long)after.notdef_drawn);
    ok = true;
done:
    for (size_t s = 0; lists && s < c->screen_count; s++)
        ui_display_free(&lists[s]);
    ui_display_free(&empty);
    free(lists);
    free(dls);
    ui_screens_free(&us);
    render_free(rc);
    if (rd)
        SDL_DestroyRenderer(rd);
    if (surface)
        SDL_FreeSurface(surface);
    return ok;
}

/* One atlas for every language, as the kiosk has one renderer for its whole life: every language's
 * corpus screens, home screen and content page drawn once, then frames cycling through all of them. Shows whether
 * the texture holds them all or keeps being reset and refilled. */
typedef struct shared_result {
    bool done;
    size_t lists;
    render_atlas_stats atlas;
    uint64_t warm_resets, measured_resets;
    double med, p99;
} shared_result;

static bool measure_shared_atlas(lang_ctx *cs, size_t n, const iters *it, text_cache *cache, const char *page_id,
                                 shared_result *out)
{
    vk_error err = {0};
    bool ok = false;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += cs[i].ok ? cs[i].screen_count + 2 : 0;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *rd = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    render_ctx *rc = rd ? render_new_on_surface(rd, surface, &err) : NULL;
    ui_display_list *lists = calloc(total + 1, sizeof *lists);
    const ui_display_list **dls = calloc(total + 1, sizeof *dls);
    ui_screens *uis = calloc(n, sizeof *uis);
    if (!rc || !lists || !dls || !uis) {
        if (!err.msg[0])
            vk_error_set(&err, NULL, 0, "cannot set up drawing: %s", SDL_GetError());
        fail_err(&err);
        goto done;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!cs[i].ok)
            continue;
        if (!ui_screens_build(&uis[i], cs[i].res, rc, cs[i].index, page_id))
            goto done;
        dls[k++] = uis[i].home_dl;
        if (uis[i].page_dl)
            dls[k++] = uis[i].page_dl;
        if (!build_screen_lists(&cs[i], cache, lists + k))
            goto done;
        for (size_t s = 0; s < cs[i].screen_count; s++, k++)
            dls[k] = &lists[k];
    }
    for (size_t j = 0; j < k; j++)
        if (!render_display_list(rc, dls[j], &err)) {
            fail_err(&err);
            goto done;
        }
    SDL_RenderFlush(rd);
    render_stats warm = render_get_stats(rc);
    if (!time_frames(rd, rc, dls, k, it->frames, &out->med, &out->p99))
        goto done;
    render_stats after = render_get_stats(rc);
    out->lists = k;
    out->atlas = after.atlas;
    out->warm_resets = warm.atlas.resets;
    out->measured_resets = after.atlas.resets - warm.atlas.resets;
    out->done = ok = true;
done:
    for (size_t j = 0; lists && j <= total; j++)
        ui_display_free(&lists[j]);
    for (size_t i = 0; uis && i < n; i++)
        ui_screens_free(&uis[i]);
    free(uis);
    free(lists);
    free(dls);
    render_free(rc);
    if (rd)
        SDL_DestroyRenderer(rd);
    if (surface)
        SDL_FreeSurface(surface);
    return ok;
}

/* The engine's side of the in-process Pango pair: what pango-view does once per --runs, done the
 * engine's way. Every paragraph is laid out anew (warm layouter, no cache) and the whole corpus is drawn,
 * paragraphs stacked without gaps as Pango stacks them, on a surface as wide as the column and as tall
 * as the text, cleared first; median over passes, per paragraph, in microseconds. */
static bool measure_pair(lang_ctx *c, const iters *it, result *r)
{
    vk_error err = {0};
    bool ok = false;
    int h = (int)ceilf(r->height);
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, (int)COLUMN_W, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *rd = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    render_ctx *rc = rd ? render_new_on_surface(rd, surface, &err) : NULL;
    text_layout **ls = calloc(c->n, sizeof *ls);
    size_t np = (size_t)it->miss_passes + 1;
    double *t = malloc(3 * np * sizeof *t), *tl = t + np, *td = t + 2 * np;
    ui_display_list dl = {0};
    if (!rc || !ls || !t) {
        if (!err.msg[0])
            vk_error_set(&err, NULL, 0, "cannot set up drawing: %s", SDL_GetError());
        fail_err(&err);
        goto done;
    }
    for (int p = 0; p <= it->miss_passes; p++) { /* pass 0 fills the atlas */
        double t0 = now_ms();
        ui_display_clear(&dl, (int)COLUMN_W, h, ui_theme_normal.background);
        float y = 0;
        for (size_t i = 0; i < c->n; i++) {
            ls[i] = text_layout_paragraph(c->res->layouter, &c->style, c->paras[i].s, c->paras[i].len, COLUMN_W, &err);
            if (!ls[i] || !ui_display_text(&dl, 0, y, ls[i], ui_theme_normal.text)) {
                fail_err(&err);
                goto done;
            }
            y += ls[i]->height;
        }
        double t1 = now_ms();
        if (!render_display_list(rc, &dl, &err)) {
            fail_err(&err);
            goto done;
        }
        SDL_RenderFlush(rd);
        double t2 = now_ms();
        t[p] = t2 - t0;
        tl[p] = t1 - t0;
        td[p] = t2 - t1;
        for (size_t i = 0; i < c->n; i++) {
            text_layout_free(ls[i]);
            ls[i] = NULL;
        }
    }
    r->vk_inproc_us = median(t + 1, np - 1) / (double)c->n * 1e3;
    r->vk_pair_layout_us = median(tl + 1, np - 1) / (double)c->n * 1e3;
    r->vk_pair_draw_us = median(td + 1, np - 1) / (double)c->n * 1e3;
    ok = true;
done:
    for (size_t i = 0; ls && i < c->n; i++)
        text_layout_free(ls[i]);
    free(ls);
    free(t);
    ui_display_free(&dl);
    render_free(rc);
    if (rd)
        SDL_DestroyRenderer(rd);
    if (surface)
        SDL_FreeSurface(surface);
    return ok;
}

/* ---- Pango and the command line, by the slope method -------------------------------------------- */

typedef struct slope_env {
    char tmpdir[512];
    char pango[1024]; /* empty: not installed */
    const char *cli;
    const char *data_dir;
} slope_env;

/* Median over reps of t(argv_k) - t(argv_1), divided by extra; < 0 on failure. */
static double slope(char *const argv1[], char *const argvk[], double extra, int reps)
{
    double d[16];
    int n = 0;
    for (int i = 0; i < reps && i < 16; i++) {
        double a = run_timed(argv1, true);
        double b = run_timed(argvk, true);
        if (a < 0 || b < 0)
            return -1;
        d[n++] = b - a;
    }
    return median(d, (size_t)n) / extra;
}

static void measure_slopes(const slope_env *se, lang_ctx *c, const iters *it, result *r, const char *corpus_text,
                           size_t corpus_len)
{
    r->pango_file_us = r->vk_file_us = r->pango_runs_us = -1;
    /* As many copies as keep Pango's single image under cairo's limit. */
    int k = (int)floorf(PANGO_MAX_HEIGHT / (r->height + THEME_GAP));
    k = k > it->slope_k ? it->slope_k : k;
    k = k < 2 ? 2 : k;
    r->k = k;
    r->cli_k = it->cli_k;
    char f1[600], fk[600], fc[600], png[600];
    snprintf(f1, sizeof f1, "%s/%s-1.txt", se->tmpdir, r->code);
    snprintf(fk, sizeof fk, "%s/%s-k.txt", se->tmpdir, r->code);
    snprintf(fc, sizeof fc, "%s/%s-c.txt", se->tmpdir, r->code);
    snprintf(png, sizeof png, "%s/out.png", se->tmpdir);
    if (!write_file(f1, corpus_text, corpus_len, 1) || !write_file(fk, corpus_text, corpus_len, k) ||
        !write_file(fc, corpus_text, corpus_len, r->cli_k)) {
        fprintf(stderr, "velkommen-bench: cannot write in %s: %s\n", se->tmpdir, strerror(errno));
        return;
    }

    /* The project's command line: layout and JSON to /dev/null. Many more copies than Pango gets, as
     * each costs far less and the difference must stand well above process start-up noise. */
    char *cli = (char *)se->cli, *data = (char *)se->data_dir, *code = (char *)r->code;
    char width[16], size[16];
    snprintf(width, sizeof width, "%d", (int)COLUMN_W);
    snprintf(size, sizeof size, "%d", (int)BODY_SIZE);
    char *v1[] = {cli, "layout", "--data", data, "--lang", code, "--width", width, "--size", size, f1, NULL};
    char *vk[] = {cli, "layout", "--data", data, "--lang", code, "--width", width, "--size", size, fc, NULL};
    r->vk_file_us = slope(v1, vk, (double)(r->cli_k - 1) * (double)c->n, it->slope_reps) * 1e3;
    if (!se->pango[0])
        return;

    /* pango-view with the language's bundled families (the same files, installed by fonts-noto-core),
     * pixel sizes, the same width, word wrapping, unhinted advances at subpixel positions and light
     * hinting like the atlas (FT_LOAD_TARGET_LIGHT). */
    char font[400] = "", fam[96];
    for (int i = 0; i < c->lang->meta->font_count; i++) {
        family_name(c->lang->meta->fonts[i], fam, sizeof fam);
        size_t used = strlen(font);
        snprintf(font + used, sizeof font - used, "%s%s", i ? "," : "", fam);
    }
    size_t used = strlen(font);
    snprintf(font + used, sizeof font - used, " %d", (int)BODY_SIZE);
    char fontopt[440], widthopt[32], langopt[64], outopt[640], runsopt[32];
    snprintf(fontopt, sizeof fontopt, "--font=%s", font);
    snprintf(widthopt, sizeof widthopt, "--width=%d", (int)COLUMN_W);
    snprintf(langopt, sizeof langopt, "--language=%s", r->code);
    snprintf(outopt, sizeof outopt, "--output=%s", png);
    snprintf(runsopt, sizeof runsopt, "--runs=%d", it->pango_runs);
    /* Base direction from the language, as the engine takes it, not guessed from the text. */
    char *base[] = {(char *)se->pango, "-q", "--pixels", fontopt, widthopt, "--wrap=word", "--margin=0",
                    "--hinting=slight", "--hint-metrics=off", "--subpixel-positions", "--no-auto-dir", langopt};
    enum { NBASE = sizeof base / sizeof *base };
    char *p1[NBASE + 4], *pk[NBASE + 4], *r1[NBASE + 4], *rn[NBASE + 4];
    size_t m = NBASE;
    memcpy(p1, base, sizeof base);
    if (c->lang->meta->rtl)
        p1[m++] = "--rtl";
    memcpy(pk, p1, m * sizeof *p1);
    memcpy(r1, p1, m * sizeof *p1);
    memcpy(rn, p1, m * sizeof *p1);
    p1[m] = pk[m] = outopt;
    r1[m] = "--runs=1";
    rn[m] = runsopt;
    p1[m + 1] = r1[m + 1] = rn[m + 1] = f1; /* --runs: the corpus once, laid out N times */
    pk[m + 1] = fk;
    p1[m + 2] = pk[m + 2] = r1[m + 2] = rn[m + 2] = NULL;
    r->pango_file_us = slope(p1, pk, (double)(k - 1) * (double)c->n, it->slope_reps) * 1e3;
    /* In one process: --runs=N lays the text out and draws it into the image N times (no PNG). */
    r->pango_runs_us = slope(r1, rn, (double)(it->pango_runs - 1) * (double)c->n, it->slope_reps) * 1e3;
}

/* ---- main --------------------------------------------------------------------------------------- */

/* The first page of the menu: the top section's first page, else its first subsection's; NULL when
 * there is no content. */
static const char *first_page(const content_tree *t)
{
    if (t->section_count == 0 || t->page_count == 0)
        return NULL;
    const content_section *top = &t->sections[0];
    if (top->page_count > 0)
        return t->pages[top->pages[0]].id;
    for (size_t i = 0; i < top->child_count; i++) {
        const content_section *s = &t->sections[top->children[i]];
        if (s->page_count > 0)
            return t->pages[s->pages[0]].id;
    }
    return t->pages[0].id;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: velkommen-bench [--quick] [--data DIR] [--cli PATH] [--lang CODE] [--page ID] [--png DIR]\n"
               "  --quick     few iterations: a smoke run, figures not stable\n"
               "  --data DIR  data directory with locales/, assets/ and bench/corpus/ (default: VELKOMMEN_DATA,\n"
               "              else the source tree the build was configured in)\n"
               "  --cli PATH  the velkommen program, for the command-line comparison (default: ../velkommen\n"
               "              next to this program's folder)\n"
               "  --lang CODE only this language\n"
               "  --page ID   the content page drawn through the UI (default: the first one of the menu)\n"
               "  --png DIR   also write each language's first text screen, as drawn, to DIR/bench-CODE.png\n");
}

static void default_cli(char *out, size_t size)
{
    char self[1024];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        snprintf(out, size, "velkommen");
        return;
    }
    self[n] = 0;
    char *slash = strrchr(self, '/');
    if (slash)
        *slash = 0;
    snprintf(out, size, "%s/../velkommen", self);
}

static void print_tables(const result *rs, size_t n, bool quick, bool have_pango, const shared_result *sh,
                         const char *page_id)
{
    printf("\nLayout: body text %.0f px in a %.0f px column; a screen = the paragraphs that fill %.0f px\n",
           (double)BODY_SIZE, (double)COLUMN_W, (double)SCREEN_TEXT_H);
    printf("%-4s %5s %6s %10s | %8s %9s %11s %8s | %8s %8s | %8s\n", "lang", "paras", "glyphs", "per screen",
           "cold", "cold", "cold screen", "1st", "miss", "miss", "hit");
    printf("%-4s %5s %6s %10s | %8s %9s %11s %8s | %8s %8s | %8s\n", "", "", "", "par/glyph", "par/s", "kglyph/s",
           "ms avg/max", "scr ms", "par/s", "scr ms", "scr us");
    for (size_t i = 0; i < n; i++) {
        const result *r = &rs[i];
        char per[32], cold[32];
        snprintf(per, sizeof per, "%.1f/%.0f", r->paras_per_screen, r->glyphs_per_screen);
        snprintf(cold, sizeof cold, "%.2f/%.2f", r->cold_screen_ms, r->cold_screen_worst_ms);
        printf("%-4s %5zu %6zu %10s | %8.0f %9.0f %11s %8.2f | %8.0f %8.2f | %8.2f\n", r->code, r->paras, r->glyphs,
               per, (double)r->paras / r->cold_pass_ms * 1e3, (double)r->glyphs / r->cold_pass_ms, cold,
               r->first_screen_ms, (double)r->paras / r->miss_pass_ms * 1e3, r->miss_screen_ms, r->hit_screen_us);
    }

    printf("\nDraw: %dx%d, SDL software renderer on a surface, warm atlas; ms per frame, median/p99\n", SCREEN_W,
           SCREEN_H);
    printf("  clear: a frame with nothing on it; home, page: the kiosk's home screen and content page %s as its\n"
           "  UI builds them; text: screens of corpus paragraphs under the bar (glyphs: per text screen)\n",
           page_id ? page_id : "(no content)");
    printf("%-4s %5s %11s %11s %11s %6s | %5s %5s %9s %4s %8s %6s\n", "lang", "clear", "home", "page", "text",
           "glyphs", "atlas", "fill", "size", "MB", "hit rate", "resets");
    for (size_t i = 0; i < n; i++) {
        const result *r = &rs[i];
        char h[32], pg[32], s[32], tex[32];
        snprintf(h, sizeof h, "%.2f/%.2f", r->draw_home_med, r->draw_home_p99);
        snprintf(pg, sizeof pg, r->draw_page_med >= 0 ? "%.2f/%.2f" : "-", r->draw_page_med, r->draw_page_p99);
        snprintf(s, sizeof s, "%.2f/%.2f", r->draw_screen_med, r->draw_screen_p99);
        snprintf(tex, sizeof tex, "%dx%d", r->atlas.texture_size, r->atlas.texture_size);
        /* the coverage, and a texture only where it was drawn with SDL_RenderGeometry */
        double mb = (double)r->atlas.bytes / (1024.0 * 1024.0);
        printf("%-4s %5.2f %11s %11s %11s %6.0f | %5d %4.0f%% %9s %4.1f %7.2f%% %6llu\n", r->code, r->draw_empty_med, h,
               pg, s, r->glyphs_per_frame, r->atlas.glyphs, r->atlas.fill * 100, tex, mb, r->measured_hit_rate * 100,
               (unsigned long long)r->measured_resets);
    }
    if (sh->done)
        printf("all  one atlas for every language, frames cycling through all %zu screens: %.2f/%.2f ms;\n"
               "     %llu atlas resets while filling it, %llu while drawing; at the end %d glyphs, %.0f%% full\n",
               sh->lists, sh->med, sh->p99, (unsigned long long)sh->warm_resets,
               (unsigned long long)sh->measured_resets, sh->atlas.glyphs, sh->atlas.fill * 100);

    printf("\nPango comparison, microseconds per paragraph (slope method, median of runs)\n");
    printf("  A: command lines on the corpus x1 and xK (K: pango-view / velkommen): pango-view lays out,\n"
           "     rasterises and writes a PNG; `velkommen layout` lays out and prints JSON, no rasterising\n"
           "  B: in one process, the fairer pair: pango-view --runs (a new layout of the corpus and its\n"
           "     image painted, each run) against the engine laying every paragraph out anew (warm\n"
           "     layouter, no cache) and drawing them on a cleared surface of the same size\n");
    printf("%-4s %6s | %9s %9s %7s | %9s %16s %7s\n", "lang", "K", "A: pango", "A: vk", "ratio", "B: pango",
           "B: vk (lay+draw)", "ratio");
    for (size_t i = 0; i < n; i++) {
        const result *r = &rs[i];
        char k[32], a[3][32], b[3][32];
        snprintf(k, sizeof k, "%d/%d", r->k, r->cli_k);
        snprintf(a[0], 32, r->pango_file_us >= 0 ? "%.0f" : "-", r->pango_file_us);
        snprintf(a[1], 32, r->vk_file_us >= 0 ? "%.0f" : "-", r->vk_file_us);
        snprintf(a[2], 32, r->pango_file_us > 0 && r->vk_file_us > 0 ? "%.1fx" : "-", r->pango_file_us / r->vk_file_us);
        snprintf(b[0], 32, r->pango_runs_us >= 0 ? "%.0f" : "-", r->pango_runs_us);
        snprintf(b[1], 32, "%.0f (%.0f+%.0f)", r->vk_inproc_us, r->vk_pair_layout_us, r->vk_pair_draw_us);
        snprintf(b[2], 32, r->pango_runs_us > 0 ? "%.2fx" : "-", r->pango_runs_us / r->vk_inproc_us);
        printf("%-4s %6s | %9s %9s %7s | %9s %16s %7s\n", r->code, k, a[0], a[1], a[2], b[0], b[1], b[2]);
    }
    printf("  ratio = Pango's time / the engine's: above 1 the engine is faster\n");
    if (!have_pango)
        printf("  pango-view not found: install pango1.0-tools (scripts/bench does)\n");

    /* The targets, judged on the worst language and, for drawing, its worst screen. */
    double draw = 0, draw99 = 0, cold = 0, ratio_a = INFINITY, ratio_b = INFINITY, lay_b = INFINITY;
    const char *draw_where = "", *draw_lang = "", *cold_lang = "";
    for (size_t i = 0; i < n; i++) {
        const result *r = &rs[i];
        const double med[3] = {r->draw_home_med, r->draw_page_med, r->draw_screen_med};
        const double p99[3] = {r->draw_home_p99, r->draw_page_p99, r->draw_screen_p99};
        static const char *const where[3] = {"home", "page", "text"};
        for (int k = 0; k < 3; k++) {
            if (med[k] > draw) {
                draw = med[k];
                draw_where = where[k];
                draw_lang = r->code;
            }
            draw99 = fmax(draw99, p99[k]);
        }
        if (r->cold_screen_worst_ms > cold) {
            cold = r->cold_screen_worst_ms;
            cold_lang = r->code;
        }
        if (r->pango_file_us > 0 && r->vk_file_us > 0)
            ratio_a = fmin(ratio_a, r->pango_file_us / r->vk_file_us);
        if (r->pango_runs_us > 0) {
            ratio_b = fmin(ratio_b, r->pango_runs_us / r->vk_inproc_us);
            lay_b = fmin(lay_b, r->pango_runs_us / r->vk_pair_layout_us);
        }
    }
    printf("\nTargets, worst language%s\n", quick ? " (--quick: figures not stable)" : "");
    char t[64], m[128];
    snprintf(t, sizeof t, "warm full-screen draw <= %.0f ms, software", TARGET_DRAW_MS);
    snprintf(m, sizeof m, "%.2f ms median (%s, %s), p99 %.2f", draw, draw_lang, draw_where, draw99);
    printf("  %-44s %-38s %s\n", t, m, draw <= TARGET_DRAW_MS ? "MET" : "NOT MET");
    snprintf(t, sizeof t, "cold layout of a full screen <= %.0f ms", TARGET_COLD_SCREEN_MS);
    snprintf(m, sizeof m, "%.2f ms (%s)", cold, cold_lang);
    printf("  %-44s %-38s %s\n", t, m, cold <= TARGET_COLD_SCREEN_MS ? "MET" : "NOT MET");
    if (isfinite(ratio_b)) {
        snprintf(m, sizeof m, "%.2fx", ratio_b);
        printf("  %-44s %-38s %s\n", "faster than Pango, layout + draw (B)", m, ratio_b > 1 ? "MET" : "NOT MET");
        snprintf(m, sizeof m, "%.1fx", lay_b);
        printf("  %-44s %-38s %s\n", "  layout alone vs Pango's layout + draw", m, lay_b > 1 ? "faster" : "slower");
    } else
        printf("  %-44s %-38s\n", "faster than Pango", "not measured");
    if (isfinite(ratio_a)) {
        snprintf(m, sizeof m, "%.1fx", ratio_a);
        printf("  %-44s %-38s %s\n", "faster than Pango, command lines (A)", m,
               ratio_a > 1 ? "MET, but Pango's figure includes a PNG" : "NOT MET");
    }
}

int main(int argc, char **argv)
{
    bool quick = false;
    const char *data_opt = NULL, *cli_opt = NULL, *only = NULL, *png_dir = NULL, *page_id = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data_opt = argv[++i];
        else if (strcmp(argv[i], "--cli") == 0 && i + 1 < argc)
            cli_opt = argv[++i];
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--png") == 0 && i + 1 < argc)
            png_dir = argv[++i];
        else if (strcmp(argv[i], "--page") == 0 && i + 1 < argc)
            page_id = argv[++i];
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    /* Default: about a minute on a 2-core machine. */
    iters it = quick ? (iters){.cold_passes = 3, .screen_passes = 3, .miss_passes = 3, .hit_passes = 50,
                               .frames = 20, .slope_reps = 1, .slope_k = 3, .cli_k = 10, .pango_runs = 3}
                     : (iters){.cold_passes = 51, .screen_passes = 21, .miss_passes = 51, .hit_passes = 2001,
                               .frames = 601, .slope_reps = 5, .slope_k = 10, .cli_k = 60, .pango_runs = 11};

    double t_start = now_ms();
    app_resources res;
    vk_error err = {0};
    char found[1024];
    const char *data_dir = app_data_dir(data_opt, found, sizeof found);
    if (!app_resources_load(&res, data_dir, &err)) {
        fail_err(&err);
        app_resources_free(&res);
        return 2;
    }
    if (page_id && !content_tree_page(&res.content, page_id)) {
        fprintf(stderr, "velkommen-bench: no page '%s' in the content\n", page_id);
        app_resources_free(&res);
        return 2;
    }
    if (only && app_resources_lang_index(&res, only) < 0) {
        char codes[256];
        fprintf(stderr, "velkommen-bench: unknown language '%s' (languages: %s)\n", only,
                i18n_langs_codes(&res.langs, codes, sizeof codes));
        app_resources_free(&res);
        return 2;
    }
    if (!page_id)
        page_id = first_page(&res.content);
    slope_env se = {0};
    char cli[1100];
    if (cli_opt)
        snprintf(cli, sizeof cli, "%s", cli_opt);
    else
        default_cli(cli, sizeof cli);
    se.cli = cli;
    se.data_dir = data_dir;
    find_in_path("pango-view", se.pango, sizeof se.pango);
    const char *tmp = getenv("TMPDIR");
    snprintf(se.tmpdir, sizeof se.tmpdir, "%s/velkommen-bench-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(se.tmpdir)) {
        fprintf(stderr, "velkommen-bench: cannot make a temporary folder: %s\n", strerror(errno));
        app_resources_free(&res);
        return 1;
    }

    printf("velkommen-bench%s: %s of %zu languages\n", quick ? " --quick" : "", only ? only : "all",
           res.langs.count);
    fflush(stdout);
    size_t nl = res.langs.count;
    result *rs = calloc(nl, sizeof *rs);
    lang_ctx *cs = calloc(nl, sizeof *cs);
    text_cache *cache = text_cache_new(4096);
    size_t nr = 0;
    int status = 0;
    for (size_t li = 0; rs && cs && cache && li < nl; li++) {
        const ui_language *l = &res.ui_langs[li];
        lang_ctx *c = &cs[li];
        *c = (lang_ctx){.res = &res, .lang = l, .index = li};
        if (only && strcmp(only, l->meta->code) != 0)
            continue;
        char path[1400];
        snprintf(path, sizeof path, "%s/bench/corpus/%s.txt", data_dir, l->meta->code);
        c->text = read_file(path, &c->text_len);
        if (!c->text || !(c->paras = split_paragraphs(c->text, c->text_len, &c->n)) || c->n == 0) {
            fprintf(stderr, "velkommen-bench: %s: %s\n", path, c->text ? "no paragraphs" : strerror(errno));
            status = 1;
            continue;
        }
        c->style = (text_style){
            .fonts = l->regular,
            .fallback = &res.fallback,
            .size = BODY_SIZE,
            .line_spacing = 1.0f,
            .language = l->meta->code,
            .direction = l->meta->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR,
            .align = TEXT_ALIGN_START,
        };
        result *r = &rs[nr];
        r->code = l->meta->code;
        fprintf(stderr, "velkommen-bench: %s: layout...", r->code);
        bool ok = measure_layout(c, &it, r, cache);
        fprintf(stderr, " draw...");
        ok = ok && measure_draw(c, &it, r, cache, page_id, png_dir) && measure_pair(c, &it, r);
        fprintf(stderr, " pango...");
        if (ok) {
            measure_slopes(&se, c, &it, r, c->text, c->text_len);
            c->ok = true;
            nr++;
        } else
            status = 1;
        fprintf(stderr, " done\n");
    }
    shared_result shared = {0};
    if (nr > 1) {
        fprintf(stderr, "velkommen-bench: every language in one atlas...\n");
        if (!measure_shared_atlas(cs, nl, &it, cache, page_id, &shared))
            status = 1;
    }
    if (nr > 0)
        print_tables(rs, nr, quick, se.pango[0] != 0, &shared, page_id);
    printf("\n%.0f s in all; CLOCK_MONOTONIC; %ld CPUs online\n", (now_ms() - t_start) / 1e3,
           sysconf(_SC_NPROCESSORS_ONLN));

    char f[700];
    for (size_t i = 0; i < nr; i++) {
        snprintf(f, sizeof f, "%s/%s-1.txt", se.tmpdir, rs[i].code);
        unlink(f);
        snprintf(f, sizeof f, "%s/%s-k.txt", se.tmpdir, rs[i].code);
        unlink(f);
        snprintf(f, sizeof f, "%s/%s-c.txt", se.tmpdir, rs[i].code);
        unlink(f);
    }
    snprintf(f, sizeof f, "%s/out.png", se.tmpdir);
    unlink(f);
    rmdir(se.tmpdir);
    text_cache_free(cache);
    for (size_t i = 0; cs && i < nl; i++) {
        free(cs[i].screens);
        free(cs[i].paras);
        free(cs[i].text);
    }
    free(cs);
    free(rs);
    app_resources_free(&res);
    SDL_Quit();
    return status;
}
