/* The render path end to end, with no display: the picker and the first page in every offered
 * language are laid out, drawn with SDL's software renderer and written as PNG. No glyph on any of
 * them is a font's .notdef (glyph 0), and each PNG has the size asked for. The same screens also go
 * through the real `velkommen render` command. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A screen of res drawn on a software renderer, as velkommen render draws it but through SDL's
 * geometry path (render_new is not told the surface), so a comparison with the command's PNG also
 * compares the two paths. dl is NULL when the screen could not be built or drawn. */
typedef struct drawn {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    render_ctx *r;
    ui *u;
    const ui_display_list *dl;
} drawn;

static void drawn_free(drawn *d)
{
    ui_free(d->u);
    render_free(d->r);
    if (d->renderer)
        SDL_DestroyRenderer(d->renderer);
    SDL_FreeSurface(d->surface);
    *d = (drawn){0};
}

static bool draw_screen(drawn *d, const app_resources *res, ui_screen screen, size_t lang, const char *id, int w,
                        int h, vk_error *err)
{
    *d = (drawn){0};
    ui_env env;
    app_resources_ui_env(res, &env);
    d->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    d->renderer = d->surface ? SDL_CreateSoftwareRenderer(d->surface) : NULL;
    d->r = d->renderer ? render_new(d->renderer, err) : NULL;
    env.image_size = render_image_size_fn;
    env.image_ctx = d->r;
    d->u = d->r ? ui_new(&env, NULL) : NULL;
    if (!d->u || !ui_show(d->u, screen, lang, id))
        return vk_error_set(err, NULL, 0, "screen %d %s cannot be shown", (int)screen, id ? id : "");
    d->dl = ui_frame(d->u, w, h, err);
    if (d->dl && !render_display_list(d->r, d->dl, err))
        d->dl = NULL;
    SDL_RenderFlush(d->renderer);
    return d->dl != NULL;
}

/* How many pixels of the PNG at path differ from the surface (opaque: a PNG has no alpha); -1 when
 * it cannot be read or has another size. *colours: pixels unlike the surface's first (a blank screen
 * would compare equal to a blank PNG). */
static long png_differs(const SDL_Surface *surface, const char *path, size_t *colours)
{
    SDL_Surface *loaded = IMG_Load(path);
    SDL_Surface *back = loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    long differ = back && back->w == surface->w && back->h == surface->h ? 0 : -1;
    uint32_t first = ((const uint32_t *)surface->pixels)[0] | 0xFF000000u;
    if (colours)
        *colours = 0;
    for (int y = 0; differ >= 0 && y < surface->h; y++)
        for (int x = 0; x < surface->w; x++) {
            uint32_t a = ((const uint32_t *)((const uint8_t *)surface->pixels + y * surface->pitch))[x] | 0xFF000000u;
            differ += a != ((const uint32_t *)((const uint8_t *)back->pixels + y * back->pitch))[x];
            if (colours)
                *colours += a != first;
        }
    SDL_FreeSurface(back);
    SDL_FreeSurface(loaded);
    return differ;
}

static void render_screen(ui_screen screen, const char *id, size_t lang, int w, int h)
{
    drawn d;
    vk_error err = {0};
    bool ok = draw_screen(&d, &R, screen, lang, id, w, h, &err);
    CHECK(ok, "screen %d %s built and drawn: %s", (int)screen, id ? id : "", err.msg);
    if (!ok) {
        drawn_free(&d);
        return;
    }
    size_t glyphs, bad = count_notdef(d.dl, &glyphs);
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
    render_stats st = render_get_stats(d.r);
    CHECK(st.notdef_drawn == 0 && st.glyphs_drawn == glyphs, "%s %s: every glyph drawn, none .notdef", code, name);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s-%s-%dx%d.png", check_env("VK_TMP"), name, code, w, h);
    CHECK(render_save_png(d.renderer, path, &err), "PNG written: %s", err.msg);
    check_png(path, w, h);
    drawn_free(&d);
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
        drawn d;
        vk_error err = {0};
        CHECK(draw_screen(&d, &R, UI_SCREEN_PAGE, (size_t)app_resources_lang_index(&R, "ar"), "jobcenter/praktik", w, h,
                          &err),
              "%dx%d drawn: %s", w, h, err.msg);
        char path[1024];
        snprintf(path, sizeof path, "%s/exact-%dx%d.png", check_env("VK_TMP"), w, h);
        CHECK(d.renderer && render_save_png(d.renderer, path, &err), "PNG written: %s", err.msg);
        size_t colours = 0;
        long differ = d.surface ? png_differs(d.surface, path, &colours) : -1;
        CHECK(differ == 0, "%dx%d: %ld pixels of the PNG differ from the screen (-1: unreadable)", w, h, differ);
        CHECK(w * h == 1 || colours > 1000, "%dx%d: the screen has a picture on it (%zu pixels unlike the first)", w, h,
              colours);
        drawn_free(&d);
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

        drawn d;
        vk_error err = {0};
        CHECK(draw_screen(&d, &B, UI_SCREEN_PAGE, (size_t)app_resources_lang_index(&B, langs[k]), "jobcenter/praktik", w,
                          h, &err),
              "drawn: %s", err.msg);
        long differ = d.surface ? png_differs(d.surface, path, NULL) : -1;
        CHECK(differ == 0, "%s: %ld pixels differ between velkommen render and the kiosk's drawing (-1: unreadable)",
              langs[k], differ);
        drawn_free(&d);
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
    int full = 0, stored = 0, outside = 0;
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
        stored += res == RENDER_ATLAS_OK;
        outside += g.u0 < 0 || g.v0 < 0 || g.u1 > 1 || g.v1 > 1;
    }
    render_atlas_stats st = render_atlas_get_stats(a);
    CHECK(full == 3, "the atlas filled three times (%d) in %u glyphs", full, glyph);
    CHECK(st.texture_size == 256 && st.grows == 1 && st.resets == 3, "grew once to 256 px (%d px, %llu grows, %llu resets)",
          st.texture_size, (unsigned long long)st.grows, (unsigned long long)st.resets);
    CHECK(outside == 0 && stored > 100, "%d glyphs stored, %d outside the texture", stored, outside);
    render_atlas_free(a);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
}

/* A named pipe where a picture was (put there after the checks) is no picture: drawing asks
 * once, gets nothing and goes on; it never waits for a writer (the alarm fails a run that would). */
static void a_picture_that_became_a_pipe_does_not_hold_the_drawing(void)
{
    char dir[1100], pipe_path[1200];
    snprintf(dir, sizeof dir, "%s/pipe-picture", check_env("VK_TMP"));
    mkdir(dir, 0755);
    snprintf(pipe_path, sizeof pipe_path, "%s/kort.svg", dir);
    remove(pipe_path);
    CHECK(mkfifo(pipe_path, 0644) == 0, "a pipe named kort.svg");
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    vk_error err = {0};
    render_ctx *r = render_new_on_surface(renderer, surface, &err);
    alarm(30);
    int w = 0, h = 0;
    CHECK(!render_image_size(r, dir, "kort.svg", &w, &h), "the pipe has no size");
    CHECK(!render_image_size(r, dir, "kort.svg", &w, &h), "and is not opened again");
    alarm(0);
    render_free(r);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    remove(pipe_path);
}

/* ---- Drawing straight onto the software renderer's surface (render_new_on_surface) ----
 * The direct path and the geometry path (the same renderer kind, not told its surface) must put the
 * same pixels on the screen: both follow SDL's arithmetic. TWO_WAYS_TOLERANCE allows a level of
 * rounding per channel should SDL's blitters change; the counts are printed either way. */

#define TWO_WAYS_TOLERANCE 2

typedef struct two_ways {
    SDL_Surface *surface[2];
    SDL_Renderer *renderer[2];
    render_ctx *r[2]; /* [0] draws directly, [1] with SDL_RenderGeometry */
} two_ways;

static void two_ways_close(two_ways *t)
{
    for (int k = 0; k < 2; k++) {
        render_free(t->r[k]);
        if (t->renderer[k])
            SDL_DestroyRenderer(t->renderer[k]);
        SDL_FreeSurface(t->surface[k]);
    }
    *t = (two_ways){0};
}

static bool two_ways_open(two_ways *t, int w, int h)
{
    vk_error err = {0};
    *t = (two_ways){0};
    for (int k = 0; k < 2; k++) {
        t->surface[k] = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        t->renderer[k] = t->surface[k] ? SDL_CreateSoftwareRenderer(t->surface[k]) : NULL;
        if (t->renderer[k] && k == 0)
            t->r[k] = render_new_on_surface(t->renderer[k], t->surface[k], &err);
        else if (t->renderer[k])
            t->r[k] = render_new(t->renderer[k], &err); /* not told its surface: geometry */
    }
    CHECK(t->r[0] && t->r[1], "%dx%d: two renderers: %s", w, h, err.msg);
    if (!t->r[0] || !t->r[1])
        two_ways_close(t);
    return t->r[0] != NULL;
}

/* The largest difference of a colour channel between two surfaces of one size, and how many pixels
 * differ at all and by more than TWO_WAYS_TOLERANCE. */
static int surface_difference(const SDL_Surface *a, const SDL_Surface *b, size_t *differ, size_t *over)
{
    int most = 0;
    *differ = *over = 0;
    for (int y = 0; y < a->h; y++) {
        const uint32_t *pa = (const uint32_t *)((const uint8_t *)a->pixels + (size_t)y * (size_t)a->pitch);
        const uint32_t *pb = (const uint32_t *)((const uint8_t *)b->pixels + (size_t)y * (size_t)b->pitch);
        for (int x = 0; x < a->w; x++) {
            int d = 0;
            for (int sh = 0; sh < 24; sh += 8) {
                int c = abs((int)((pa[x] >> sh) & 0xFF) - (int)((pb[x] >> sh) & 0xFF));
                d = c > d ? c : d;
            }
            most = d > most ? d : most;
            *over += d > TWO_WAYS_TOLERANCE;
            *differ += d > 0;
        }
    }
    return most;
}

/* Draws dl both ways, twice (the second frame blits pictures already scaled: it must change
 * nothing), and compares the colour channels of every pixel. */
static void two_ways_compare(two_ways *t, const ui_display_list *dl, const char *what)
{
    vk_error err = {0};
    SDL_Surface *first = NULL;
    for (int frame = 0; frame < 2; frame++) {
        uint64_t direct[2];
        for (int k = 0; k < 2; k++) {
            uint64_t before = render_get_stats(t->r[k]).direct_frames;
            CHECK(render_display_list(t->r[k], dl, &err), "%s drawn: %s", what, err.msg);
            SDL_RenderFlush(t->renderer[k]);
            direct[k] = render_get_stats(t->r[k]).direct_frames - before;
        }
        CHECK(direct[0] == 1 && direct[1] == 0, "%s: drawn directly (%llu) and with geometry (%llu)", what,
              (unsigned long long)direct[0], (unsigned long long)direct[1]);
        size_t differ, over;
        int most = surface_difference(t->surface[0], t->surface[1], &differ, &over);
        printf("     %-34s frame %d: max channel difference %d, %zu pixels differ, %zu by more than %d\n", what,
               frame + 1, most, differ, over, TWO_WAYS_TOLERANCE);
        CHECK(over == 0, "%s: %zu pixels differ by more than %d between the two paths (at most %d)", what, over,
              TWO_WAYS_TOLERANCE, most);
        if (frame == 0)
            first = SDL_DuplicateSurface(t->surface[0]);
    }
    size_t differ = 1, over;
    if (first)
        surface_difference(first, t->surface[0], &differ, &over);
    CHECK(differ == 0, "%s: the second frame differs from the first in %zu pixels", what, differ);
    SDL_FreeSurface(first);
}

static void direct_drawing_matches_geometry_on_pages_in_ar_ti_da(void)
{
    const char *langs[] = {"ar", "ti", "da"};
    for (size_t k = 0; k < 3; k++) {
        two_ways t;
        if (!two_ways_open(&t, 1920, 1080))
            return;
        ui_env env;
        app_resources_ui_env(&R, &env);
        env.image_size = render_image_size_fn;
        env.image_ctx = t.r[0];
        ui *u = ui_new(&env, NULL);
        size_t lang = (size_t)app_resources_lang_index(&R, langs[k]);
        const struct {
            ui_screen screen;
            const char *id;
        } shown[] = {{UI_SCREEN_PAGE, "jobcenter/praktik"}, {UI_SCREEN_HOME, NULL}, {UI_SCREEN_PICKER, NULL}};
        for (size_t s = 0; s < 3; s++) {
            vk_error err = {0};
            ui_show(u, shown[s].screen, lang, shown[s].id);
            const ui_display_list *dl = ui_frame(u, 1920, 1080, &err);
            CHECK(dl != NULL, "frame built: %s", err.msg);
            char what[96];
            snprintf(what, sizeof what, "%s %s", langs[k], shown[s].id ? shown[s].id : s == 1 ? "home" : "picker");
            if (dl)
                two_ways_compare(&t, dl, what);
        }
        ui_free(u);
        two_ways_close(&t);
    }
}

static text_layout *lay_out(const char *lang, const char *s, float size, float width)
{
    int i = app_resources_lang_index(&R, lang);
    text_style st = {.fonts = &R.regular[i], .fallback = &R.fallback, .size = size, .language = lang,
                     .direction = TEXT_DIR_AUTO, .align = TEXT_ALIGN_START};
    vk_error err = {0};
    text_layout *L = text_layout_paragraph(R.layouter, &st, s, strlen(s), width, &err);
    CHECK(L != NULL, "%s laid out: %s", s, err.msg);
    return L;
}

/* The colours and shapes the pages above may not have: white and yellow text on black (the
 * high-contrast theme; SDL blits opaque white text without modulation, with its own rounding),
 * translucent text and rectangles, corners at the disc's own radius, scaled down and up, and too
 * big to keep a mask of (left to SDL in the middle of a frame drawn directly). */
static void direct_drawing_matches_geometry_for_every_colour_and_corner(void)
{
    two_ways t;
    if (!two_ways_open(&t, 900, 700))
        return;
    text_layout *ar = lay_out("ar", "مركز العمل (Jobcenter) في آرهوس: 89 40 40 00", 40, 800);
    text_layout *ti = lay_out("ti", "ናብ ቤት ትምህርቲ ቋንቋ ምኻድ 2024 ግዴታ እዩ።", 33.5f, 800);
    ui_display_list dl = {0};
    ui_display_clear(&dl, 900, 700, (ui_color){0, 0, 0, 255});
    ui_display_rect(&dl, (ui_rect){300, 0, 600, 640}, 300, (ui_color){0x33, 0x33, 0x33, 255});
    const float radii[] = {0.4f, 3, 12, 32, 45, 120};
    for (int i = 0; i < 6; i++)
        ui_display_rect(&dl, (ui_rect){10.0f + 140 * (float)i, 10, 130, 250}, radii[i],
                        (ui_color){(uint8_t)(40 * i), 92, 173, (uint8_t)(i % 2 ? 255 : 150)});
    ui_display_text(&dl, 20, 20, ar, (ui_color){255, 255, 255, 255});
    ui_display_text(&dl, 20, 90, ti, (ui_color){255, 212, 0, 255});
    ui_display_text(&dl, 20, 160, ar, (ui_color){255, 255, 255, 128});
    ui_display_rect(&dl, (ui_rect){0, 200, 900, 120}, 0, (ui_color){0x10, 0x18, 0x20, 0xB0}); /* a scrim */
    ui_display_text(&dl, 24.25f, 230.5f, ti, (ui_color){0x1C, 0x26, 0x2E, 255});
    /* thinner than a pixel: SDL draws one */
    ui_display_rect(&dl, (ui_rect){300.5f, 400.25f, 10.7f, 0.5f}, 0, (ui_color){255, 0, 0, 255});
    ui_display_rect(&dl, (ui_rect){600, 330, 280, 160}, 24, (ui_color){255, 255, 255, 255});
    ui_display_text(&dl, 610, 350, ti, (ui_color){0x0B, 0x5C, 0xAD, 255});
    two_ways_compare(&t, &dl, "colours, alpha and corners");
    ui_display_free(&dl);
    text_layout_free(ar);
    text_layout_free(ti);
    two_ways_close(&t);
}

/* Text and corners across every edge of small surfaces, on a viewport with a clip rectangle, and on a
 * render target (the rotated kiosk's), which the direct path leaves to SDL: nothing is written
 * outside, and the two paths still agree. Run under AddressSanitizer this is the out-of-bounds check. */
static void text_clipped_at_the_surface_edges_is_drawn_within_it(void)
{
    text_layout *ar = lay_out("ar", "مركز العمل (Jobcenter) في آرهوس", 48, 0);
    text_layout *ti = lay_out("ti", "ናብ ቤት ትምህርቲ ቋንቋ ምኻድ", 48, 0);
    const int sizes[][2] = {{1, 1}, {37, 23}, {300, 41}};
    for (int k = 0; k < 3; k++) {
        int w = sizes[k][0], h = sizes[k][1];
        two_ways t;
        if (!two_ways_open(&t, w, h))
            break;
        ui_display_list dl = {0};
        ui_display_clear(&dl, w, h, (ui_color){0xF7, 0xF4, 0xEE, 255});
        const float at[][2] = {{-60, -30},  {-5, 2},   {(float)w - 20, (float)h - 20}, {(float)w - 3, -40},
                               {-400, (float)h - 8}, {-1e7f, 3e5f}, {2e9f, -2e9f}};
        for (int i = 0; i < 7; i++) {
            ui_display_rect(&dl, (ui_rect){at[i][0], at[i][1] + 10, 80, 40}, 14, (ui_color){0x0B, 0x5C, 0xAD, 200});
            ui_display_text(&dl, at[i][0], at[i][1], i % 2 ? ti : ar, (ui_color){0x1C, 0x26, 0x2E, 255});
        }
        char what[64];
        snprintf(what, sizeof what, "edges of %dx%d", w, h);
        two_ways_compare(&t, &dl, what);
        if (k == 2) {
            /* the display list's (0, 0) at the viewport's corner, drawn only inside the clip */
            for (int j = 0; j < 2; j++) {
                SDL_RenderSetViewport(t.renderer[j], &(SDL_Rect){30, 5, 200, 30});
                SDL_RenderSetClipRect(t.renderer[j], &(SDL_Rect){10, 3, 150, 20});
            }
            ui_display_clear(&dl, 200, 30, (ui_color){0xF7, 0xF4, 0xEE, 255});
            ui_display_text(&dl, -20, -25, ar, (ui_color){0x1C, 0x26, 0x2E, 255});
            ui_display_text(&dl, 120, 0, ti, (ui_color){0xFF, 0xFF, 0xFF, 255});
            ui_display_rect(&dl, (ui_rect){-5, 8, 400, 4}, 0, (ui_color){255, 0, 0, 120});
            two_ways_compare(&t, &dl, "a viewport and a clip rectangle");
        }
        ui_display_free(&dl);
        two_ways_close(&t);
    }

    /* A render target: the direct path steps aside and SDL draws into the texture. */
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = SDL_CreateSoftwareRenderer(surface);
    vk_error err = {0};
    render_ctx *r = render_new_on_surface(renderer, surface, &err);
    SDL_Texture *target = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, 64, 64);
    CHECK(r && target && SDL_SetRenderTarget(renderer, target) == 0, "a render target: %s", SDL_GetError());
    ui_display_list dl = {0};
    ui_display_clear(&dl, 64, 64, (ui_color){255, 255, 255, 255});
    ui_display_text(&dl, 0, 0, ar, (ui_color){0, 0, 0, 255});
    SDL_FillRect(surface, NULL, 0xFF00FF00u);
    CHECK(r && render_display_list(r, &dl, &err), "drawn into the target: %s", err.msg);
    uint32_t px[64 * 64];
    CHECK(SDL_RenderReadPixels(renderer, NULL, SDL_PIXELFORMAT_ARGB8888, px, 64 * 4) == 0, "target read");
    size_t dark = 0, untouched = 0;
    for (int i = 0; i < 64 * 64; i++) {
        dark += (px[i] & 0xFF) < 128;
        untouched += ((const uint32_t *)surface->pixels)[i] == 0xFF00FF00u; /* pitch is 256 bytes at 64 px */
    }
    CHECK(dark > 20 && untouched == 64 * 64, "text in the target (%zu dark pixels), the surface left alone (%zu)", dark,
          untouched);
    CHECK(r && render_get_stats(r).direct_frames == 0, "a render target is drawn with geometry");
    ui_display_free(&dl);
    render_free(r);
    if (target)
        SDL_DestroyTexture(target);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    text_layout_free(ar);
    text_layout_free(ti);
}

/* A window's software renderer (the kiosk without a GPU) is drawn on directly through the window's
 * surface, a 32-bit format without alpha here (SDL's dummy video driver: no display needed), and its
 * pixels are those of the geometry path on a surface of that format. */
static void a_window_s_software_renderer_is_drawn_on_directly(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        CHECK(0, "SDL's dummy video driver: %s", SDL_GetError());
        return;
    }
    SDL_Window *window = SDL_CreateWindow("velkommen", 0, 0, 640, 360, 0);
    SDL_Renderer *renderer = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    vk_error err = {0};
    render_ctx *r = renderer ? render_new(renderer, &err) : NULL;
    SDL_Surface *ws = window ? SDL_GetWindowSurface(window) : NULL;
    CHECK(r && ws, "a window with a software renderer: %s %s", err.msg, SDL_GetError());
    SDL_Surface *surface = ws ? SDL_CreateRGBSurfaceWithFormat(0, 640, 360, 32, ws->format->format) : NULL;
    SDL_Renderer *other = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    render_ctx *geometry = other ? render_new(other, &err) : NULL;
    text_layout *ar = lay_out("ar", "مركز العمل (Jobcenter) في آرهوس: 89 40 40 00", 40, 600);
    ui_display_list dl = {0};
    ui_display_clear(&dl, 640, 360, (ui_color){0xF7, 0xF4, 0xEE, 255});
    ui_display_rect(&dl, (ui_rect){20, 20, 600, 200}, 24, (ui_color){0x0B, 0x5C, 0xAD, 255});
    ui_display_text(&dl, 30, 40, ar, (ui_color){255, 255, 255, 255});
    ui_display_text(&dl, 30, 240, ar, (ui_color){0x1C, 0x26, 0x2E, 255});
    if (r && geometry) {
        CHECK(render_display_list(r, &dl, &err) && render_display_list(geometry, &dl, &err), "drawn: %s", err.msg);
        SDL_RenderFlush(renderer);
        SDL_RenderFlush(other);
        CHECK(render_get_stats(r).direct_frames == 1 && render_get_stats(geometry).direct_frames == 0,
              "the window's surface drawn directly, the other surface with geometry");
        size_t differ, over;
        int most = surface_difference(SDL_GetWindowSurface(window), surface, &differ, &over);
        printf("     %-34s max channel difference %d, %zu pixels differ\n", SDL_GetPixelFormatName(ws->format->format),
               most, differ);
        CHECK(over == 0, "the window's pixels differ from the geometry path's in %zu pixels (at most %d)", over, most);
    }
    ui_display_free(&dl);
    text_layout_free(ar);
    render_free(geometry);
    render_free(r);
    if (other)
        SDL_DestroyRenderer(other);
    SDL_FreeSurface(surface);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (window)
        SDL_DestroyWindow(window);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
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
    RUN(a_picture_that_became_a_pipe_does_not_hold_the_drawing);
    RUN(direct_drawing_matches_geometry_on_pages_in_ar_ti_da);
    RUN(direct_drawing_matches_geometry_for_every_colour_and_corner);
    RUN(text_clipped_at_the_surface_edges_is_drawn_within_it);
    RUN(a_window_s_software_renderer_is_drawn_on_directly);
    app_resources_free(&R);
    SDL_Quit();
    return check_done();
}
