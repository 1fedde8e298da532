/* The parts of velkommen-bench-browser (bench_browser.c) that load content in-process: live reload
 * of the bundled tree (bench_reload.c) and content trees of many times its size (bench_scale.c).
 * Each runs in a child process of its own, so its memory is its own and the parent, which launches
 * the programs it compares, stays small (memwatch.h says why that matters).
 */
#ifndef VK_BENCH_BROWSER_H
#define VK_BENCH_BROWSER_H

#include <stdbool.h>
#include <stddef.h>

/* Copies the regular files and folders below `from` into `to` (made), skipping names starting with a
 * dot. False with a message in err. */
bool bench_copy_tree(const char *from, const char *to, char *err, size_t err_size);
/* Removes dir and everything below it; symlinks are removed, not followed. */
void bench_remove_tree(const char *dir);
/* Median of v[0..n) (sorts v). */
double bench_median(double *v, size_t n);
/* Nearest-rank percentile p (0..1) of v[0..n) (sorts v). */
double bench_percentile(double *v, size_t n, double p);

/* Live reload, as the kiosk's main loop does it (src/app/run_cmd.c), on a copy of the data directory:
 * the page shown in the language, a reloader on the copy's content/ and locales/ looking every
 * interval_ms, and for each change the page's file rewritten in place (a paragraph added, then the
 * original back), the loop woken by the reloader's event, the tree taken, ui_set_content, ui_frame and
 * render_display_list on a software renderer at 1920x1080. One change is a warm-up. */
typedef struct bench_reload_result {
    int changes;                          /* timed */
    int failures;                         /* a change that never showed, or showed the wrong tree */
    double total_med, total_p90, total_min, total_max; /* ms, the file written -> the new frame drawn */
    double take_med, take_max;            /* ms, the file written -> app_reloader_take gave the tree */
    double frame_med, frame_max;          /* ms, ui_set_content + ui_frame + render_display_list */
    double load_med;                      /* ms, content_tree_load of the same folder alone */
    double signature_med;                 /* ms, app_content_signature of the folder alone */
    size_t pages;
} bench_reload_result;

bool bench_reload_run(const char *data_dir, const char *lang, const char *page_id, int changes, unsigned interval_ms,
                      bench_reload_result *out, char *err, size_t err_size);

/* A content tree `factor` times the bundled one, in dst (made): the top-level files once, each
 * top-level folder `factor` times, the first under its own name, the others as NAME-2, NAME-3, ...
 * (links inside a folder stay inside its copy; links to other folders lead to the originals). */
bool bench_scale_make(const char *content_src, const char *dst, int factor, char *err, size_t err_size);

/* In this process: the data directory's fonts and catalogs, then the tree at content_dir loaded
 * (content_tree_load: parsing and the tree's own checks), its pictures checked (app_check_pictures,
 * the rest of what `velkommen check DIR` does), and put in the UI: the page shown in the language
 * (ui_show + ui_frame, which lays out that page only) and the home screen (its tiles). */
typedef struct bench_scale_result {
    size_t pages, sections, errors, warnings;
    double load_ms, pictures_ms, page_ms, home_ms;
    long base_rss_kb;   /* VmRSS with the fonts and catalogs loaded, before the tree */
    long loaded_rss_kb; /* VmRSS after content_tree_load */
    long shown_rss_kb;  /* VmRSS after the page and the home screen are shown (renderer, atlas, layouts) */
    long maxrss_kb;     /* ru_maxrss of this process at the end */
} bench_scale_result;

bool bench_scale_measure(const char *data_dir, const char *content_dir, const char *lang, const char *page_id,
                         bench_scale_result *out, char *err, size_t err_size);

/* `velkommen render`'s steps (src/app/render_cmd.c) one by one in this process, each timed and followed
 * by VmRSS: loading the data directory, the renderer (the surface and the glyph atlas), the page's
 * first frame (ui_show + ui_frame: localizing, laying out, loading its picture), drawing it, and
 * reading it back as a PNG file. Then the parts of the first step, timed again: every catalog, the
 * content tree, the fonts. */
enum { BENCH_PHASE_START, BENCH_PHASE_RESOURCES, BENCH_PHASE_RENDERER, BENCH_PHASE_LAYOUT, BENCH_PHASE_DRAW,
       BENCH_PHASE_PNG, BENCH_PHASES };

typedef struct bench_phase_result {
    double ms[BENCH_PHASES];     /* each step; [BENCH_PHASE_START] unused */
    long rss_kb[BENCH_PHASES];   /* VmRSS after each step; [BENCH_PHASE_START]: before the first */
    long hwm_kb;                 /* VmHWM at the end */
    double catalogs_ms, content_ms, fonts_ms;
    int catalogs, fonts;
} bench_phase_result;

bool bench_phases_measure(const char *data_dir, const char *lang, const char *page_id, const char *png,
                          bench_phase_result *out, char *err, size_t err_size);

#endif
