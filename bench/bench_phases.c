/* Where `velkommen render` spends its cold start and its memory: its steps (src/app/render_cmd.c) done
 * one by one in this process, each timed and followed by the resident set. See bench_browser.h. */
#include "bench_browser.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app/resources.h"
#include "i18n/catalog.h"
#include "memwatch.h"
#include "render/draw.h"
#include "text/font.h"
#include "ui/ui.h"

#define SCREEN_W 1920
#define SCREEN_H 1080

bool bench_phases_measure(const char *data_dir, const char *lang, const char *page_id, const char *png,
                          bench_phase_result *out, char *err, size_t err_size)
{
    *out = (bench_phase_result){0};
    app_resources res;
    vk_error e = {0};
    bool ok = false;
    SDL_Surface *surface = NULL;
    SDL_Renderer *rd = NULL;
    render_ctx *rc = NULL;
    ui *u = NULL;
    out->rss_kb[BENCH_PHASE_START] = bench_self_status_kb("VmRSS:");

    double t0 = bench_now_ms();
    /* as velkommen render loads for a page: the catalogs of its language and its fallbacks */
    app_data_paths paths = {.data_dir = data_dir, .catalogs_for = lang};
    if (!app_resources_load_paths(&res, &paths, &e)) {
        snprintf(err, err_size, "%s", e.msg);
        goto done;
    }
    int li = app_resources_lang_index(&res, lang);
    if (li < 0) {
        snprintf(err, err_size, "unknown language %s", lang);
        goto done;
    }
    double t1 = bench_now_ms();
    out->rss_kb[BENCH_PHASE_RESOURCES] = bench_self_status_kb("VmRSS:");

    surface = SDL_CreateRGBSurfaceWithFormat(0, SCREEN_W, SCREEN_H, 32, SDL_PIXELFORMAT_ARGB8888);
    rd = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    rc = rd ? render_new_on_surface(rd, surface, &e) : NULL;
    ui_env env;
    app_resources_ui_env(&res, &env);
    env.image_size = render_image_size_fn;
    env.image_ctx = rc;
    u = rc ? ui_new(&env, &e) : NULL;
    if (!u) {
        snprintf(err, err_size, "cannot set up drawing: %s", e.msg[0] ? e.msg : SDL_GetError());
        goto done;
    }
    double t2 = bench_now_ms();
    out->rss_kb[BENCH_PHASE_RENDERER] = bench_self_status_kb("VmRSS:");

    const ui_display_list *dl = NULL;
    if (!ui_show(u, UI_SCREEN_PAGE, (size_t)li, page_id) || !(dl = ui_frame(u, SCREEN_W, SCREEN_H, &e))) {
        snprintf(err, err_size, "cannot show %s: %s", page_id, e.msg);
        goto done;
    }
    double t3 = bench_now_ms();
    out->rss_kb[BENCH_PHASE_LAYOUT] = bench_self_status_kb("VmRSS:");

    if (!render_display_list(rc, dl, &e)) {
        snprintf(err, err_size, "cannot draw: %s", e.msg);
        goto done;
    }
    SDL_RenderFlush(rd);
    double t4 = bench_now_ms();
    out->rss_kb[BENCH_PHASE_DRAW] = bench_self_status_kb("VmRSS:");

    if (!render_save_png(rd, png, &e)) {
        snprintf(err, err_size, "%s", e.msg);
        goto done;
    }
    double t5 = bench_now_ms();
    out->rss_kb[BENCH_PHASE_PNG] = bench_self_status_kb("VmRSS:");
    out->hwm_kb = bench_self_status_kb("VmHWM:");
    out->ms[BENCH_PHASE_RESOURCES] = t1 - t0;
    out->ms[BENCH_PHASE_RENDERER] = t2 - t1;
    out->ms[BENCH_PHASE_LAYOUT] = t3 - t2;
    out->ms[BENCH_PHASE_DRAW] = t4 - t3;
    out->ms[BENCH_PHASE_PNG] = t5 - t4;

    /* the parts of app_resources_load, timed again (files in the page cache, libraries warm) */
    double a = bench_now_ms();
    for (size_t i = 0; i < res.langs.count; i++)
        for (int k = 0; k < 2; k++) {
            if (!(k ? res.content_catalogs[i] : res.catalogs[i]))
                continue; /* not read for this language, or not there */
            char po[1400];
            snprintf(po, sizeof po, "%s/locales/%s/%s.po", data_dir, res.langs.langs[i].code,
                     k ? "content" : "velkommen");
            vk_error pe = {0};
            i18n_catalog *c = i18n_catalog_load(po, &pe);
            out->catalogs += c != NULL;
            i18n_catalog_free(c);
        }
    double b = bench_now_ms();
    content_tree t;
    content_diags d = {0};
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/content", data_dir);
    content_tree_load(dir, &t, &d);
    content_tree_free(&t);
    content_diags_free(&d);
    double c = bench_now_ms();
    text_fontlib *fl = text_fontlib_new(&e);
    for (int i = 0; fl && i < res.fallback.count; i++) {
        vk_error fe = {0};
        text_fontlib_load(fl, text_font_path(res.fallback.fonts[i]), &fe);
    }
    text_fontlib_free(fl);
    double f = bench_now_ms();
    out->catalogs_ms = b - a;
    out->content_ms = c - b;
    out->fonts_ms = f - c;
    out->fonts = res.fallback.count;
    ok = true;
done:
    ui_free(u);
    render_free(rc);
    if (rd)
        SDL_DestroyRenderer(rd);
    if (surface)
        SDL_FreeSurface(surface);
    app_resources_free(&res);
    return ok;
}
