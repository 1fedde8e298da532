/* `velkommen run`: the kiosk's window and main loop.
 *
 * SDL input is turned into ui_events here, at the edge, so the UI state machine never sees SDL. The
 * loop sleeps in SDL_WaitEventTimeout while nothing changes, so an idle kiosk costs no CPU.
 */
#include <signal.h>
#include <stdio.h>

#include <SDL.h>

#include "app/config.h"
#include "app/log.h"
#include "app/reader.h"
#include "app/crash.h"
#include "app/reload.h"
#include "app/staff.h"
#include "app/cli.h"
#include "app/commands.h"
#include "app/resources.h"
#include "render/draw.h"
#include "ui/ui.h"

/* SIGHUP asks for a content reload (`systemctl reload`, or IT after copying files). A signal handler
 * can only set a flag, so this is the one piece of state outside the application context. */
static volatile sig_atomic_t hangup;

static void on_hangup(int sig)
{
    (void)sig;
    hangup = 1;
}

typedef struct loop {
    ui *u;
    SDL_Window *window;
    bool allow_quit;
    bool quit;
    bool expose;
    int rotation;       /* degrees clockwise the picture is turned on the screen: 0, 90, 180, 270 */
    int out_w, out_h;   /* the screen's size in pixels */
} loop;

void app_unrotate(int rotation, int out_w, int out_h, float x, float y, float *ux, float *uy)
{
    /* the inverse of turning the UI's picture `rotation` degrees clockwise onto an out_w x out_h screen */
    switch (rotation) {
    case 90:
        *ux = y, *uy = (float)out_w - x;
        break;
    case 180:
        *ux = (float)out_w - x, *uy = (float)out_h - y;
        break;
    case 270:
        *ux = (float)out_h - y, *uy = x;
        break;
    default:
        *ux = x, *uy = y;
    }
}

static void pointer(loop *L, ui_event_type type, float x, float y, int id)
{
    ui_event e = {.type = type, .pointer = id};
    app_unrotate(L->rotation, L->out_w, L->out_h, x, y, &e.x, &e.y);
    ui_handle_event(L->u, &e);
}

static void key(loop *L, ui_key k)
{
    ui_event e = {.type = UI_EVENT_KEY, .key = k};
    ui_handle_event(L->u, &e);
}

static void handle(loop *L, const SDL_Event *ev, int out_w, int out_h)
{
    L->out_w = out_w;
    L->out_h = out_h;
    int win_w, win_h;
    SDL_GetWindowSize(L->window, &win_w, &win_h);
    /* mouse coordinates are in window points; drawing is in output pixels (high-DPI screens) */
    float sx = win_w ? (float)out_w / (float)win_w : 1, sy = win_h ? (float)out_h / (float)win_h : 1;
    switch (ev->type) {
    case SDL_QUIT:
        if (L->allow_quit)
            L->quit = true;
        break;
    case SDL_WINDOWEVENT:
        L->expose = true;
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            pointer(L, UI_EVENT_POINTER_DOWN, (float)ev->button.x * sx, (float)ev->button.y * sy, 0);
        break;
    case SDL_MOUSEMOTION:
        if (ev->motion.which != SDL_TOUCH_MOUSEID && (ev->motion.state & SDL_BUTTON_LMASK))
            pointer(L, UI_EVENT_POINTER_MOVE, (float)ev->motion.x * sx, (float)ev->motion.y * sy, 0);
        break;
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which != SDL_TOUCH_MOUSEID && ev->button.button == SDL_BUTTON_LEFT)
            pointer(L, UI_EVENT_POINTER_UP, (float)ev->button.x * sx, (float)ev->button.y * sy, 0);
        break;
    case SDL_MOUSEWHEEL: {
        ui_event e = {.type = UI_EVENT_SCROLL, .dy = -(float)ev->wheel.y * 120.0f * sy};
        ui_handle_event(L->u, &e);
        break;
    }
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP: {
        ui_event_type t = ev->type == SDL_FINGERDOWN ? UI_EVENT_POINTER_DOWN
                          : ev->type == SDL_FINGERUP ? UI_EVENT_POINTER_UP
                                                     : UI_EVENT_POINTER_MOVE;
        /* finger ids are only unique per device; fold them into a small positive number */
        int id = 1 + (int)((unsigned)ev->tfinger.fingerId & 0x3FFFFFFF);
        pointer(L, t, ev->tfinger.x * (float)out_w, ev->tfinger.y * (float)out_h, id);
        break;
    }
    case SDL_KEYDOWN: {
        SDL_Keycode k = ev->key.keysym.sym;
        bool shift = (ev->key.keysym.mod & KMOD_SHIFT) != 0;
        if (k == SDLK_ESCAPE && L->allow_quit)
            L->quit = true;
        else if (k == SDLK_BACKSPACE || k == SDLK_AC_BACK)
            key(L, UI_KEY_BACK);
        else if (k == SDLK_TAB)
            key(L, shift ? UI_KEY_PREV : UI_KEY_NEXT);
        else if (k == SDLK_DOWN || k == SDLK_RIGHT)
            key(L, UI_KEY_NEXT);
        else if (k == SDLK_UP || k == SDLK_LEFT)
            key(L, UI_KEY_PREV);
        else if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE)
            key(L, UI_KEY_ACTIVATE);
        else if (k == SDLK_PAGEDOWN)
            key(L, UI_KEY_PAGE_DOWN);
        else if (k == SDLK_PAGEUP)
            key(L, UI_KEY_PAGE_UP);
        else if (k == SDLK_HOME)
            key(L, UI_KEY_HOME);
        break;
    }
    default:
        break;
    }
}

int app_cmd_run(const app_run_options *o)
{
    app_resources res;
    vk_error err = {0};
    char buf[1200];
    app_config cfg;
    app_crash_report_install();
    if (!app_config_load(o->config, &cfg, &err)) {
        fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
        return APP_EXIT_BAD_INPUT;
    }
    int level = o->log_level >= 0 ? o->log_level : cfg.log_level;
    if (level >= 0)
        app_log_set_level((app_log_level)level);
    app_data_paths paths = {.data_dir = o->data_dir ? o->data_dir : cfg.data_dir[0] ? cfg.data_dir : NULL,
                            .content_dir = cfg.content_dir[0] ? cfg.content_dir : NULL,
                            .locales_dir = cfg.locales_dir[0] ? cfg.locales_dir : NULL,
                            .languages = o->languages ? o->languages : cfg.languages[0] ? cfg.languages : NULL};
    if (!app_resources_open_paths(&res, &paths, true))
        return APP_EXIT_BAD_INPUT;
    /* The pictures as velkommen check and every reload check them, so a broken one is on the staff
     * screen from the start (the kiosk leaves its space empty; there is no older content to keep). */
    size_t before = res.content_diags.count;
    app_check_pictures(&res.content, &res.content_diags);
    for (size_t i = before; i < res.content_diags.count; i++) { /* what the pictures added */
        char line[1200];
        app_log(APP_LOG_WARNING, "%s", content_diag_format(&res.content_diags.items[i], line, sizeof line));
    }
    content_diags_sort(&res.content_diags);

    /* SDL would turn SIGTERM and SIGINT into SDL_QUIT, which a kiosk ignores; the service manager must
     * still be able to stop it, so the signals keep their default action. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0"); /* fingers arrive once, as finger events */
    SDL_SetHint(SDL_HINT_AUDIO_DEVICE_APP_NAME, "Velkommen");
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "velkommen: cannot open the display: %s\n", SDL_GetError());
        app_resources_free(&res);
        return APP_EXIT_FAILURE;
    }
    int status = APP_EXIT_FAILURE;
    loop L = {0};
    L.allow_quit = o->allow_quit;
    L.rotation = o->rotation >= 0 ? o->rotation : cfg.rotation >= 0 ? cfg.rotation : 0;
    SDL_Texture *turned = NULL; /* the UI's picture, drawn upright, before it is turned onto the screen */
    int turned_w = 0, turned_h = 0;
    ui_env env;
    app_resources_ui_env(&res, &env);
    env.idle_ms = (o->idle_seconds ? o->idle_seconds : cfg.idle_seconds) * 1000u;
    app_staff staff = {.res = &res, .cfg = &cfg};
    char stats_path[1024];
    app_stats_default_path(stats_path, sizeof stats_path);
    app_staff_open_stats(&staff, o->stats ? o->stats : cfg.stats_path[0] ? cfg.stats_path : stats_path);
    env.count = app_staff_count;
    env.count_ctx = &staff;
    /* Read aloud, when there is sound: without it, no page offers Listen */
    app_reader *reader = NULL;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) == 0)
        reader = app_reader_new(&res, true, &err);
    if (!reader)
        app_log(APP_LOG_WARNING, "%s%s; pages are not read aloud", err.msg[0] ? "" : "no sound: ",
                err.msg[0] ? err.msg : SDL_GetError());
    app_reader_offer(reader, &res);
    env.read_aloud = reader ? app_reader_command : NULL;
    env.read_ctx = reader;
    memset(&err, 0, sizeof err);
    env.staff_ctx = &staff;
    if (cfg.staff_pin_hash[0]) {
        env.check_pin = app_staff_check_pin;
        env.staff_report = app_staff_report;
        env.staff_ctx = &staff;
    }
    SDL_Renderer *renderer = NULL;
    render_ctx *r = NULL;
    app_reloader *reloader = NULL;
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | (o->width ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP);
    /* Fullscreen at the screen's own size: an X server with no window manager (cage, a bare Xvfb)
     * keeps the size the window was made with, so a 1920x1080 window on a 1280x1024 screen hung off
     * its left edge and touches missed what they were aimed at. */
    int win_w = o->width ? o->width : 1920, win_h = o->height ? o->height : 1080;
    SDL_DisplayMode desktop;
    if (!o->width && SDL_GetDesktopDisplayMode(0, &desktop) == 0 && desktop.w > 0 && desktop.h > 0) {
        win_w = desktop.w;
        win_h = desktop.h;
    }
    L.window = SDL_CreateWindow("Velkommen", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, win_w, win_h, flags);
    if (!L.window) {
        fprintf(stderr, "velkommen: cannot open a window: %s\n", SDL_GetError());
        goto done;
    }
    Uint32 target = L.rotation ? SDL_RENDERER_TARGETTEXTURE : 0; /* a turned screen draws into a texture first */
    renderer = SDL_CreateRenderer(L.window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | target);
    if (!renderer)
        renderer = SDL_CreateRenderer(L.window, -1, SDL_RENDERER_SOFTWARE | target);
    if (!renderer) {
        fprintf(stderr, "velkommen: cannot draw in the window: %s\n", SDL_GetError());
        goto done;
    }
    if (!o->width)
        SDL_ShowCursor(SDL_DISABLE); /* a touch kiosk: no arrow over the text */
    SDL_DisableScreenSaver();
    r = render_new(renderer, &err);
    env.image_size = render_image_size_fn;
    env.image_ctx = r;
    L.u = r ? ui_new(&env, &err) : NULL;
    if (!L.u) {
        fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
        goto done;
    }

    char content_dir[1400];
    snprintf(content_dir, sizeof content_dir, "%s", res.content_dir);
    char locales_dir[1400];
    snprintf(locales_dir, sizeof locales_dir, "%s", res.locales_dir);
    reloader = app_reloader_new(content_dir, locales_dir, 200, &err);
    staff.reloader = reloader;
    if (!reloader)
        app_log(APP_LOG_WARNING, "%s; content changes need a restart", err.msg);
    struct sigaction sa = {0};
    sa.sa_handler = on_hangup;
    sigaction(SIGHUP, &sa, NULL);
    uint64_t loads_reported = 0;

    L.expose = true;
    while (!L.quit) {
        ui_advance(L.u, SDL_GetTicks());
        int heard = app_reader_tick(reader, SDL_GetTicks());
        if (heard != APP_READER_IDLE)
            ui_reading_progress(L.u, heard);
        if (hangup && reloader) {
            hangup = 0;
            app_reloader_request(reloader);
        }
        content_tree fresh;
        if (reloader && app_reloader_take(reloader, &fresh)) {
            /* swap between frames: the UI points at res.content, which now holds the new tree */
            content_tree old = res.content;
            res.content = fresh;
            ui_set_content(L.u, &res.content);
            content_tree_free(&old);
            app_log(APP_LOG_INFO, "content reloaded: %zu pages", res.content.page_count);
        }
        ui_request rq = ui_take_request(L.u);
        if (rq == UI_REQUEST_EXIT) {
            app_log(APP_LOG_INFO, "closed from the staff screen");
            break;
        }
        if (rq == UI_REQUEST_RELOAD && reloader)
            app_reloader_request(reloader);
        if (reloader && app_reloader_catalogs_changed(reloader)) {
            int warnings = res.warning_count;
            int n = app_resources_reload_catalogs(&res);
            ui_set_content(L.u, &res.content); /* drop pages localized with the old catalogs */
            for (int i = warnings; i < res.warning_count; i++)
                app_log(APP_LOG_WARNING, "%s", res.warnings[i]);
            app_log(APP_LOG_INFO, "catalogs reloaded: %d", n);
            if (res.warning_count > APP_MAX_WARNINGS / 2)
                res.warning_count = 0; /* the log has them; keep room for new ones */
        }
        content_diags last;
        uint64_t loads = reloader ? app_reloader_last(reloader, &last) : 0;
        if (loads != loads_reported) {
            loads_reported = loads;
            for (size_t i = 0; i < last.count; i++) {
                char line[1200];
                app_log(last.items[i].severity == CONTENT_ERROR ? APP_LOG_ERROR : APP_LOG_WARNING, "%s",
                        content_diag_format(&last.items[i], line, sizeof line));
            }
            if (last.errors)
                app_log(APP_LOG_ERROR, "the changed content has %zu errors; the kiosk keeps showing the last good content",
                        last.errors);
        }
        if (reloader)
            content_diags_free(&last);
        int w, h;
        SDL_GetRendererOutputSize(renderer, &w, &h);
        if (L.expose || ui_needs_redraw(L.u)) {
            /* a turned screen: the UI is built for the turned size, drawn upright into a texture, and
             * the texture turned onto the screen (touches are turned back in pointer()) */
            bool sideways = L.rotation == 90 || L.rotation == 270;
            int uw = sideways ? h : w, uh = sideways ? w : h;
            if (L.rotation && (!turned || turned_w != uw || turned_h != uh)) {
                if (turned)
                    SDL_DestroyTexture(turned);
                turned = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, uw, uh);
                turned_w = uw, turned_h = uh;
                if (!turned) {
                    app_log(APP_LOG_ERROR, "cannot turn the screen: %s", SDL_GetError());
                    goto done;
                }
            }
            const ui_display_list *dl = ui_frame(L.u, uw, uh, &err);
            if (L.rotation)
                SDL_SetRenderTarget(renderer, turned);
            bool drawn = dl && render_display_list(r, dl, &err);
            if (L.rotation) {
                SDL_SetRenderTarget(renderer, NULL);
                SDL_Rect dst = {(w - uw) / 2, (h - uh) / 2, uw, uh};
                SDL_RenderCopyEx(renderer, turned, NULL, &dst, (double)L.rotation, NULL, SDL_FLIP_NONE);
            }
            if (!drawn) {
                fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
                goto done;
            }
            SDL_RenderPresent(renderer);
            L.expose = false;
        }
        SDL_Event ev;
        uint32_t wait = ui_next_deadline(L.u);
        if (ui_reading(L.u) == 1 && wait > 100)
            wait = 100; /* follow the voice from paragraph to paragraph */
        if (SDL_WaitEventTimeout(&ev, (int)(wait < 250 ? (wait ? wait : 1) : 250))) {
            do
                handle(&L, &ev, w, h);
            while (SDL_PollEvent(&ev));
        }
    }
    status = APP_EXIT_OK;
done:
    if (turned)
        SDL_DestroyTexture(turned);
    app_reader_free(reader);
    app_reloader_free(reloader);
    render_free(r);
    ui_free(L.u);
    app_staff_free(&staff);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    if (L.window)
        SDL_DestroyWindow(L.window);
    SDL_Quit();
    app_resources_free(&res);
    return status;
}
