/* The subcommands behind the command line. Each returns an exit status (cli.h). */
#ifndef VK_APP_COMMANDS_H
#define VK_APP_COMMANDS_H

#include <stdbool.h>

typedef struct app_run_options {
    const char *config;     /* NULL: $VELKOMMEN_CONFIG or /etc/velkommen/velkommen.conf */
    const char *data_dir;   /* NULL: the configuration's, else app_data_dir's default */
    int width, height;      /* 0: fullscreen */
    bool allow_quit;
    unsigned idle_seconds;  /* 0: the default, 90 */
    const char *stats;      /* the counter file; NULL: the configuration's, else app_stats_default_path */
    const char *languages;  /* offered, in order ("da,ar,ti"); NULL: the configuration's, else LINGUAS */
    int rotation;           /* -1: the configuration's, else 0, 90, 180, 270 */
    int log_level;          /* -1: the configuration's, else an app_log_level */
} app_run_options;

/* Where a touch at (x, y) on an out_w x out_h screen falls in the UI, when the UI's picture is turned
 * `rotation` degrees clockwise onto it (0, 90, 180, 270). */
void app_unrotate(int rotation, int out_w, int out_h, float x, float y, float *ux, float *uy);

typedef struct app_render_options {
    const char *data_dir;
    const char *lang;       /* required */
    const char *page;       /* "picker", "home" (default), a section id or a page id */
    int width, height;
    const char *out;        /* PNG path; with all, a folder */
    bool all;               /* every screen in every language */
} app_render_options;

typedef struct app_layout_options {
    const char *data_dir;
    const char *lang;       /* required: sets fonts, direction and shaping language */
    int width;              /* box width in pixels; 0 = no wrapping */
    float size;             /* em size in pixels */
    bool bold;
    const char *file;       /* NULL or "-": standard input */
} app_layout_options;

typedef struct app_check_options {
    const char *data_dir;
    const char *dir;        /* content folder; NULL: DATA/content */
    bool strict;            /* warnings make the exit status 1 */
    bool dump;              /* print the page model of every page */
    bool json;              /* translation status as JSON on standard output */
} app_check_options;

int app_cmd_check(const app_check_options *opt);

/* The largest side of a picture the kiosk draws: a 1920 px column at most, with room for zoom-free
 * sharpness on a 4K screen. */
#define APP_MAX_PICTURE_SIDE 4096
struct content_tree;
struct content_diags;
/* Each language's translation status (interface and content) as a table, or JSON, on out; problems
 * of the catalogs go to d. */
#include <stdio.h>
void app_translation_status(const char *locales_dir, const struct content_tree *tree, struct content_diags *d, bool json,
                            FILE *out);

/* Opens every picture of the tree as the kiosk would and reports the ones it could not show. */
void app_check_pictures(const struct content_tree *tree, struct content_diags *d);
/* The same, remembering each picture's verdict by the file it was (device, inode, size, change
 * time): the kiosk's reloads check again only the pictures that changed, where an SVG costs 15-20 ms
 * to rasterise. The memo belongs to one thread. */
typedef struct app_picture_memo app_picture_memo;
app_picture_memo *app_picture_memo_new(void);
void app_picture_memo_free(app_picture_memo *memo); /* accepts NULL */
size_t app_picture_memo_hits(const app_picture_memo *memo);
void app_check_pictures_remembering(const struct content_tree *tree, struct content_diags *d, app_picture_memo *memo);
int app_cmd_layout(const app_layout_options *opt);

typedef struct app_extract_options {
    const char *data_dir;
    const char *out;        /* NULL: DATA/locales/content.pot */
} app_extract_options;

int app_cmd_extract(const app_extract_options *opt);

typedef struct app_script_options {
    const char *data_dir;
    const char *config;     /* a configuration file (staff PIN); NULL: none */
    const char *file;
    unsigned idle_seconds;  /* 0: the default, 90 */
    const char *stats;      /* a counter file to count into; NULL: not counting */
} app_script_options;

int app_cmd_script(const app_script_options *opt);

typedef struct app_soak_options {
    const char *data_dir;
    unsigned long events;   /* 0: 100,000 */
    unsigned long long seed;
    int width, height;      /* 0: 1280x720 */
    bool check_memory;      /* fail when resident memory grows by 1 MB after the warm-up (not under ASan) */
} app_soak_options;

int app_cmd_soak(const app_soak_options *opt);

typedef struct app_stats_options {
    const char *config;     /* where the counter file is when db is NULL */
    const char *db;         /* --db FILE */
    const char *since;      /* YYYY-MM-DD or NULL */
    bool json;              /* --format json (else csv) */
    const char **merge;     /* --merge A.db B.db ...: the sum of these instead of db */
    int merge_count;
    const char *out;        /* --out FILE.db: with --merge, also write the sum as a counter file */
} app_stats_options;

int app_cmd_stats(const app_stats_options *opt);

typedef struct app_speak_options {
    const char *data_dir;
    const char *page;       /* required */
    const char *lang;       /* required */
    const char *out;        /* required: FILE.wav */
} app_speak_options;

int app_cmd_speak(const app_speak_options *opt);
int app_cmd_run(const app_run_options *opt);
int app_cmd_render(const app_render_options *opt);
/* render --all: every screen of every language into opt->out (a folder), with checks */
int app_cmd_render_all(const app_render_options *opt);

#endif
