/* The render path end to end, with no display: the picker and the first page in every offered
 * language are laid out, drawn with SDL's software renderer and written as PNG. No glyph on any of
 * them is a font's .notdef (glyph 0), and each PNG has the size asked for. The same screens also go
 * through the real `velkommen render` command. */
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app/resources.h"
#include "check.h"
#include "data.h"
#include "render/draw.h"
#include "ui/ui.h"

static app_resources R;

static size_t count_notdef(const ui_display_list *dl, size_t *glyphs)
{
    size_t bad = 0;
    *glyphs = 0;
    for (size_t i = 0; i < dl->count; i++) {
        if (dl->items[i].kind != UI_ITEM_TEXT)
            continue;
        const text_layout *L = dl->items[i].text;
        *glyphs += L->glyph_count;
        for (size_t g = 0; g < L->glyph_count; g++)
            bad += L->glyphs[g].id == 0;
    }
    return bad;
}

static void check_png(const char *path, int w, int h)
{
    SDL_Surface *s = IMG_Load(path);
    CHECK(s != NULL, "%s can be read back: %s", path, IMG_GetError());
    if (s) {
        CHECK(s->w == w && s->h == h, "%s is %dx%d, asked for %dx%d", path, s->w, s->h, w, h);
        SDL_FreeSurface(s);
    }
}

static void render_screen(ui_screen screen, const char *id, size_t lang, int w, int h)
{
    ui_env env;
    app_resources_ui_env(&R, &env);
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    vk_error err = {0};
    render_ctx *r = render_new(renderer, &err);
    env.image_size = render_image_size_fn;
    env.image_ctx = r;
    ui *u = ui_new(&env, NULL);
    CHECK(ui_show(u, screen, lang, id), "screen %d %s exists", (int)screen, id ? id : "");
    const ui_display_list *dl = ui_frame(u, w, h, &err);
    CHECK(dl != NULL, "frame built: %s", err.msg);
    if (!dl) {
        ui_free(u);
        render_free(r);
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
        return;
    }
    size_t glyphs, bad = count_notdef(dl, &glyphs);
    const char *code = R.langs.langs[lang].code;
    char name[128];
    snprintf(name, sizeof name, "%s",
             screen == UI_SCREEN_WELCOME  ? "welcome"
             : screen == UI_SCREEN_PICKER ? "picker"
             : screen == UI_SCREEN_HOME   ? "home"
                                          : id);
    for (char *c = name; *c; c++)
        if (*c == '/')
            *c = '_';
    CHECK(glyphs > 10, "%s %s shows text (%zu glyphs)", code, name, glyphs);
    CHECK(bad == 0, "%s %s: %zu of %zu glyphs are .notdef", code, name, bad, glyphs);

    CHECK(r && render_display_list(r, dl, &err), "drawn: %s", err.msg);
    render_stats st = render_get_stats(r);
    CHECK(st.notdef_drawn == 0 && st.glyphs_drawn == glyphs, "%s %s: every glyph drawn, none .notdef", code, name);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s-%s-%dx%d.png", check_env("VK_TMP"), name, code, w, h);
    CHECK(render_save_png(renderer, path, &err), "PNG written: %s", err.msg);
    check_png(path, w, h);
    render_free(r);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    ui_free(u);
}

static void every_screen_in_every_language_has_no_notdef(void)
{
    /* the four languages of the first day, all of them: a line dropped from locales/LINGUAS must
     * not let this test pass on fewer */
    const char *first_day[] = {"da", "en", "ar", "ti"};
    for (size_t i = 0; i < 4; i++)
        CHECK(app_resources_lang_index(&R, first_day[i]) >= 0, "%s is offered", first_day[i]);
    for (size_t i = 0; i < R.langs.count; i++) {
        render_screen(UI_SCREEN_WELCOME, NULL, i, 1920, 1080);
        render_screen(UI_SCREEN_PICKER, NULL, i, 1920, 1080);
        render_screen(UI_SCREEN_HOME, NULL, i, 1920, 1080);
        render_screen(UI_SCREEN_SECTION, "jobcenter", i, 1920, 1080);
        render_screen(UI_SCREEN_PAGE, "jobcenter/praktik", i, 1920, 1080);
        render_screen(UI_SCREEN_PAGE, "jobcenter/praktik", i, 1080, 1920); /* portrait screens exist too */
    }
}

static void page_shows_boxes_steps_picture_and_qr_codes(void)
{
    ui_env env;
    app_resources_ui_env(&R, &env);
    env.image_size = NULL;
    ui *u = ui_new(&env, NULL);
    ui_show(u, UI_SCREEN_PAGE, (size_t)app_resources_lang_index(&R, "da"), "jobcenter/praktik");
    const ui_display_list *dl = ui_frame(u, 1920, 4000, NULL); /* tall enough for the whole page */
    size_t why = 0, note = 0, black = 0;
    for (size_t i = 0; i < dl->count; i++) {
        const ui_item *it = &dl->items[i];
        if (it->kind != UI_ITEM_RECT)
            continue;
        why += it->color.r == 0xDD && it->color.g == 0xEA;
        note += it->color.r == 0xFF && it->color.g == 0xF1;
        black += it->color.r == 0 && it->color.g == 0 && it->color.b == 0;
    }
    CHECK(why == 1 && note == 1, "one why box and one good-to-know box (%zu, %zu)", why, note);
    CHECK(black > 50, "QR codes are drawn (%zu dark module runs)", black);
    ui_free(u);
}

static void render_command_writes_the_requested_size(void)
{
    const char *langs[] = {"da", "en", "ar", "ti"};
    for (size_t i = 0; i < 4; i++) {
        char path[1024], cmd[4096];
        snprintf(path, sizeof path, "%s/cmd-%s.png", check_env("VK_TMP"), langs[i]);
        remove(path);
        snprintf(cmd, sizeof cmd, "'%s' render --lang %s --page picker --size 1280x720 --out '%s'", check_env("VK_BIN"),
                 langs[i], path);
        CHECK(system(cmd) == 0, "%s exits 0", cmd);
        check_png(path, 1280, 720);
    }
}

/* The PNG holds exactly the pixels on the screen: drawn page, odd sizes that are not a whole number
 * of the writer's bands, read back through SDL_image's own PNG decoder. */
static void png_holds_the_screen_pixel_for_pixel(void)
{
    const int sizes[][2] = {{1000, 777}, {1, 1}, {1920, 1080}};
    for (size_t k = 0; k < 3; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        ui_env env;
        app_resources_ui_env(&R, &env);
        SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
        vk_error err = {0};
        render_ctx *r = render_new(renderer, &err);
        env.image_size = render_image_size_fn;
        env.image_ctx = r;
        ui *u = ui_new(&env, NULL);
        ui_show(u, UI_SCREEN_PAGE, (size_t)app_resources_lang_index(&R, "ar"), "jobcenter/praktik");
        const ui_display_list *dl = ui_frame(u, w, h, &err);
        CHECK(dl && render_display_list(r, dl, &err), "%dx%d drawn: %s", w, h, err.msg);
        SDL_RenderFlush(renderer);
        char path[1024];
        snprintf(path, sizeof path, "%s/exact-%dx%d.png", check_env("VK_TMP"), w, h);
        CHECK(render_save_png(renderer, path, &err), "PNG written: %s", err.msg);
        SDL_Surface *loaded = IMG_Load(path);
        SDL_Surface *back = loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
        CHECK(back && back->w == w && back->h == h, "%s reads back as %dx%d", path, w, h);
        size_t differ = 0, colours = 0;
        uint32_t first = 0;
        for (int y = 0; back && y < h; y++)
            for (int x = 0; x < w; x++) {
                uint32_t a = ((const uint32_t *)((const uint8_t *)surface->pixels + y * surface->pitch))[x] | 0xFF000000u;
                uint32_t b = ((const uint32_t *)((const uint8_t *)back->pixels + y * back->pitch))[x];
                differ += a != b;
                if (x == 0 && y == 0)
                    first = a;
                colours += a != first;
            }
        CHECK(differ == 0, "%dx%d: %zu pixels of the PNG differ from the screen", w, h, differ);
        CHECK(w * h == 1 || colours > 1000, "%dx%d: the screen has a picture on it (%zu pixels unlike the first)", w, h,
              colours);
        SDL_FreeSurface(back);
        SDL_FreeSurface(loaded);
        ui_free(u);
        render_free(r);
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }
    /* a file that cannot be made is an error with its name, not a crash */
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    vk_error err = {0};
    CHECK(!render_save_png(renderer, "/nonexistent-folder/x.png", &err), "no folder, no PNG");
    CHECK(strstr(err.msg, "No such file") != NULL && strcmp(err.file, "/nonexistent-folder/x.png") == 0,
          "the error names the file and why: %s: %s", err.file, err.msg);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
}

/* velkommen render of a page reads only the catalogs of its language and its fallbacks: what it
 * draws is still, pixel for pixel, what a kiosk with every catalog loaded draws. */
static void render_command_with_its_languages_catalogs_draws_what_the_kiosk_draws(void)
{
    const char *langs[] = {"ar", "ti", "en"};
    const int w = 1000, h = 1400;
    /* the bundled data with every catalog, as the kiosk loads it (R holds the tests' own content) */
    app_resources B;
    vk_error lerr = {0};
    CHECK(app_resources_load(&B, check_env("VELKOMMEN_DATA"), &lerr), "bundled data loads: %s", lerr.msg);
    for (size_t k = 0; k < 3; k++) {
        char path[1024], cmd[4096];
        snprintf(path, sizeof path, "%s/one-lang-%s.png", check_env("VK_TMP"), langs[k]);
        snprintf(cmd, sizeof cmd, "'%s' render --lang %s --page jobcenter/praktik --size %dx%d --out '%s'",
                 check_env("VK_BIN"), langs[k], w, h, path);
        CHECK(system(cmd) == 0, "%s exits 0", cmd);

        ui_env env;
        app_resources_ui_env(&B, &env);
        SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
        vk_error err = {0};
        render_ctx *r = render_new(renderer, &err);
        env.image_size = render_image_size_fn;
        env.image_ctx = r;
        ui *u = ui_new(&env, NULL);
        ui_show(u, UI_SCREEN_PAGE, (size_t)app_resources_lang_index(&B, langs[k]), "jobcenter/praktik");
        const ui_display_list *dl = ui_frame(u, w, h, &err);
        CHECK(dl && render_display_list(r, dl, &err), "drawn: %s", err.msg);
        SDL_RenderFlush(renderer);
        SDL_Surface *loaded = IMG_Load(path);
        SDL_Surface *back = loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
        size_t differ = 0;
        for (int y = 0; back && y < h; y++)
            for (int x = 0; x < w; x++)
                differ += (((const uint32_t *)((const uint8_t *)surface->pixels + y * surface->pitch))[x] | 0xFF000000u) !=
                          ((const uint32_t *)((const uint8_t *)back->pixels + y * back->pitch))[x];
        CHECK(back && differ == 0, "%s: %zu pixels differ between velkommen render and the kiosk's drawing", langs[k],
              differ);
        SDL_FreeSurface(back);
        SDL_FreeSurface(loaded);
        ui_free(u);
        render_free(r);
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }
    app_resources_free(&B);
}

/* The atlas starts small, doubles its side once when full, and then empties and refills at the
 * largest size; every glyph's texture coordinates stay inside the texture. */
static void atlas_grows_to_its_limit_then_refills(void)
{
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 8, 8, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    vk_error err = {0};
    render_atlas *a = render_atlas_new(renderer, 128, 256, &err);
    CHECK(a != NULL, "atlas made: %s", err.msg);
    if (!a)
        return;
    const text_font *font = R.regular[app_resources_lang_index(&R, "da")].fonts[0];
    int full = 0, drawn = 0, outside = 0;
    uint32_t glyph = 1;
    for (; full < 3 && glyph < 2000; glyph++) {
        render_glyph g;
        render_atlas_result res = render_atlas_get(a, font, glyph, 40.0f, 0, &g);
        if (res == RENDER_ATLAS_FULL) {
            render_atlas_stats st = render_atlas_get_stats(a);
            CHECK(st.texture_size == (full == 0 ? 128 : 256), "full at %d px", st.texture_size);
            render_atlas_reset(a);
            full++;
            glyph--; /* asked again after the reset */
            continue;
        }
        drawn += res == RENDER_ATLAS_OK;
        outside += g.u0 < 0 || g.v0 < 0 || g.u1 > 1 || g.v1 > 1;
    }
    render_atlas_stats st = render_atlas_get_stats(a);
    CHECK(full == 3, "the atlas filled three times (%d) in %u glyphs", full, glyph);
    CHECK(st.texture_size == 256 && st.grows == 1 && st.resets == 3, "grew once to 256 px (%d px, %llu grows, %llu resets)",
          st.texture_size, (unsigned long long)st.grows, (unsigned long long)st.resets);
    CHECK(outside == 0 && drawn > 100, "%d glyphs stored, %d outside the texture", drawn, outside);
    render_atlas_free(a);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
}

int main(void)
{
    test_data_load(&R);
    RUN(every_screen_in_every_language_has_no_notdef);
    RUN(page_shows_boxes_steps_picture_and_qr_codes);
    RUN(render_command_writes_the_requested_size);
    RUN(png_holds_the_screen_pixel_for_pixel);
    RUN(atlas_grows_to_its_limit_then_refills);
    RUN(render_command_with_its_languages_catalogs_draws_what_the_kiosk_draws);
    app_resources_free(&R);
    SDL_Quit();
    return check_done();
}
