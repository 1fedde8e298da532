/* `velkommen render`: one screen drawn without a display, written as PNG.
 *
 * It draws into an SDL surface through SDL's software renderer, so it needs no video driver at all
 * (not even the offscreen one) and runs the same code the kiosk's window runs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#include "app/cli.h"
#include "app/commands.h"
#include "app/resources.h"
#include "render/draw.h"
#include "ui/ui.h"

int app_cmd_render(const app_render_options *o)
{
    app_resources res;
    vk_error err = {0};
    char buf[1200];
    /* One language is drawn: its catalogs and its fallbacks' are all it needs, except on the
     * welcome screen and the picker, which speak every language. */
    bool every_lang = strcmp(o->page, "welcome") == 0 || strcmp(o->page, "picker") == 0;
    app_data_paths paths = {.data_dir = o->data_dir, .catalogs_for = every_lang ? NULL : o->lang,
                            .async_catalogs = true};
    if (!app_resources_open_paths(&res, &paths, true))
        return APP_EXIT_BAD_INPUT;
    int lang = app_resources_lang_named(&res, o->lang);
    if (lang < 0) {
        app_resources_free(&res);
        return APP_EXIT_BAD_INPUT;
    }
    /* the page: the picker, home, a section's id or a page's id */
    ui_screen screen = UI_SCREEN_HOME;
    const char *id = "";
    if (strcmp(o->page, "picker") == 0)
        screen = UI_SCREEN_PICKER;
    else if (strcmp(o->page, "welcome") == 0)
        screen = UI_SCREEN_WELCOME;
    else if (strcmp(o->page, "home") == 0)
        screen = UI_SCREEN_HOME;
    else if (content_tree_page(&res.content, o->page))
        screen = UI_SCREEN_PAGE, id = o->page;
    else {
        bool section = false;
        for (size_t i = 1; i < res.content.section_count && !section; i++)
            section = strcmp(res.content.sections[i].id, o->page) == 0;
        if (!section) {
            fprintf(stderr, "velkommen: unknown page '%s' (welcome, picker, home, or a page or folder of the content, "
                            "e.g. %s)\n",
                    o->page, res.content.page_count ? res.content.pages[0].id : "jobcenter/praktik");
            app_resources_free(&res);
            return APP_EXIT_BAD_INPUT;
        }
        screen = UI_SCREEN_SECTION, id = o->page;
    }

    /* Ask the file system first, so a wrong path reads "No such file or directory", not a library's
     * wording, and nothing is drawn for nothing. */
    FILE *probe = fopen(o->out, "wb");
    if (!probe) {
        fprintf(stderr, "velkommen: %s: cannot write: %s\n", o->out, strerror(errno));
        app_resources_free(&res);
        return APP_EXIT_BAD_INPUT;
    }
    fclose(probe);

    int status = APP_EXIT_FAILURE;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, o->width, o->height, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    render_ctx *r = renderer ? render_new_on_surface(renderer, surface, &err) : NULL;
    /* While the catalogs are still being read: the page's pictures, decoded now and kept, so the
     * layout finds them ready (an SVG takes as long to rasterise as a catalog takes to parse). */
    const content_page *pg = screen == UI_SCREEN_PAGE ? content_tree_page(&res.content, id) : NULL;
    for (size_t b = 0; r && pg && b < pg->block_count; b++) {
        int iw, ih;
        if (pg->blocks[b].kind == CONTENT_IMAGE && pg->blocks[b].image_file)
            render_image_size(r, res.content.root, pg->blocks[b].image_file, &iw, &ih);
    }
    app_resources_join_catalogs(&res, true);
    ui_env env;
    app_resources_ui_env(&res, &env);
    env.image_size = render_image_size_fn;
    env.image_ctx = r;
    ui *u = r ? ui_new(&env, &err) : NULL;
    if (!u || !r) {
        if (!err.msg[0])
            vk_error_set(&err, NULL, 0, "cannot set up drawing: %s", SDL_GetError());
        fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
        goto done;
    }
    ui_show(u, screen, (size_t)lang, id);
    const ui_display_list *dl = ui_frame(u, o->width, o->height, &err);
    if (!dl || !render_display_list(r, dl, &err) || !render_save_png(renderer, o->out, &err)) {
        fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
        goto done;
    }
    render_stats st = render_get_stats(r);
    if (st.notdef_drawn)
        fprintf(stderr, "velkommen: warning: %llu characters have no glyph in any bundled font\n",
                (unsigned long long)st.notdef_drawn);
    status = APP_EXIT_OK;
done:
    render_free(r);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (surface)
        SDL_FreeSurface(surface);
    ui_free(u);
    app_resources_free(&res);
    SDL_Quit();
    return status;
}

/* `velkommen render --all --out DIR`: every screen in every language, for review. Each page is drawn
 * as a visitor first sees it (DIR/LANG/ID.png), and its whole length is checked: no text wider than
 * the screen, no .notdef glyph, no string falling back to another language. DIR/index.html shows
 * them side by side. Exit status 1 when anything was found. */
typedef struct sheet_stats {
    size_t screens, notdef, overflow, fallback;
} sheet_stats;

static bool sheet_screen(app_resources *res, render_ctx *r, SDL_Renderer *renderer, ui_env *env, size_t lang,
                         ui_screen screen, const char *id, const char *dir, int w, int h, FILE *html, sheet_stats *st)
{
    vk_error err = {0};
    ui *u = ui_new(env, &err);
    if (!u || !ui_show(u, screen, lang, id)) {
        ui_free(u);
        return false;
    }
    const char *code = res->langs.langs[lang].code;
    char name[600], path[1400];
    snprintf(name, sizeof name, "%s", screen == UI_SCREEN_WELCOME  ? "welcome"
                                      : screen == UI_SCREEN_PICKER ? "picker"
                                      : screen == UI_SCREEN_HOME   ? "home"
                                                                   : id);
    for (char *c = name; *c; c++)
        if (*c == '/')
            *c = '_';
    /* the whole page, laid out on a tall screen, for the checks */
    const ui_display_list *dl = ui_frame(u, w, 20000, &err);
    size_t notdef = 0, overflow = 0;
    for (size_t i = 0; dl && i < dl->count; i++) {
        const ui_item *it = &dl->items[i];
        if (it->kind != UI_ITEM_TEXT)
            continue;
        for (size_t g = 0; g < it->text->glyph_count; g++)
            notdef += it->text->glyphs[g].id == 0;
        for (size_t l = 0; l < it->text->line_count; l++) {
            float x0 = it->box.x + it->text->lines[l].x, x1 = x0 + it->text->lines[l].width;
            overflow += x0 < -0.5f || x1 > (float)w + 0.5f;
        }
    }
    size_t fallback = 0;
    if (screen == UI_SCREEN_PAGE && lang != res->source_lang && res->ui_langs[lang].content) {
        i18n_page *lp = i18n_page_localize(content_tree_page(&res->content, id), res->ui_langs[lang].content, (int)lang);
        fallback = lp ? lp->fallback_count : 0;
        i18n_page_free(lp);
    }
    /* what a visitor sees first */
    bool ok = dl != NULL;
    dl = ok ? ui_frame(u, w, h, &err) : NULL;
    snprintf(path, sizeof path, "%s/%s", dir, code);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/%s/%s.png", dir, code, name);
    ok = dl && render_display_list(r, dl, &err) && render_save_png(renderer, path, &err);
    if (!ok)
        fprintf(stderr, "velkommen: %s: %s\n", path, err.msg);
    st->screens++;
    st->notdef += notdef;
    st->overflow += overflow;
    st->fallback += fallback;
    if (notdef || overflow || fallback)
        printf("%-4s %-40s %zu missing glyphs, %zu lines wider than the screen, %zu strings not translated\n", code,
               screen == UI_SCREEN_PAGE || screen == UI_SCREEN_SECTION ? id : name, notdef, overflow, fallback);
    fprintf(html, "<figure><img src=\"%s/%s.png\" loading=\"lazy\"><figcaption>%s %s%s</figcaption></figure>\n",
            code, name, code, name, notdef || overflow || fallback ? " &#9888;" : "");
    ui_free(u);
    return ok;
}

int app_cmd_render_all(const app_render_options *o)
{
    app_resources res;
    vk_error err = {0};
    if (!app_resources_open(&res, o->data_dir, true))
        return APP_EXIT_BAD_INPUT;
    if (mkdir(o->out, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "velkommen: %s: cannot make the folder: %s\n", o->out, strerror(errno));
        app_resources_free(&res);
        return APP_EXIT_BAD_INPUT;
    }
    char index[1300];
    snprintf(index, sizeof index, "%s/index.html", o->out);
    FILE *html = fopen(index, "w");
    if (!html) {
        fprintf(stderr, "velkommen: %s: cannot write: %s\n", index, strerror(errno));
        app_resources_free(&res);
        return APP_EXIT_BAD_INPUT;
    }
    fprintf(html, "<!doctype html><meta charset=utf-8><title>Velkommen contact sheet</title>\n"
                  "<style>body{font-family:sans-serif;background:#ddd}figure{display:inline-block;margin:8px}"
                  "img{width:320px;border:1px solid #999;background:#fff}</style>\n");
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, o->width, o->height, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    render_ctx *r = renderer ? render_new_on_surface(renderer, surface, &err) : NULL;
    ui_env env;
    app_resources_ui_env(&res, &env);
    env.image_size = render_image_size_fn;
    env.image_ctx = r;
    sheet_stats st = {0};
    bool ok = r != NULL;
    for (size_t l = 0; ok && l < res.langs.count; l++) {
        fprintf(html, "<h2>%s</h2>\n", res.langs.langs[l].native);
        ok = sheet_screen(&res, r, renderer, &env, l, UI_SCREEN_WELCOME, "", o->out, o->width, o->height, html, &st) &&
             sheet_screen(&res, r, renderer, &env, l, UI_SCREEN_PICKER, "", o->out, o->width, o->height, html, &st) &&
             sheet_screen(&res, r, renderer, &env, l, UI_SCREEN_HOME, "", o->out, o->width, o->height, html, &st);
        for (size_t s = 1; ok && s < res.content.section_count; s++) {
            const content_section *sec = &res.content.sections[s];
            ok = sheet_screen(&res, r, renderer, &env, l, UI_SCREEN_SECTION, sec->id, o->out, o->width, o->height,
                              html, &st);
            for (size_t p = 0; ok && p < sec->page_count; p++)
                ok = sheet_screen(&res, r, renderer, &env, l, UI_SCREEN_PAGE, res.content.pages[sec->pages[p]].id,
                                  o->out, o->width, o->height, html, &st);
        }
    }
    fclose(html);
    printf("velkommen render --all: %zu screens in %s (%s): %zu missing glyphs, %zu lines wider than the screen, "
           "%zu strings not translated\n",
           st.screens, o->out, "index.html", st.notdef, st.overflow, st.fallback);
    render_free(r);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (surface)
        SDL_FreeSurface(surface);
    app_resources_free(&res);
    SDL_Quit();
    if (!ok)
        return APP_EXIT_FAILURE;
    return st.notdef || st.overflow || st.fallback ? APP_EXIT_FAILURE : APP_EXIT_OK;
}
