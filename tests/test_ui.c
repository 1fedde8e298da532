/* ui: the state machine fed with pointer, scroll and key events, asserted on through its display
 * list; no window. The content is the fixed tree of tests/content/good. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "check.h"
#include "content/page.h"
#include "i18n/localize.h"
#include "ui/theme.h"
#include "data.h"
#include "ui/ui.h"

static app_resources R;
static ui_env ENV;

static const ui_target *find(const ui_display_list *dl, int action, int arg)
{
    for (size_t i = 0; i < dl->target_count; i++)
        if (dl->targets[i].action == action && (arg < 0 || dl->targets[i].arg == arg))
            return &dl->targets[i];
    return NULL;
}

static void send(ui *u, ui_event_type t, float x, float y, int pointer)
{
    ui_event e = {.type = t, .x = x, .y = y, .pointer = pointer};
    ui_handle_event(u, &e);
}

static void tap(ui *u, const ui_target *t)
{
    CHECK(t != NULL, "there is something to tap");
    if (!t)
        return;
    float x = t->box.x + t->box.w / 2, y = t->box.y + t->box.h / 2;
    send(u, UI_EVENT_POINTER_DOWN, x, y, 0);
    send(u, UI_EVENT_POINTER_UP, x + 3, y - 2, 0); /* a shaky finger still taps */
}

static void key(ui *u, ui_key k)
{
    ui_event e = {.type = UI_EVENT_KEY, .key = k};
    ui_handle_event(u, &e);
}

static int lang_index(const char *code)
{
    return app_resources_lang_index(&R, code);
}

static int page_of(const char *id)
{
    for (size_t i = 0; i < R.content.page_count; i++)
        if (strcmp(R.content.pages[i].id, id) == 0)
            return (int)i;
    return -1;
}

static void language_then_home_then_section_then_page_then_back(void)
{
    ui *u = ui_new(&ENV, NULL);
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    CHECK(ui_current_screen(u) == UI_SCREEN_WELCOME, "starts at the welcome screen");
    tap(u, find(dl, UI_ACTION_START, -1));
    dl = ui_frame(u, 1920, 1080, NULL);
    CHECK(ui_current_screen(u) == UI_SCREEN_PICKER, "a tap goes on to the picker");
    CHECK(dl->target_count == R.langs.count, "one button per language (%zu)", dl->target_count);
    tap(u, find(dl, UI_ACTION_CHOOSE_LANGUAGE, lang_index("ti")));
    CHECK(ui_current_screen(u) == UI_SCREEN_HOME && ui_current_lang(u) == lang_index("ti"), "Tigrinya home");
    dl = ui_frame(u, 1920, 1080, NULL);
    tap(u, find(dl, UI_ACTION_OPEN_SECTION, -1));
    CHECK(ui_current_screen(u) == UI_SCREEN_SECTION && strcmp(ui_current_id(u), "jobcenter") == 0, "the section");
    dl = ui_frame(u, 1920, 1080, NULL);
    tap(u, find(dl, UI_ACTION_OPEN_PAGE, page_of("jobcenter/praktik")));
    CHECK(ui_current_screen(u) == UI_SCREEN_PAGE && strcmp(ui_current_id(u), "jobcenter/praktik") == 0, "the page");
    dl = ui_frame(u, 1920, 1080, NULL);
    tap(u, find(dl, UI_ACTION_BACK, -1));
    CHECK(ui_current_screen(u) == UI_SCREEN_SECTION, "back to the section");
    dl = ui_frame(u, 1920, 1080, NULL);
    tap(u, find(dl, UI_ACTION_HOME, -1));
    CHECK(ui_current_screen(u) == UI_SCREEN_HOME, "home");
    dl = ui_frame(u, 1920, 1080, NULL);
    tap(u, find(dl, UI_ACTION_BACK, -1));
    CHECK(ui_current_screen(u) == UI_SCREEN_PICKER, "back from home is the language picker");
    ui_free(u);
}

static void a_link_in_the_text_opens_its_page(void)
{
    ui *u = ui_new(&ENV, NULL);
    CHECK(ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "jobcenter/praktik"), "shown");
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    const ui_target *link = find(dl, UI_ACTION_OPEN_PAGE, page_of("sprogskole"));
    CHECK(link && link->box.h >= 64, "the words 'sprogskolen' are a target of finger size");
    tap(u, link);
    CHECK(ui_current_screen(u) == UI_SCREEN_PAGE && strcmp(ui_current_id(u), "sprogskole") == 0, "it opens");
    ui_free(u);
}

static void arabic_mirrors_the_bar_and_the_tiles(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_HOME, (size_t)lang_index("ar"), NULL);
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    const ui_target *back = find(dl, UI_ACTION_BACK, -1), *lang = find(dl, UI_ACTION_LANGUAGES, -1);
    CHECK(back && back->box.x > 1920 / 2, "in Arabic Back is on the right");
    CHECK(lang && lang->box.x < 1920 / 2, "and the language on the left");
    const ui_target *first = find(dl, UI_ACTION_OPEN_SECTION, -1);
    const ui_target *page = find(dl, UI_ACTION_OPEN_PAGE, -1);
    CHECK(first && page && first->box.x > page->box.x, "the first tile is the rightmost");
    ui_show(u, UI_SCREEN_HOME, (size_t)lang_index("da"), NULL);
    dl = ui_frame(u, 1920, 1080, NULL);
    back = find(dl, UI_ACTION_BACK, -1);
    CHECK(back && back->box.x < 1920 / 2, "in Danish Back is on the left");
    ui_free(u);
}

static void language_switch_keeps_the_page(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("en"), "sprogskole");
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    tap(u, find(dl, UI_ACTION_LANGUAGES, -1));
    CHECK(ui_current_screen(u) == UI_SCREEN_PICKER, "the picker");
    dl = ui_frame(u, 1920, 1080, NULL);
    tap(u, find(dl, UI_ACTION_CHOOSE_LANGUAGE, lang_index("ar")));
    CHECK(ui_current_screen(u) == UI_SCREEN_PAGE && strcmp(ui_current_id(u), "sprogskole") == 0 &&
              ui_current_lang(u) == lang_index("ar"),
          "the same page, in Arabic");
    ui_free(u);
}

static void dragging_scrolls_a_long_page_and_is_not_a_tap(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "jobcenter/praktik");
    const ui_display_list *dl = ui_frame(u, 1280, 720, NULL);
    const ui_target *link = find(dl, UI_ACTION_OPEN_PAGE, -1);
    CHECK(link != NULL, "a link to start the drag on");
    if (!link)
        return;
    float x = link->box.x + 5, y = link->box.y + 5;
    send(u, UI_EVENT_POINTER_DOWN, x, y, 0);
    send(u, UI_EVENT_POINTER_MOVE, x, y - 200, 0);
    send(u, UI_EVENT_POINTER_UP, x, y - 200, 0);
    CHECK(ui_current_screen(u) == UI_SCREEN_PAGE && strcmp(ui_current_id(u), "jobcenter/praktik") == 0,
          "a drag that started on a link does not follow it");
    CHECK(ui_scroll(u) == 200, "the page moved with the finger (%.0f)", ui_scroll(u));
    ui_event wheel = {.type = UI_EVENT_SCROLL, .dy = 100000};
    ui_handle_event(u, &wheel);
    ui_frame(u, 1280, 720, NULL);
    float end = ui_scroll(u);
    CHECK(end > 200 && end < 100000, "scrolling stops at the end of the page (%.0f)", end);
    key(u, UI_KEY_PAGE_UP);
    CHECK(ui_scroll(u) < end, "Page Up scrolls back");
    ui_free(u);
}

static void press_shows_feedback_before_release(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PICKER, 0, NULL);
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    ui_target t = dl->targets[0];
    send(u, UI_EVENT_POINTER_DOWN, t.box.x + 10, t.box.y + 10, 0);
    CHECK(ui_needs_redraw(u), "a press asks for a new frame at once");
    dl = ui_frame(u, 1920, 1080, NULL);
    bool darker = false;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->items[i].kind == UI_ITEM_RECT && dl->items[i].box.x == t.box.x && dl->items[i].box.y == t.box.y)
            darker = dl->items[i].color.r == 0x07 && dl->items[i].color.g == 0x3F;
    CHECK(darker, "the pressed button is drawn in the pressed colour");
    CHECK(ui_current_screen(u) == UI_SCREEN_PICKER, "nothing happens until the finger lifts");
    ui_free(u);
}

static void a_second_finger_is_ignored(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PICKER, 0, NULL);
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    ui_target a = dl->targets[0], b = dl->targets[1];
    send(u, UI_EVENT_POINTER_DOWN, a.box.x + 5, a.box.y + 5, 1);
    send(u, UI_EVENT_POINTER_DOWN, b.box.x + 5, b.box.y + 5, 2);
    send(u, UI_EVENT_POINTER_UP, b.box.x + 5, b.box.y + 5, 2);
    CHECK(ui_current_screen(u) == UI_SCREEN_PICKER, "the second finger's tap does nothing");
    send(u, UI_EVENT_POINTER_UP, a.box.x + 5, a.box.y + 5, 1);
    CHECK(ui_current_screen(u) == UI_SCREEN_HOME && ui_current_lang(u) == a.arg, "the first finger's tap counts");
    ui_free(u);
}

static void keyboard_reaches_everything(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PICKER, 0, NULL);
    ui_frame(u, 1920, 1080, NULL);
    key(u, UI_KEY_NEXT);
    key(u, UI_KEY_NEXT);
    key(u, UI_KEY_ACTIVATE);
    CHECK(ui_current_screen(u) == UI_SCREEN_HOME && ui_current_lang(u) == 1, "Tab, Tab, Enter chooses the second");
    ui_frame(u, 1920, 1080, NULL);
    key(u, UI_KEY_BACK);
    CHECK(ui_current_screen(u) == UI_SCREEN_PICKER, "Backspace goes back");
    ui_free(u);
}

/* Found by the soak: Tab to a far target, then a glossary word opens its explanation (two targets);
 * the focus pointed past the end of the new list. */
static void focus_never_points_past_the_targets_that_are_there(void)
{
    ui *u = ui_new(&ENV, NULL);
    char why[200] = "";
    ui_advance(u, 1);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "jobcenter/praktik");
    const ui_display_list *dl = ui_frame(u, 1920, 3000, NULL);
    CHECK(dl->target_count > 3, "the page has several targets (%zu)", dl->target_count);
    for (size_t i = 0; i < dl->target_count; i++)
        key(u, UI_KEY_NEXT);
    const ui_target *term = find(ui_frame(u, 1920, 3000, NULL), UI_ACTION_TERM, 1);
    CHECK(term != NULL, "a glossary word is there");
    tap(u, term);
    dl = ui_frame(u, 1920, 3000, NULL);
    CHECK(dl->target_count == 2, "the explanation has two targets");
    CHECK(ui_check_invariants(u, why, sizeof why), "the UI holds: %s", why);
    key(u, UI_KEY_NEXT);
    key(u, UI_KEY_ACTIVATE);
    CHECK(ui_open_term(u) == -1, "Tab then Enter reaches the explanation's first target and closes it");
    ui_free(u);
}

static void portrait_screen_keeps_targets_apart_and_on_screen(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PICKER, 0, NULL);
    for (int screen = 0; screen < 2; screen++) {
        if (screen == 1)
            ui_show(u, UI_SCREEN_HOME, 0, NULL);
        const ui_display_list *dl = ui_frame(u, 1080, 1920, NULL);
        for (size_t i = 0; i < dl->target_count; i++) {
            const ui_rect *r = &dl->targets[i].box;
            CHECK(r->x >= 0 && r->x + r->w <= 1080 && r->h >= 64 && r->w >= 64, "target %zu: on screen, 64 px", i);
            for (size_t j = 0; j < i; j++) {
                const ui_rect *q = &dl->targets[j].box;
                bool apart = r->y >= q->y + q->h + 16 || q->y >= r->y + r->h + 16 || r->x >= q->x + q->w + 16 ||
                             q->x >= r->x + r->w + 16;
                CHECK(apart, "targets %zu and %zu keep 16 px between them", j, i);
            }
        }
    }
    ui_free(u);
}

static void reload_keeps_the_open_page_or_falls_back_to_its_section(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PAGE, 0, "jobcenter/praktik");
    ui_set_content(u, &R.content);
    CHECK(ui_current_screen(u) == UI_SCREEN_PAGE, "a page that still exists stays open");
    content_tree smaller = R.content;
    smaller.page_count = 0; /* the same sections, no pages */
    ui_set_content(u, &smaller);
    CHECK(ui_current_screen(u) == UI_SCREEN_SECTION && strcmp(ui_current_id(u), "jobcenter") == 0,
          "a page that went away leaves its section open");
    ui_set_content(u, &R.content);
    ui_free(u);
}

static void a_thousand_language_switches_keep_everything_right(void)
{
    /* run under AddressSanitizer by scripts/test: a leak in localizing pages or laying them out would
     * fail the test there */
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PAGE, 0, "jobcenter/praktik");
    int wrong = 0;
    for (int i = 0; i < 1000; i++) {
        const ui_display_list *dl = ui_frame(u, 1280, 720, NULL);
        tap(u, find(dl, UI_ACTION_LANGUAGES, -1));
        dl = ui_frame(u, 1280, 720, NULL);
        int want = i % (int)R.langs.count;
        tap(u, find(dl, UI_ACTION_CHOOSE_LANGUAGE, want));
        dl = ui_frame(u, 1280, 720, NULL);
        const ui_target *back = find(dl, UI_ACTION_BACK, -1);
        bool rtl = R.langs.langs[want].rtl;
        if (!dl || ui_current_lang(u) != want || ui_current_screen(u) != UI_SCREEN_PAGE ||
            strcmp(ui_current_id(u), "jobcenter/praktik") != 0 || !back || (back->box.x > 640) != rtl)
            wrong++;
    }
    CHECK(wrong == 0, "%d of 1000 switches went wrong", wrong);
    ui_free(u);
}

static void idle_question_then_reset_forgets_the_visit(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_advance(u, 1000);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("ar"), "jobcenter/praktik");
    ui_frame(u, 1280, 720, NULL);
    ui_event wheel = {.type = UI_EVENT_SCROLL, .dy = 300};
    ui_handle_event(u, &wheel);
    ui_advance(u, 1000 + 89999);
    CHECK(!ui_asking(u), "no question before 90 s");
    CHECK(ui_next_deadline(u) == 1, "the loop is told to wake in 1 ms (%u)", ui_next_deadline(u));
    ui_advance(u, 1000 + 90000);
    CHECK(ui_asking(u), "the question at 90 s");
    const ui_display_list *dl = ui_frame(u, 1280, 720, NULL);
    CHECK(dl->target_count == 1 && dl->targets[0].action == UI_ACTION_STAY, "only the answer can be touched");
    ui_advance(u, 1000 + 99999);
    CHECK(ui_asking(u) && ui_current_lang(u) == lang_index("ar"), "still asking 1 ms before the end");
    ui_advance(u, 1000 + 100000);
    CHECK(!ui_asking(u) && ui_current_screen(u) == UI_SCREEN_WELCOME && ui_current_lang(u) == -1,
          "after the countdown: the welcome screen and no language");
    CHECK(ui_scroll(u) == 0 && strcmp(ui_current_id(u), "") == 0, "no page, no scroll position left");
    key(u, UI_KEY_BACK);
    CHECK(ui_current_screen(u) == UI_SCREEN_WELCOME, "and no history to go back to");
    ui_free(u);
}

static void text_size_and_contrast_change_and_are_forgotten(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_advance(u, 1);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "sprogskole");
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    float h100 = 0;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->items[i].kind == UI_ITEM_TEXT)
            h100 = fmaxf(h100, dl->items[i].text->size);
    tap(u, find(dl, UI_ACTION_TEXT_SIZE, -1));
    dl = ui_frame(u, 1920, 1080, NULL);
    tap(u, find(dl, UI_ACTION_TEXT_SIZE, -1));
    dl = ui_frame(u, 1920, 1080, NULL);
    float h150 = 0;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->items[i].kind == UI_ITEM_TEXT)
            h150 = fmaxf(h150, dl->items[i].text->size);
    CHECK(ui_text_size(u) == 2 && fabsf(h150 - 1.5f * h100) < 0.01f, "two taps: text at 150 %% (%.1f -> %.1f px)",
          h100, h150);
    tap(u, find(dl, UI_ACTION_CONTRAST, -1));
    dl = ui_frame(u, 1920, 1080, NULL);
    CHECK(ui_high_contrast(u) && dl->background.r == 0 && dl->background.g == 0, "high contrast: a black background");
    ui_advance(u, 1 + 100001);
    ui_advance(u, 1 + 100001 + 10001);
    CHECK(ui_text_size(u) == 0 && !ui_high_contrast(u), "the next visitor gets the defaults again");
    ui_free(u);
}

static void a_quick_drag_glides_on_and_an_end_springs_back(void)
{
    ui *u = ui_new(&ENV, NULL);
    uint32_t t = 1000;
    ui_advance(u, t);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "jobcenter/praktik");
    ui_frame(u, 1280, 720, NULL);
    /* a flick upwards: 300 px in 60 ms */
    send(u, UI_EVENT_POINTER_DOWN, 600, 600, 0);
    for (int i = 1; i <= 4; i++) {
        ui_advance(u, t += 15);
        send(u, UI_EVENT_POINTER_MOVE, 600, 600 - 75 * (float)i, 0);
        ui_frame(u, 1280, 720, NULL);
    }
    send(u, UI_EVENT_POINTER_UP, 600, 300, 0);
    float released = ui_scroll(u);
    CHECK(ui_next_deadline(u) == 16, "a gliding page asks for frames");
    for (int i = 0; i < 20; i++) {
        ui_advance(u, t += 16);
        ui_frame(u, 1280, 720, NULL);
    }
    CHECK(ui_scroll(u) > released + 50, "the page glides on after the finger lifts (%.0f -> %.0f)", released,
          ui_scroll(u));
    for (int i = 0; i < 400; i++) {
        ui_advance(u, t += 16);
        ui_frame(u, 1280, 720, NULL);
    }
    CHECK(ui_next_deadline(u) != 16, "and comes to rest");

    /* pulled past the top: it follows at a third, then springs back to the start */
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "jobcenter/praktik");
    ui_frame(u, 1280, 720, NULL);
    send(u, UI_EVENT_POINTER_DOWN, 600, 200, 0);
    send(u, UI_EVENT_POINTER_MOVE, 600, 500, 0);
    CHECK(ui_scroll(u) < -90 && ui_scroll(u) > -110, "rubber band: 300 px pulled shows 100 (%.0f)", ui_scroll(u));
    send(u, UI_EVENT_POINTER_UP, 600, 500, 0);
    for (int i = 0; i < 200; i++) {
        ui_advance(u, t += 16);
        ui_frame(u, 1280, 720, NULL);
    }
    CHECK(ui_scroll(u) == 0, "and springs back to the top (%.1f)", ui_scroll(u));
    ui_free(u);
}

static void a_swipe_in_from_the_reading_start_goes_back(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_advance(u, 1);
    ui_show(u, UI_SCREEN_SECTION, (size_t)lang_index("da"), "jobcenter");
    const ui_display_list *dl = ui_frame(u, 1280, 720, NULL);
    tap(u, find(dl, UI_ACTION_OPEN_PAGE, -1));
    CHECK(ui_current_screen(u) == UI_SCREEN_PAGE, "a page");
    ui_frame(u, 1280, 720, NULL);
    send(u, UI_EVENT_POINTER_DOWN, 5, 400, 0);
    send(u, UI_EVENT_POINTER_MOVE, 200, 410, 0);
    send(u, UI_EVENT_POINTER_UP, 200, 410, 0);
    CHECK(ui_current_screen(u) == UI_SCREEN_SECTION, "Danish: a swipe from the left edge is Back");

    ui_show(u, UI_SCREEN_SECTION, (size_t)lang_index("ar"), "jobcenter");
    dl = ui_frame(u, 1280, 720, NULL);
    tap(u, find(dl, UI_ACTION_OPEN_PAGE, -1));
    ui_frame(u, 1280, 720, NULL);
    send(u, UI_EVENT_POINTER_DOWN, 5, 400, 0);
    send(u, UI_EVENT_POINTER_MOVE, 200, 410, 0);
    send(u, UI_EVENT_POINTER_UP, 200, 410, 0);
    CHECK(ui_current_screen(u) == UI_SCREEN_PAGE, "Arabic: not from the left edge");
    send(u, UI_EVENT_POINTER_DOWN, 1275, 400, 0);
    send(u, UI_EVENT_POINTER_MOVE, 1080, 410, 0);
    send(u, UI_EVENT_POINTER_UP, 1080, 410, 0);
    CHECK(ui_current_screen(u) == UI_SCREEN_SECTION, "Arabic: a swipe from the right edge is Back");
    ui_free(u);
}

static void a_glossary_word_explains_itself_and_danish_can_show_along(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_advance(u, 1);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "jobcenter/praktik");
    const ui_display_list *dl = ui_frame(u, 1920, 3000, NULL);
    const ui_target *term = find(dl, UI_ACTION_TERM, 1); /* virksomhedspraktik */
    CHECK(term != NULL, "the first 'virksomhedspraktik' on the page can be tapped");
    tap(u, term);
    CHECK(ui_open_term(u) == 1, "its explanation opens");
    dl = ui_frame(u, 1920, 3000, NULL);
    CHECK(dl->target_count == 2 && find(dl, UI_ACTION_CLOSE, -1), "only Close (and the scrim) can be tapped");
    tap(u, &dl->targets[0]);
    CHECK(ui_open_term(u) == -1, "a tap closes it");

    ui_free(u);

    /* the bundled content and its Arabic translation */
    app_resources real;
    vk_error err = {0};
    CHECK(app_resources_load(&real, check_env("VELKOMMEN_DATA"), &err), "the bundled data loads: %s", err.msg);
    ui_env env;
    app_resources_ui_env(&real, &env);
    u = ui_new(&env, NULL);
    ui_advance(u, 1);
    CHECK(ui_show(u, UI_SCREEN_PAGE, (size_t)app_resources_lang_index(&real, "ar"), "afgoerelser/klage"), "shown");
    dl = ui_frame(u, 1920, 4000, NULL);
    size_t before = dl->count;
    const ui_target *toggle = find(dl, UI_ACTION_BILINGUAL, -1);
    CHECK(toggle != NULL, "an Arabic page offers the Danish text");
    tap(u, toggle);
    dl = ui_frame(u, 1920, 4000, NULL);
    CHECK(ui_bilingual(u) && dl->count > before + 5, "the Danish shows under the paragraphs (%zu -> %zu items)", before,
          dl->count);
    ui_show(u, UI_SCREEN_PAGE, (size_t)app_resources_lang_index(&real, "da"), "afgoerelser/klage");
    dl = ui_frame(u, 1920, 4000, NULL);
    CHECK(!find(dl, UI_ACTION_BILINGUAL, -1), "a Danish page has no such toggle");
    ui_free(u);
    app_resources_free(&real);
}

static bool same_color(ui_color a, ui_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static bool inside(const ui_rect *r, float x, float y)
{
    return x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

/* A page scrolled to its end, its first links and words hidden above the bar: the button drawn pressed
 * is the one under the finger (widgets were drawn with an index counted before the hidden targets
 * were taken out, so the highlight fell on another button). */
static void a_press_on_a_scrolled_page_lights_the_button_under_the_finger(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("en"), "jobcenter/praktik");
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    ui_event e = {.type = UI_EVENT_SCROLL, .dy = 100000};
    ui_handle_event(u, &e);
    dl = ui_frame(u, 1920, 1080, NULL);
    CHECK(ui_scroll(u) > 200, "the page scrolled to its end (%.0f)", ui_scroll(u));
    const ui_target *no = find(dl, UI_ACTION_HELPFUL, 0);
    CHECK(no != NULL, "\"Was this helpful?\" is on the screen");
    if (!no) {
        ui_free(u);
        return;
    }
    float x = no->box.x + no->box.w / 2, y = no->box.y + no->box.h / 2;
    send(u, UI_EVENT_POINTER_DOWN, x, y, 0);
    dl = ui_frame(u, 1920, 1080, NULL);
    int lit = 0, right = 0;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->items[i].kind == UI_ITEM_RECT && same_color(dl->items[i].color, ui_theme_normal.accent_pressed)) {
            lit++;
            right += inside(&dl->items[i].box, x, y);
        }
    CHECK(lit == 1 && right == 1, "one button is drawn pressed (%d), the one under the finger (%d)", lit, right);
    send(u, UI_EVENT_POINTER_CANCEL, x, y, 0);
    ui_free(u);
}

/* Tab shows a ring around whatever it reaches, words and links in the text too, at the box a finger
 * would find; it passes over a target that covers the whole screen; Back closes an explanation. */
static void the_focus_ring_is_drawn_around_every_kind_of_target(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("ar"), "jobcenter/praktik");
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    size_t n = dl->target_count;
    bool saw_term = false;
    for (size_t k = 0; k < n; k++) {
        key(u, UI_KEY_NEXT);
        dl = ui_frame(u, 1920, 1080, NULL);
        const ui_target *t = NULL;
        /* the focused target: the one the ring's top side sits over (4 px thick, 3 px out at 1080p) */
        int rings = 0;
        for (size_t j = 0; j < dl->target_count; j++) {
            const ui_rect *b = &dl->targets[j].box;
            for (size_t i = 0; i < dl->count; i++) {
                const ui_item *it = &dl->items[i];
                if (it->kind == UI_ITEM_RECT && same_color(it->color, ui_theme_normal.focus) &&
                    fabsf(it->box.x - (b->x - 7)) < 0.5f && fabsf(it->box.y - (b->y - 7)) < 0.5f &&
                    fabsf(it->box.w - (b->w + 14)) < 0.5f && fabsf(it->box.h - 4) < 0.5f) {
                    rings++;
                    t = &dl->targets[j];
                }
            }
        }
        CHECK(rings == 1, "Tab %zu: one target has a ring (%d)", k + 1, rings);
        if (t && t->action == UI_ACTION_TERM)
            saw_term = true;
    }
    CHECK(saw_term, "a glossary word in the text gets the ring too");
    const ui_target *term = find(dl, UI_ACTION_TERM, -1);
    tap(u, term);
    ui_frame(u, 1920, 1080, NULL);
    key(u, UI_KEY_NEXT);
    dl = ui_frame(u, 1920, 1080, NULL);
    bool on_button = false;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->items[i].kind == UI_ITEM_RECT && same_color(dl->items[i].color, ui_theme_normal.focus) &&
            dl->items[i].box.w < 1900 && dl->items[i].box.h < 1000)
            on_button = true;
    CHECK(on_button, "in an explanation the first Tab reaches the Close button, not the dimmed screen behind");
    key(u, UI_KEY_BACK);
    CHECK(ui_open_term(u) == -1 && ui_current_screen(u) == UI_SCREEN_PAGE, "Back closes the explanation, not the page");
    ui_free(u);
}

/* Every tile of the home screen shows its press in every language (the benchmark found Arabic
 * tiles that never did). */
static void every_home_tile_shows_its_press_in_every_language(void)
{
    const char *codes[] = {"da", "ar", "ti"};
    for (size_t k = 0; k < 3; k++) {
        ui *u = ui_new(&ENV, NULL);
        ui_show(u, UI_SCREEN_HOME, (size_t)lang_index(codes[k]), NULL);
        const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
        size_t n = dl->target_count;
        int tiles = 0, lit_right = 0;
        for (size_t t = 0; t < n; t++) {
            dl = ui_frame(u, 1920, 1080, NULL);
            ui_target tg = dl->targets[t];
            if (tg.action != UI_ACTION_OPEN_SECTION && tg.action != UI_ACTION_OPEN_PAGE)
                continue;
            tiles++;
            float x = tg.box.x + tg.box.w / 2, y = tg.box.y + tg.box.h / 2;
            send(u, UI_EVENT_POINTER_DOWN, x, y, 0);
            dl = ui_frame(u, 1920, 1080, NULL);
            bool lit = false;
            for (size_t i = 0; i < dl->count; i++)
                lit = lit || (dl->items[i].kind == UI_ITEM_RECT &&
                              same_color(dl->items[i].color, ui_theme_normal.pressed_surface) &&
                              inside(&dl->items[i].box, x, y));
            lit_right += lit;
            send(u, UI_EVENT_POINTER_CANCEL, x, y, 0);
        }
        CHECK(tiles > 0 && lit_right == tiles, "%s: %d of %d tiles show their press", codes[k], lit_right, tiles);
        ui_free(u);
    }
}


/* ---- translations and the Arabic screens, with catalogs written for the test ------------------- */

/* A .po file written for the test and read the way the kiosk reads one. */
static i18n_catalog *test_catalog(const char *name, const char *entries)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/%s", check_env("VK_TMP"), name);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL, "%s can be written", path);
    if (!f)
        return NULL;
    fputs("msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n", f);
    fputs(entries, f);
    fclose(f);
    vk_error err = {0};
    i18n_catalog *cat = i18n_catalog_load(path, &err);
    CHECK(cat != NULL, "%s loads: %s", name, err.msg);
    return cat;
}

/* The offered languages with Arabic's interface and content catalogs preceded by the test's own. */
typedef struct arabic_env {
    ui_language langs[16];
    i18n_content_chain content;
    ui_env env;
} arabic_env;

static void put_first(i18n_tr *tr, const i18n_catalog *cat)
{
    if (tr->count == I18N_CHAIN_MAX)
        tr->count--;
    memmove(&tr->chain[1], &tr->chain[0], (size_t)tr->count * sizeof tr->chain[0]);
    tr->chain[0] = cat;
    tr->count++;
}

static void arabic_with(arabic_env *a, const i18n_catalog *ui_cat, const i18n_catalog *content_cat)
{
    int ar = lang_index("ar");
    a->env = ENV;
    CHECK(ENV.lang_count <= 16, "the test holds every language (%zu)", ENV.lang_count);
    memcpy(a->langs, ENV.langs, ENV.lang_count * sizeof *a->langs);
    a->env.langs = a->langs;
    ui_language *l = &a->langs[ar];
    if (ui_cat)
        put_first(&l->tr, ui_cat);
    if (content_cat) {
        i18n_content_chain none = {{{0}, 0}, {0}, (int)ENV.source_lang};
        a->content = l->content ? *l->content : none;
        memmove(&a->content.chain_lang[1], &a->content.chain_lang[0],
                (size_t)(I18N_CHAIN_MAX - 1) * sizeof a->content.chain_lang[0]);
        a->content.chain_lang[0] = ar;
        put_first(&a->content.tr, content_cat);
        l->content = &a->content;
    }
}

/* The text on the first not-translated notice from item `from` on (the notice's colour, the text
 * inside it), or NULL. */
static const text_layout *notice_from(const ui_display_list *dl, size_t from)
{
    for (size_t i = from; dl && i + 1 < dl->count; i++) {
        const ui_item *r = &dl->items[i], *t = &dl->items[i + 1];
        if (r->kind == UI_ITEM_RECT && same_color(r->color, ui_theme_normal.notice) && t->kind == UI_ITEM_TEXT &&
            t->box.x > r->box.x && t->box.x < r->box.x + r->box.w && t->box.y > r->box.y && t->box.y < r->box.y + r->box.h)
            return t->text;
    }
    return NULL;
}

static const text_layout *notice_text(const ui_display_list *dl)
{
    return notice_from(dl, 0);
}

/* The notice in a glossary word's explanation: drawn over the page, after the scrim that dims it. */
static const text_layout *explanation_notice(const ui_display_list *dl)
{
    for (size_t i = 0; dl && i < dl->count; i++)
        if (dl->items[i].kind == UI_ITEM_RECT && same_color(dl->items[i].color, ui_theme_normal.scrim))
            return notice_from(dl, i);
    return NULL;
}

/* Whether L shows exactly the characters of want, each '%' as a glyph of its own font (not .notdef). */
static bool shows_exactly(const text_layout *L, const char *want)
{
    size_t n;
    uint32_t *cp = vk_utf8_to_utf32(want, strlen(want), &n);
    bool ok = L && cp && L->char_count == n && L->missing == 0;
    for (size_t i = 0; ok && i < n; i++) {
        if (cp[i] != '%')
            continue;
        bool drawn = false;
        for (size_t g = 0; g < L->glyph_count; g++)
            drawn = drawn || (L->glyphs[g].cluster == i && L->glyphs[g].id != 0);
        ok = drawn;
    }
    free(cp);
    return ok;
}

/* A translation is text, never a printf format: one with stray %s, %n and %d (a broken or hostile
 * .po) used to crash the kiosk; it is now shown as written, the language's name in its place. */
static void a_translation_with_stray_placeholders_is_shown_as_written(void)
{
    i18n_catalog *cat = test_catalog("ui-stray-placeholders.po",
                                     "msgid \"Part of this page is not yet translated into %s.\"\n"
                                     "msgstr \"%s %s %n %d\"\n\n"
                                     "msgid \"This page is not yet translated into %s. It is shown in %s.\"\n"
                                     "msgstr \"%2$s %s %s %s %n %d %x\"\n");
    if (!cat)
        return;
    arabic_env a;
    arabic_with(&a, cat, NULL);
    ui *u = ui_new(&a.env, NULL);
    /* the page's title is translated into Arabic in the bundled catalog, its paragraphs are not */
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("ar"), "jobcenter/praktik");
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    const text_layout *n = notice_text(dl);
    CHECK(n != NULL, "a partly translated page shows the notice");
    CHECK(shows_exactly(n, "\u2068العربية\u2069 %s %n %d"), "the notice shows '%%s %%n %%d' as written (%zu characters)",
          n ? n->char_count : 0);
    /* nothing of this page is in Arabic: the other message, with a positional %2$s */
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("ar"), "sprogskole");
    dl = ui_frame(u, 1920, 1080, NULL);
    n = notice_text(dl);
    CHECK(shows_exactly(n, "\u2068Dansk\u2069 \u2068العربية\u2069 \u2068Dansk\u2069 %s %n %d %x"),
          "the untranslated page's notice: each name in its place, the rest as written (%zu characters)",
          n ? n->char_count : 0);
    ui_free(u);
    i18n_catalog_free(cat);
}

/* The x of the first glyph of each digit group of text, as laid out in L, in logical order; -1 when
 * L is not a layout of text. Returns the number of groups. */
static int digit_groups(const text_layout *L, const char *text, float *x, int max)
{
    size_t n;
    uint32_t *cp = vk_utf8_to_utf32(text, strlen(text), &n);
    int groups = 0;
    if (!cp || L->char_count != n) {
        free(cp);
        return -1;
    }
    for (size_t i = 0; i < n && groups < max; i++) {
        bool digit = cp[i] >= '0' && cp[i] <= '9', before = i > 0 && cp[i - 1] >= '0' && cp[i - 1] <= '9';
        if (!digit || before)
            continue;
        x[groups] = -1;
        for (size_t g = 0; g < L->glyph_count; g++)
            if (L->glyphs[g].cluster == i)
                x[groups] = L->glyphs[g].x;
        groups++;
    }
    free(cp);
    return groups;
}

/* A phone number in an Arabic summary keeps its reading order on the section screen, as it does in a
 * page's paragraphs: the bidi algorithm alone shows "70 12 34 56" as "56 34 12 70" there. */
static void a_phone_number_in_an_arabic_summary_keeps_its_digit_order(void)
{
    const char *arabic = "جرّب عملًا لبضعة أسابيع. اتصل بالرقم 70 12 34 56 لتعرف المزيد.";
    char entry[512];
    snprintf(entry, sizeof entry, "msgid \"Prøv et job i nogle uger, mens du får din ydelse.\"\nmsgstr \"%s\"\n", arabic);
    i18n_catalog *cat = test_catalog("content-phone-number.po", entry);
    if (!cat)
        return;
    /* the text as a page's paragraph would hold it, numbers isolated (U+2066 ... U+2069) */
    content_block isolated = {0};
    isolated.text = strdup(arabic);
    i18n_isolate_ltr(&isolated);
    arabic_env a;
    arabic_with(&a, NULL, cat);
    ui *u = ui_new(&a.env, NULL);
    ui_show(u, UI_SCREEN_SECTION, (size_t)lang_index("ar"), "jobcenter");
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    int found = 0, ordered = 0;
    for (size_t i = 0; dl && i < dl->count; i++) {
        if (dl->items[i].kind != UI_ITEM_TEXT)
            continue;
        float x[8];
        int g = digit_groups(dl->items[i].text, isolated.text, x, 8);
        if (g < 0)
            g = digit_groups(dl->items[i].text, arabic, x, 8); /* laid out as it came, not isolated */
        if (g != 4)
            continue;
        found++;
        ordered += x[0] >= 0 && x[0] < x[1] && x[1] < x[2] && x[2] < x[3];
        CHECK(ordered, "70, 12, 34 and 56 read left to right (x %.0f, %.0f, %.0f, %.0f)", (double)x[0], (double)x[1],
              (double)x[2], (double)x[3]);
    }
    CHECK(found == 1, "the Arabic summary is on the section screen (%d)", found);
    ui_free(u);
    content_block_free(&isolated);
    i18n_catalog_free(cat);
}

/* Home and section screens and a glossary word's explanation say so when something on them is not
 * in the reader's language, as a page does, and say nothing when all of it is. */
static void home_sections_and_explanations_say_when_they_fall_back(void)
{
    /* the test content's summaries and explanations are in no catalog; its titles Jobcentret and
     * Virksomhedspraktik are in the bundled Arabic one */
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_HOME, (size_t)lang_index("da"), NULL);
    CHECK(!notice_text(ui_frame(u, 1920, 1080, NULL)), "Danish home: nothing to say");
    ui_show(u, UI_SCREEN_HOME, (size_t)lang_index("ar"), NULL);
    CHECK(notice_text(ui_frame(u, 1920, 1080, NULL)) != NULL, "Arabic home with Danish tiles: the notice");
    ui_show(u, UI_SCREEN_SECTION, (size_t)lang_index("da"), "jobcenter");
    CHECK(!notice_text(ui_frame(u, 1920, 1080, NULL)), "Danish section: nothing to say");
    ui_show(u, UI_SCREEN_SECTION, (size_t)lang_index("ar"), "jobcenter");
    const text_layout *n = notice_text(ui_frame(u, 1920, 1080, NULL));
    CHECK(n && n->paragraph_level == 1, "Arabic section with a Danish summary: the notice, in Arabic");
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("ar"), "jobcenter/praktik");
    tap(u, find(ui_frame(u, 1920, 3000, NULL), UI_ACTION_TERM, 1));
    CHECK(ui_open_term(u) == 1 && explanation_notice(ui_frame(u, 1920, 3000, NULL)) != NULL,
          "an explanation shown in Danish to an Arabic reader says so");
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "jobcenter/praktik");
    tap(u, find(ui_frame(u, 1920, 3000, NULL), UI_ACTION_TERM, 1));
    CHECK(ui_open_term(u) == 1 && !explanation_notice(ui_frame(u, 1920, 3000, NULL)),
          "and to a Danish reader it says nothing");
    ui_free(u);

    /* translated, they say nothing */
    i18n_catalog *cat = test_catalog("content-jobcenter.po",
                                     "msgid \"Prøv et job i nogle uger, mens du får din ydelse.\"\n"
                                     "msgstr \"جرّب عملًا لبضعة أسابيع وأنت تحصل على إعانتك.\"\n\n"
                                     "msgid \"En periode, hvor du arbejder i en virksomhed for at lære.\"\n"
                                     "msgstr \"فترة تعمل فيها في شركة لكي تتعلم.\"\n");
    if (!cat)
        return;
    arabic_env a;
    arabic_with(&a, NULL, cat);
    u = ui_new(&a.env, NULL);
    ui_show(u, UI_SCREEN_SECTION, (size_t)lang_index("ar"), "jobcenter");
    CHECK(!notice_text(ui_frame(u, 1920, 1080, NULL)), "an Arabic section with everything translated: no notice");
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("ar"), "jobcenter/praktik");
    tap(u, find(ui_frame(u, 1920, 3000, NULL), UI_ACTION_TERM, 1));
    CHECK(ui_open_term(u) == 1 && !explanation_notice(ui_frame(u, 1920, 3000, NULL)),
          "a translated explanation: no notice");
    ui_free(u);
    i18n_catalog_free(cat);
}

/* The scroll position bar: the thumb (quiet text colour, 8 px wide at 1080 px), or NULL. */
static const ui_item *scroll_thumb(const ui_display_list *dl)
{
    const ui_item *found = NULL;
    for (size_t i = 0; dl && i < dl->count; i++) {
        const ui_item *it = &dl->items[i];
        if (it->kind == UI_ITEM_RECT && same_color(it->color, ui_theme_normal.text_quiet) && it->box.w <= 10 &&
            it->box.h >= 40)
            found = it;
    }
    return found;
}

/* A page longer than the screen shows where the reader is with a thin bar at the reading end: the
 * right in Danish, the left in Arabic (the interface mirrors); it moves as the page scrolls, reaches
 * the bottom at the page's end, takes no touch, and a page that fits has none. */
static void a_long_page_shows_a_scroll_bar_at_the_reading_end(void)
{
    ui *u = ui_new(&ENV, NULL);
    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "samfund");
    const ui_display_list *dl = ui_frame(u, 1920, 1080, NULL);
    CHECK(!scroll_thumb(dl), "a page that fits has no scroll bar");

    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("da"), "jobcenter/praktik");
    dl = ui_frame(u, 1920, 1080, NULL);
    const ui_item *t = scroll_thumb(dl);
    CHECK(t != NULL, "a long page has one");
    if (!t) {
        ui_free(u);
        return;
    }
    ui_rect top = t->box;
    CHECK(top.x > 1920 - 32 && top.h < 1080 - 112, "Danish: at the right edge (x %.0f), shorter than the view (%.0f)",
          (double)top.x, (double)top.h);
    CHECK(!ui_display_hit(dl, top.x + top.w / 2, top.y + top.h / 2) ||
              ui_display_hit(dl, top.x + top.w / 2, top.y + top.h / 2)->box.w > 100,
          "the bar is not a target of its own");
    ui_event wheel = {.type = UI_EVENT_SCROLL, .dy = 300};
    ui_handle_event(u, &wheel);
    dl = ui_frame(u, 1920, 1080, NULL);
    t = scroll_thumb(dl);
    CHECK(t && t->box.y > top.y + 1, "it moves down as the page scrolls (%.0f -> %.0f)", (double)top.y,
          t ? (double)t->box.y : -1.0);
    wheel.dy = 100000;
    ui_handle_event(u, &wheel);
    dl = ui_frame(u, 1920, 1080, NULL);
    t = scroll_thumb(dl);
    CHECK(t && fabsf(t->box.y + t->box.h - (1080 - 8)) < 0.5f, "at the page's end it reaches the bottom (%.0f)",
          t ? (double)(t->box.y + t->box.h) : -1.0);

    ui_show(u, UI_SCREEN_PAGE, (size_t)lang_index("ar"), "jobcenter/praktik");
    dl = ui_frame(u, 1920, 1080, NULL);
    t = scroll_thumb(dl);
    CHECK(t && t->box.x < 32, "Arabic: at the left edge (x %.0f)", t ? (double)t->box.x : -1.0);
    ui_free(u);
}

int main(void)
{
    test_data_load(&R);
    app_resources_ui_env(&R, &ENV);
    RUN(language_then_home_then_section_then_page_then_back);
    RUN(a_link_in_the_text_opens_its_page);
    RUN(arabic_mirrors_the_bar_and_the_tiles);
    RUN(language_switch_keeps_the_page);
    RUN(dragging_scrolls_a_long_page_and_is_not_a_tap);
    RUN(press_shows_feedback_before_release);
    RUN(a_second_finger_is_ignored);
    RUN(keyboard_reaches_everything);
    RUN(focus_never_points_past_the_targets_that_are_there);
    RUN(portrait_screen_keeps_targets_apart_and_on_screen);
    RUN(reload_keeps_the_open_page_or_falls_back_to_its_section);
    RUN(a_thousand_language_switches_keep_everything_right);
    RUN(idle_question_then_reset_forgets_the_visit);
    RUN(text_size_and_contrast_change_and_are_forgotten);
    RUN(a_quick_drag_glides_on_and_an_end_springs_back);
    RUN(a_swipe_in_from_the_reading_start_goes_back);
    RUN(a_glossary_word_explains_itself_and_danish_can_show_along);
    RUN(a_press_on_a_scrolled_page_lights_the_button_under_the_finger);
    RUN(the_focus_ring_is_drawn_around_every_kind_of_target);
    RUN(every_home_tile_shows_its_press_in_every_language);
    RUN(a_translation_with_stray_placeholders_is_shown_as_written);
    RUN(a_phone_number_in_an_arabic_summary_keeps_its_digit_order);
    RUN(home_sections_and_explanations_say_when_they_fall_back);
    RUN(a_long_page_shows_a_scroll_bar_at_the_reading_end);
    app_resources_free(&R);
    return check_done();
}
