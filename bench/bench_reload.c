/* Live reload timed the way the kiosk's main loop reloads: see bench_browser.h. Also the file helpers
 * the browser benchmark shares. */
#define _GNU_SOURCE /* nftw's FTW_DEPTH and FTW_PHYS */
#include "bench_browser.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "app/reload.h"
#include "app/resources.h"
#include "memwatch.h"
#include "render/draw.h"
#include "ui/ui.h"

#define SCREEN_W 1920
#define SCREEN_H 1080
#define SHOW_TIMEOUT_MS 5000.0 /* a change not shown by then counts as a failure */

/* ---- shared helpers ------------------------------------------------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

double bench_percentile(double *v, size_t n, double p)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    size_t i = (size_t)ceil(p * (double)n);
    i = i == 0 ? 0 : i - 1;
    return v[i < n ? i : n - 1];
}

double bench_median(double *v, size_t n)
{
    if (n == 0)
        return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static bool copy_file(const char *from, const char *to, char *err, size_t err_size)
{
    int in = open(from, O_RDONLY | O_CLOEXEC), out = -1;
    bool ok = in >= 0 && (out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) >= 0;
    char buf[65536];
    ssize_t n = 0;
    while (ok && (n = read(in, buf, sizeof buf)) > 0)
        ok = write(out, buf, (size_t)n) == n;
    ok = ok && n == 0;
    if (!ok)
        snprintf(err, err_size, "cannot copy %s to %s: %s", from, to, strerror(errno));
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0)
        ok = false;
    return ok;
}

bool bench_copy_tree(const char *from, const char *to, char *err, size_t err_size)
{
    if (mkdir(to, 0755) != 0 && errno != EEXIST) {
        snprintf(err, err_size, "%s: cannot make the folder: %s", to, strerror(errno));
        return false;
    }
    DIR *d = opendir(from);
    if (!d) {
        snprintf(err, err_size, "%s: cannot read: %s", from, strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *de;
    while (ok && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char a[4096], b[4096];
        snprintf(a, sizeof a, "%s/%s", from, de->d_name);
        snprintf(b, sizeof b, "%s/%s", to, de->d_name);
        struct stat st;
        if (stat(a, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            ok = bench_copy_tree(a, b, err, err_size);
        else if (S_ISREG(st.st_mode))
            ok = copy_file(a, b, err, err_size);
    }
    closedir(d);
    return ok;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

void bench_remove_tree(const char *dir)
{
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0, got;
    do {
        if (n + 4096 > cap) {
            char *nb = realloc(buf, cap = cap ? 2 * cap : 8192);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while (got > 0);
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Rewritten in place, as a text editor that truncates and writes does. */
static bool write_file(const char *path, const char *a, size_t na, const char *b, size_t nb)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = write(fd, a, na) == (ssize_t)na && (nb == 0 || write(fd, b, nb) == (ssize_t)nb);
    return close(fd) == 0 && ok;
}

/* ---- reload -------------------------------------------------------------------------------------- */

bool bench_reload_run(const char *data_dir, const char *lang, const char *page_id, int changes, unsigned interval_ms,
                      bench_reload_result *out, char *err, size_t err_size)
{
    *out = (bench_reload_result){0};
    const char *tmpdir = getenv("TMPDIR"); /* the system's temporary folder unless one is set */
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s/velkommen-reload-XXXXXX", tmpdir && *tmpdir ? tmpdir : P_tmpdir);
    if (!mkdtemp(tmp)) {
        snprintf(err, err_size, "cannot make a temporary folder: %s", strerror(errno));
        return false;
    }
    bool ok = false;
    app_resources res;
    memset(&res, 0, sizeof res);
    SDL_Surface *surface = NULL;
    SDL_Renderer *rd = NULL;
    render_ctx *rc = NULL;
    ui *u = NULL;
    app_reloader *rl = NULL;
    char *original = NULL;
    double *total = calloc((size_t)changes + 1, sizeof *total), *take = calloc((size_t)changes + 1, sizeof *take),
           *frame = calloc((size_t)changes + 1, sizeof *frame);
    vk_error e = {0};
    char path[4200], content_dir[4200], locales_dir[4200];
    static const char *const parts[] = {"assets", "locales", "content"};
    for (int i = 0; i < 3; i++) {
        char a[4200], b[4200];
        snprintf(a, sizeof a, "%s/%s", data_dir, parts[i]);
        snprintf(b, sizeof b, "%s/%s", tmp, parts[i]);
        if (!bench_copy_tree(a, b, err, err_size))
            goto done;
    }
    if (!total || !take || !frame || !app_resources_load(&res, tmp, &e)) {
        snprintf(err, err_size, "%s", e.msg[0] ? e.msg : "out of memory");
        goto done;
    }
    int li = app_resources_lang_index(&res, lang);
    const content_page *page = content_tree_page(&res.content, page_id);
    if (li < 0 || !page) {
        snprintf(err, err_size, "unknown language %s or page %s", lang, page_id);
        goto done;
    }
    size_t base_blocks = page->block_count;
    out->pages = res.content.page_count;
    snprintf(path, sizeof path, "%s/content/%s", tmp, page->file);
    snprintf(content_dir, sizeof content_dir, "%s/content", tmp);
    snprintf(locales_dir, sizeof locales_dir, "%s/locales", tmp);
    size_t olen = 0;
    if (!(original = read_file(path, &olen))) {
        snprintf(err, err_size, "%s: cannot read", path);
        goto done;
    }

    /* the kiosk: its loop is woken by the reloader's SDL event, as in src/app/run_cmd.c */
    if (SDL_Init(SDL_INIT_EVENTS) != 0) {
        snprintf(err, err_size, "SDL_Init: %s", SDL_GetError());
        goto done;
    }
    surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32, SDL_PIXELFORMAT_ARGB8888);
    rd = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    rc = rd ? render_new_on_surface(rd, surface, &e) : NULL;
    ui_env env;
    app_resources_ui_env(&res, &env);
    env.image_size = render_image_size_fn;
    env.image_ctx = rc;
    u = rc ? ui_new(&env, &e) : NULL;
    const ui_display_list *dl = NULL;
    if (!u || !ui_show(u, UI_SCREEN_PAGE, (size_t)li, page_id) || !(dl = ui_frame(u, SCREEN_W, SCREEN_H, &e)) ||
        !render_display_list(rc, dl, &e)) {
        snprintf(err, err_size, "cannot show the page: %s", e.msg[0] ? e.msg : SDL_GetError());
        goto done;
    }
    SDL_RenderFlush(rd);
    if (!(rl = app_reloader_new(content_dir, locales_dir, interval_ms, &e))) {
        snprintf(err, err_size, "%s", e.msg);
        goto done;
    }
    SDL_Delay(500); /* the reloader has read the folder's signature and set its watches */
    srand(12345);
    int timed = 0;
    for (int k = 0; k <= changes; k++) {
        char extra[200];
        bool add = k % 2 == 0;
        int n = add ? snprintf(extra, sizeof extra, "\n\nÆndring nummer %d: kommunen har rettet teksten.\n", k) : 0;
        size_t expect = base_blocks + (add ? 1 : 0);
        double t0 = bench_now_ms(), t1 = 0, t2 = 0;
        if (!write_file(path, original, olen, extra, (size_t)n)) {
            snprintf(err, err_size, "%s: cannot write", path);
            goto done;
        }
        bool shown = false;
        while (!shown && bench_now_ms() - t0 < SHOW_TIMEOUT_MS) {
            SDL_Event ev;
            SDL_WaitEventTimeout(&ev, 250);
            content_tree fresh;
            if (!app_reloader_take(rl, &fresh))
                continue;
            t1 = bench_now_ms();
            /* between frames, as the kiosk swaps it */
            content_tree old = res.content;
            res.content = fresh;
            ui_set_content(u, &res.content);
            dl = ui_frame(u, SCREEN_W, SCREEN_H, &e);
            if (!dl || !render_display_list(rc, dl, &e)) {
                snprintf(err, err_size, "cannot draw: %s", e.msg);
                content_tree_free(&old);
                goto done;
            }
            SDL_RenderFlush(rd);
            t2 = bench_now_ms();
            content_tree_free(&old);
            const content_page *now = content_tree_page(&res.content, page_id);
            shown = now && now->block_count == expect;
        }
        SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
        if (!shown)
            out->failures++;
        else if (k > 0) {
            total[timed] = t2 - t0;
            take[timed] = t1 - t0;
            frame[timed] = t2 - t1;
            timed++;
        }
        SDL_Delay(250 + (unsigned)(rand() % 250)); /* edits come at any phase of the reloader's poll */
    }
    out->changes = timed;
    if (timed) {
        out->total_min = bench_percentile(total, (size_t)timed, 0);
        out->total_max = bench_percentile(total, (size_t)timed, 1);
        out->total_p90 = bench_percentile(total, (size_t)timed, 0.9);
        out->total_med = bench_median(total, (size_t)timed);
        out->take_max = bench_percentile(take, (size_t)timed, 1);
        out->take_med = bench_median(take, (size_t)timed);
        out->frame_max = bench_percentile(frame, (size_t)timed, 1);
        out->frame_med = bench_median(frame, (size_t)timed);
    }
    app_reloader_free(rl);
    rl = NULL;
    /* the parts of a reload on their own: loading and checking the tree, and the folder's signature
     * (the reloader takes one before and one after a load) */
    double lt[7], st[7];
    for (int i = 0; i < 7; i++) {
        content_tree t;
        content_diags d = {0};
        double a = bench_now_ms();
        content_tree_load(content_dir, &t, &d);
        double b = bench_now_ms();
        app_content_signature(content_dir);
        double c = bench_now_ms();
        content_tree_free(&t);
        content_diags_free(&d);
        lt[i] = b - a;
        st[i] = c - b;
    }
    out->load_med = bench_median(lt, 7);
    out->signature_med = bench_median(st, 7);
    ok = true;
done:
    app_reloader_free(rl);
    ui_free(u);
    render_free(rc);
    if (rd)
        SDL_DestroyRenderer(rd);
    if (surface)
        SDL_FreeSurface(surface);
    app_resources_free(&res);
    SDL_Quit();
    free(original);
    free(total);
    free(take);
    free(frame);
    bench_remove_tree(tmp);
    return ok;
}
