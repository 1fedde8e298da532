/* Content trees of many times the bundled size: making them and measuring one in this process. See
 * bench_browser.h. */
#include "bench_browser.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <SDL.h>

#include "app/commands.h"
#include "app/resources.h"
#include "memwatch.h"
#include "render/draw.h"
#include "ui/ui.h"

#define SCREEN_W 1920
#define SCREEN_H 1080

/* A copy's folder gets its own title ("Bolig 2"), so the home screen's tiles are as many different
 * texts to lay out as there are folders, as in a real tree of that size. */
static bool number_title(const char *dir, int k, char *err, size_t err_size)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/_section.md", dir);
    FILE *f = fopen(path, "rb");
    if (!f)
        return true; /* a folder without one is titled by its (already new) name */
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *t = strstr(buf, "\ntitle:");
    f = fopen(path, "wb");
    if (!f) {
        snprintf(err, err_size, "%s: cannot write", path);
        return false;
    }
    if (t) {
        char *eol = strchr(t + 1, '\n');
        size_t head = (size_t)((eol ? eol : buf + n) - buf);
        fwrite(buf, 1, head, f);
        fprintf(f, " %d", k);
        fwrite(buf + head, 1, n - head, f);
    } else
        fwrite(buf, 1, n, f);
    return fclose(f) == 0;
}

bool bench_scale_make(const char *content_src, const char *dst, int factor, char *err, size_t err_size)
{
    if (mkdir(dst, 0755) != 0 && errno != EEXIST) {
        snprintf(err, err_size, "%s: cannot make the folder: %s", dst, strerror(errno));
        return false;
    }
    DIR *d = opendir(content_src);
    if (!d) {
        snprintf(err, err_size, "%s: cannot read: %s", content_src, strerror(errno));
        return false;
    }
    bool ok = true;
    struct dirent *de;
    while (ok && (de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char a[4096];
        snprintf(a, sizeof a, "%s/%s", content_src, de->d_name);
        struct stat st;
        if (stat(a, &st) != 0)
            continue;
        if (!S_ISDIR(st.st_mode)) {
            /* the top's files (_section.md, the glossary) once: copy 0 */
            char b[4096];
            snprintf(b, sizeof b, "%s/%s", dst, de->d_name);
            if (S_ISREG(st.st_mode)) {
                FILE *in = fopen(a, "rb"), *out = fopen(b, "wb");
                char buf[65536];
                size_t n;
                while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
                    ok = fwrite(buf, 1, n, out) == n && ok;
                ok = in && out && ok;
                if (in)
                    fclose(in);
                if (out && fclose(out) != 0)
                    ok = false;
                if (!ok)
                    snprintf(err, err_size, "cannot copy %s", a);
            }
            continue;
        }
        for (int k = 0; ok && k < factor; k++) {
            char b[4096];
            if (k == 0)
                snprintf(b, sizeof b, "%s/%s", dst, de->d_name);
            else
                snprintf(b, sizeof b, "%s/%s-%d", dst, de->d_name, k + 1);
            ok = bench_copy_tree(a, b, err, err_size);
            if (ok && k > 0)
                ok = number_title(b, k + 1, err, err_size);
        }
    }
    closedir(d);
    return ok;
}

bool bench_scale_measure(const char *data_dir, const char *content_dir, const char *lang, const char *page_id,
                         bench_scale_result *out, char *err, size_t err_size)
{
    *out = (bench_scale_result){0};
    app_resources res;
    vk_error e = {0};
    bool ok = false;
    SDL_Surface *surface = NULL;
    SDL_Renderer *rd = NULL;
    render_ctx *rc = NULL;
    ui *u = NULL;
    content_tree tree = {0};
    content_diags d = {0};
    if (!app_resources_load(&res, data_dir, &e)) {
        snprintf(err, err_size, "%s", e.msg);
        goto done;
    }
    /* the kiosk with its fonts and catalogs, and no content yet */
    content_tree_free(&res.content);
    content_diags_free(&res.content_diags);
    int li = app_resources_lang_index(&res, lang);
    if (li < 0) {
        snprintf(err, err_size, "unknown language %s", lang);
        goto done;
    }
    out->base_rss_kb = bench_self_status_kb("VmRSS:");

    double t0 = bench_now_ms();
    bool loaded = content_tree_load(content_dir, &tree, &d);
    double t1 = bench_now_ms();
    out->loaded_rss_kb = bench_self_status_kb("VmRSS:");
    app_check_pictures(&tree, &d);
    double t2 = bench_now_ms();
    out->load_ms = t1 - t0;
    out->pictures_ms = t2 - t1;
    out->pages = tree.page_count;
    out->sections = tree.section_count ? tree.section_count - 1 : 0;
    out->errors = d.errors;
    out->warnings = d.warnings;
    if (!loaded) {
        snprintf(err, err_size, "%s: cannot load the content", content_dir);
        goto done;
    }
    res.content = tree;
    memset(&tree, 0, sizeof tree);

    surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32, SDL_PIXELFORMAT_ARGB8888);
    rd = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    rc = rd ? render_new_on_surface(rd, surface, &e) : NULL;
    ui_env env;
    app_resources_ui_env(&res, &env);
    env.image_size = render_image_size_fn;
    env.image_ctx = rc;
    u = rc ? ui_new(&env, &e) : NULL;
    if (!u) {
        snprintf(err, err_size, "cannot set up the UI: %s", e.msg[0] ? e.msg : SDL_GetError());
        goto done;
    }
    /* the UI lays out only the screen it shows: the page, then the home screen's tiles */
    double t3 = bench_now_ms();
    bool shown = ui_show(u, UI_SCREEN_PAGE, (size_t)li, page_id) && ui_frame(u, SCREEN_W, SCREEN_H, &e);
    double t4 = bench_now_ms();
    shown = shown && ui_show(u, UI_SCREEN_HOME, (size_t)li, "") && ui_frame(u, SCREEN_W, SCREEN_H, &e);
    double t5 = bench_now_ms();
    if (!shown) {
        snprintf(err, err_size, "cannot show %s: %s", page_id, e.msg);
        goto done;
    }
    out->page_ms = t4 - t3;
    out->home_ms = t5 - t4;
    out->shown_rss_kb = bench_self_status_kb("VmRSS:");
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    out->maxrss_kb = ru.ru_maxrss;
    ok = true;
done:
    ui_free(u);
    render_free(rc);
    if (rd)
        SDL_DestroyRenderer(rd);
    if (surface)
        SDL_FreeSurface(surface);
    content_tree_free(&tree);
    content_diags_free(&d);
    app_resources_free(&res);
    return ok;
}
