/* `velkommen script FILE`: the real UI, headless, driven by a script of timed events on a simulated
 * clock, so a review or a test can walk the kiosk (and wait out the idle reset) in milliseconds.
 *
 *   size 1920x1080            screen size (first line only; default 1920x1080)
 *   tap X Y                   a finger down and up at X, Y (50 ms)
 *   press X Y MS              a finger held MS milliseconds
 *   drag X1 Y1 X2 Y2 MS       a finger moving from X1,Y1 to X2,Y2 over MS milliseconds
 *   key NAME                  back, enter, tab, shift-tab, pageup, pagedown, home
 *   wait MS                   time passes
 *   choose LANG               tap the picker's button of a language (e.g. choose ar)
 *   open ID                   tap what opens a section or page (a tile, a row, a link)
 *   tap back|home|language|stay|start|textsize|contrast|danish|close|word
 *                             tap that button (danish: the Danish text toggle; word: the first
 *                             glossary word on the page), wherever it is
 *   shot FILE.png             write the screen as PNG
 *   expect screen welcome|picker|home|section|page|staff-pin|staff
 *   expect page ID            the open page's or section's id
 *   expect lang CODE|none
 *   expect asking yes|no      "Are you still there?" is showing
 *   expect textsize 100|125|150   the text size in per cent
 *   expect contrast yes|no    the high-contrast theme is on
 *   expect danish yes|no      the Danish text is shown under a translated page
 *   expect term yes|no        a glossary word's explanation is open
 *   expect listen yes|no      the page offers Listen (its language has a voice)
 *   expect heard N            the block being read aloud (-1 the title); `press X Y 1000` on a
 *                             paragraph reads from there
 *   tap search                the search screen; then `type WORDS` taps the language's on-screen
 *                             keyboard (an Ethiopic syllable: its consonant, then its vowel order),
 *                             `tap delete|space`, `tap abc` switches to the Danish keyboard and
 *                             back, `tap result` opens the first result
 *   expect result ID          the first search result; expect results none; expect query WORDS
 *   expect reading no|yes|paused  read aloud (tap listen, pause, continue, stop); the page is heard on
 *                             the simulated clock, at the speed a person would hear it
 *   pin 1234                  type a PIN on the staff pad and press OK
 *   expect request reload|exit|none   what the staff screen asked of the program
 *   expect count view|helpful_yes|helpful_no|idle_reset N
 *                             N of that event were counted (--stats FILE) since the script began
 * Lines starting with # are comments. A frame is drawn after every step, as the kiosk would.
 * Exit status: 0 all expectations met, 1 one failed, 2 a bad script.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app/cli.h"
#include "app/commands.h"
#include "app/config.h"
#include "app/resources.h"
#include "app/reader.h"
#include "app/staff.h"
#include "render/draw.h"
#include "ui/ui.h"

typedef struct runner {
    const char *file;
    int line;
    ui *u;
    render_ctx *r;
    SDL_Renderer *renderer;
    SDL_Surface *surface;
    int w, h;
    uint32_t now;
    app_resources *res;
    uint64_t frames;
    bool only_changed; /* draw a frame only when the kiosk would (the soak); a script draws every step */
    app_staff *staff;  /* the counters (script only) */
    app_reader *reader; /* read aloud on the simulated clock (script only) */
    long long counted_before[APP_STATS_EVENT_COUNT]; /* what the counter file held at the start */
} runner;

static int fail(runner *R, int status, const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "%s:%d: ", R->file, R->line);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return status;
}

/* The headless screen of R->w x R->h (a software renderer on a surface), its drawing context, and the
 * UI's environment for it. R->r is NULL (and err set) when any of it failed. */
static void runner_screen(runner *R, ui_env *env, vk_error *err)
{
    R->surface = SDL_CreateRGBSurfaceWithFormat(0, R->w, R->h, 32, SDL_PIXELFORMAT_ARGB8888);
    R->renderer = R->surface ? SDL_CreateSoftwareRenderer(R->surface) : NULL;
    R->r = R->renderer ? render_new_on_surface(R->renderer, R->surface, err) : NULL;
    app_resources_ui_env(R->res, env);
    env->image_size = render_image_size_fn;
    env->image_ctx = R->r;
}

static void runner_close(runner *R)
{
    ui_free(R->u);
    render_free(R->r);
    if (R->renderer)
        SDL_DestroyRenderer(R->renderer);
    if (R->surface)
        SDL_FreeSurface(R->surface);
}

/* One frame, as the kiosk's loop would draw it. */
static bool frame(runner *R)
{
    vk_error err = {0};
    ui_advance(R->u, R->now);
    int heard = app_reader_tick(R->reader, R->now);
    if (heard != APP_READER_IDLE)
        ui_reading_progress(R->u, heard);
    if (R->only_changed && !ui_needs_redraw(R->u))
        return true;
    const ui_display_list *dl = ui_frame(R->u, R->w, R->h, &err);
    if (!dl || !render_display_list(R->r, dl, &err)) {
        fprintf(stderr, "%s:%d: drawing failed: %s\n", R->file, R->line, err.msg);
        return false;
    }
    R->frames++;
    return true;
}

static bool pass_time(runner *R, uint32_t ms)
{
    /* in steps of at most 100 ms, so the countdown and the welcome screen turn as they would */
    while (ms) {
        uint32_t step = ms < 100 ? ms : 100;
        R->now += step;
        ms -= step;
        if (!frame(R))
            return false;
    }
    return true;
}

static void pointer(runner *R, ui_event_type t, float x, float y)
{
    ui_event e = {.type = t, .x = x, .y = y, .pointer = 0};
    ui_handle_event(R->u, &e);
}

static bool tap_at(runner *R, float x, float y, uint32_t hold)
{
    pointer(R, UI_EVENT_POINTER_DOWN, x, y);
    if (!frame(R) || !pass_time(R, hold))
        return false;
    pointer(R, UI_EVENT_POINTER_UP, x, y);
    return frame(R);
}

/* Taps the first target with this action (and argument, when arg >= 0). */
static int tap_target(runner *R, int action, int arg, const char *what)
{
    vk_error err = {0};
    const ui_display_list *dl = ui_frame(R->u, R->w, R->h, &err);
    for (size_t i = 0; dl && i < dl->target_count; i++) {
        const ui_target *t = &dl->targets[i];
        if (t->action == action && (arg < 0 || t->arg == arg)) {
            ui_rect b = t->box;
            return tap_at(R, b.x + b.w / 2, b.y + b.h / 2, 50) ? 0 : 2;
        }
    }
    return fail(R, 1, "nothing to tap for %s on this screen%s", what, "");
}

static const char *screen_name(ui_screen s)
{
    static const char *const names[] = {"welcome", "picker", "home", "section", "page", "staff-pin", "staff", "search"};
    return names[s];
}

static int run_line(runner *R, char *line)
{
    char cmd[32] = "", a[512] = "", b[64] = "";
    float x1, y1, x2, y2;
    unsigned ms;
    if (sscanf(line, "%31s", cmd) != 1 || cmd[0] == '#')
        return 0;
    if (strcmp(cmd, "size") == 0)
        return fail(R, 2, "size must come before the first step%s%s", "", "");
    if (strcmp(cmd, "tap") == 0 && sscanf(line, "tap %f %f", &x1, &y1) == 2)
        return tap_at(R, x1, y1, 50) ? 0 : 2;
    if (strcmp(cmd, "tap") == 0 && sscanf(line, "tap %511s", a) == 1) {
        static const struct {
            const char *name;
            int action, arg;
        } named[] = {{"back", UI_ACTION_BACK, -1},         {"home", UI_ACTION_HOME, -1},
                     {"language", UI_ACTION_LANGUAGES, -1}, {"stay", UI_ACTION_STAY, -1},
                     {"start", UI_ACTION_START, -1},       {"textsize", UI_ACTION_TEXT_SIZE, -1},
                     {"contrast", UI_ACTION_CONTRAST, -1}, {"danish", UI_ACTION_BILINGUAL, -1},
                     {"close", UI_ACTION_CLOSE, -1},       {"word", UI_ACTION_TERM, -1},
                     {"reload", UI_ACTION_STAFF_RELOAD, -1}, {"exit", UI_ACTION_STAFF_EXIT, -1},
                     {"yes", UI_ACTION_HELPFUL, 1},        {"no", UI_ACTION_HELPFUL, 0},
                     {"listen", UI_ACTION_READ, UI_READ_START}, {"pause", UI_ACTION_READ, UI_READ_PAUSE},
                     {"continue", UI_ACTION_READ, UI_READ_RESUME}, {"stop", UI_ACTION_READ, UI_READ_STOP},
                     {"search", UI_ACTION_SEARCH, -1},     {"delete", UI_ACTION_KEY_BACKSPACE, -1},
                     {"space", UI_ACTION_KEY_SPACE, -1},   {"result", UI_ACTION_OPEN_PAGE, -1},
                     {"abc", UI_ACTION_KEYBOARD_SWITCH, -1}};
        for (size_t i = 0; i < sizeof named / sizeof *named; i++)
            if (strcmp(a, named[i].name) == 0)
                return tap_target(R, named[i].action, named[i].arg, a);
        return fail(R, 2,
                    "tap needs X Y or one of back, home, language, stay, start, textsize, contrast, danish, close, word, "
                    "yes, no, listen, pause, continue, stop, search, delete, space, abc, result, reload, exit, not '%s'%s",
                    a, "");
    }
    if (strcmp(cmd, "type") == 0 && strlen(line) > 5) {
        /* taps the on-screen keyboard's keys, as a finger would: an Ethiopic syllable is its
         * consonant, then its vowel order */
        const char *text = line + 5;
        while (*text) {
            size_t used = 0;
            int action, arg;
            if (!ui_search_key(R->u, text, &used, &action, &arg))
                return fail(R, 1, "no key on this keyboard types '%.8s'%s", text, "");
            int rc = tap_target(R, action, arg, "a key");
            if (rc)
                return rc;
            text += used;
        }
        return 0;
    }
    if (strcmp(cmd, "press") == 0 && sscanf(line, "press %f %f %u", &x1, &y1, &ms) == 3)
        return tap_at(R, x1, y1, ms) ? 0 : 2;
    if (strcmp(cmd, "drag") == 0 && sscanf(line, "drag %f %f %f %f %u", &x1, &y1, &x2, &y2, &ms) == 5) {
        pointer(R, UI_EVENT_POINTER_DOWN, x1, y1);
        unsigned steps = ms / 16 ? ms / 16 : 1;
        for (unsigned i = 1; i <= steps; i++) {
            float k = (float)i / (float)steps;
            R->now += 16;
            pointer(R, UI_EVENT_POINTER_MOVE, x1 + (x2 - x1) * k, y1 + (y2 - y1) * k);
            if (!frame(R))
                return 2;
        }
        pointer(R, UI_EVENT_POINTER_UP, x2, y2);
        return frame(R) ? 0 : 2;
    }
    if (strcmp(cmd, "key") == 0 && sscanf(line, "key %511s", a) == 1) {
        static const struct {
            const char *name;
            ui_key key;
        } keys[] = {{"back", UI_KEY_BACK},     {"enter", UI_KEY_ACTIVATE},     {"tab", UI_KEY_NEXT},
                    {"down", UI_KEY_NEXT},     {"shift-tab", UI_KEY_PREV},     {"up", UI_KEY_PREV},
                    {"pagedown", UI_KEY_PAGE_DOWN}, {"pageup", UI_KEY_PAGE_UP}, {"home", UI_KEY_HOME}};
        for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
            if (strcmp(a, keys[i].name) == 0) {
                ui_event e = {.type = UI_EVENT_KEY, .key = keys[i].key};
                ui_handle_event(R->u, &e);
                return frame(R) ? 0 : 2;
            }
        return fail(R, 2, "unknown key '%s' (back, enter, tab, shift-tab, up, down, pageup, pagedown, home)%s", a, "");
    }
    if (strcmp(cmd, "wait") == 0 && sscanf(line, "wait %u", &ms) == 1)
        return pass_time(R, ms) ? 0 : 2;
    if (strcmp(cmd, "pin") == 0 && sscanf(line, "pin %511s", a) == 1) {
        /* types a PIN on the staff pad and presses OK */
        for (const char *p = a; *p; p++) {
            if (*p < '0' || *p > '9')
                return fail(R, 2, "a PIN is digits, not '%s'%s", a, "");
            int st = tap_target(R, UI_ACTION_PIN_DIGIT, *p - '0', "a PIN digit");
            if (st)
                return st;
        }
        return tap_target(R, UI_ACTION_PIN_OK, -1, "OK");
    }
    if (strcmp(cmd, "choose") == 0 && sscanf(line, "choose %511s", a) == 1) {
        int li = app_resources_lang_index(R->res, a);
        if (li < 0)
            return fail(R, 2, "unknown language '%s'%s", a, "");
        return tap_target(R, UI_ACTION_CHOOSE_LANGUAGE, li, a);
    }
    if (strcmp(cmd, "open") == 0 && sscanf(line, "open %511s", a) == 1) {
        const content_tree *t = &R->res->content;
        for (size_t i = 0; i < t->page_count; i++)
            if (strcmp(t->pages[i].id, a) == 0)
                return tap_target(R, UI_ACTION_OPEN_PAGE, (int)i, a);
        for (size_t i = 0; i < t->section_count; i++)
            if (strcmp(t->sections[i].id, a) == 0)
                return tap_target(R, UI_ACTION_OPEN_SECTION, (int)i, a);
        return fail(R, 2, "the content has no page or folder '%s'%s", a, "");
    }
    if (strcmp(cmd, "shot") == 0 && sscanf(line, "shot %511s", a) == 1) {
        vk_error err = {0};
        if (!frame(R) || !render_save_png(R->renderer, a, &err))
            return fail(R, 2, "cannot write %s: %s", a, err.msg);
        return 0;
    }
    if (strncmp(line, "expect query", 12) == 0 && (line[12] == 0 || line[12] == ' ')) {
        /* the words typed in search, exactly; none at all for "expect query" alone */
        const char *q = line[12] ? line + 13 : "";
        return strcmp(ui_search_query(R->u), q) == 0
                   ? 0
                   : fail(R, 1, "expected the words '%s', but they are '%s'", q, ui_search_query(R->u));
    }
    long long want;
    if (strcmp(cmd, "expect") == 0 && sscanf(line, "expect count %31s %lld", b, &want) == 2) {
        int e = 0;
        while (e < APP_STATS_EVENT_COUNT && strcmp(app_stats_event_name((app_stats_event)e), b) != 0)
            e++;
        if (e == APP_STATS_EVENT_COUNT)
            return fail(R, 2, "expect count view, helpful_yes, helpful_no or idle_reset, not '%s'%s", b, "");
        if (!R->staff || !R->staff->stats)
            return fail(R, 2, "expect count needs a counter file: velkommen script --stats FILE%s%s", "", "");
        long long got = app_stats_total(R->staff->stats, (app_stats_event)e) - R->counted_before[e];
        char w[32], g[32];
        snprintf(w, sizeof w, "%lld", want);
        snprintf(g, sizeof g, "%lld", got);
        return got == want ? 0 : fail(R, 1, "expected a count of %s since the start, but %s were counted", w, g);
    }
    if (strcmp(cmd, "expect") == 0 && sscanf(line, "expect %31s %511s", b, a) == 2) {
        if (strcmp(b, "request") == 0) {
            ui_request rq = ui_take_request(R->u);
            const char *got = rq == UI_REQUEST_RELOAD ? "reload" : rq == UI_REQUEST_EXIT ? "exit" : "none";
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected request %s, but it is %s", a, got);
        }
        if (strcmp(b, "screen") == 0) {
            const char *got = screen_name(ui_current_screen(R->u));
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected the %s screen, but it shows the %s screen", a, got);
        }
        if (strcmp(b, "page") == 0) {
            const char *got = ui_current_id(R->u);
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected page %s, but it shows '%s'", a, got);
        }
        if (strcmp(b, "lang") == 0) {
            int li = ui_current_lang(R->u);
            const char *got = li < 0 ? "none" : R->res->langs.langs[li].code;
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected language %s, but it is %s", a, got);
        }
        if (strcmp(b, "asking") == 0) {
            const char *got = ui_asking(R->u) ? "yes" : "no";
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected asking %s, but it is %s", a, got);
        }
        if (strcmp(b, "result") == 0 || strcmp(b, "results") == 0) {
            /* expect result ID: the first result; expect results none */
            const char *ids[8];
            size_t n = ui_search_results(R->u, ids, 8);
            if (strcmp(b, "results") == 0)
                return (strcmp(a, "none") == 0) == (n == 0)
                           ? 0
                           : fail(R, 1, "expected results %s, but there are %s", a, n ? "some" : "none");
            return n && strcmp(ids[0], a) == 0 ? 0 : fail(R, 1, "expected the first result %s, but it is '%s'", a,
                                                          n ? ids[0] : "");
        }
        if (strcmp(b, "listen") == 0) {
            /* whether the page offers Listen: only languages with a voice */
            vk_error err = {0};
            const ui_display_list *dl = ui_frame(R->u, R->w, R->h, &err);
            bool there = false;
            for (size_t i = 0; dl && i < dl->target_count; i++)
                there = there || (dl->targets[i].action == UI_ACTION_READ && dl->targets[i].arg == UI_READ_START);
            const char *got = there ? "yes" : "no";
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected listen %s, but it is %s", a, got);
        }
        if (strcmp(b, "heard") == 0) {
            /* expect heard N: the block being read aloud (title: -1) */
            char got[16];
            snprintf(got, sizeof got, "%d", ui_reading_block(R->u));
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected block %s to be heard, but it is %s", a, got);
        }
        if (strcmp(b, "reading") == 0) {
            static const char *const states[] = {"no", "yes", "paused"};
            const char *got = states[ui_reading(R->u) % 3];
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected reading %s, but it is %s", a, got);
        }
        if (strcmp(b, "textsize") == 0) {
            static const char *const sizes[] = {"100", "125", "150"};
            const char *got = sizes[ui_text_size(R->u) % 3];
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected text size %s %%, but it is %s %%", a, got);
        }
        if (strcmp(b, "contrast") == 0 || strcmp(b, "danish") == 0 || strcmp(b, "term") == 0) {
            bool on = b[0] == 'c' ? ui_high_contrast(R->u) : b[0] == 'd' ? ui_bilingual(R->u) : ui_open_term(R->u) >= 0;
            const char *got = on ? "yes" : "no";
            char what[600];
            snprintf(what, sizeof what, "%s %s", b, a);
            return strcmp(got, a) == 0 ? 0 : fail(R, 1, "expected %s, but it is %s", what, got);
        }
        return fail(R, 2, "expect screen, page, lang, asking, textsize, contrast, danish, term or count, not '%s'%s", b,
                    "");
    }
    return fail(R, 2, "cannot read '%s' (see velkommen --help for the script commands)%s", line, "");
}

int app_cmd_script(const app_script_options *o)
{
    FILE *f = fopen(o->file, "r");
    if (!f) {
        fprintf(stderr, "velkommen: %s: cannot read: %s\n", o->file, strerror(errno));
        return APP_EXIT_BAD_INPUT;
    }
    app_resources res;
    vk_error err = {0};
    char buf[1200];
    if (!app_resources_open(&res, o->data_dir, false)) {
        fclose(f);
        return APP_EXIT_BAD_INPUT;
    }
    runner R = {o->file, 0, NULL, NULL, NULL, NULL, 1920, 1080, 1, &res, 0, false, NULL, NULL, {0}};
    char line[1024];
    /* "size" may only come before the first step: the screen is made once */
    int size_line = 0;
    for (int n = 1; fgets(line, sizeof line, f); n++) {
        char word[16] = "";
        if (sscanf(line, "%15s", word) != 1 || word[0] == '#')
            continue;
        if (strcmp(word, "size") == 0) {
            if (sscanf(line, "size %dx%d", &R.w, &R.h) != 2 || R.w < 64 || R.h < 64 || R.w > 8192 || R.h > 8192) {
                fprintf(stderr, "%s:%d: size must be WxH between 64x64 and 8192x8192\n", o->file, n);
                app_resources_free(&res);
                fclose(f);
                return APP_EXIT_BAD_INPUT;
            }
            size_line = n;
        }
        break;
    }
    rewind(f);
    ui_env env;
    runner_screen(&R, &env, &err);
    env.idle_ms = o->idle_seconds * 1000u;
    app_config cfg;
    vk_error cerr = {0};
    if (o->config && !app_config_load(o->config, &cfg, &cerr)) {
        fprintf(stderr, "velkommen: %s\n", vk_error_format(&cerr, buf, sizeof buf));
        runner_close(&R);
        app_resources_free(&res);
        fclose(f);
        return APP_EXIT_BAD_INPUT;
    }
    app_staff staff = {.res = &res, .cfg = &cfg};
    app_staff_open_stats(&staff, o->stats);
    if (o->stats && strcmp(o->stats, "off") != 0 && !staff.stats) { /* said why; "off": no counting, as in run */
        runner_close(&R);
        app_resources_free(&res);
        fclose(f);
        return APP_EXIT_BAD_INPUT;
    }
    R.staff = &staff;
    R.reader = app_reader_new(&res, false, NULL);
    app_reader_offer(R.reader, &res);
    env.read_aloud = R.reader ? app_reader_command : NULL;
    env.read_ctx = R.reader;
    for (int e = 0; e < APP_STATS_EVENT_COUNT; e++)
        R.counted_before[e] = staff.stats ? app_stats_total(staff.stats, (app_stats_event)e) : 0;
    env.count = app_staff_count;
    env.count_ctx = &staff;
    env.staff_ctx = &staff;
    if (o->config && cfg.staff_pin_hash[0]) {
        env.check_pin = app_staff_check_pin;
        env.staff_report = app_staff_report;
        env.staff_ctx = &staff;
    }
    R.u = R.r ? ui_new(&env, &err) : NULL;
    int status = R.u && frame(&R) ? APP_EXIT_OK : APP_EXIT_FAILURE;
    while (status == APP_EXIT_OK && fgets(line, sizeof line, f)) {
        R.line++;
        line[strcspn(line, "\r\n")] = 0;
        if (R.line != size_line)
            status = run_line(&R, line);
    }
    if (status == APP_EXIT_OK)
        printf("velkommen script: %s: %d lines, %llu frames, %u ms simulated, all expectations met\n", o->file, R.line,
               (unsigned long long)R.frames, R.now);
    app_reader_free(R.reader); /* before the UI: it may still be reading */
    R.reader = NULL;
    runner_close(&R);
    app_staff_free(&staff);
    app_resources_free(&res);
    fclose(f);
    SDL_Quit();
    return status;
}

/* `velkommen soak`: the monkey. A seeded random stream of events drives the same headless UI as a
 * script, on the simulated clock: taps anywhere and on what is there, drags, wheel turns, keys, a
 * second finger, language switches, text-size changes, idle timeouts, and reloads of good content,
 * of broken content (the last good must stay) and of the catalogs. After every event the UI's
 * invariants are checked; a frame is drawn whenever the kiosk would draw one. After the warm-up
 * (the first tenth of the events) resident memory may grow by less than 1 MB. Prints events/s and
 * peak RSS. Exit status: 0 all held, 1 something broke (named with the event number and seed). */

static uint64_t soak_next(uint64_t *s)
{
    /* splitmix64: small, seedable, the same stream on every machine */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint32_t soak_below(uint64_t *s, uint32_t n) { return n ? (uint32_t)(soak_next(s) % n) : 0; }

static long rss_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(field);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, field, n) == 0 && line[n] == ':')
            v = strtol(line + n + 1, NULL, 10);
    if (f)
        fclose(f);
    return v;
}

/* Resident memory with no page being read aloud: a reading holds its page's speech (up to about
 * 5 MB for the longest page) until it ends, which is use, not growth. The reading is stopped first,
 * as a visitor's Stop would. */
static long rss_kib_quiet(runner *R)
{
    if (ui_reading(R->u)) {
        app_reader_command(R->reader, UI_READ_STOP, "", 0, -1);
        ui_reading_progress(R->u, UI_READING_DONE);
    }
    return rss_kib("VmRSS");
}

/* Taps a random target of the screen, or one with this action (-1: any). False only when drawing failed. */
static bool soak_tap_target(runner *R, uint64_t *s, int action)
{
    vk_error err = {0};
    const ui_display_list *dl = ui_frame(R->u, R->w, R->h, &err);
    if (!dl)
        return false;
    size_t candidates[256], n = 0;
    for (size_t i = 0; i < dl->target_count && n < 256; i++)
        if (action < 0 || dl->targets[i].action == action)
            candidates[n++] = i;
    if (!n)
        return true;
    ui_rect b = dl->targets[candidates[soak_below(s, (uint32_t)n)]].box;
    return tap_at(R, b.x + b.w / 2, b.y + b.h / 2, 40 + soak_below(s, 120));
}

typedef struct soak_counts {
    uint64_t taps, drags, keys, wheels, fingers, languages, sizes, idles, good_reloads, bad_reloads, catalogs;
} soak_counts;

static bool soak_event(runner *R, uint64_t *s, const char *broken_dir, soak_counts *c, char *why, size_t size)
{
    uint32_t roll = soak_below(s, 1000);
    float x = (float)soak_below(s, (uint32_t)R->w), y = (float)soak_below(s, (uint32_t)R->h);
    if (roll < 280) {
        c->taps++;
        return tap_at(R, x, y, 30 + soak_below(s, 200));
    }
    if (roll < 500) {
        c->taps++;
        return soak_tap_target(R, s, -1);
    }
    if (roll < 620) {
        c->drags++;
        float x2 = soak_below(s, 4) ? x : (float)soak_below(s, (uint32_t)R->w); /* mostly vertical */
        float y2 = (float)soak_below(s, (uint32_t)R->h);
        uint32_t ms = 30 + soak_below(s, 600), steps = ms / 16 + 1;
        pointer(R, UI_EVENT_POINTER_DOWN, x, y);
        for (uint32_t k = 1; k <= steps; k++) {
            float t = (float)k / (float)steps;
            pointer(R, UI_EVENT_POINTER_MOVE, x + (x2 - x) * t, y + (y2 - y) * t);
            R->now += 16;
            if (!frame(R))
                return false;
        }
        pointer(R, soak_below(s, 20) ? UI_EVENT_POINTER_UP : UI_EVENT_POINTER_CANCEL, x2, y2);
        return pass_time(R, soak_below(s, 1500)); /* the fling runs out, or not */
    }
    if (roll < 700) {
        c->keys++;
        ui_event e = {.type = UI_EVENT_KEY, .key = (ui_key)soak_below(s, UI_KEY_HOME + 1)};
        ui_handle_event(R->u, &e);
        return frame(R);
    }
    if (roll < 750) {
        c->wheels++;
        ui_event e = {.type = UI_EVENT_SCROLL, .x = x, .y = y, .dy = (float)soak_below(s, 2401) - 1200.0f};
        ui_handle_event(R->u, &e);
        return frame(R);
    }
    if (roll < 780) {
        /* a second finger comes down and lifts while the first is still down */
        c->fingers++;
        pointer(R, UI_EVENT_POINTER_DOWN, x, y);
        ui_event e = {.type = UI_EVENT_POINTER_DOWN, .x = (float)soak_below(s, (uint32_t)R->w),
                      .y = (float)soak_below(s, (uint32_t)R->h), .pointer = 1};
        ui_handle_event(R->u, &e);
        if (!pass_time(R, 50))
            return false;
        e.type = UI_EVENT_POINTER_UP;
        ui_handle_event(R->u, &e);
        pointer(R, UI_EVENT_POINTER_UP, x, y);
        return frame(R);
    }
    if (roll < 850) {
        c->languages++;
        if (ui_current_screen(R->u) != UI_SCREEN_PICKER && !soak_tap_target(R, s, UI_ACTION_LANGUAGES))
            return false;
        return soak_tap_target(R, s, UI_ACTION_CHOOSE_LANGUAGE);
    }
    if (roll < 890) {
        c->sizes++;
        return soak_tap_target(R, s, soak_below(s, 3) ? UI_ACTION_TEXT_SIZE : UI_ACTION_CONTRAST);
    }
    if (roll < 950)
        return pass_time(R, soak_below(s, 4000));
    if (roll < 970) {
        /* nobody touches it: the question, the countdown, the welcome screen. A page being read
         * aloud keeps the question away until it has been read to its end (a few minutes at most) */
        c->idles++;
        for (int minutes = 0; ui_reading(R->u) == 1 && minutes < 30; minutes++)
            if (!pass_time(R, 60 * 1000))
                return false;
        if (ui_reading(R->u) == 1)
            return snprintf(why, size, "a page was still being read aloud after 30 minutes"), false;
        if (!pass_time(R, 100 * 1000 + soak_below(s, 15000)))
            return false;
        if (ui_current_screen(R->u) != UI_SCREEN_WELCOME || ui_current_lang(R->u) != -1)
            return snprintf(why, size, "the visit was not forgotten after the idle time"), false;
        return true;
    }
    content_diags d;
    if (roll < 982) {
        c->good_reloads++;
        bool ok = app_resources_replace_content(R->res, R->res->content.root ? R->res->content.root : "", &d);
        if (ok)
            ui_set_content(R->u, &R->res->content);
        size_t errors = d.errors;
        content_diags_free(&d);
        if (!ok)
            return snprintf(why, size, "the good content did not load again (%zu errors)", errors), false;
        return frame(R);
    }
    if (roll < 994) {
        c->bad_reloads++;
        size_t pages = R->res->content.page_count;
        bool ok = app_resources_replace_content(R->res, broken_dir, &d);
        content_diags_free(&d);
        if (ok)
            return snprintf(why, size, "broken content replaced the good content"), false;
        if (R->res->content.page_count != pages)
            return snprintf(why, size, "a failed reload changed the content"), false;
        return frame(R);
    }
    c->catalogs++;
    app_resources_reload_catalogs(R->res);
    R->res->warning_count = 0;
    ui_set_content(R->u, &R->res->content);
    return frame(R);
}

int app_cmd_soak(const app_soak_options *o)
{
    app_resources res;
    vk_error err = {0};
    if (!app_resources_open(&res, o->data_dir, false))
        return APP_EXIT_BAD_INPUT;
    /* broken content for the failed reloads: a page whose front matter never closes */
    const char *tmpdir = getenv("TMPDIR");
    char broken[900], page[1000];
    snprintf(broken, sizeof broken, "%s/velkommen-soak-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    const char *tmp_ok = mkdtemp(broken);
    snprintf(page, sizeof page, "%s/side.md", broken);
    FILE *bf = tmp_ok ? fopen(page, "w") : NULL;
    if (!bf) {
        fprintf(stderr, "velkommen soak: cannot make a temporary folder: %s\n", strerror(errno));
        app_resources_free(&res);
        return APP_EXIT_FAILURE;
    }
    fputs("---\ntitle: [Ikke lukket\n", bf);
    fclose(bf);

    runner R = {"soak", 0, NULL, NULL, NULL, NULL, o->width ? o->width : 1280, o->height ? o->height : 720, 1, &res, 0,
                true, NULL, NULL, {0}};
    ui_env env;
    runner_screen(&R, &env, &err);
    /* read aloud on the simulated clock: the monkey's taps on Listen, Pause and Stop and its held
     * fingers reach the reader and its synthesis thread like a visitor's */
    R.reader = app_reader_new(&res, false, NULL);
    app_reader_offer(R.reader, &res);
    env.read_aloud = R.reader ? app_reader_command : NULL;
    env.read_ctx = R.reader;
    R.u = R.r ? ui_new(&env, &err) : NULL;
    int status = R.u && frame(&R) ? APP_EXIT_OK : APP_EXIT_FAILURE;
    if (status != APP_EXIT_OK)
        fprintf(stderr, "velkommen soak: cannot start: %s\n", err.msg);

    uint64_t seed = o->seed, stream = o->seed;
    unsigned long events = o->events ? o->events : 100000;
    unsigned long warm = events / 10, i = 0;
    long rss_warm = -1, rss_end = -1;
    size_t cache_max = 0;
    int atlas_max = 0;
    soak_counts c = {0};
    char why[300] = "";
    uint64_t t0 = SDL_GetPerformanceCounter();
    for (; status == APP_EXIT_OK && i < events; i++) {
        R.line = (int)(i + 1);
        if (!soak_event(&R, &stream, broken, &c, why, sizeof why)) {
            if (!why[0])
                snprintf(why, sizeof why, "drawing failed");
            status = APP_EXIT_FAILURE;
        } else if (!ui_check_invariants(R.u, why, sizeof why)) {
            status = APP_EXIT_FAILURE;
        }
        text_cache_stats cs = ui_cache_stats(R.u);
        render_stats rs = render_get_stats(R.r);
        cache_max = cs.entries > cache_max ? cs.entries : cache_max;
        atlas_max = rs.atlas.glyphs > atlas_max ? rs.atlas.glyphs : atlas_max;
        if (i + 1 == warm)
            rss_warm = rss_kib_quiet(&R);
    }
    double secs = (double)(SDL_GetPerformanceCounter() - t0) / (double)SDL_GetPerformanceFrequency();
    if (status != APP_EXIT_OK)
        fprintf(stderr, "velkommen soak: seed %llu, event %lu: %s\n", (unsigned long long)seed, i, why);
    rss_end = rss_kib_quiet(&R);
    render_stats rs = render_get_stats(R.r);
    printf("velkommen soak: seed %llu, %lu events in %.1f s (%.0f events/s), %llu frames, %.1f h simulated\n",
           (unsigned long long)seed, i, secs, secs > 0 ? (double)i / secs : 0.0, (unsigned long long)R.frames,
           (double)R.now / 3600000.0);
    printf("  taps %llu, drags %llu, keys %llu, wheel %llu, two fingers %llu, language switches %llu, "
           "text size/contrast %llu, idle resets %llu, reloads %llu good + %llu broken, catalog reloads %llu\n",
           (unsigned long long)c.taps, (unsigned long long)c.drags, (unsigned long long)c.keys,
           (unsigned long long)c.wheels, (unsigned long long)c.fingers, (unsigned long long)c.languages,
           (unsigned long long)c.sizes, (unsigned long long)c.idles, (unsigned long long)c.good_reloads,
           (unsigned long long)c.bad_reloads, (unsigned long long)c.catalogs);
    printf("  peak RSS %ld KiB; RSS %ld KiB after warm-up, %ld KiB at the end (%+ld KiB); layout cache at most %zu "
           "entries; glyph atlas at most %d glyphs, %llu resets\n",
           rss_kib("VmHWM"), rss_warm, rss_end, rss_warm >= 0 ? rss_end - rss_warm : 0, cache_max, atlas_max,
           (unsigned long long)rs.atlas.resets);
    if (status == APP_EXIT_OK && o->check_memory && rss_warm >= 0 && rss_end - rss_warm >= 1024) {
        fprintf(stderr, "velkommen soak: resident memory grew by %ld KiB after the warm-up (limit 1024)\n",
                rss_end - rss_warm);
        status = APP_EXIT_FAILURE;
    }
    if (status == APP_EXIT_OK && cache_max > 4096) {
        fprintf(stderr, "velkommen soak: the layout cache grew to %zu entries\n", cache_max);
        status = APP_EXIT_FAILURE;
    }
    app_reader_free(R.reader); /* before the UI and the data it reads */
    R.reader = NULL;
    runner_close(&R);
    app_resources_free(&res);
    remove(page);
    remove(broken);
    SDL_Quit();
    return status;
}
