/* velkommen-bench-ui: how the kiosk's UI feels under a finger, at 1920x1080 in SDL's software renderer
 * (drawing into a surface, as `velkommen render` and velkommen-bench do, so it needs no display). Not a
 * test: it prints figures and whether the targets ("kiosk experience") are met; README.md,
 * "Benchmark", explains them and scripts/bench runs it after the text benchmark.
 *
 * Scroll: the longest page of a language (default Arabic: the page whose localized title and text
 * have the most characters) is opened and dragged by a finger, as the kiosk's loop drives the UI and as
 * `velkommen script` does: per frame of 16 ms on a simulated clock, the pointer event is handled,
 * ui_advance, ui_frame, then render_display_list, flushed to the surface. A gesture is a finger down,
 * a drag of DRAG_PX over DRAG_FRAMES frames, the release, and the fling (or the spring back from an end)
 * until the page stands still; gestures go down the page and, at its end, back up, until enough
 * frames are drawn. Each drawn frame is timed with CLOCK_MONOTONIC, from the event to the pixels.
 *
 * Tap: on the home screen in the same language, a finger goes down on a tile (every tile in turn);
 * the wall time from handling the POINTER_DOWN to the first frame whose display list shows the tile in
 * its pressed colour, drawn; then the finger lifts, the tile's section or page opens (timed too: the
 * answer to the tap) and Back returns home.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "app/reader.h"
#include "app/reading.h"
#include "app/resources.h"
#include "i18n/localize.h"
#include "render/draw.h"
#include "ui/display.h"
#include "ui/theme.h"
#include "ui/ui.h"

#define SCREEN_W 1920
#define SCREEN_H 1080
#define FRAME_MS 16u              /* the simulated clock's step, as `velkommen script` drags */
#define REFRESH_MS (1000.0 / 60)  /* a frame at 60 Hz */
#define DRAG_FRAMES 36            /* a drag: 576 ms ... */
#define DRAG_PX 600.0f            /* ... over 600 px, about 1 px/ms: a brisk read-on swipe */
#define FINGER_X (SCREEN_W / 2.0f) /* the middle of the column, away from the edges' back swipe */
#define MAX_GESTURE_FRAMES 400    /* a fling stops within about 1.5 s; this is a guard */
#define MAX_PRESS_FRAMES 8        /* frames to wait for the press to show before calling it missing */

/* The targets. */
#define TARGET_FPS 60.0
#define TARGET_P99_MS 16.7
#define TARGET_LATENCY_FRAMES 1

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

/* Sorts v in place; nearest rank. */
static double percentile(double *v, size_t n, double p)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)ceil(p * (double)n);
    i = i == 0 ? 0 : i - 1;
    return v[i < n ? i : n - 1];
}

static double mean(const double *v, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += v[i];
    return n ? s / (double)n : NAN;
}

static double max_of(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m = fmax(m, v[i]);
    return m;
}

static bool fail_err(const vk_error *err)
{
    char buf[1200];
    fprintf(stderr, "velkommen-bench-ui: %s\n", vk_error_format(err, buf, sizeof buf));
    return false;
}

/* Frame periods at 60 Hz that `ms` of work spans: 1 = it is ready for the very next frame. */
static int frames_of(double ms)
{
    int f = (int)ceil(ms / REFRESH_MS);
    return f < 1 ? 1 : f;
}

/* ---- the kiosk, headless ------------------------------------------------------------------------ */

typedef struct rig {
    const app_resources *res;
    SDL_Surface *surface;
    SDL_Renderer *rd;
    render_ctx *rc;
    ui *u;
    uint32_t now; /* the simulated clock */
    size_t lang;
    const ui_display_list *dl; /* the last frame's */
} rig;

static bool rig_open(rig *R, const app_resources *res, size_t lang)
{
    vk_error err = {0};
    *R = (rig){.res = res, .now = 1, .lang = lang};
    R->surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32, SDL_PIXELFORMAT_ARGB8888);
    R->rd = R->surface ? SDL_CreateSoftwareRenderer(R->surface) : NULL;
    R->rc = R->rd ? render_new_on_surface(R->rd, R->surface, &err) : NULL;
    if (!R->rc) {
        if (!err.msg[0])
            vk_error_set(&err, NULL, 0, "cannot set up drawing: %s", SDL_GetError());
        return fail_err(&err);
    }
    ui_env env = {0};
    app_resources_ui_env(res, &env);
    env.image_size = render_image_size_fn;
    env.image_ctx = R->rc;
    if (!(R->u = ui_new(&env, &err)))
        return fail_err(&err);
    return true;
}

static void rig_close(rig *R)
{
    ui_free(R->u);
    render_free(R->rc);
    if (R->rd)
        SDL_DestroyRenderer(R->rd);
    if (R->surface)
        SDL_FreeSurface(R->surface);
    *R = (rig){0};
}

/* What one frame of the loop cost, in ms: the event and ui_advance, ui_frame (the display list,
 * layout from the cache), render_display_list with its flush to the surface. */
typedef struct frame_cost {
    double input, build, draw, total;
} frame_cost;

/* One step of the kiosk's loop: the clock moves on by `step` ms, ev (may be NULL) is handled, time
 * passes in the UI, and a frame is built and drawn when the UI has something new (or `force`).
 * *drawn says whether it drew. */
static bool step(rig *R, uint32_t step_ms, const ui_event *ev, bool force, frame_cost *c, bool *drawn)
{
    vk_error err = {0};
    R->now += step_ms;
    double t0 = now_ms();
    if (ev)
        ui_handle_event(R->u, ev);
    ui_advance(R->u, R->now);
    *drawn = force || ui_needs_redraw(R->u);
    if (!*drawn)
        return true;
    double t1 = now_ms();
    const ui_display_list *dl = ui_frame(R->u, SCREEN_W, SCREEN_H, &err);
    if (!dl)
        return fail_err(&err);
    double t2 = now_ms();
    if (!render_display_list(R->rc, dl, &err))
        return fail_err(&err);
    SDL_RenderFlush(R->rd); /* SDL may batch: the frame counts once its pixels are on the surface */
    double t3 = now_ms();
    R->dl = dl;
    if (c)
        *c = (frame_cost){t1 - t0, t2 - t1, t3 - t2, t3 - t0};
    return true;
}

static bool show(rig *R, ui_screen screen, const char *id)
{
    if (!ui_show(R->u, screen, R->lang, id)) {
        fprintf(stderr, "velkommen-bench-ui: cannot show '%s'\n", id);
        return false;
    }
    bool drawn;
    return step(R, FRAME_MS, NULL, true, NULL, &drawn);
}

static bool save_png(rig *R, const char *dir, const char *name)
{
    vk_error err = {0};
    char path[1200];
    snprintf(path, sizeof path, "%s/bench-ui-%s-%s.png", dir, R->res->langs.langs[R->lang].code, name);
    if (!render_save_png(R->rd, path, &err))
        return fail_err(&err);
    return true;
}

/* ---- the longest page --------------------------------------------------------------------------- */

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

typedef struct page_pick {
    const content_page *page; /* NULL: no content */
    size_t chars, blocks, fallbacks;
} page_pick;

/* The page as language li shows it: characters of its title and blocks (a string no catalog of the
 * language translates counts in the language it falls back to, as it is shown). */
static bool measure_page(const app_resources *res, size_t li, const content_page *p, page_pick *out)
{
    const ui_language *l = &res->ui_langs[li];
    i18n_content_chain none = {{{0}, 0}, {0}, (int)res->source_lang};
    i18n_page *lp = i18n_page_localize(p, l->content ? l->content : &none, (int)li);
    if (!lp)
        return false;
    *out = (page_pick){p, utf8_chars(lp->title), lp->block_count, lp->fallback_count};
    for (size_t b = 0; b < lp->block_count; b++)
        out->chars += utf8_chars(lp->blocks[b].shown.text);
    i18n_page_free(lp);
    return true;
}

static bool pick_page(const app_resources *res, size_t li, const char *page_id, page_pick *out)
{
    const content_tree *t = &res->content;
    *out = (page_pick){0};
    for (size_t i = 0; i < t->page_count; i++) {
        if (page_id && strcmp(t->pages[i].id, page_id) != 0)
            continue;
        page_pick p;
        if (!measure_page(res, li, &t->pages[i], &p)) {
            fprintf(stderr, "velkommen-bench-ui: out of memory\n");
            return false;
        }
        if (!out->page || p.chars > out->chars)
            *out = p;
    }
    return true;
}

/* ---- scrolling ---------------------------------------------------------------------------------- */

typedef struct scroll_result {
    size_t frames, gestures, fling_frames, spring_frames;
    double p50, p99, max, mean, fps;     /* total per frame, ms; fps = 1000 / mean */
    double input_p50, build_p50, build_p99, draw_p50, draw_p99;
    size_t over_budget;                  /* frames above 16.7 ms */
    double open_ms;                      /* the page's first frame, caches cold for it */
    double content_h, max_scroll, travel;
    double items_per_frame, glyphs_per_frame;
    uint64_t atlas_hits, atlas_misses, atlas_resets; /* glyph look-ups in the atlas during the timed frames */
    int atlas_glyphs;                                /* held at the end */
    double sim_s;                    /* simulated seconds of the gestures */
} scroll_result;

typedef struct samples {
    double *total, *input, *build, *draw;
    size_t n, cap;
} samples;

static bool samples_add(samples *s, const frame_cost *c)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        double *a = realloc(s->total, cap * sizeof *a);
        if (a)
            s->total = a;
        double *b = a ? realloc(s->input, cap * sizeof *b) : NULL;
        if (b)
            s->input = b;
        double *d = b ? realloc(s->build, cap * sizeof *d) : NULL;
        if (d)
            s->build = d;
        double *e = d ? realloc(s->draw, cap * sizeof *e) : NULL;
        if (!e)
            return false;
        s->draw = e;
        s->cap = cap;
    }
    s->total[s->n] = c->total;
    s->input[s->n] = c->input;
    s->build[s->n] = c->build;
    s->draw[s->n] = c->draw;
    s->n++;
    return true;
}

static void samples_free(samples *s)
{
    free(s->total);
    free(s->input);
    free(s->build);
    free(s->draw);
    *s = (samples){0};
}

typedef struct scroll_acc {
    rig *R;
    samples *s;
    scroll_result *out;
    size_t items;
} scroll_acc;

/* A step of a gesture: timed when drawn, with how far the page moved; `gliding`: after the release,
 * counted as fling or, beyond an end, spring. */
static bool scroll_step(scroll_acc *a, const ui_event *ev, bool gliding, bool *drawn)
{
    frame_cost c = {0};
    float before = ui_scroll(a->R->u);
    if (!step(a->R, FRAME_MS, ev, false, &c, drawn))
        return false;
    if (!*drawn)
        return true;
    if (!samples_add(a->s, &c)) {
        fprintf(stderr, "velkommen-bench-ui: out of memory\n");
        return false;
    }
    float after = ui_scroll(a->R->u);
    a->items += a->R->dl->count;
    a->out->travel += fabsf(after - before);
    if (gliding) {
        float max = (float)a->out->max_scroll;
        if (after < 0 || after > max || before < 0 || before > max)
            a->out->spring_frames++;
        else
            a->out->fling_frames++;
    }
    return true;
}

static bool measure_scroll(rig *R, const char *page_id, size_t min_frames, const char *png_dir, scroll_result *out)
{
    *out = (scroll_result){0};
    bool ok = false, drawn;
    samples s = {0};
    frame_cost c = {0};
    /* Open the page; its first frame lays every paragraph out and rasterises what it shows. */
    if (!ui_show(R->u, UI_SCREEN_PAGE, R->lang, page_id)) {
        fprintf(stderr, "velkommen-bench-ui: cannot show page '%s'\n", page_id);
        return false;
    }
    if (!step(R, FRAME_MS, NULL, true, &c, &drawn))
        return false;
    out->open_ms = c.total;
    if (png_dir && !save_png(R, png_dir, "page-top"))
        return false;
    /* How far the page scrolls: a wheel turn far past the end clamps to it, and one back to the top. */
    ui_event wheel = {.type = UI_EVENT_SCROLL, .dy = 1e7f};
    if (!step(R, FRAME_MS, &wheel, true, NULL, &drawn))
        return false;
    out->max_scroll = ui_scroll(R->u);
    out->content_h = out->max_scroll + (SCREEN_H - THEME_BAR_HEIGHT);
    wheel.dy = -1e7f;
    if (!step(R, FRAME_MS, &wheel, true, NULL, &drawn))
        return false;
    if (out->max_scroll < DRAG_PX) {
        fprintf(stderr, "velkommen-bench-ui: page '%s' scrolls only %.0f px; pick a longer one (--page)\n", page_id,
                out->max_scroll);
        return false;
    }

    render_stats before = render_get_stats(R->rc);
    scroll_acc acc = {R, &s, out, 0};
    float dir = 1; /* 1: the finger moves up, the page reads on */
    float y0 = SCREEN_H - 180.0f, y1 = y0 - DRAG_PX;
    uint32_t t_start = R->now;
    bool png_mid = png_dir != NULL;
    while (s.n < min_frames) {
        /* read on to the end (the last gesture pulls the rubber band there), then back to the top */
        float pos = ui_scroll(R->u);
        if (dir > 0 && pos >= (float)out->max_scroll - 0.5f)
            dir = -1;
        else if (dir < 0 && pos <= 0.5f)
            dir = 1;
        float from = dir > 0 ? y0 : y1, to = dir > 0 ? y1 : y0;
        ui_event ev = {.type = UI_EVENT_POINTER_DOWN, .x = FINGER_X, .y = from, .pointer = 0};
        if (!scroll_step(&acc, &ev, false, &drawn))
            goto done;
        for (int i = 1; i <= DRAG_FRAMES; i++) {
            ev = (ui_event){.type = UI_EVENT_POINTER_MOVE, .x = FINGER_X,
                            .y = from + (to - from) * (float)i / DRAG_FRAMES, .pointer = 0};
            if (!scroll_step(&acc, &ev, false, &drawn))
                goto done;
        }
        /* the release is handled in the next frame of the loop; then the page glides until it stops */
        ev = (ui_event){.type = UI_EVENT_POINTER_UP, .x = FINGER_X, .y = to, .pointer = 0};
        const ui_event *pending = &ev;
        for (int f = 0; f < MAX_GESTURE_FRAMES; f++) {
            if (!scroll_step(&acc, pending, true, &drawn))
                goto done;
            pending = NULL;
            if (!drawn)
                break; /* standing still: the loop sleeps */
        }
        out->gestures++;
        if (png_mid && ui_scroll(R->u) > out->max_scroll / 3) {
            if (!save_png(R, png_dir, "page-scrolled"))
                goto done;
            png_mid = false;
        }
    }
    out->sim_s = (double)(R->now - t_start) / 1e3;
    render_stats after = render_get_stats(R->rc);
    out->frames = s.n;
    out->items_per_frame = (double)acc.items / (double)s.n;
    out->glyphs_per_frame = (double)(after.glyphs_drawn - before.glyphs_drawn) / (double)(after.frames - before.frames);
    out->atlas_hits = after.atlas.hits - before.atlas.hits;
    out->atlas_misses = after.atlas.misses - before.atlas.misses;
    out->atlas_resets = after.atlas.resets - before.atlas.resets;
    out->atlas_glyphs = after.atlas.glyphs;
    for (size_t i = 0; i < s.n; i++)
        out->over_budget += s.total[i] > TARGET_P99_MS;
    out->mean = mean(s.total, s.n);
    out->fps = 1e3 / out->mean;
    out->max = max_of(s.total, s.n);
    out->p50 = percentile(s.total, s.n, 0.50);
    out->p99 = percentile(s.total, s.n, 0.99);
    out->input_p50 = percentile(s.input, s.n, 0.50);
    out->build_p50 = percentile(s.build, s.n, 0.50);
    out->build_p99 = percentile(s.build, s.n, 0.99);
    out->draw_p50 = percentile(s.draw, s.n, 0.50);
    out->draw_p99 = percentile(s.draw, s.n, 0.99);
    ok = true;
done:
    samples_free(&s);
    return ok;
}

/* Where a scrolling frame's drawing goes: the page's display list at SPLIT_POSITIONS scroll positions
 * from top to end, drawn whole and with only one kind of item (on the cleared screen), median of reps
 * each; averaged over the positions. */
#define SPLIT_POSITIONS 4

typedef struct draw_split {
    double whole, clear, rects, text, images; /* ms; a kind alone includes the clear */
    double n_rects, n_text, n_images;         /* items per frame */
} draw_split;

static bool time_list(rig *R, const ui_display_list *dl, int reps, double *t, double *med)
{
    vk_error err = {0};
    for (int i = 0; i < reps; i++) {
        double t0 = now_ms();
        if (!render_display_list(R->rc, dl, &err))
            return fail_err(&err);
        SDL_RenderFlush(R->rd);
        t[i] = now_ms() - t0;
    }
    *med = percentile(t, (size_t)reps, 0.50);
    return true;
}

/* The items of dl whose kind is in `kinds` (bits 1 << ui_item_kind), borrowed as they are. */
static bool copy_kinds(ui_display_list *out, const ui_display_list *dl, unsigned kinds, size_t *n)
{
    *out = (ui_display_list){0};
    out->items = malloc((dl->count + 1) * sizeof *out->items);
    if (!out->items)
        return false;
    out->cap = dl->count + 1;
    for (size_t i = 0; i < dl->count; i++)
        if (kinds & (1u << dl->items[i].kind))
            out->items[out->count++] = dl->items[i];
    out->width = dl->width;
    out->height = dl->height;
    out->background = dl->background;
    out->image_root = dl->image_root;
    *n = out->count;
    return true;
}

static bool measure_draw_split(rig *R, double max_scroll, int reps, draw_split *out)
{
    *out = (draw_split){0};
    double *t = malloc((size_t)reps * sizeof *t);
    ui_display_list part = {0};
    bool ok = t != NULL, drawn;
    for (int p = 0; ok && p < SPLIT_POSITIONS; p++) {
        float at = (float)(max_scroll * p / (SPLIT_POSITIONS - 1));
        ui_event wheel = {.type = UI_EVENT_SCROLL, .dy = at - ui_scroll(R->u)};
        ok = step(R, FRAME_MS, &wheel, true, NULL, &drawn);
        const ui_display_list *dl = R->dl; /* its layouts stay valid: no ui_frame until the next position */
        double m = 0;
        ok = ok && time_list(R, dl, reps, t, &m);
        out->whole += m / SPLIT_POSITIONS;
        static const unsigned kinds[4] = {0, 1u << UI_ITEM_RECT, 1u << UI_ITEM_TEXT, 1u << UI_ITEM_IMAGE};
        double *sum[4] = {&out->clear, &out->rects, &out->text, &out->images};
        double *cnt[4] = {NULL, &out->n_rects, &out->n_text, &out->n_images};
        for (int k = 0; ok && k < 4; k++) {
            size_t n = 0;
            ok = copy_kinds(&part, dl, kinds[k], &n) && time_list(R, &part, reps, t, &m);
            ui_display_free(&part);
            *sum[k] += m / SPLIT_POSITIONS;
            if (cnt[k])
                *cnt[k] += (double)n / SPLIT_POSITIONS;
        }
    }
    free(t);
    return ok;
}

/* ---- a tap -------------------------------------------------------------------------------------- */

typedef struct tap_result {
    size_t taps, tiles, missing;  /* missing: taps whose press never showed */
    int frames_max;               /* frames drawn until the press showed, worst tap (1: the very next) */
    double p50, p99, max;         /* ms from handling the event to the pressed frame drawn */
    double build_p50, draw_p50;
    double open_p50, open_p99;    /* ms from the release to the opened section or page drawn */
    int lat_p50, lat_p99;         /* frames of latency at 60 Hz */
} tap_result;

static bool same_color(ui_color a, ui_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* Whether dl shows the tile at box pressed: a rectangle of the pressed colour under the middle of its
 * target. (A tile that runs off the bottom of the screen is drawn whole, but its target is only the
 * part on the screen, so the rectangle may be taller than the target.) */
static bool shows_pressed(const ui_display_list *dl, ui_rect box, ui_color pressed)
{
    float cx = box.x + box.w / 2, cy = box.y + box.h / 2;
    for (size_t i = 0; i < dl->count; i++) {
        const ui_item *it = &dl->items[i];
        if (it->kind == UI_ITEM_RECT && same_color(it->color, pressed) && cx >= it->box.x &&
            cx < it->box.x + it->box.w && cy >= it->box.y && cy < it->box.y + it->box.h)
            return true;
    }
    return false;
}

static bool measure_tap(rig *R, size_t taps, const char *png_dir, tap_result *out)
{
    *out = (tap_result){0};
    bool ok = false, drawn;
    frame_cost c = {0};
    double *t = calloc(taps, sizeof *t), *tb = calloc(taps, sizeof *tb), *td = calloc(taps, sizeof *td),
           *to = calloc(taps, sizeof *to), *lat = calloc(taps, sizeof *lat);
    ui_target *tiles = NULL;
    if (!t || !tb || !td || !to || !lat)
        goto done;
    if (!show(R, UI_SCREEN_HOME, ""))
        goto done;
    /* The tiles: whatever on the home screen opens a section or a page. Copied: the list is rebuilt. */
    tiles = calloc(R->dl->target_count + 1, sizeof *tiles);
    if (!tiles)
        goto done;
    for (size_t i = 0; i < R->dl->target_count; i++) {
        const ui_target *g = &R->dl->targets[i];
        if (g->action == UI_ACTION_OPEN_SECTION || g->action == UI_ACTION_OPEN_PAGE)
            tiles[out->tiles++] = *g;
    }
    if (out->tiles == 0) {
        fprintf(stderr, "velkommen-bench-ui: the home screen has no tiles (no content?)\n");
        goto done;
    }
    const ui_color pressed = ui_theme_normal.pressed_surface;
    for (size_t k = 0; k < taps; k++) {
        const ui_target *g = &tiles[k % out->tiles];
        float x = g->box.x + g->box.w / 2, y = g->box.y + g->box.h / 2;
        if (shows_pressed(R->dl, g->box, pressed)) {
            fprintf(stderr, "velkommen-bench-ui: a tile shows pressed before the finger is down\n");
            goto done;
        }
        /* the finger goes down; the kiosk's loop handles it and draws its next frame, and the next, until
         * the press shows */
        ui_event ev = {.type = UI_EVENT_POINTER_DOWN, .x = x, .y = y, .pointer = 0};
        double sum = 0;
        int f = 0;
        bool shown = false;
        while (!shown && f < MAX_PRESS_FRAMES) {
            if (!step(R, FRAME_MS, f == 0 ? &ev : NULL, true, &c, &drawn))
                goto done;
            f++;
            /* a frame that does not show it yet costs the viewer a whole period at 60 Hz */
            shown = shows_pressed(R->dl, g->box, pressed);
            sum += shown ? c.total : fmax(c.total, REFRESH_MS);
            if (shown) {
                tb[k] = c.build;
                td[k] = c.draw;
            }
        }
        if (!shown)
            out->missing++;
        if (f > out->frames_max)
            out->frames_max = f;
        t[k] = sum;
        lat[k] = (double)((f - 1) + frames_of(c.total));
        if (png_dir && k == 0 && !save_png(R, png_dir, "home-pressed"))
            goto done;
        /* held a moment, then released over the tile: it opens */
        for (int h = 0; h < 5; h++)
            if (!step(R, FRAME_MS, NULL, false, NULL, &drawn))
                goto done;
        ev.type = UI_EVENT_POINTER_UP;
        if (!step(R, FRAME_MS, &ev, true, &c, &drawn))
            goto done;
        to[k] = c.total;
        if (ui_current_screen(R->u) == UI_SCREEN_HOME) {
            fprintf(stderr, "velkommen-bench-ui: tapping a tile did not open it\n");
            goto done;
        }
        ui_event back = {.type = UI_EVENT_KEY, .key = UI_KEY_BACK};
        if (!step(R, FRAME_MS, &back, true, NULL, &drawn))
            goto done;
        if (ui_current_screen(R->u) != UI_SCREEN_HOME) {
            fprintf(stderr, "velkommen-bench-ui: Back did not return home\n");
            goto done;
        }
    }
    out->taps = taps;
    out->max = max_of(t, taps);
    out->p50 = percentile(t, taps, 0.50);
    out->p99 = percentile(t, taps, 0.99);
    out->build_p50 = percentile(tb, taps, 0.50);
    out->draw_p50 = percentile(td, taps, 0.50);
    out->open_p50 = percentile(to, taps, 0.50);
    out->open_p99 = percentile(to, taps, 0.99);
    out->lat_p50 = (int)percentile(lat, taps, 0.50);
    out->lat_p99 = (int)percentile(lat, taps, 0.99);
    ok = true;
done:
    if (!ok && !(t && tb && td && to && lat))
        fprintf(stderr, "velkommen-bench-ui: out of memory\n");
    free(tiles);
    free(t);
    free(tb);
    free(td);
    free(to);
    free(lat);
    return ok;
}

/* ---- main --------------------------------------------------------------------------------------- */

/* The figures as key=value lines, one per line, for a program to read (velkommen-bench-browser);
 * times in ms. */
/* ---- read aloud and search (the issue "beyond reading") ---------------------------------------- */

/* The target of action (and arg, unless < 0) in the last frame; false when it is not there. */
static bool find_target(const rig *R, int action, int arg, ui_rect *box)
{
    for (size_t i = 0; R->dl && i < R->dl->target_count; i++)
        if (R->dl->targets[i].action == action && (arg < 0 || R->dl->targets[i].arg == arg)) {
            *box = R->dl->targets[i].box;
            return true;
        }
    return false;
}

/* A finger down and up on box; the cost of the frame after the release (what the tap changed). */
static bool tap_box(rig *R, ui_rect box, frame_cost *c)
{
    bool drawn;
    ui_event down = {.type = UI_EVENT_POINTER_DOWN, .x = box.x + box.w / 2, .y = box.y + box.h / 2, .pointer = 0};
    ui_event up = down;
    up.type = UI_EVENT_POINTER_UP;
    return step(R, FRAME_MS, &down, true, NULL, &drawn) && step(R, FRAME_MS, &up, true, c, &drawn);
}

typedef struct speak_result {
    size_t frames, heard;
    double p50, p99, max, first_part_ms;
} speak_result;

/* The page read aloud while it scrolls: espeak-ng makes the speech on its thread and SDL's dummy
 * audio output takes it in real time, while frames are drawn back to back, each a little further
 * down the page. Frame times with the voice busy on the second core; parts heard meanwhile. */
static bool measure_speaking(rig *R, app_resources *res, const char *page_id, size_t frames, speak_result *out)
{
    *out = (speak_result){0};
    SDL_SetHint(SDL_HINT_AUDIODRIVER, "dummy");
    vk_error err = {0};
    app_reader *reader = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0 ? app_reader_new(res, true, &err) : NULL;
    if (!reader) {
        fprintf(stderr, "velkommen-bench-ui: no sound output to read aloud with: %s\n", err.msg[0] ? err.msg : SDL_GetError());
        return false;
    }
    app_reader_offer(reader, res);
    ui_env env;
    app_resources_ui_env(res, &env);
    env.image_size = render_image_size_fn;
    env.image_ctx = R->rc;
    env.read_aloud = app_reader_command;
    env.read_ctx = reader;
    ui_free(R->u);
    R->u = ui_new(&env, &err);
    double *t = calloc(frames, sizeof *t);
    bool ok = R->u && t && show(R, UI_SCREEN_PAGE, page_id);
    ui_rect listen;
    if (ok && !find_target(R, UI_ACTION_READ, UI_READ_START, &listen)) {
        fprintf(stderr, "velkommen-bench-ui: %s offers no Listen button\n", page_id);
        ok = false;
    }
    double t0 = now_ms();
    ok = ok && tap_box(R, listen, NULL);
    int last = -2;
    for (size_t f = 0; ok && f < frames; f++) {
        int heard = app_reader_tick(reader, SDL_GetTicks());
        if (heard != APP_READER_IDLE)
            ui_reading_progress(R->u, heard);
        if (heard >= -1 && heard != last) {
            if (heard >= 0 && out->first_part_ms == 0)
                out->first_part_ms = now_ms() - t0; /* the title is over: the first paragraph begins */
            out->heard++;
            last = heard;
        }
        ui_event wheel = {.type = UI_EVENT_SCROLL, .dy = 3};
        frame_cost c;
        bool drawn;
        ok = step(R, FRAME_MS, &wheel, true, &c, &drawn);
        t[f] = c.total;
        out->frames++;
    }
    if (ok && out->frames) {
        out->max = max_of(t, out->frames);
        out->p50 = percentile(t, out->frames, 0.50);
        out->p99 = percentile(t, out->frames, 0.99);
    }
    free(t);
    app_reader_free(reader); /* before the UI that points at it */
    return ok;
}

typedef struct type_result {
    size_t keys, results;
    double p50, p99, max;           /* the keystroke: the event (the query runs in it) and ui_frame */
    double draw_p50, total_p99;     /* drawing the frame; all of it, to pixels */
    char words[64];
} type_result;

/* Search as a reader types: the search screen, then each key of the language's keyboard tapped in
 * turn (an Ethiopic syllable is two taps); ms from the key's release through the query and ui_frame
 * to the frame drawn with the new results. */
static bool measure_typing(rig *R, const char *words, type_result *out)
{
    *out = (type_result){0};
    snprintf(out->words, sizeof out->words, "%s", words);
    double t[256], d[256], all[256];
    ui_rect box;
    bool ok = show(R, UI_SCREEN_HOME, "") && find_target(R, UI_ACTION_SEARCH, -1, &box) && tap_box(R, box, NULL);
    for (const char *w = words; ok && *w && out->keys < 256;) {
        size_t used = 0;
        int action, arg;
        frame_cost c;
        ok = ui_search_key(R->u, w, &used, &action, &arg) && find_target(R, action, arg, &box) && tap_box(R, box, &c);
        if (ok) {
            t[out->keys] = c.input + c.build;
            d[out->keys] = c.draw;
            all[out->keys++] = c.total;
            w += used;
        }
    }
    if (!ok)
        fprintf(stderr, "velkommen-bench-ui: could not type '%s' on the keyboard\n", words);
    const char *ids[8];
    out->results = ui_search_results(R->u, ids, 8);
    if (out->keys) {
        out->max = max_of(t, out->keys);
        out->p50 = percentile(t, out->keys, 0.50);
        out->p99 = percentile(t, out->keys, 0.99);
        out->draw_p50 = percentile(d, out->keys, 0.50);
        out->total_p99 = percentile(all, out->keys, 0.99);
    }
    return ok;
}

static bool write_kv(const char *path, const char *lang, const page_pick *pick, const scroll_result *sc,
                     const tap_result *tp, bool quick)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "velkommen-bench-ui: %s: cannot write\n", path);
        return false;
    }
    uint64_t lookups = sc->atlas_hits + sc->atlas_misses;
    fprintf(f, "lang=%s\npage=%s\nchars=%zu\nblocks=%zu\nquick=%d\n", lang, pick->page ? pick->page->id : "",
            pick->chars, pick->blocks, quick);
    fprintf(f, "scroll_frames=%zu\nscroll_gestures=%zu\ncontent_h_px=%.0f\nscroll_p50_ms=%.3f\nscroll_p99_ms=%.3f\n"
               "scroll_max_ms=%.3f\nscroll_mean_ms=%.3f\nscroll_fps=%.1f\nscroll_over_budget=%zu\n"
               "scroll_build_p50_ms=%.3f\nscroll_build_p99_ms=%.3f\nscroll_draw_p50_ms=%.3f\nscroll_draw_p99_ms=%.3f\n"
               "page_open_ms=%.3f\nitems_per_frame=%.0f\nglyphs_per_frame=%.0f\n",
            sc->frames, sc->gestures, sc->content_h, sc->p50, sc->p99, sc->max, sc->mean, sc->fps, sc->over_budget,
            sc->build_p50, sc->build_p99, sc->draw_p50, sc->draw_p99, sc->open_ms, sc->items_per_frame,
            sc->glyphs_per_frame);
    fprintf(f, "atlas_hits=%llu\natlas_misses=%llu\natlas_hit_rate=%.6f\natlas_resets=%llu\natlas_glyphs=%d\n",
            (unsigned long long)sc->atlas_hits, (unsigned long long)sc->atlas_misses,
            lookups ? (double)sc->atlas_hits / (double)lookups : 0.0, (unsigned long long)sc->atlas_resets,
            sc->atlas_glyphs);
    fprintf(f, "tap_p50_ms=%.3f\ntap_p99_ms=%.3f\ntap_latency_frames_p99=%d\n", tp->p50, tp->p99, tp->lat_p99);
    return fclose(f) == 0;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: velkommen-bench-ui [--quick] [--data DIR] [--lang CODE] [--page ID] [--png DIR]\n"
               "  --quick     few frames: a smoke run, figures not stable\n"
               "  --data DIR  data directory with locales/, assets/ and content/ (default: VELKOMMEN_DATA,\n"
               "              else the source tree the build was configured in)\n"
               "  --lang CODE the language of the page and the home screen (default: ar)\n"
               "  --page ID   the page to scroll (default: the language's longest page)\n"
               "  --png DIR   also write the page at its top and scrolled, and the pressed tile, to DIR\n"
               "  --kv FILE   also write the figures as key=value lines to FILE, for other programs\n"
               "              (velkommen-bench-browser reads them)\n"
               "  --cli PATH  accepted and ignored, as scripts/bench passes velkommen-bench's options on\n");
}

int main(int argc, char **argv)
{
    bool quick = false;
    const char *data_opt = NULL, *lang_code = "ar", *page_id = NULL, *png_dir = NULL, *kv_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0)
            quick = true;
        else if (strcmp(argv[i], "--data") == 0 && i + 1 < argc)
            data_opt = argv[++i];
        else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
            lang_code = argv[++i];
        else if (strcmp(argv[i], "--page") == 0 && i + 1 < argc)
            page_id = argv[++i];
        else if (strcmp(argv[i], "--png") == 0 && i + 1 < argc)
            png_dir = argv[++i];
        else if (strcmp(argv[i], "--kv") == 0 && i + 1 < argc)
            kv_path = argv[++i];
        else if (strcmp(argv[i], "--cli") == 0 && i + 1 < argc)
            i++;
        else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else {
            usage(stderr);
            return 2;
        }
    }
    size_t min_frames = quick ? 120 : 1200, taps = quick ? 20 : 300;

    double t_start = now_ms();
    app_resources res;
    vk_error err = {0};
    char found[1024];
    if (!app_resources_load(&res, app_data_dir(data_opt, found, sizeof found), &err)) {
        fail_err(&err);
        app_resources_free(&res);
        return 2;
    }
    int li = app_resources_lang_index(&res, lang_code);
    if (li < 0) {
        char codes[256];
        fprintf(stderr, "velkommen-bench-ui: unknown language '%s' (languages: %s)\n", lang_code,
                i18n_langs_codes(&res.langs, codes, sizeof codes));
        app_resources_free(&res);
        return 2;
    }
    page_pick pick;
    if (!pick_page(&res, (size_t)li, page_id, &pick)) {
        app_resources_free(&res);
        return 1;
    }
    if (!pick.page) {
        fprintf(stderr, "velkommen-bench-ui: %s\n", page_id ? "no such page in the content" : "no content pages");
        app_resources_free(&res);
        return 2;
    }

    printf("velkommen-bench-ui%s: %s, %dx%d, SDL software renderer on a surface, %u ms per frame simulated\n",
           quick ? " --quick" : "", lang_code, SCREEN_W, SCREEN_H, FRAME_MS);
    fflush(stdout);
    int status = 0;
    rig R;
    scroll_result sc = {0};
    tap_result tp = {0};
    fprintf(stderr, "velkommen-bench-ui: scrolling %s...", pick.page->id);
    draw_split ds = {0};
    bool ok = rig_open(&R, &res, (size_t)li) && measure_scroll(&R, pick.page->id, min_frames, png_dir, &sc) &&
              measure_draw_split(&R, sc.max_scroll, quick ? 10 : 100, &ds);
    rig_close(&R);
    /* a fresh UI and renderer for the taps, as a kiosk that has not shown the page */
    fprintf(stderr, " tapping...");
    ok = ok && rig_open(&R, &res, (size_t)li) && measure_tap(&R, taps, png_dir, &tp);
    rig_close(&R);
    /* read aloud while scrolling, where the language has a voice; typing a search on its keyboard */
    speak_result sp = {0};
    type_result ty = {0};
    static const struct {
        const char *lang, *words;
    } typed[] = {{"da", "sprogskole"}, {"en", "language school"}, {"ar", "مدرسة اللغة"}, {"ti", "ቤት ትምህርቲ ቋንቋ"}};
    const char *words = "sprogskole";
    for (size_t i = 0; i < sizeof typed / sizeof *typed; i++)
        if (strcmp(typed[i].lang, lang_code) == 0)
            words = typed[i].words;
    if (ok && app_reading_available(&res, li)) {
        fprintf(stderr, " reading aloud...");
        ok = rig_open(&R, &res, (size_t)li) && measure_speaking(&R, &res, pick.page->id, quick ? 120 : 600, &sp);
        rig_close(&R);
    }
    fprintf(stderr, " typing...");
    ok = ok && rig_open(&R, &res, (size_t)li) && measure_typing(&R, words, &ty);
    rig_close(&R);
    fprintf(stderr, " done\n");
    if (!ok)
        status = 1;

    if (sc.frames) {
        printf("\nScroll: %s %s, %s: %zu characters in %zu blocks%s\n",
               page_id ? "the page given," : "the page with the most text in", page_id ? pick.page->id : lang_code,
               page_id ? lang_code : pick.page->id, pick.chars, pick.blocks,
               pick.fallbacks ? " (some shown in a fallback language)" : "");
        printf("  %.0f px tall, scrolls %.0f px; %zu gestures of a finger dragging %.0f px in %d frames, released,\n"
               "  then the fling (and the spring back at an end) until the page stands still: %zu frames drawn\n"
               "  (%zu dragging, %zu gliding, %zu springing back), %.0f px of travel, %.1f s simulated\n",
               sc.content_h, sc.max_scroll, sc.gestures, (double)DRAG_PX, DRAG_FRAMES, sc.frames,
               sc.frames - sc.fling_frames - sc.spring_frames, sc.fling_frames, sc.spring_frames, sc.travel,
               sc.sim_s);
        printf("  per frame: %.0f display-list items, %.0f glyphs drawn; the page's first frame (opening it) %.2f ms\n",
               sc.items_per_frame, sc.glyphs_per_frame, sc.open_ms);
        printf("%-28s %8s %8s %8s %8s\n", "ms per frame", "p50", "p99", "max", "mean");
        printf("%-28s %8.2f %8.2f %8.2f %8.2f\n", "event to pixels (total)", sc.p50, sc.p99, sc.max, sc.mean);
        printf("%-28s %8.2f %8.2f\n", "  ui_frame (build)", sc.build_p50, sc.build_p99);
        printf("%-28s %8.2f %8.2f\n", "  render_display_list", sc.draw_p50, sc.draw_p99);
        printf("%-28s %8.1f us\n", "  event + ui_advance", sc.input_p50 * 1e3);
        printf("  %.1f frames per second (1000 / mean); %zu of %zu frames over %.1f ms\n", sc.fps, sc.over_budget,
               sc.frames, TARGET_P99_MS);
        char pics[64] = "";
        if (ds.n_images > 0)
            snprintf(pics, sizeof pics, ", %.0f pictures +%.2f", ds.n_images, fmax(0, ds.images - ds.clear));
        printf("  drawing by kind of item, each kind alone on a cleared screen (the page at %d scroll positions,\n"
               "  medians, ms): clear %.2f, %.0f rectangles +%.2f, %.0f text items +%.2f%s; all together %.2f\n",
               SPLIT_POSITIONS, ds.clear, ds.n_rects, fmax(0, ds.rects - ds.clear), ds.n_text,
               fmax(0, ds.text - ds.clear), pics, ds.whole);
    }
    if (tp.taps) {
        printf("\nTap: a finger down on a home-screen tile (%zu tiles in turn, %zu taps), until the tile shows its\n"
               "  pressed colour; ms from handling POINTER_DOWN through ui_frame to the frame drawn\n",
               tp.tiles, tp.taps);
        printf("%-28s %8s %8s %8s\n", "ms", "p50", "p99", "max");
        printf("%-28s %8.2f %8.2f %8.2f\n", "down to pressed frame", tp.p50, tp.p99, tp.max);
        printf("%-28s %8.2f\n", "  ui_frame (build)", tp.build_p50);
        printf("%-28s %8.2f\n", "  render_display_list", tp.draw_p50);
        printf("%-28s %8.2f %8.2f\n", "release to opened screen", tp.open_p50, tp.open_p99);
        printf("  the press showed in frame %d after the event at worst (1: the very next frame)%s;\n"
               "  frames of latency at 60 Hz (frames until it shows, each within %.1f ms): %d p50, %d p99\n",
               tp.frames_max, tp.missing ? ", NEVER in some taps" : "", REFRESH_MS, tp.lat_p50, tp.lat_p99);
    }

    if (sp.frames) {
        printf("\nRead aloud: Listen on the same page, espeak-ng making the speech on its thread and SDL's dummy\n"
               "  audio output taking it in real time, while %zu frames are drawn back to back, scrolling\n",
               sp.frames);
        printf("%-28s %8s %8s %8s\n", "ms per frame", "p50", "p99", "max");
        printf("%-28s %8.2f %8.2f %8.2f\n", "while speaking", sp.p50, sp.p99, sp.max);
        if (sp.first_part_ms > 0)
            printf("  the title was heard from the tap on, the first paragraph from %.0f ms; %zu parts heard\n",
                   sp.first_part_ms, sp.heard);
        else
            printf("  the title was heard from the tap on; %zu part%s heard during the frames\n", sp.heard,
                   sp.heard == 1 ? "" : "s");
    } else if (app_reading_available(&res, li) == false) {
        printf("\nRead aloud: %s has no voice; not measured\n", lang_code);
    }
    if (ty.keys) {
        printf("\nSearch: \"%s\" typed on the %s keyboard, %zu taps (%zu results at the end); ms per keystroke:\n"
               "  the key's release handled (the query runs there) and the screen built with the results,\n"
               "  then drawn\n",
               ty.words, lang_code, ty.keys, ty.results);
        printf("%-28s %8s %8s %8s\n", "ms", "p50", "p99", "max");
        printf("%-28s %8.2f %8.2f %8.2f\n", "keystroke: query + ui_frame", ty.p50, ty.p99, ty.max);
        printf("%-28s %8.2f %8s %8s\n", "  render_display_list", ty.draw_p50, "", "");
        printf("%-28s %8s %8.2f\n", "  all of it, to pixels", "", ty.total_p99);
    }

    printf("\nTargets%s\n", quick ? " (--quick: figures not stable)" : "");
    char m[128];
    if (sc.frames) {
        snprintf(m, sizeof m, "p99 %.2f ms, p50 %.2f ms, %.0f fps", sc.p99, sc.p50, sc.fps);
        printf("  %-44s %-38s %s\n", "scrolling at 60 fps: p99 <= 16.7 ms", m,
               sc.p99 <= TARGET_P99_MS && sc.fps >= TARGET_FPS ? "MET" : "NOT MET");
    }
    if (tp.taps) {
        snprintf(m, sizeof m, "%d frame%s p99 (%.2f ms p99, frame %d at worst)", tp.lat_p99, tp.lat_p99 == 1 ? "" : "s",
                 tp.p99, tp.frames_max);
        printf("  %-44s %-38s %s\n", "a tap shows in one frame of latency", m,
               tp.lat_p99 <= TARGET_LATENCY_FRAMES && !tp.missing ? "MET" : "NOT MET");
    }
    if (sp.frames) {
        snprintf(m, sizeof m, "p99 %.2f ms while speaking (%.2f without)", sp.p99, sc.p99);
        printf("  %-44s %-38s %s\n", "reading aloud keeps 60 fps: p99 <= 16.7 ms", m,
               sp.p99 <= TARGET_P99_MS ? "MET" : "NOT MET");
    }
    if (ty.keys) {
        snprintf(m, sizeof m, "max %.2f ms (query + ui_frame)", ty.max);
        printf("  %-44s %-38s %s\n", "a search keystroke < 10 ms", m, ty.max < 10.0 ? "MET" : "NOT MET");
    }
    printf("\n%.0f s in all; CLOCK_MONOTONIC; %ld CPUs online\n", (now_ms() - t_start) / 1e3,
           sysconf(_SC_NPROCESSORS_ONLN));
    if (kv_path && !write_kv(kv_path, lang_code, &pick, &sc, &tp, quick))
        status = status ? status : 1;
    app_resources_free(&res);
    SDL_Quit();
    return status;
}
