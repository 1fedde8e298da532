/* The kiosk's user interface: see ui.h. */
#include "ui/ui.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "base/utf8.h"
#include "i18n/search.h"
#include "text/cache.h"
#include "ui/qr.h"
#include "ui/theme.h"

#define HISTORY_MAX 32
#define ID_MAX 512
#define BLOCKS_MAX 256

typedef struct place {
    ui_screen screen;
    char id[ID_MAX];
    float scroll;
} place;

struct ui {
    ui_env env;
    place here;
    int lang;
    place history[HISTORY_MAX];
    int history_count;
    bool picker_returns; /* the picker was opened from a page: choosing goes back there */
    text_cache *cache;
    ui_display_list dl;
    bool dirty;
    int built_w, built_h;
    float content_height; /* of the scrolling part, for clamping */
    float viewport_top;   /* below the bar */
    /* pointer: only the first finger down counts; a second one is ignored until the first lifts */
    int active_pointer;
    float down_x, down_y, down_scroll;
    bool dragging;
    bool edge_swipe;        /* the finger went down at the reading-start edge: a swipe there is Back */
    float velocity;         /* px per ms of the drag, for the fling after it */
    float last_y;
    uint32_t last_t;
    enum { ANIM_NONE, ANIM_FLING, ANIM_SPRING } anim;
    uint32_t anim_t;
    int pressed; /* index into dl.targets, -1 none */
    int focus;   /* keyboard focus, index into dl.targets, -1 none */
    /* the open page in the reader's language, made again when the page, language or content changes */
    i18n_page *loc;
    const content_page *loc_page;
    int loc_lang;
    /* time */
    uint32_t now, last_input;
    bool asking;
    uint32_t ask_started;
    int shown_seconds; /* of the countdown, so a frame is drawn when the number changes */
    int welcome_index;
    /* the reader's choices, forgotten with the visit */
    int text_size; /* 0, 1, 2: 100 %, 125 %, 150 % */
    bool contrast; /* the high-contrast theme */
    bool bilingual; /* the Danish text under each translated paragraph (learning Danish at work) */
    int term;       /* the glossary word whose explanation is open, -1 none */
    /* staff mode */
    bool staff_press;   /* the finger went down in the staff corner */
    uint32_t down_time;
    char pin[9];
    int pin_wrong;
    ui_request request;
    /* icon file names ("jobcentre.svg"), kept for the display list to borrow */
    char icon_names[64][100];
    int icon_count;
    char *staff_text; /* the staff report, made once when the staff screen opens or reloads */
    char answered[ID_MAX]; /* the page whose "Was this helpful?" this visit answered last */
    int reading;           /* read aloud: 0 no, 1 reading, 2 paused */
    int reading_block;     /* the block being read (-1 the title), -2 none yet */
    bool reading_follow;   /* the block being read changed: scroll it into view */
    float follow_to;       /* the scroll position that shows it, -1 none: taken by ui_frame */
    /* where the open page's blocks were drawn (screen y), for "read this" under a held finger */
    float block_y0[BLOCKS_MAX], block_y1[BLOCKS_MAX];
    int block_count;
    /* search: the words typed (never stored anywhere), the index of the language it was built for */
    char query[256];
    unsigned fidel;        /* the Ethiopic consonant whose vowel orders are open, 0 none */
    bool kb_source;        /* the Danish keyboard instead of the language's: a Danish word is searched */
    search_index *search;
    int search_lang;
    search_result results[8];
    size_t result_count;
    /* content strings with their numbers isolated for this frame's layouts (content_shown); freed
     * when the next frame is built, the layout cache keeping its own copy of each text */
    char **shown;
    size_t shown_count, shown_cap;
};

#define STAFF_PRESS_MS 5000
#define READ_PRESS_MS 700 /* a finger held this long on a paragraph reads it aloud from there */

#define WELCOME_TURN_MS 2500

/* How far a finger may wander between down and up and still tap (at 1080 px; shaky hands, gloves). */
#define TAP_SLOP 28.0f

ui *ui_new(const ui_env *env, vk_error *err)
{
    ui *u = calloc(1, sizeof *u);
    if (!u || !(u->cache = text_cache_new(1024))) {
        free(u);
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    u->env = *env;
    if (!u->env.idle_ms)
        u->env.idle_ms = 90000;
    if (!u->env.countdown_ms)
        u->env.countdown_ms = 10000;
    u->here.screen = UI_SCREEN_WELCOME;
    u->lang = -1;
    u->dirty = true;
    u->active_pointer = -1;
    u->pressed = -1;
    u->focus = -1;
    u->term = -1;
    u->reading_block = -2;
    u->follow_to = -1;
    return u;
}

void ui_free(ui *u)
{
    if (!u)
        return;
    text_cache_free(u->cache);
    ui_display_free(&u->dl);
    i18n_page_free(u->loc);
    search_index_free(u->search);
    free(u->staff_text);
    for (size_t i = 0; i < u->shown_count; i++)
        free(u->shown[i]);
    free(u->shown);
    free(u);
}

static int page_index(const ui *u, const char *id)
{
    const content_tree *t = u->env.content;
    for (size_t i = 0; t && i < t->page_count; i++)
        if (strcmp(t->pages[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int section_index(const ui *u, const char *id)
{
    const content_tree *t = u->env.content;
    for (size_t i = 0; t && i < t->section_count; i++)
        if (strcmp(t->sections[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* ---- search --------------------------------------------------------------------------------------- */

/* The keyboard showing: the language's own, or the source language's (Danish) after the switch key. */
static const i18n_keyboard *active_keyboard(const ui *u)
{
    if (u->lang < 0)
        return NULL;
    const i18n_keyboard *own = u->env.langs[u->lang].keyboard, *src = u->env.langs[u->env.source_lang].keyboard;
    return u->kb_source && src ? src : own;
}

/* The index of the reader's language and Danish, made when the search screen first opens in a
 * language (and again after a reload). */
static void ensure_index(ui *u)
{
    if (u->lang < 0 || !u->env.content)
        return;
    if (!u->search || u->search_lang != u->lang) {
        search_index_free(u->search);
        const ui_language *l = &u->env.langs[u->lang];
        i18n_content_chain none = {{{0}, 0}, {0}, (int)u->env.source_lang};
        u->search = search_index_build(u->env.content, l->content ? l->content : &none, u->lang);
        u->search_lang = u->lang;
    }
}

static void run_search(ui *u)
{
    u->result_count = 0;
    if (u->lang < 0 || !u->env.content || !u->query[0])
        return;
    ensure_index(u);
    if (u->search)
        u->result_count = search_query(u->search, u->query, u->results, sizeof u->results / sizeof *u->results);
}

/* Leaving the search screen: a search that found nothing is counted (not its words) for the staff:
 * which questions the content does not answer, per language. */
static void leave_search(ui *u)
{
    if (u->here.screen == UI_SCREEN_SEARCH && u->query[0] && u->result_count == 0 && u->env.count && u->lang >= 0)
        u->env.count(u->env.count_ctx, UI_COUNT_SEARCH_EMPTY, NULL, u->env.langs[u->lang].meta->code);
}

/* Where the last grapheme of s begins (ICU's character boundaries), so Backspace removes what the
 * reader sees as one letter. */
static size_t last_grapheme(const char *s)
{
    size_t n = strlen(s);
    UChar buf[256];
    int32_t len = 0;
    UErrorCode e = U_ZERO_ERROR;
    u_strFromUTF8(buf, 256, &len, s, (int32_t)n, &e);
    if (U_FAILURE(e) || len == 0)
        return 0;
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", buf, len, &e);
    int32_t at = U_SUCCESS(e) ? ubrk_preceding(bi, len) : len - 1;
    ubrk_close(bi);
    if (at < 0)
        at = 0;
    /* back to UTF-8: the byte length of the first `at` UTF-16 units */
    int32_t bytes = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &bytes, buf, at, &e);
    return (size_t)bytes;
}

static void type_text(ui *u, const char *text)
{
    size_t n = strlen(u->query), k = strlen(text);
    if (n + k < sizeof u->query - 1) {
        memcpy(u->query + n, text, k + 1);
        run_search(u);
    }
    u->dirty = true;
}

/* Read aloud stops when the page, its language or the visit changes. */
static void stop_reading(ui *u)
{
    if (u->reading && u->env.read_aloud)
        u->env.read_aloud(u->env.read_ctx, UI_READ_STOP, u->here.id, u->lang, -1);
    u->reading = 0;
    u->reading_block = -2;
    u->reading_follow = false;
}

/* A page seen in a language: counted when it opens and when its language is switched. */
static void count_view(ui *u)
{
    if (u->env.count && u->lang >= 0 && u->here.screen == UI_SCREEN_PAGE)
        u->env.count(u->env.count_ctx, UI_COUNT_VIEW, u->here.id, u->env.langs[u->lang].meta->code);
}

static void go(ui *u, ui_screen screen, const char *id, bool remember)
{
    stop_reading(u);
    if (screen != UI_SCREEN_SEARCH)
        leave_search(u);
    if (remember && u->here.screen != UI_SCREEN_PICKER) {
        if (u->history_count == HISTORY_MAX) {
            memmove(u->history, u->history + 1, (HISTORY_MAX - 1) * sizeof *u->history);
            u->history_count--;
        }
        u->history[u->history_count++] = u->here;
    }
    u->here.screen = screen;
    snprintf(u->here.id, sizeof u->here.id, "%s", id ? id : "");
    u->here.scroll = 0;
    if (screen == UI_SCREEN_PAGE)
        count_view(u);
    u->dirty = true;
    u->pressed = -1;
    u->focus = -1;
    u->term = -1;
}

bool ui_show(ui *u, ui_screen screen, size_t lang, const char *id)
{
    if (screen != UI_SCREEN_PICKER && screen != UI_SCREEN_WELCOME && lang >= u->env.lang_count)
        return false;
    if (screen == UI_SCREEN_PAGE && (!id || page_index(u, id) < 0))
        return false;
    if (screen == UI_SCREEN_SECTION && (!id || section_index(u, id) < 0))
        return false;
    if (screen != UI_SCREEN_PICKER && screen != UI_SCREEN_WELCOME)
        u->lang = (int)lang;
    u->history_count = 0;
    u->asking = false;
    u->last_input = u->now;
    go(u, screen, id, false);
    return true;
}

static void animate(ui *u, uint32_t now);

/* The visitor has gone: forget everything of theirs. Only anonymous counters (a later issue) keep
 * anything, and nothing of the visit is written anywhere. */
static void forget_visit(ui *u)
{
    stop_reading(u);
    leave_search(u);
    u->query[0] = 0;
    u->fidel = 0;
    u->kb_source = false;
    u->result_count = 0;
    u->lang = -1;
    u->history_count = 0;
    u->picker_returns = false;
    u->asking = false;
    memset(&u->here, 0, sizeof u->here);
    memset(u->history, 0, sizeof u->history);
    u->here.screen = UI_SCREEN_WELCOME;
    i18n_page_free(u->loc);
    u->loc = NULL;
    u->loc_page = NULL;
    u->pressed = -1;
    u->focus = -1;
    u->active_pointer = -1;
    u->text_size = 0;
    u->contrast = false;
    u->bilingual = false;
    u->term = -1;
    u->pin[0] = 0;
    u->pin_wrong = 0;
    u->staff_press = false;
    free(u->staff_text);
    u->staff_text = NULL;
    u->answered[0] = 0;
    u->dirty = true;
}

void ui_advance(ui *u, uint32_t now)
{
    u->now = now;
    animate(u, now);
    if (u->staff_press && u->active_pointer >= 0 && now - u->down_time >= STAFF_PRESS_MS) {
        /* the staff gesture: held still in the corner for 5 s. Whatever the visitor had open is
         * forgotten: the staff screens are not part of anyone's visit. */
        forget_visit(u);
        u->here.screen = UI_SCREEN_STAFF_PIN;
        u->last_input = now;
        u->active_pointer = -2; /* swallow the release */
        return;
    }
    if (u->here.screen == UI_SCREEN_PAGE && u->active_pointer >= 0 && !u->dragging && !u->staff_press &&
        u->down_y >= u->viewport_top && !u->asking && now - u->down_time >= READ_PRESS_MS && u->lang >= 0 && u->env.langs[u->lang].can_read_aloud &&
        u->env.read_aloud) {
        /* "read this": a finger held still on a paragraph reads the page aloud from that paragraph */
        for (int i = 0; i < u->block_count; i++)
            if (u->down_y >= u->block_y0[i] && u->down_y < u->block_y1[i] && u->block_y1[i] > u->block_y0[i]) {
                stop_reading(u);
                u->env.read_aloud(u->env.read_ctx, UI_READ_START, u->here.id, u->lang, i);
                u->reading = 1;
                u->reading_block = -2;
                u->pressed = -1;
                u->active_pointer = -2; /* the release opens nothing (a held link is read, not followed) */
                u->dirty = true;
                break;
            }
    }
    if (u->here.screen == UI_SCREEN_WELCOME) {
        int idx = (int)((now / WELCOME_TURN_MS) % (u->env.lang_count ? u->env.lang_count : 1));
        if (idx != u->welcome_index) {
            u->welcome_index = idx;
            u->dirty = true;
        }
        return;
    }
    if (u->reading == 1)
        u->last_input = now; /* listening is using the kiosk: no "Are you still there?" mid-sentence */
    if (!u->asking && now - u->last_input >= u->env.idle_ms) {
        u->asking = true;
        u->ask_started = now;
        u->shown_seconds = -1;
        u->dirty = true;
    }
    if (u->asking) {
        uint32_t gone = now - u->ask_started;
        if (gone >= u->env.countdown_ms) {
            if (u->env.count)
                u->env.count(u->env.count_ctx, UI_COUNT_IDLE_RESET, NULL, NULL);
            forget_visit(u);
            return;
        }
        int seconds = (int)((u->env.countdown_ms - gone + 999) / 1000);
        if (seconds != u->shown_seconds) {
            u->shown_seconds = seconds;
            u->dirty = true;
        }
    }
}

uint32_t ui_next_deadline(const ui *u)
{
    if (u->staff_press && u->active_pointer >= 0)
        return u->now - u->down_time < STAFF_PRESS_MS ? STAFF_PRESS_MS - (u->now - u->down_time) : 1;
    if (u->here.screen == UI_SCREEN_PAGE && u->active_pointer >= 0 && !u->dragging &&
        u->now - u->down_time < READ_PRESS_MS)
        return READ_PRESS_MS - (u->now - u->down_time);
    if (u->anim != ANIM_NONE)
        return 16; /* a frame every 16 ms while the page moves */
    if (u->here.screen == UI_SCREEN_WELCOME)
        return WELCOME_TURN_MS - u->now % WELCOME_TURN_MS;
    if (u->asking) {
        uint32_t gone = u->now - u->ask_started, left = gone < u->env.countdown_ms ? u->env.countdown_ms - gone : 0;
        return left % 1000 ? left % 1000 : (left ? 1000 : 0);
    }
    uint32_t idle = u->now - u->last_input;
    return idle < u->env.idle_ms ? u->env.idle_ms - idle : 0;
}

bool ui_asking(const ui *u) { return u->asking; }

void ui_set_content(ui *u, const content_tree *content)
{
    u->env.content = content;
    search_index_free(u->search); /* it points into the old tree, and its catalogs may be new */
    u->search = NULL;
    u->result_count = 0;
    i18n_page_free(u->loc); /* it points into the old tree */
    u->loc = NULL;
    u->loc_page = NULL;
    /* the place survives when it still exists: a page, else its section, else home */
    for (int i = -1; i < u->history_count; i++) {
        place *p = i < 0 ? &u->here : &u->history[i];
        if (p->screen == UI_SCREEN_PAGE && page_index(u, p->id) < 0) {
            char *slash = strrchr(p->id, '/');
            if (slash) {
                *slash = 0;
                p->screen = section_index(u, p->id) >= 0 ? UI_SCREEN_SECTION : UI_SCREEN_HOME;
            } else {
                p->screen = UI_SCREEN_HOME;
                p->id[0] = 0;
            }
            p->scroll = 0;
        }
        if (p->screen == UI_SCREEN_SECTION && section_index(u, p->id) < 0) {
            p->screen = UI_SCREEN_HOME;
            p->id[0] = 0;
        }
    }
    u->dirty = true;
    u->pressed = -1;
}

/* The soak test's check after every event: what must hold on any screen, whatever was tapped. */
static bool place_valid(const ui *u, const place *p, char *why, size_t size)
{
    const content_tree *c = u->env.content;
    if ((int)p->screen < UI_SCREEN_WELCOME || (int)p->screen > UI_SCREEN_SEARCH)
        return snprintf(why, size, "screen %d is not a screen", (int)p->screen), false;
    if (!isfinite(p->scroll) || fabsf(p->scroll) > 1e7f)
        return snprintf(why, size, "scroll position %g", (double)p->scroll), false;
    if (memchr(p->id, 0, sizeof p->id) == NULL)
        return snprintf(why, size, "the id is not terminated"), false;
    if (p->screen == UI_SCREEN_PAGE && (!c || !content_tree_page(c, p->id)))
        return snprintf(why, size, "page '%s' is not in the content", p->id), false;
    if (p->screen == UI_SCREEN_SECTION) {
        bool found = false;
        for (size_t i = 0; c && i < c->section_count && !found; i++)
            found = strcmp(c->sections[i].id, p->id) == 0;
        if (!found)
            return snprintf(why, size, "folder '%s' is not in the content", p->id), false;
    }
    return true;
}

bool ui_check_invariants(const ui *u, char *why, size_t size)
{
    if (u->lang < -1 || u->lang >= (int)u->env.lang_count)
        return snprintf(why, size, "language %d of %zu", u->lang, u->env.lang_count), false;
    ui_screen s = u->here.screen;
    if (u->lang < 0 && s != UI_SCREEN_WELCOME && s != UI_SCREEN_PICKER && s != UI_SCREEN_STAFF_PIN &&
        s != UI_SCREEN_STAFF)
        return snprintf(why, size, "screen %d shows without a language", (int)s), false;
    if (u->text_size < 0 || u->text_size > 2)
        return snprintf(why, size, "text size %d", u->text_size), false;
    if (u->history_count < 0 || u->history_count > HISTORY_MAX)
        return snprintf(why, size, "history of %d places", u->history_count), false;
    if (!place_valid(u, &u->here, why, size))
        return false;
    /* places in the history may name pages a reload removed; going back skips them, so only their shape counts */
    for (int i = 0; i < u->history_count; i++)
        if ((int)u->history[i].screen < UI_SCREEN_WELCOME || (int)u->history[i].screen > UI_SCREEN_SEARCH ||
            !memchr(u->history[i].id, 0, sizeof u->history[i].id))
            return snprintf(why, size, "history place %d is broken", i), false;
    if (!memchr(u->query, 0, sizeof u->query) || vk_utf8_find_invalid(u->query, strlen(u->query)) != (size_t)-1)
        return snprintf(why, size, "the search words are not UTF-8"), false;
    if (u->here.screen != UI_SCREEN_SEARCH && u->history_count == 0 && u->query[0] && u->lang < 0)
        return snprintf(why, size, "search words outlived the visit"), false;
    if (u->result_count > sizeof u->results / sizeof *u->results)
        return snprintf(why, size, "%zu search results", u->result_count), false;
    size_t terms = u->env.content ? u->env.content->term_count : 0;
    if (u->term < -1 || (u->term >= 0 && (size_t)u->term >= terms))
        return snprintf(why, size, "glossary word %d of %zu", u->term, terms), false;
    if (u->pressed < -1 || (u->pressed >= 0 && (size_t)u->pressed >= u->dl.target_count))
        return snprintf(why, size, "pressed target %d of %zu", u->pressed, u->dl.target_count), false;
    if (u->focus < -1 || (u->focus >= 0 && (size_t)u->focus >= u->dl.target_count))
        return snprintf(why, size, "focus on target %d of %zu", u->focus, u->dl.target_count), false;
    if (!memchr(u->pin, 0, sizeof u->pin))
        return snprintf(why, size, "the PIN buffer is not terminated"), false;
    if (u->asking && u->lang < 0 && s == UI_SCREEN_WELCOME)
        return snprintf(why, size, "asking 'are you still there?' on the welcome screen"), false;
    return true;
}

ui_screen ui_current_screen(const ui *u) { return u->here.screen; }
text_cache_stats ui_cache_stats(const ui *u) { return text_cache_get_stats(u->cache); }
int ui_current_lang(const ui *u) { return u->lang; }
const char *ui_current_id(const ui *u) { return u->here.id; }
float ui_scroll(const ui *u) { return u->here.scroll; }
int ui_text_size(const ui *u) { return u->text_size; }
int ui_open_term(const ui *u) { return u->term; }

ui_request ui_take_request(ui *u)
{
    ui_request r = u->request;
    u->request = UI_REQUEST_NONE;
    return r;
}
bool ui_bilingual(const ui *u) { return u->bilingual; }
bool ui_high_contrast(const ui *u) { return u->contrast; }
bool ui_needs_redraw(const ui *u) { return u->dirty; }
int ui_reading(const ui *u) { return u->reading; }
int ui_reading_block(const ui *u) { return u->reading ? u->reading_block : -2; }
const char *ui_search_query(const ui *u) { return u->query; }

size_t ui_search_results(const ui *u, const char **ids, size_t max)
{
    size_t n = u->result_count < max ? u->result_count : max;
    for (size_t i = 0; i < n; i++)
        ids[i] = u->results[i].page->id;
    return n;
}

bool ui_search_key(const ui *u, const char *text, size_t *consumed, int *action, int *arg)
{
    const i18n_keyboard *kb = active_keyboard(u);
    if (!kb || !*text)
        return false;
    if (*text == ' ') {
        *consumed = 1, *action = UI_ACTION_KEY_SPACE, *arg = 0;
        return true;
    }
    if (kb->fidel) {
        uint32_t cp;
        size_t n = vk_utf8_decode(text, strlen(text), &cp);
        unsigned base = n ? i18n_fidel_consonant(cp) : 0;
        if (!base)
            return false;
        *consumed = u->fidel == base ? n : 0;
        *action = u->fidel == base ? UI_ACTION_FIDEL_ORDER : UI_ACTION_FIDEL;
        *arg = u->fidel == base ? (int)cp : (int)base;
        return true;
    }
    /* the longest key that text starts with (the Arabic لا before ل) */
    size_t best = 0;
    for (int r = 0; r < kb->rows; r++)
        for (int k = 0; k < kb->keys[r]; k++) {
            size_t len = strlen(kb->key[r][k]);
            if (len > best && strncmp(text, kb->key[r][k], len) == 0) {
                best = len;
                *action = UI_ACTION_KEY;
                *arg = r * I18N_KB_KEYS + k;
            }
        }
    *consumed = best;
    return best > 0;
}

void ui_reading_progress(ui *u, int block)
{
    if (!u->reading)
        return;
    if (block == UI_READING_DONE) {
        u->reading = 0;
        u->reading_block = -2;
        u->dirty = true;
    } else if (block != u->reading_block) {
        u->reading_block = block;
        u->reading_follow = true;
        u->dirty = true;
    }
}

static void back(ui *u)
{
    stop_reading(u);
    leave_search(u);
    if (u->here.screen == UI_SCREEN_PICKER) {
        if (u->picker_returns && u->history_count > 0) {
            u->here = u->history[--u->history_count];
            u->picker_returns = false;
            u->dirty = true;
        }
        return;
    }
    if (u->history_count > 0) {
        u->here = u->history[--u->history_count];
    } else if (u->here.screen != UI_SCREEN_HOME) {
        u->here.screen = UI_SCREEN_HOME;
        u->here.id[0] = 0;
        u->here.scroll = 0;
    } else {
        u->here.screen = UI_SCREEN_PICKER; /* back from home: choose another language */
    }
    u->dirty = true;
    u->pressed = -1;
    u->focus = -1;
}

static void activate(ui *u, const ui_target *t)
{
    const content_tree *c = u->env.content;
    switch (t->action) {
    case UI_ACTION_CHOOSE_LANGUAGE:
        stop_reading(u);
        u->lang = t->arg;
        if (u->picker_returns && u->history_count > 0) {
            u->here = u->history[--u->history_count]; /* the same page, now in the new language */
            u->picker_returns = false;
            count_view(u);
            if (u->here.screen == UI_SCREEN_SEARCH) {
                /* the words were typed for the other language's keyboard and index: start afresh */
                u->query[0] = 0;
                u->fidel = 0;
                u->kb_source = false;
                u->result_count = 0;
            }
        } else {
            u->history_count = 0;
            go(u, UI_SCREEN_HOME, "", false);
        }
        u->dirty = true;
        break;
    case UI_ACTION_BACK:
        back(u);
        break;
    case UI_ACTION_READ:
        if (u->here.screen != UI_SCREEN_PAGE || !u->env.read_aloud || u->lang < 0)
            break;
        if (t->arg == UI_READ_STOP) {
            stop_reading(u);
        } else {
            u->env.read_aloud(u->env.read_ctx, (ui_read_cmd)t->arg, u->here.id, u->lang, -1);
            u->reading = t->arg == UI_READ_PAUSE ? 2 : 1;
            if (t->arg == UI_READ_START) {
                u->reading_block = -2;
                u->reading_follow = false;
            }
        }
        u->dirty = true;
        break;
    case UI_ACTION_START:
        go(u, UI_SCREEN_PICKER, "", false);
        break;
    case UI_ACTION_STAY:
        u->asking = false;
        u->dirty = true;
        break;
    case UI_ACTION_TEXT_SIZE:
        u->text_size = (u->text_size + 1) % 3;
        u->dirty = true;
        break;
    case UI_ACTION_CONTRAST:
        u->contrast = !u->contrast;
        u->dirty = true;
        break;
    case UI_ACTION_TERM:
        u->term = t->arg;
        u->dirty = true;
        break;
    case UI_ACTION_CLOSE:
        if (u->here.screen == UI_SCREEN_STAFF || u->here.screen == UI_SCREEN_STAFF_PIN)
            forget_visit(u);
        u->term = -1;
        u->dirty = true;
        break;
    case UI_ACTION_BILINGUAL:
        u->bilingual = !u->bilingual;
        u->dirty = true;
        break;
    case UI_ACTION_PIN_DIGIT:
        if (strlen(u->pin) < sizeof u->pin - 1) {
            size_t n = strlen(u->pin);
            u->pin[n] = (char)('0' + t->arg);
            u->pin[n + 1] = 0;
        }
        u->dirty = true;
        break;
    case UI_ACTION_PIN_DELETE:
        if (u->pin[0])
            u->pin[strlen(u->pin) - 1] = 0;
        u->dirty = true;
        break;
    case UI_ACTION_PIN_OK:
        if (u->env.check_pin && u->env.check_pin(u->env.staff_ctx, u->pin)) {
            u->here.screen = UI_SCREEN_STAFF;
            u->pin_wrong = 0;
            free(u->staff_text);
            u->staff_text = NULL; /* made afresh for this visit of the staff screen */
        } else if (++u->pin_wrong >= 3) {
            forget_visit(u); /* three wrong: back to the public screens */
        }
        memset(u->pin, 0, sizeof u->pin);
        u->dirty = true;
        break;
    case UI_ACTION_HELPFUL:
        if (u->here.screen == UI_SCREEN_PAGE && strcmp(u->answered, u->here.id) != 0) {
            if (u->env.count && u->lang >= 0)
                u->env.count(u->env.count_ctx, t->arg == 1 ? UI_COUNT_HELPFUL_YES : UI_COUNT_HELPFUL_NO, u->here.id,
                             u->env.langs[u->lang].meta->code);
            snprintf(u->answered, sizeof u->answered, "%s", u->here.id);
        }
        u->dirty = true;
        break;
    case UI_ACTION_STAFF_RELOAD:
        u->request = UI_REQUEST_RELOAD;
        free(u->staff_text);
        u->staff_text = NULL;
        u->dirty = true;
        break;
    case UI_ACTION_STAFF_EXIT:
        u->request = UI_REQUEST_EXIT;
        break;
    case UI_ACTION_HOME:
        u->history_count = 0;
        go(u, UI_SCREEN_HOME, "", false);
        break;
    case UI_ACTION_LANGUAGES:
        go(u, UI_SCREEN_PICKER, "", true);
        u->picker_returns = true;
        break;
    case UI_ACTION_OPEN_SECTION:
        if (c && t->arg >= 0 && (size_t)t->arg < c->section_count)
            go(u, UI_SCREEN_SECTION, c->sections[t->arg].id, true);
        break;
    case UI_ACTION_OPEN_PAGE:
        if (c && t->arg >= 0 && (size_t)t->arg < c->page_count)
            go(u, UI_SCREEN_PAGE, c->pages[t->arg].id, true);
        break;
    case UI_ACTION_SEARCH:
        /* a new search: the words of the last one are gone (Back from a result keeps them) */
        u->query[0] = 0;
        u->fidel = 0;
        u->kb_source = false;
        u->result_count = 0;
        go(u, UI_SCREEN_SEARCH, "", true);
        ensure_index(u); /* made as the screen opens (a few ms), so no keystroke waits for it */
        break;
    case UI_ACTION_KEYBOARD_SWITCH:
        u->kb_source = !u->kb_source;
        u->fidel = 0;
        u->dirty = true;
        break;
    case UI_ACTION_KEY: {
        const i18n_keyboard *kb = active_keyboard(u);
        int row = t->arg / I18N_KB_KEYS, key = t->arg % I18N_KB_KEYS;
        if (kb && row < kb->rows && key < kb->keys[row])
            type_text(u, kb->key[row][key]);
        break;
    }
    case UI_ACTION_KEY_SPACE:
        if (u->query[0] && u->query[strlen(u->query) - 1] != ' ')
            type_text(u, " ");
        break;
    case UI_ACTION_KEY_BACKSPACE:
        u->query[last_grapheme(u->query)] = 0;
        u->fidel = 0;
        run_search(u);
        u->dirty = true;
        break;
    case UI_ACTION_FIDEL:
        u->fidel = u->fidel == (unsigned)t->arg ? 0 : (unsigned)t->arg;
        u->dirty = true;
        break;
    case UI_ACTION_FIDEL_ORDER: {
        char syl[8];
        size_t len = vk_utf8_encode((uint32_t)t->arg, syl);
        syl[len] = 0;
        u->fidel = 0;
        type_text(u, syl);
        break;
    }
    default:
        break;
    }
}

static float scale_of(const ui *u)
{
    int s = u->built_w < u->built_h ? u->built_w : u->built_h;
    return s > 0 ? (float)s / 1080.0f : 1.0f;
}

static float max_scroll(const ui *u)
{
    float max = u->content_height - ((float)u->built_h - u->viewport_top);
    return max < 0 ? 0 : max;
}

static void scroll_to(ui *u, float y)
{
    float max = max_scroll(u);
    y = y < 0 ? 0 : y > max ? max : y;
    if (y != u->here.scroll) {
        u->here.scroll = y;
        u->dirty = true;
    }
}

/* While a finger drags past either end the page follows at a third of the distance (a rubber band);
 * it springs back when the finger lifts. */
static void scroll_elastic(ui *u, float y)
{
    float max = max_scroll(u);
    if (y < 0)
        y /= 3;
    else if (y > max)
        y = max + (y - max) / 3;
    if (y != u->here.scroll) {
        u->here.scroll = y;
        u->dirty = true;
    }
}

/* Time steps of the fling (the page glides on after a quick drag, slowing down) and of the spring
 * back from a rubber-banded end. */
static void animate(ui *u, uint32_t now)
{
    if (u->anim == ANIM_NONE)
        return;
    float dt = (float)(now - u->anim_t);
    u->anim_t = now;
    if (dt <= 0)
        return;
    float max = max_scroll(u), y = u->here.scroll;
    if (u->anim == ANIM_FLING) {
        y += u->velocity * dt;
        u->velocity *= powf(0.996f, dt); /* about 1.5 s to glide to a stop */
        if (y < 0 || y > max) {
            u->anim = ANIM_SPRING;
        } else if (fabsf(u->velocity) < 0.02f) {
            u->anim = ANIM_NONE;
        }
    } else {
        float target = y < 0 ? 0 : max;
        y += (target - y) * (1 - powf(0.985f, dt));
        if (fabsf(target - y) < 0.5f) {
            y = target;
            u->anim = ANIM_NONE;
        }
    }
    u->here.scroll = y;
    u->dirty = true;
}

void ui_handle_event(ui *u, const ui_event *ev)
{
    float slop = TAP_SLOP * scale_of(u);
    u->last_input = u->now;
    if (u->asking) {
        /* any touch or key answers "Are you still there?" with yes, and does nothing else: a hand
         * that comes back must not open what happens to be under it */
        if (ev->type == UI_EVENT_POINTER_DOWN || ev->type == UI_EVENT_KEY || ev->type == UI_EVENT_SCROLL) {
            u->asking = false;
            u->dirty = true;
            u->active_pointer = ev->type == UI_EVENT_POINTER_DOWN ? -2 : -1; /* swallow its release */
        }
        return;
    }
    if (u->active_pointer == -2) {
        if (ev->type == UI_EVENT_POINTER_UP || ev->type == UI_EVENT_POINTER_CANCEL)
            u->active_pointer = -1;
        return;
    }
    switch (ev->type) {
    case UI_EVENT_POINTER_DOWN: {
        if (u->active_pointer >= 0)
            return; /* a second finger: ignore it */
        u->active_pointer = ev->pointer;
        u->down_x = ev->x;
        u->down_y = ev->y;
        u->down_scroll = u->here.scroll;
        u->dragging = false;
        u->anim = ANIM_NONE; /* a finger stops a gliding page */
        u->down_time = u->now;
        u->staff_press = u->env.check_pin && ev->x < 96 * scale_of(u) && ev->y < 96 * scale_of(u) &&
                         u->here.screen != UI_SCREEN_STAFF_PIN && u->here.screen != UI_SCREEN_STAFF;
        u->velocity = 0;
        u->last_y = ev->y;
        u->last_t = u->now;
        {
            float edge = 32 * scale_of(u);
            bool rtl = u->lang >= 0 && u->env.langs[u->lang].meta->rtl;
            u->edge_swipe = u->here.screen != UI_SCREEN_WELCOME && u->here.screen != UI_SCREEN_PICKER &&
                            ev->y > u->viewport_top &&
                            (rtl ? ev->x >= (float)u->built_w - edge : ev->x <= edge);
        }
        const ui_target *t = ui_display_hit(&u->dl, ev->x, ev->y);
        int idx = t ? (int)(t - u->dl.targets) : -1;
        if (idx != u->pressed) {
            u->pressed = idx;
            u->dirty = true; /* press feedback in the next frame */
        }
        break;
    }
    case UI_EVENT_POINTER_MOVE:
        if (ev->pointer != u->active_pointer)
            return;
        if (!u->dragging && (fabsf(ev->x - u->down_x) > slop || fabsf(ev->y - u->down_y) > slop)) {
            u->staff_press = false;
            u->dragging = true; /* a drag, not a tap */
            if (u->pressed >= 0)
                u->dirty = true;
            u->pressed = -1;
        }
        if (u->edge_swipe) {
            bool rtl = u->lang >= 0 && u->env.langs[u->lang].meta->rtl;
            float dx = (ev->x - u->down_x) * (rtl ? -1 : 1), dy = fabsf(ev->y - u->down_y);
            if (dx > 120 * scale_of(u) && dx > 2 * dy) {
                /* a swipe in from the edge the language reads from: Back, as phones do */
                back(u);
                u->active_pointer = -2; /* swallow the rest of this finger */
                u->edge_swipe = false;
                return;
            }
        }
        if (u->dragging) {
            scroll_elastic(u, u->down_scroll - (ev->y - u->down_y));
            uint32_t dt = u->now - u->last_t;
            if (dt > 0) {
                float v = -(ev->y - u->last_y) / (float)dt;
                u->velocity = 0.6f * v + 0.4f * u->velocity; /* smoothed: one jittery sample is no fling */
                u->last_y = ev->y;
                u->last_t = u->now;
            }
        }
        break;
    case UI_EVENT_POINTER_UP: {
        if (ev->pointer != u->active_pointer)
            return;
        u->active_pointer = -1;
        u->staff_press = false;
        int pressed = u->pressed;
        u->pressed = -1;
        if (u->dragging) {
            float max = max_scroll(u);
            if (u->here.scroll < 0 || u->here.scroll > max)
                u->anim = ANIM_SPRING;
            else if (fabsf(u->velocity) > 0.3f && u->now - u->last_t < 100)
                u->anim = ANIM_FLING;
            u->anim_t = u->now;
            u->dragging = false;
            return;
        }
        if (pressed < 0)
            return;
        u->dirty = true;
        const ui_target *t = ui_display_hit(&u->dl, ev->x, ev->y);
        if (t && (int)(t - u->dl.targets) == pressed) {
            ui_target copy = *t;
            activate(u, &copy);
        }
        break;
    }
    case UI_EVENT_POINTER_CANCEL:
        u->active_pointer = -1;
        if (u->pressed >= 0)
            u->dirty = true;
        u->pressed = -1;
        break;
    case UI_EVENT_SCROLL:
        scroll_to(u, u->here.scroll + ev->dy);
        break;
    case UI_EVENT_KEY: {
        int n = (int)u->dl.target_count;
        float page = ((float)u->built_h - u->viewport_top) * 0.85f;
        if (u->here.screen == UI_SCREEN_WELCOME) {
            if (ev->key == UI_KEY_ACTIVATE)
                go(u, UI_SCREEN_PICKER, "", false);
        } else if (ev->key == UI_KEY_BACK && u->term >= 0) {
            u->term = -1; /* Back closes an open explanation first, as Escape closes a dialog */
            u->focus = -1;
            u->dirty = true;
        } else if (ev->key == UI_KEY_BACK) {
            back(u);
        } else if (ev->key == UI_KEY_HOME && u->lang >= 0) {
            ui_target home = {{0, 0, 0, 0}, UI_ACTION_HOME, 0};
            activate(u, &home);
        } else if (ev->key == UI_KEY_PAGE_DOWN) {
            scroll_to(u, u->here.scroll + page);
        } else if (ev->key == UI_KEY_PAGE_UP) {
            scroll_to(u, u->here.scroll - page);
        } else if ((ev->key == UI_KEY_NEXT || ev->key == UI_KEY_PREV) && n > 0) {
            /* a target over the whole screen (a tap anywhere closes an explanation) is for fingers:
             * Tab goes to the buttons */
            int step = ev->key == UI_KEY_NEXT ? 1 : -1, f = u->focus;
            for (int tries = 0; tries < n; tries++) {
                f = f < 0 ? (step > 0 ? 0 : n - 1) : (f + step + n) % n;
                const ui_rect *r = &u->dl.targets[f].box;
                if (!(r->w >= (float)u->built_w && r->h >= (float)u->built_h))
                    break;
            }
            u->focus = f;
            u->dirty = true;
        } else if (ev->key == UI_KEY_ACTIVATE && u->focus >= 0 && u->focus < n) {
            ui_target copy = u->dl.targets[u->focus];
            activate(u, &copy);
        }
        break;
    }
    }
}

/* ---- building screens ---------------------------------------------------------------------------- */

typedef struct build {
    ui *u;
    float s; /* scale: 1.0 at a 1080 px short side */
    float W, H;
    vk_error *err;
    bool failed;
    const ui_language *lang; /* the interface language */
    bool rtl;                /* the interface mirrors */
    const ui_theme *T;       /* colours */
    float text_scale;        /* the reader's text size: 1, 1.25 or 1.5 */
} build;

static text_style style_of(const build *b, const ui_language *lang, bool bold, float size, text_align align)
{
    text_style st = {
        .fonts = bold ? lang->bold : lang->regular,
        .fallback = b->u->env.fallback,
        .size = size * b->s * b->text_scale,
        .line_spacing = 1.0f,
        .language = lang->meta->code,
        .direction = lang->meta->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR,
        .align = align,
        .bold = lang->bold,
    };
    return st;
}

static const text_layout *layout(build *b, const ui_language *lang, bool bold, float size, text_align align,
                                 const char *text, float width)
{
    text_style st = style_of(b, lang, bold, size, align);
    const text_layout *l = text_cache_get(b->u->cache, b->u->env.layouter, &st, text, strlen(text), width, b->err);
    if (!l)
        b->failed = true;
    return l;
}

/* The keyboard focus: a frame just outside the focused target, drawn over everything once the screen
 * is built, so every kind of target (a button, a tile, a link or a glossary word in the text) shows it
 * the same way, and at the box a finger would find. */
static void focus_ring(build *b, const ui_rect *box)
{
    float t = 4 * b->s, g = 3 * b->s; /* thickness, gap */
    ui_rect r = {box->x - g - t, box->y - g - t, box->w + 2 * (g + t), box->h + 2 * (g + t)};
    ui_color c = b->T->focus;
    ui_display_rect(&b->u->dl, (ui_rect){r.x, r.y, r.w, t}, 0, c);
    ui_display_rect(&b->u->dl, (ui_rect){r.x, r.y + r.h - t, r.w, t}, 0, c);
    ui_display_rect(&b->u->dl, (ui_rect){r.x, r.y, t, r.h}, 0, c);
    ui_display_rect(&b->u->dl, (ui_rect){r.x + r.w - t, r.y, t, r.h}, 0, c);
}

/* A button: rounded rectangle, centred label, a target, press feedback (focus: focus_ring). */
static void button(build *b, ui_rect r, const text_layout *label, int action, int arg, ui_color fill,
                   ui_color pressed_fill, ui_color text)
{
    ui *u = b->u;
    int idx = ui_display_next_target(&u->dl, r);
    ui_display_rect(&u->dl, r, THEME_RADIUS * b->s, idx >= 0 && idx == u->pressed ? pressed_fill : fill);
    if (label)
        ui_display_text(&u->dl, r.x + (r.w - label->width) / 2, r.y + (r.h - label->height) / 2, label, text);
    ui_display_target(&u->dl, r, action, arg);
}

static void accent_button(build *b, ui_rect r, const text_layout *label, int action, int arg)
{
    const ui_theme *T = b->T;
    button(b, r, label, action, arg, T->accent, T->accent_pressed, T->on_accent);
}

/* x of a box of width w placed at `inset` from the reading start side of a column [x0, x0 + cw) */
static float from_start(const build *b, float x0, float cw, float inset, float w)
{
    return b->rtl ? x0 + cw - inset - w : x0 + inset;
}

static void build_picker(build *b)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const ui_env *env = &u->env;
    float s = b->s, margin = THEME_MARGIN * s, W = b->W, H = b->H;
    const ui_language *source = &env->langs[env->source_lang];

    const text_layout *title = layout(b, source, true, 88, TEXT_ALIGN_CENTER, "Velkommen", W - 2 * margin);
    /* "Choose your language" in every offered language, each isolated (FSI ... PDI, UAX #9 X5c) so
     * Arabic keeps its own direction inside the line. */
    char prompt[2048];
    size_t used = 0;
    for (size_t i = 0; i < env->lang_count && used < sizeof prompt; i++)
        used += (size_t)snprintf(prompt + used, sizeof prompt - used, "%s\u2068%s\u2069", i ? "   \u00b7   " : "",
                                 _(&env->langs[i].tr, "Choose your language"));
    const text_layout *sub = layout(b, source, false, THEME_BODY_SIZE, TEXT_ALIGN_CENTER, prompt, W - 2 * margin);
    if (b->failed)
        return;

    size_t n = env->lang_count;
    bool landscape = W >= H;
    size_t cols = landscape ? (n <= 4 ? 2 : 3) : (n <= 6 ? 1 : 2);
    if (cols > n)
        cols = n;
    size_t rows = (n + cols - 1) / cols;
    float gap = THEME_GAP * s * 1.5f;
    float bw = fminf(620 * s, (W - 2 * margin - (float)(cols - 1) * gap) / (float)cols);
    float bh = 150 * s;
    float grid_h = (float)rows * bh + (float)(rows - 1) * gap;
    float head_h = title->height + 16 * s + sub->height;
    float total = head_h + 72 * s + grid_h;
    float y0 = fmaxf(margin, (H - total) / 2);

    ui_display_text(&u->dl, margin, y0, title, T->text);
    ui_display_text(&u->dl, margin, y0 + title->height + 16 * s, sub, T->text_quiet);
    float gy = y0 + head_h + 72 * s;
    float gx = (W - ((float)cols * bw + (float)(cols - 1) * gap)) / 2;
    for (size_t i = 0; i < n; i++) {
        const ui_language *l = &env->langs[i];
        const text_layout *label = layout(b, l, true, THEME_BUTTON_SIZE, TEXT_ALIGN_CENTER, l->meta->native, bw - 32 * s);
        ui_rect r = {gx + (float)(i % cols) * (bw + gap), gy + (float)(i / cols) * (bh + gap), bw, bh};
        accent_button(b, r, label, UI_ACTION_CHOOSE_LANGUAGE, (int)i);
    }
}

static void build_welcome(build *b)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const ui_env *env = &u->env;
    float s = b->s, W = b->W, H = b->H, margin = THEME_MARGIN * s;
    const ui_language *l = &env->langs[(size_t)u->welcome_index % env->lang_count];
    const text_layout *big = layout(b, l, true, 120, TEXT_ALIGN_CENTER, _(&l->tr, "Welcome"), W - 2 * margin);
    const text_layout *hint =
        layout(b, l, false, THEME_BODY_SIZE, TEXT_ALIGN_CENTER, _(&l->tr, "Tap the screen to begin"), W - 2 * margin);
    if (b->failed)
        return;
    float y = (H - big->height - 48 * s - hint->height) / 2;
    ui_display_text(&u->dl, margin, y, big, T->text);
    ui_display_text(&u->dl, margin, y + big->height + 48 * s, hint, T->text_quiet);
    /* the dots say there is more than one language coming round */
    float d = 14 * s, gap = 18 * s, total = (float)env->lang_count * d + (float)(env->lang_count - 1) * gap;
    for (size_t i = 0; i < env->lang_count; i++)
        ui_display_rect(&u->dl, (ui_rect){(W - total) / 2 + (float)i * (d + gap), H - margin - d, d, d}, d / 2,
                        (int)i == u->welcome_index ? T->accent : T->rule);
    ui_display_target(&u->dl, (ui_rect){0, 0, W, H}, UI_ACTION_START, 0);
}

static const char *ctext(const build *b, const char *source, const ui_language **lang);
static const text_layout *fallback_notice(build *b, float w, const ui_language *shown_in);

/* The notice laid out by fallback_notice, on the notice colour across [x0, x0 + w) at y; returns the
 * y under its box. */
static float notice_box(build *b, const text_layout *nl, float x0, float w, float y)
{
    float s = b->s;
    ui_display_rect(&b->u->dl, (ui_rect){x0, y, w, nl->height + 32 * s}, THEME_RADIUS * s, b->T->notice);
    ui_display_text(&b->u->dl, x0 + 24 * s, y + 16 * s, nl, b->T->text);
    return y + nl->height + 32 * s;
}

/* Appends n bytes of s to out (size bytes, *used of them taken). What does not fit is cut at a
 * character boundary, and nothing more is appended after a cut, so the message stays UTF-8 and
 * never reads as if whole. */
static void append_cut(char *out, size_t size, size_t *used, const char *s, size_t n)
{
    size_t room = size - 1 - *used;
    if (n > room) {
        n = room;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        memcpy(out + *used, s, n);
        *used = size - 1;
        out[*used] = 0;
        return;
    }
    memcpy(out + *used, s, n);
    *used += n;
    out[*used] = 0;
}

/* A translated message with its placeholders filled in: %s takes the next argument, %1$s, %2$s ...
 * the one they name (a translator may reorder them, as c-format allows), %% is a percent sign.
 * The translation is never handed to printf as its format: a .po file is input, not code, and one
 * stray %n or %s too many in it would have printf read or write memory that is not there. Any other
 * %, and a placeholder beyond the arguments, is shown as it is written. Each argument goes in
 * isolated (FSI ... PDI, UAX #9 X5c), so a language's name keeps its own direction inside a
 * sentence of another. */
static void fill_message(char *out, size_t size, const char *msg, const char *const *args, size_t nargs)
{
    size_t used = 0, next = 0;
    out[0] = 0;
    for (const char *p = msg; *p;) {
        const char *arg = NULL;
        size_t len = 0;
        if (p[0] == '%' && p[1] == '%') {
            append_cut(out, size, &used, "%", 1);
            p += 2;
            continue;
        }
        if (p[0] == '%' && p[1] == 's' && next < nargs) {
            arg = args[next++];
            len = 2;
        } else if (p[0] == '%' && p[1] >= '1' && p[1] <= '9' && p[2] == '$' && p[3] == 's' &&
                   (size_t)(p[1] - '0') <= nargs) {
            arg = args[p[1] - '1'];
            len = 4;
        }
        if (arg) {
            append_cut(out, size, &used, "\u2068", strlen("\u2068"));
            append_cut(out, size, &used, arg, strlen(arg));
            append_cut(out, size, &used, "\u2069", strlen("\u2069"));
            p += len;
            continue;
        }
        const char *q = p + 1; /* literal text up to the next % */
        while (*q && *q != '%')
            q++;
        append_cut(out, size, &used, p, (size_t)(q - p));
        p = q;
    }
}

/* A content string (a title, a summary, a glossary explanation, a search result) as it is laid out:
 * its grouped numbers isolated left to right as in a page's paragraphs (i18n_isolate_ltr), so
 * "70 12 34 56" in an Arabic summary does not read "56 34 12 70" and send a newcomer to a wrong
 * number. Valid until the next frame is built. */
static const char *content_shown(build *b, const char *text)
{
    if (!text || !*text || b->failed)
        return text;
    ui *u = b->u;
    content_block blk = {0};
    blk.text = strdup(text);
    if (blk.text && i18n_isolate_ltr(&blk)) {
        if (strlen(blk.text) == strlen(text)) { /* nothing to isolate */
            free(blk.text);
            return text;
        }
        if (u->shown_count == u->shown_cap) {
            size_t cap = u->shown_cap ? u->shown_cap * 2 : 16;
            char **grown = realloc(u->shown, cap * sizeof *grown);
            if (grown) {
                u->shown = grown;
                u->shown_cap = cap;
            }
        }
        if (u->shown_count < u->shown_cap) {
            u->shown[u->shown_count++] = blk.text;
            return blk.text;
        }
    }
    free(blk.text);
    b->failed = true;
    vk_error_set(b->err, NULL, 0, "out of memory");
    return text;
}

/* A string the display list may borrow past this frame: the few icon file names, kept in the ui. */
static const char *strdup_frame(ui *u, const char *name)
{
    for (int i = 0; i < u->icon_count; i++)
        if (strcmp(u->icon_names[i], name) == 0)
            return u->icon_names[i];
    if (u->icon_count == 64 || strlen(name) >= sizeof u->icon_names[0])
        return NULL;
    snprintf(u->icon_names[u->icon_count], sizeof u->icon_names[0], "%s", name);
    return u->icon_names[u->icon_count++];
}

/* The explanation of a glossary word, over the page: the Danish word, what it means in the reader's
 * language (or along its chain, said so), and Close. A tap anywhere closes it. */
static void build_term(build *b)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const content_tree *c = u->env.content;
    if (!c || u->term < 0 || (size_t)u->term >= c->term_count)
        return;
    const content_term *term = &c->terms[u->term];
    float s = b->s, W = b->W, H = b->H;
    const ui_language *da = &u->env.langs[u->env.source_lang], *el;
    const char *expl = content_shown(b, ctext(b, term->explanation, &el));
    u->dl.target_count = 0;
    ui_display_rect(&u->dl, (ui_rect){0, 0, W, H}, 0, T->scrim);
    ui_display_target(&u->dl, (ui_rect){0, 0, W, H}, UI_ACTION_CLOSE, 0);
    float cw = fminf(W - 2 * THEME_MARGIN * s, 1000 * s), inner = cw - 96 * s;
    const text_layout *w = layout(b, da, true, 52, TEXT_ALIGN_START, content_shown(b, term->term), inner);
    const text_layout *e = layout(b, el, false, THEME_BODY_SIZE, TEXT_ALIGN_START, expl, inner);
    const text_layout *close = layout(b, b->lang, true, THEME_BUTTON_SIZE, TEXT_ALIGN_CENTER, _(&b->lang->tr, "Close"), 0);
    /* an explanation that is not in the reader's language says so, as a page does */
    const text_layout *nl = el != b->lang ? fallback_notice(b, inner, NULL) : NULL;
    if (b->failed)
        return;
    float notice_h = nl ? nl->height + 32 * s + 24 * s : 0;
    float bh = 100 * s, ch = 48 * s + notice_h + w->height + 24 * s + e->height + 40 * s + bh + 48 * s;
    float x = (W - cw) / 2, y = (H - ch) / 2;
    ui_display_rect(&u->dl, (ui_rect){x, y, cw, ch}, THEME_RADIUS * s, T->surface);
    y += 48 * s;
    if (nl)
        y = notice_box(b, nl, x + 48 * s, inner, y) + 24 * s;
    ui_display_text(&u->dl, x + 48 * s, y, w, T->text);
    y += w->height + 24 * s;
    ui_display_text(&u->dl, x + 48 * s, y, e, T->text);
    y += e->height + 40 * s;
    float bw = fmaxf(close->width + 96 * s, 300 * s);
    accent_button(b, (ui_rect){(W - bw) / 2, y, bw, bh}, close, UI_ACTION_CLOSE, 0);
}

/* "Are you still there?" over whatever is showing, with the seconds left. */
static void build_idle_question(build *b)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    float s = b->s, W = b->W, H = b->H;
    const ui_language *l = b->lang ? b->lang : &u->env.langs[u->env.source_lang];
    const i18n_tr *tr = &l->tr;
    u->dl.target_count = 0; /* only the answer can be touched */
    ui_display_rect(&u->dl, (ui_rect){0, 0, W, H}, 0, T->scrim);
    float cw = fminf(W - 2 * THEME_MARGIN * s, 900 * s);
    /* the seconds left as a number on its own: no plural forms to get wrong in any language */
    char left[16];
    snprintf(left, sizeof left, "%d", u->shown_seconds > 0 ? u->shown_seconds : 0);
    const text_layout *q = layout(b, l, true, 56, TEXT_ALIGN_CENTER, _(tr, "Are you still there?"), cw - 96 * s);
    const text_layout *t = layout(b, l, false, THEME_BODY_SIZE, TEXT_ALIGN_CENTER,
                                  _(tr, "If nobody touches the screen, it starts over."), cw - 96 * s);
    const text_layout *n = layout(b, l, true, 72, TEXT_ALIGN_CENTER, left, 0);
    const text_layout *yes = layout(b, l, true, THEME_BUTTON_SIZE, TEXT_ALIGN_CENTER, _(tr, "Yes, I am still here"), 0);
    if (b->failed)
        return;
    float circle = 140 * s, bh = 120 * s;
    float ch = 48 * s + q->height + 24 * s + t->height + 32 * s + circle + 32 * s + bh + 48 * s;
    float x = (W - cw) / 2, y = (H - ch) / 2;
    ui_display_rect(&u->dl, (ui_rect){x, y, cw, ch}, THEME_RADIUS * s, T->surface);
    y += 48 * s;
    ui_display_text(&u->dl, x + 48 * s, y, q, T->text);
    y += q->height + 24 * s;
    ui_display_text(&u->dl, x + 48 * s, y, t, T->text_quiet);
    y += t->height + 32 * s;
    ui_display_rect(&u->dl, (ui_rect){(W - circle) / 2, y, circle, circle}, circle / 2, T->notice);
    ui_display_text(&u->dl, (W - n->width) / 2, y + (circle - n->height) / 2, n, T->text);
    y += circle + 32 * s;
    float bw = fmaxf(yes->width + 96 * s, 400 * s);
    accent_button(b, (ui_rect){(W - bw) / 2, y, bw, bh}, yes, UI_ACTION_STAY, 0);
}

/* Staff screens are in the language the content is written in (the staff's), not the visitor's. */
static void build_staff_pin(build *b)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const ui_language *l = &u->env.langs[u->env.source_lang];
    const i18n_tr *tr = &l->tr;
    float s = b->s, W = b->W, H = b->H;
    char dots[64] = "";
    for (size_t i = 0; i < strlen(u->pin); i++)
        strcat(dots, "\u2022 ");
    const text_layout *title = layout(b, l, true, 48, TEXT_ALIGN_CENTER, _(tr, "Staff PIN"), W);
    const text_layout *shown = layout(b, l, true, 56, TEXT_ALIGN_CENTER, dots[0] ? dots : " ", W);
    const text_layout *wrong =
        u->pin_wrong ? layout(b, l, false, 32, TEXT_ALIGN_CENTER, _(tr, "Wrong PIN. Try again."), W) : NULL;
    if (b->failed)
        return;
    float key = fminf(140 * s, (H - 400 * s) / 5), gap = 20 * s, grid_w = 3 * key + 2 * gap;
    float y = fmaxf(24 * s, (H - (title->height + shown->height + 5 * (key + gap) + 80 * s)) / 2);
    ui_display_text(&u->dl, 0, y, title, T->text);
    y += title->height + 16 * s;
    ui_display_text(&u->dl, 0, y, shown, T->text);
    y += shown->height + 8 * s;
    if (wrong)
        ui_display_text(&u->dl, 0, y, wrong, T->note_label);
    y += 48 * s;
    float x0 = (W - grid_w) / 2;
    static const char *const labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "\u232B", "0", "OK"};
    for (int i = 0; i < 12; i++) {
        const char *lab = labels[i];
        if (i == 9)
            lab = "\u2039";
        const text_layout *kl = layout(b, l, true, 44, TEXT_ALIGN_CENTER, lab, 0);
        ui_rect r = {x0 + (float)(i % 3) * (key + gap), y + (float)(i / 3) * (key + gap), key, key};
        int action = i == 9 ? UI_ACTION_PIN_DELETE : i == 11 ? UI_ACTION_PIN_OK : UI_ACTION_PIN_DIGIT;
        int arg = i == 10 ? 0 : i + 1;
        accent_button(b, r, kl, action, arg);
    }
    y += 4 * (key + gap);
    const text_layout *cancel = layout(b, l, true, 36, TEXT_ALIGN_CENTER, _(tr, "Cancel"), 0);
    if (cancel) {
        float w = cancel->width + 96 * s;
        accent_button(b, (ui_rect){(W - w) / 2, y + 16 * s, w, 90 * s}, cancel, UI_ACTION_CLOSE, 0);
    }
}

static void build_staff(build *b)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const ui_language *l = &u->env.langs[u->env.source_lang];
    const i18n_tr *tr = &l->tr;
    float s = b->s, W = b->W, margin = THEME_MARGIN * s;
    if (!u->staff_text && (u->staff_text = calloc(1, 8192)) && u->env.staff_report)
        u->env.staff_report(u->env.staff_ctx, u->staff_text, 8192);
    const char *report = u->staff_text ? u->staff_text : "";
    float cw = W - 2 * margin, y = margin;
    const text_layout *title = layout(b, l, true, 56, TEXT_ALIGN_START, _(tr, "Staff"), cw);
    const text_layout *body = layout(b, l, false, 26, TEXT_ALIGN_START, report[0] ? report : " ", cw);
    const text_layout *reload = layout(b, l, true, 36, TEXT_ALIGN_CENTER, _(tr, "Reload the content"), 0);
    const text_layout *exit_l = layout(b, l, true, 36, TEXT_ALIGN_CENTER, _(tr, "Close the kiosk program"), 0);
    const text_layout *close = layout(b, l, true, 36, TEXT_ALIGN_CENTER, _(tr, "Back to the welcome screen"), 0);
    if (b->failed)
        return;
    ui_display_text(&u->dl, margin, y, title, T->text);
    y += title->height + 24 * s;
    float x = margin, bh = 96 * s;
    const text_layout *buttons[3] = {reload, close, exit_l};
    int actions[3] = {UI_ACTION_STAFF_RELOAD, UI_ACTION_CLOSE, UI_ACTION_STAFF_EXIT};
    for (int i = 0; i < 3; i++) {
        float w = buttons[i]->width + 64 * s;
        if (x + w > W - margin) {
            x = margin;
            y += bh + THEME_GAP * s;
        }
        accent_button(b, (ui_rect){x, y, w, bh}, buttons[i], actions[i], 0);
        x += w + THEME_GAP * s;
    }
    y += bh + 32 * s;
    ui_display_text(&u->dl, margin, y, body, T->text);
}

/* The bar at the top, drawn last so scrolled content passes under it: Back and Home at the reading
 * start; the language, contrast and text size at the end. Back points the way the language reads
 * (U+2039 is bidi-mirrored, so HarfBuzz draws it as U+203A in a right-to-left run). The bar's labels
 * keep one size whatever the text size, and when they do not fit in one row (a portrait screen, a
 * long translation) contrast and text size move to a second row. */
typedef struct bar_parts {
    const text_layout *back, *home, *native, *size, *contrast, *search;
    float back_w, home_w, lang_w, size_w, contrast_w, search_w;
    int rows;
    bool search_second_row; /* in two rows, Search goes down beside contrast and text size */
} bar_parts;

static bool measure_bar(build *b, bar_parts *p)
{
    const i18n_tr *tr = &b->lang->tr;
    float s = b->s, pad = 32 * s, gap = THEME_GAP * s;
    float keep = b->text_scale;
    b->text_scale = 1;
    char label[256];
    snprintf(label, sizeof label, "\u2039  %s", _(tr, "Back"));
    p->back = layout(b, b->lang, true, THEME_BAR_SIZE, TEXT_ALIGN_START, label, 0);
    p->home = layout(b, b->lang, true, THEME_BAR_SIZE, TEXT_ALIGN_START, _(tr, "Home"), 0);
    const text_layout *lang_l = layout(b, b->lang, true, THEME_BAR_SIZE, TEXT_ALIGN_START, _(tr, "Language"), 0);
    p->native = layout(b, b->lang, true, THEME_BAR_SIZE, TEXT_ALIGN_START, b->lang->meta->native, 0);
    p->size = layout(b, b->lang, true, THEME_BAR_SIZE, TEXT_ALIGN_START, "A\u2009A", 0);
    p->contrast = layout(b, b->lang, true, THEME_BAR_SIZE, TEXT_ALIGN_START, _(tr, "Contrast"), 0);
    p->search = layout(b, b->lang, true, THEME_BAR_SIZE, TEXT_ALIGN_START, _(tr, "Search"), 0);
    b->text_scale = keep;
    if (b->failed)
        return false;
    p->back_w = p->back->width + 2 * pad;
    p->home_w = b->u->here.screen != UI_SCREEN_HOME ? p->home->width + 2 * pad : 0;
    p->lang_w = fmaxf(lang_l->width, p->native->width) + 2 * pad;
    p->size_w = p->size->width + 2 * pad;
    p->contrast_w = p->contrast->width + 2 * pad;
    p->search_w = b->lang->keyboard && b->u->here.screen != UI_SCREEN_SEARCH ? p->search->width + 2 * pad : 0;
    float avail = b->W - 2 * THEME_MARGIN * s;
    float first = p->back_w + (p->home_w ? gap + p->home_w : 0) + gap + p->lang_w;
    float all = first + (p->search_w ? gap + p->search_w : 0) + gap + p->contrast_w + gap + p->size_w;
    p->rows = all <= avail ? 1 : 2;
    p->search_second_row = p->rows == 2 && first + gap + p->search_w > avail;
    return true;
}

static float bar_height(build *b)
{
    bar_parts p;
    if (!measure_bar(b, &p))
        return THEME_BAR_HEIGHT * b->s;
    return THEME_BAR_HEIGHT * b->s * (float)p.rows;
}

static void build_bar(build *b)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    bar_parts p;
    if (!measure_bar(b, &p))
        return;
    float s = b->s, margin = THEME_MARGIN * s, row_h = THEME_BAR_HEIGHT * s, W = b->W, gap = THEME_GAP * s;
    float bar_h = row_h * (float)p.rows;
    ui_display_rect(&u->dl, (ui_rect){0, 0, W, bar_h}, 0, T->surface);
    ui_display_rect(&u->dl, (ui_rect){0, bar_h, W, 2 * s}, 0, T->rule);
    float bh = 80 * s, y = (row_h - bh) / 2, x = margin;
    accent_button(b, (ui_rect){from_start(b, 0, W, x, p.back_w), y, p.back_w, bh}, p.back, UI_ACTION_BACK, 0);
    x += p.back_w + gap;
    if (p.home_w) {
        accent_button(b, (ui_rect){from_start(b, 0, W, x, p.home_w), y, p.home_w, bh}, p.home, UI_ACTION_HOME, 0);
        x += p.home_w + gap;
    }
    if (p.search_w) {
        float sy = p.search_second_row ? row_h + y : y, sx = p.search_second_row ? margin : x;
        accent_button(b, (ui_rect){from_start(b, 0, W, sx, p.search_w), sy, p.search_w, bh}, p.search, UI_ACTION_SEARCH,
                      0);
    }
    /* from the reading end: the language (named in its own script), then contrast and text size */
    float end = margin;
    ui_rect r = {b->rtl ? end : W - end - p.lang_w, y, p.lang_w, bh};
    end += p.lang_w + gap;
    float y2 = p.rows == 2 ? row_h + y : y;
    if (p.rows == 2)
        end = margin;
    accent_button(b, (ui_rect){b->rtl ? end : W - end - p.contrast_w, y2, p.contrast_w, bh}, p.contrast,
                  UI_ACTION_CONTRAST, 0);
    end += p.contrast_w + gap;
    accent_button(b, (ui_rect){b->rtl ? end : W - end - p.size_w, y2, p.size_w, bh}, p.size, UI_ACTION_TEXT_SIZE, 0);
    button(b, r, NULL, UI_ACTION_LANGUAGES, 0, T->surface, T->rule, T->text);
    ui_display_rect(&u->dl, (ui_rect){r.x, r.y, r.w, r.h}, THEME_RADIUS * s, T->rule);
    ui_display_rect(&u->dl, (ui_rect){r.x + 2 * s, r.y + 2 * s, r.w - 4 * s, r.h - 4 * s}, THEME_RADIUS * s - 2 * s,
                    u->pressed == (int)u->dl.target_count - 1 ? T->rule : T->surface);
    ui_display_text(&u->dl, r.x + (r.w - p.native->width) / 2, r.y + (r.h - p.native->height) / 2, p.native, T->text);
}

/* ---- search ------------------------------------------------------------------------------------ */

/* A key of the on-screen keyboard: a surface button, pressed feedback, its label in the language. */
static void key_button(build *b, ui_rect r, const char *label, int action, int arg, bool lit)
{
    const ui_theme *T = b->T;
    const text_layout *l = layout(b, b->lang, true, 36, TEXT_ALIGN_CENTER, label, 0);
    if (!l)
        return;
    /* a key stands out from the keyboard's panel by its edge */
    float e = 2 * b->s;
    ui_display_rect(&b->u->dl, r, THEME_RADIUS * b->s * 0.6f, T->rule);
    button(b, (ui_rect){r.x + e, r.y + e, r.w - 2 * e, r.h - 2 * e}, l, action, arg,
           lit ? T->pressed_surface : T->surface, T->pressed_surface, T->text);
}

/* The search screen under the bar: the words typed, the results as they are typed, and the
 * language's keyboard at the bottom (or the fidel picker for Ethiopic). Nothing scrolls. */
static void build_search(build *b, float top)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const i18n_tr *tr = &b->lang->tr;
    const i18n_keyboard *kb = active_keyboard(u);
    const ui_language *src = &u->env.langs[u->env.source_lang];
    bool can_switch = b->lang != src && src->keyboard && b->lang->keyboard && src->keyboard != b->lang->keyboard;
    const content_tree *c = u->env.content;
    float s = b->s, W = b->W, H = b->H, margin = THEME_MARGIN * s;
    float cw = fminf(W - 2 * margin, THEME_MEASURE * s), x0 = (W - cw) / 2;
    float keep = b->text_scale;
    b->text_scale = 1; /* the keyboard and the entry keep their size; results follow the reader's */

    /* the keyboard's size first: it sits at the bottom */
    float kgap = 16 * s, kbw = fminf(W - 64 * s, 1500 * s);
    int rows = kb ? kb->rows : 0, widest = 1;
    for (int r = 0; r < rows; r++)
        widest = kb->keys[r] > widest ? kb->keys[r] : widest;
    bool orders = kb && kb->fidel && u->fidel;
    char orders_text[I18N_FIDEL_ORDERS][8];
    int norders = orders ? i18n_fidel_orders(u->fidel, orders_text) : 0;
    if (norders > widest)
        widest = norders;
    float kw = fminf(130 * s, (kbw - (float)(widest - 1) * kgap) / (float)widest);
    int total_rows = rows + 1 + (orders ? 1 : 0);
    /* keys as tall as leaves room for the entry and two results, between a finger (64) and 84 */
    float room = H - top - (32 + 104 + 24 + 2 * 150) * s - (float)(total_rows + 1) * kgap;
    float kh = fmaxf(64 * s, fminf(84 * s, room / (float)total_rows));
    float kb_h = (float)total_rows * (kh + kgap) + kgap;
    float kb_y = H - kb_h;
    ui_display_rect(&u->dl, (ui_rect){0, kb_y, W, kb_h}, 0, T->surface);
    ui_display_rect(&u->dl, (ui_rect){0, kb_y, W, 2 * s}, 0, T->rule);
    float ky = kb_y + kgap;
    if (orders) {
        int n = norders;
        float rw = (float)n * kw + (float)(n - 1) * kgap, kx = (W - rw) / 2;
        for (int k = 0; k < n && !b->failed; k++) {
            uint32_t cp;
            vk_utf8_decode(orders_text[k], strlen(orders_text[k]), &cp);
            key_button(b, (ui_rect){kx + (float)k * (kw + kgap), ky, kw, kh}, orders_text[k], UI_ACTION_FIDEL_ORDER,
                       (int)cp, false);
        }
        ky += kh + kgap;
    }
    for (int r = 0; r < rows && !b->failed; r++) {
        /* keys left to right as on the language's physical keyboard, whatever its direction */
        float rw = (float)kb->keys[r] * kw + (float)(kb->keys[r] - 1) * kgap, kx = (W - rw) / 2;
        for (int k = 0; k < kb->keys[r] && !b->failed; k++) {
            ui_rect kr = {kx + (float)k * (kw + kgap), ky, kw, kh};
            if (kb->fidel) {
                uint32_t cp;
                vk_utf8_decode(kb->key[r][k], strlen(kb->key[r][k]), &cp);
                key_button(b, kr, kb->key[r][k], UI_ACTION_FIDEL, (int)cp, cp == u->fidel);
            } else {
                key_button(b, kr, kb->key[r][k], UI_ACTION_KEY, r * I18N_KB_KEYS + k, false);
            }
        }
        ky += kh + kgap;
    }
    if (kb && !b->failed) {
        /* the keyboard switch at the reading start (Danish letters for a Danish word, and back to the
         * language's, named in its own script), space in the middle, delete at the reading end */
        float dw = fminf(3 * kw + 2 * kgap, 360 * s), ww = can_switch ? dw : 0;
        float sw = fminf(6 * kw + 5 * kgap, kbw - dw - kgap - (can_switch ? ww + kgap : 0));
        float rw = (can_switch ? ww + kgap : 0) + sw + kgap + dw, kx = (W - rw) / 2;
        float at = 0;
        if (can_switch) {
            ui_rect wr = {b->rtl ? kx + rw - ww : kx, ky, ww, kh};
            key_button(b, wr, u->kb_source ? b->lang->meta->native : "abc \u00e6\u00f8\u00e5", UI_ACTION_KEYBOARD_SWITCH, 0,
                       false);
            at = ww + kgap;
        }
        key_button(b, (ui_rect){b->rtl ? kx + rw - at - sw : kx + at, ky, sw, kh}, _(tr, "Space"), UI_ACTION_KEY_SPACE, 0,
                   false);
        key_button(b, (ui_rect){b->rtl ? kx : kx + rw - dw, ky, dw, kh}, _(tr, "Delete"), UI_ACTION_KEY_BACKSPACE, 0,
                   false);
    }

    /* the entry: what was typed, in the language's direction */
    float y = top + 32 * s, eh = 104 * s;
    ui_display_rect(&u->dl, (ui_rect){x0, y, cw, eh}, THEME_RADIUS * s, T->rule);
    ui_display_rect(&u->dl, (ui_rect){x0 + 3 * s, y + 3 * s, cw - 6 * s, eh - 6 * s}, THEME_RADIUS * s - 3 * s,
                    T->background);
    bool empty = !u->query[0];
    const text_layout *q = layout(b, b->lang, !empty, empty ? 34 : 44, TEXT_ALIGN_START,
                                  empty ? _(tr, "Type a word, in your language or in Danish") : u->query, 0);
    if (q) {
        float qx = b->rtl ? x0 + cw - 32 * s - q->width : x0 + 32 * s;
        ui_display_text(&u->dl, qx, y + (eh - q->height) / 2, q, empty ? T->text_quiet : T->text);
        if (!empty) { /* the caret after the last letter, at the reading end */
            float cx = b->rtl ? qx - 8 * s : qx + q->width + 6 * s;
            ui_display_rect(&u->dl, (ui_rect){cx, y + 24 * s, 3 * s, eh - 48 * s}, 0, T->text);
        }
    }
    y += eh + 24 * s;
    b->text_scale = keep;

    /* the results, as many as fit above the keyboard */
    if (!empty && u->result_count == 0) {
        const text_layout *m = layout(b, b->lang, false, THEME_BODY_SIZE, TEXT_ALIGN_START,
                                      _(tr, "Nothing found. Try another word, or the Danish word."), cw);
        if (m)
            ui_display_text(&u->dl, x0, y, m, T->text);
    }
    for (size_t i = 0; i < u->result_count && !b->failed && c; i++) {
        const search_result *res = &u->results[i];
        const ui_language *tl, *sl = &u->env.langs[res->sentence_lang];
        const char *title = ctext(b, res->page->title, &tl);
        /* the sentence, cut to what two lines hold */
        char cut[400];
        snprintf(cut, sizeof cut, "%s", res->sentence ? res->sentence : "");
        if (title && strcmp(cut, title) == 0)
            cut[0] = 0; /* it matched the title: the title says it */
        if (strlen(cut) >= 120) { /* about one line */
            size_t at = 110;
            while (at > 0 && ((unsigned char)cut[at] & 0xC0) == 0x80)
                at--;
            snprintf(cut + at, sizeof cut - at, "\u2026");
        }
        float pad = 20 * s, inner = cw - 2 * pad;
        const text_layout *tt = layout(b, tl, true, 36, TEXT_ALIGN_START, title ? content_shown(b, title) : "", inner);
        const text_layout *st = cut[0] ? layout(b, sl, false, 28, TEXT_ALIGN_START, content_shown(b, cut), inner) : NULL;
        if (!tt || (cut[0] && !st))
            break;
        float rh = pad + tt->height + (st ? 6 * s + st->height : 0) + pad;
        if (y + rh > kb_y - 16 * s)
            break;
        int idx = ui_display_next_target(&u->dl, (ui_rect){x0, y, cw, rh});
        ui_display_rect(&u->dl, (ui_rect){x0, y, cw, rh}, THEME_RADIUS * s, T->rule);
        ui_display_rect(&u->dl, (ui_rect){x0 + 2 * s, y + 2 * s, cw - 4 * s, rh - 4 * s}, THEME_RADIUS * s - 2 * s,
                        idx >= 0 && idx == u->pressed ? T->pressed_surface : T->surface);
        ui_display_text(&u->dl, x0 + pad, y + pad, tt, T->link);
        if (st)
            ui_display_text(&u->dl, x0 + pad, y + pad + tt->height + 6 * s, st, T->text);
        ui_display_target(&u->dl, (ui_rect){x0, y, cw, rh}, UI_ACTION_OPEN_PAGE, (int)(res->page - c->pages));
        y += rh + 16 * s;
    }
}

/* ---- home and section screens -------------------------------------------------------------------- */

/* A title or summary of the content in the reader's language, else along the language's chain;
 * *lang receives the language it is in. */
static const char *ctext(const build *b, const char *source, const ui_language **lang)
{
    const ui_env *env = &b->u->env;
    *lang = &env->langs[env->source_lang];
    if (!source || !b->lang->content)
        return source;
    int li;
    const char *s = i18n_content_text(b->lang->content, source, &li);
    *lang = &env->langs[li];
    return s;
}

/* The titles and summaries a home or section screen shows, counted before it is drawn: how many are
 * not in the reader's language, and the one language they are in instead (`mixed` when several). */
typedef struct fallback_tally {
    int strings, fell;
    const ui_language *in;
    bool mixed;
} fallback_tally;

static void tally(const build *b, fallback_tally *t, const char *source)
{
    const ui_language *l;
    if (!source)
        return;
    ctext(b, source, &l);
    t->strings++;
    if (l == b->lang)
        return;
    if (t->fell++ == 0)
        t->in = l;
    else if (l != t->in)
        t->mixed = true;
}

/* The notice over a home or section screen when something on it fell back (issue 5: a fallback is
 * marked, never silently mixed), at the reading start of [x0, x0 + cw); returns the y under it. */
static float list_notice(build *b, const fallback_tally *t, float x0, float cw, float y)
{
    if (!t->fell)
        return y;
    float w = fminf(cw, THEME_MEASURE * b->s);
    const text_layout *nl = fallback_notice(b, w, t->fell == t->strings && !t->mixed ? t->in : NULL);
    if (!nl)
        return y;
    return notice_box(b, nl, from_start(b, x0, cw, 0, w), w, y) + 32 * b->s;
}

/* A tile or row that opens something: white card, bold title, optional quiet summary. */
static float card(build *b, ui_rect r, const char *title_src, const char *summary_src, const char *icon, int action,
                  int arg, bool measure_only)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    float s = b->s, pad = 28 * s;
    /* an icon, when the content names one and assets/icons has it, at the reading start */
    char icon_file[128];
    int iw = 0, ih = 0;
    bool has_icon = icon && u->env.icon_dir && u->env.image_size && strlen(icon) < 100 &&
                    (snprintf(icon_file, sizeof icon_file, "%s.svg", icon), true) &&
                    u->env.image_size(u->env.image_ctx, u->env.icon_dir, icon_file, &iw, &ih) && iw > 0 && ih > 0;
    float icon_w = has_icon ? 72 * s : 0, icon_gap = has_icon ? 24 * s : 0;
    float inner = r.w - 2 * pad - 48 * s - icon_w - icon_gap;
    const ui_language *tl, *sl;
    const char *title = content_shown(b, ctext(b, title_src, &tl));
    const char *summary = content_shown(b, ctext(b, summary_src, &sl));
    const text_layout *t = layout(b, tl, true, 40, TEXT_ALIGN_START, title ? title : "", inner);
    const text_layout *sm = summary ? layout(b, sl, false, 28, TEXT_ALIGN_START, summary, inner) : NULL;
    if (b->failed)
        return 0;
    float h = fmaxf(r.h, pad * 2 + fmaxf(icon_w, t->height + (sm ? 8 * s + sm->height : 0)));
    if (measure_only)
        return h;
    int idx = ui_display_next_target(&u->dl, (ui_rect){r.x, r.y, r.w, h});
    ui_display_rect(&u->dl, (ui_rect){r.x, r.y, r.w, h}, THEME_RADIUS * s, T->rule);
    ui_display_rect(&u->dl, (ui_rect){r.x + 2 * s, r.y + 2 * s, r.w - 4 * s, h - 4 * s}, THEME_RADIUS * s - 2 * s,
                    idx >= 0 && idx == u->pressed ? T->pressed_surface : T->surface);
    /* the icon and the text column at the reading start of the interface, the chevron at its end */
    if (has_icon)
        ui_display_icon(&u->dl, (ui_rect){b->rtl ? r.x + r.w - pad - icon_w : r.x + pad, r.y + pad, icon_w, icon_w},
                        u->env.icon_dir, strdup_frame(u, icon_file), T->link);
    float tx = b->rtl ? r.x + pad + 48 * s : r.x + pad + icon_w + icon_gap;
    ui_display_text(&u->dl, tx, r.y + pad, t, T->text);
    if (sm)
        ui_display_text(&u->dl, tx, r.y + pad + t->height + 8 * s, sm, T->text_quiet);
    /* a chevron at the reading end says "this opens" (U+203A mirrors in right-to-left) */
    const text_layout *chev = layout(b, b->lang, true, 48, TEXT_ALIGN_START, "\u203A", 0);
    if (chev)
        ui_display_text(&u->dl, b->rtl ? r.x + pad : r.x + r.w - pad - chev->width, r.y + (h - chev->height) / 2,
                        chev, T->accent);
    ui_display_target(&u->dl, (ui_rect){r.x, r.y, r.w, h}, action, arg);
    return h;
}

static float build_home(build *b, float y)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const content_tree *c = u->env.content;
    float s = b->s, W = b->W, margin = THEME_MARGIN * s;
    float cw = fminf(W - 2 * margin, 1600 * s), x0 = (W - cw) / 2;
    const text_layout *title = layout(b, b->lang, true, THEME_TITLE_SIZE, TEXT_ALIGN_START, _(&b->lang->tr, "Welcome"), cw);
    const text_layout *intro = layout(
        b, b->lang, false, THEME_BODY_SIZE, TEXT_ALIGN_START,
        _(&b->lang->tr, "This screen explains how things work in Denmark: society, the job centre (Jobcenter), and the "
                        "decisions the municipality makes about you."),
        fminf(cw, THEME_MEASURE * s));
    if (b->failed)
        return y;
    const content_section *root = c && c->section_count ? &c->sections[0] : NULL;
    fallback_tally fb = {0};
    for (size_t i = 0; root && i < root->child_count; i++) {
        tally(b, &fb, c->sections[root->children[i]].title);
        tally(b, &fb, c->sections[root->children[i]].summary);
    }
    for (size_t i = 0; root && i < root->page_count; i++) {
        tally(b, &fb, c->pages[root->pages[i]].title);
        tally(b, &fb, c->pages[root->pages[i]].summary);
    }
    y = list_notice(b, &fb, x0, cw, y);
    ui_display_text(&u->dl, x0, y, title, T->text);
    y += title->height + 16 * s;
    ui_display_text(&u->dl, b->rtl ? x0 + cw - intro->width : x0, y, intro, T->text);
    y += intro->height + 40 * s;
    if (!root)
        return y;
    size_t n = root->child_count + root->page_count;
    bool landscape = b->W >= b->H;
    size_t cols = landscape ? 3 : 2;
    float gap = THEME_GAP * s;
    float tw = (cw - (float)(cols - 1) * gap) / (float)cols;
    for (size_t row = 0; row * cols < n; row++) {
        /* a row is as tall as its tallest tile */
        float rh = 200 * s;
        for (size_t k = 0; k < cols && row * cols + k < n; k++) {
            size_t i = row * cols + k;
            bool sec = i < root->child_count;
            const char *t = sec ? c->sections[root->children[i]].title : c->pages[root->pages[i - root->child_count]].title;
            const char *sm = sec ? c->sections[root->children[i]].summary
                                 : c->pages[root->pages[i - root->child_count]].summary;
            const char *ic = sec ? c->sections[root->children[i]].icon : c->pages[root->pages[i - root->child_count]].icon;
            rh = fmaxf(rh, card(b, (ui_rect){0, 0, tw, 200 * s}, t, sm, ic, 0, 0, true));
        }
        for (size_t k = 0; k < cols && row * cols + k < n; k++) {
            size_t i = row * cols + k;
            bool sec = i < root->child_count;
            size_t idx = sec ? root->children[i] : root->pages[i - root->child_count];
            const char *t = sec ? c->sections[idx].title : c->pages[idx].title;
            const char *sm = sec ? c->sections[idx].summary : c->pages[idx].summary;
            float x = from_start(b, x0, cw, (float)k * (tw + gap), tw);
            const char *ic = sec ? c->sections[idx].icon : c->pages[idx].icon;
            card(b, (ui_rect){x, y, tw, rh}, t, sm, ic, sec ? UI_ACTION_OPEN_SECTION : UI_ACTION_OPEN_PAGE, (int)idx,
                 false);
        }
        y += rh + gap;
    }
    return y;
}

/* The notice that (part of) what shows is not yet in the reader's language, said in it: laid out
 * w wide for notice_box. shown_in: the one language everything is shown in instead, or NULL when
 * only part of it fell back. */
static const text_layout *fallback_notice(build *b, float w, const ui_language *shown_in)
{
    const i18n_tr *tr = &b->lang->tr;
    const char *names[2] = {b->lang->meta->native, shown_in ? shown_in->meta->native : ""};
    char notice[512];
    if (shown_in)
        fill_message(notice, sizeof notice, _(tr, "This page is not yet translated into %s. It is shown in %s."),
                     names, 2);
    else
        fill_message(notice, sizeof notice, _(tr, "Part of this page is not yet translated into %s."), names, 1);
    return layout(b, b->lang, false, 28, TEXT_ALIGN_START, notice, w - 48 * b->s);
}

static float build_section(build *b, float y)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const content_tree *c = u->env.content;
    int si = section_index(u, u->here.id);
    if (!c || si < 0)
        return y;
    const content_section *sec = &c->sections[si];
    float s = b->s, W = b->W, margin = THEME_MARGIN * s;
    float cw = fminf(W - 2 * margin, THEME_MEASURE * s), x0 = (W - cw) / 2;
    const ui_language *cl;
    const char *sec_title = content_shown(b, ctext(b, sec->title, &cl));
    const text_layout *title = layout(b, cl, true, THEME_TITLE_SIZE, TEXT_ALIGN_START, sec_title, cw);
    if (b->failed)
        return y;
    fallback_tally fb = {0};
    tally(b, &fb, sec->title);
    for (size_t i = 0; i < sec->child_count; i++) {
        tally(b, &fb, c->sections[sec->children[i]].title);
        tally(b, &fb, c->sections[sec->children[i]].summary);
    }
    for (size_t i = 0; i < sec->page_count; i++) {
        tally(b, &fb, c->pages[sec->pages[i]].title);
        tally(b, &fb, c->pages[sec->pages[i]].summary);
    }
    y = list_notice(b, &fb, x0, cw, y);
    ui_display_text(&u->dl, x0, y, title, T->text);
    y += title->height + 32 * s;
    for (size_t i = 0; i < sec->child_count; i++) {
        const content_section *child = &c->sections[sec->children[i]];
        y += card(b, (ui_rect){x0, y, cw, 140 * s}, child->title, child->summary, child->icon, UI_ACTION_OPEN_SECTION,
                  (int)sec->children[i], false) +
             THEME_GAP * s;
    }
    for (size_t i = 0; i < sec->page_count; i++) {
        const content_page *p = &c->pages[sec->pages[i]];
        y += card(b, (ui_rect){x0, y, cw, 140 * s}, p->title, p->summary, p->icon, UI_ACTION_OPEN_PAGE,
                  (int)sec->pages[i], false) +
             THEME_GAP * s;
    }
    return y;
}

/* ---- the page ----------------------------------------------------------------------------------- */

/* Content spans (bytes, style bits) as layout spans. Emphasis is drawn bold: the bundled fonts have
 * no italics for Arabic or Ethiopic, and one kind of emphasis reads the same in every script. */
static size_t to_text_spans(const content_block *blk, text_span *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < blk->span_count && n < cap; i++) {
        const content_span *sp = &blk->spans[i];
        uint8_t a = 0;
        if (sp->style & (CONTENT_STYLE_STRONG | CONTENT_STYLE_EM))
            a |= TEXT_ATTR_BOLD;
        if (sp->link >= 0 && (size_t)sp->link < blk->link_count &&
            (blk->links[sp->link].page || blk->links[sp->link].external))
            a |= TEXT_ATTR_LINK;
        if (a)
            out[n++] = (text_span){sp->start, sp->end, a};
    }
    return n;
}

static size_t cp_index(const char *text, uint32_t byte)
{
    size_t n = 0;
    for (uint32_t i = 0; i < byte && text[i]; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static bool word_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z') || c >= 0x80;
}

/* The first occurrence on this page of each glossary word, as a whole word, in text: appended to
 * spans as TEXT_ATTR_TERM and to found[] with the term's index. */
typedef struct term_hit {
    uint32_t start, end;
    int term;
} term_hit;

static size_t find_terms(const content_tree *c, const char *text, bool *seen, text_span *spans, size_t *ns,
                         size_t cap, term_hit *found, size_t found_cap)
{
    size_t nf = 0, n = strlen(text);
    for (size_t k = 0; c && k < c->term_count && nf < found_cap && *ns < cap; k++) {
        if (seen[k])
            continue;
        const char *t = c->terms[k].term;
        size_t tl = strlen(t);
        for (size_t i = 0; i + tl <= n; i++) {
            if (strncasecmp(text + i, t, tl) != 0)
                continue;
            if ((i > 0 && word_char((unsigned char)text[i - 1])) || (i + tl < n && word_char((unsigned char)text[i + tl])))
                continue;
            spans[(*ns)++] = (text_span){(uint32_t)i, (uint32_t)(i + tl), TEXT_ATTR_TERM};
            found[nf++] = (term_hit){(uint32_t)i, (uint32_t)(i + tl), (int)k};
            seen[k] = true;
            break;
        }
    }
    return nf;
}

/* Targets over the runs of a stretch of text (byte range [a, e) of text): a finger's height at least. */
static void run_targets(build *b, const char *text, uint32_t a_byte, uint32_t e_byte, const text_layout *L, float x,
                        float y, int action, int arg)
{
    uint32_t a = (uint32_t)cp_index(text, a_byte), e = (uint32_t)cp_index(text, e_byte);
    for (size_t li = 0; li < L->line_count; li++) {
        const text_line *ln = &L->lines[li];
        for (uint32_t r = ln->run_start; r < ln->run_start + ln->run_count; r++) {
            const text_run *run = &L->runs[r];
            if (run->end <= a || run->start >= e)
                continue;
            float h = fmaxf(ln->height, 64 * b->s);
            ui_display_target(&b->u->dl, (ui_rect){x + run->x, y + ln->top + (ln->height - h) / 2, run->width, h},
                              action, arg);
        }
    }
}

/* Targets over the runs of each link to a page, so a tap on the words opens it. */
static void link_targets(build *b, const content_block *blk, const text_layout *L, float x, float y)
{
    ui *u = b->u;
    for (size_t i = 0; i < blk->span_count; i++) {
        const content_span *sp = &blk->spans[i];
        if (sp->link < 0 || (size_t)sp->link >= blk->link_count || !blk->links[sp->link].page)
            continue;
        int page = page_index(u, blk->links[sp->link].page);
        if (page < 0)
            continue;
        uint32_t a = (uint32_t)cp_index(blk->text, sp->start), e = (uint32_t)cp_index(blk->text, sp->end);
        for (size_t li = 0; li < L->line_count; li++) {
            const text_line *ln = &L->lines[li];
            for (uint32_t r = ln->run_start; r < ln->run_start + ln->run_count; r++) {
                const text_run *run = &L->runs[r];
                if (run->end <= a || run->start >= e)
                    continue;
                /* at least a finger's height, centred on the line */
                float h = fmaxf(ln->height, 64 * b->s);
                ui_display_target(&u->dl, (ui_rect){x + run->x, y + ln->top + (ln->height - h) / 2, run->width, h},
                                  UI_ACTION_OPEN_PAGE, page);
            }
        }
    }
}

typedef struct box_state {
    int box;           /* number of the open box, 0 none */
    size_t item_start; /* display items of the box begin here */
    float y0;
} box_state;

static float close_box(build *b, box_state *bx, float x0, float cw, float y, content_box_kind kind)
{
    const ui_theme *T = b->T;
    if (!bx->box)
        return y;
    float s = b->s, pad = 28 * s;
    y += pad - THEME_GAP * s;
    ui_color fill = kind == CONTENT_BOX_WHY ? T->why_box : T->note_box;
    ui_display_insert_rect(&b->u->dl, bx->item_start, (ui_rect){x0, bx->y0, cw, y - bx->y0}, THEME_RADIUS * s, fill);
    bx->box = 0;
    return y + THEME_GAP * s;
}

/* The block being read aloud: a quiet band behind it, and the scroll position that keeps it in view
 * when it has just begun (items from `first` are the block's, [y0, y1) its rows on the screen). */
static void read_highlight(build *b, int block, size_t first, float x, float w, float y0, float y1)
{
    ui *u = b->u;
    if (!u->reading || block != u->reading_block)
        return;
    float s = b->s, pad = 12 * s;
    ui_display_insert_rect(&u->dl, first, (ui_rect){x - pad, y0 - pad / 2, w + 2 * pad, y1 - y0 + pad}, THEME_RADIUS * s,
                           b->T->notice);
    float top = u->viewport_top + 24 * s, bottom = b->H - 24 * s;
    if (u->reading_follow && (y0 < top || y1 > bottom))
        u->follow_to = u->here.scroll + (y0 - top);
    u->reading_follow = false;
}

static float build_page(build *b, float y)
{
    const ui_theme *T = b->T;
    ui *u = b->u;
    const content_tree *c = u->env.content;
    int pi = page_index(u, u->here.id);
    if (!c || pi < 0)
        return y;
    const content_page *p = &c->pages[pi];
    const i18n_tr *tr = &b->lang->tr;
    float s = b->s, W = b->W, margin = THEME_MARGIN * s;
    float cw = fminf(W - 2 * margin, THEME_MEASURE * s), x0 = (W - cw) / 2;
    u->dl.image_root = c->root;
    int want = (int)(b->lang - u->env.langs);
    if (!u->loc || u->loc_page != p || u->loc_lang != want) {
        i18n_page_free(u->loc);
        i18n_content_chain none = {{{0}, 0}, {0}, (int)u->env.source_lang};
        u->loc = i18n_page_localize(p, b->lang->content ? b->lang->content : &none, want);
        u->loc_page = p;
        u->loc_lang = want;
        if (!u->loc) {
            b->failed = true;
            vk_error_set(b->err, NULL, 0, "out of memory");
            return y;
        }
    }
    const i18n_page *lp = u->loc;
    const ui_language *cl = &u->env.langs[lp->title_lang];

    /* Say so when (part of) the page is not in the reader's language, in the reader's language. */
    if (lp->fallback_count) {
        const text_layout *nl = fallback_notice(b, cw, lp->fallback_count == lp->block_count + 1 ? cl : NULL);
        if (b->failed)
            return y;
        y = notice_box(b, nl, x0, cw, y) + 32 * s;
    }
    const text_layout *title =
        layout(b, cl, true, THEME_TITLE_SIZE, TEXT_ALIGN_START, content_shown(b, lp->title), cw);
    if (b->failed)
        return y;
    size_t title_items = u->dl.count;
    float title_y = y;
    ui_display_text(&u->dl, x0, y, title, T->text);
    y += title->height + 32 * s;
    read_highlight(b, -1, title_items, x0, cw, title_y, y - 24 * s);

    /* One row of buttons under the title: Job First's Danish text (Danish is learned while working:
     * a reader of another language can show the Danish under each paragraph, to learn the words of
     * the job centre), and Listen / Pause / Continue / Stop where a voice reads the language. */
    float row_at = 0, row_h = 0, row_bh = 72 * s;
    if (want != (int)u->env.source_lang) {
        const text_layout *tl = layout(b, b->lang, true, 30, TEXT_ALIGN_START,
                                       u->bilingual ? _(tr, "Hide the Danish text") : _(tr, "Show the Danish text too"),
                                       0);
        if (tl) {
            float w = tl->width + 64 * s;
            button(b, (ui_rect){from_start(b, x0, cw, row_at, w), y, w, row_bh}, tl, UI_ACTION_BILINGUAL, 0, T->surface,
                   T->pressed_surface, T->link);
            row_at += w + THEME_GAP * s;
            row_h = row_bh;
        }
    }
    bool recorded = content_page_recording(p, b->lang->meta->code, want == (int)u->env.source_lang) != NULL;
    if ((b->lang->can_read_aloud || recorded) && u->env.read_aloud) {
        const char *labels[2];
        int cmds[2], n = 0;
        if (u->reading == 0) {
            labels[n] = _(tr, "Listen"), cmds[n++] = UI_READ_START;
        } else {
            labels[n] = u->reading == 1 ? _(tr, "Pause") : _(tr, "Continue");
            cmds[n++] = u->reading == 1 ? UI_READ_PAUSE : UI_READ_RESUME;
            labels[n] = _(tr, "Stop"), cmds[n++] = UI_READ_STOP;
        }
        for (int k = 0; k < n && !b->failed; k++) {
            const text_layout *l = layout(b, b->lang, true, 30, TEXT_ALIGN_CENTER, labels[k], 0);
            if (!l)
                break;
            float w = fmaxf(l->width + 64 * s, 160 * s);
            if (row_at > 0 && row_at + w > cw) { /* a new row when the first is full */
                y += row_h + 16 * s;
                row_at = 0;
            }
            button(b, (ui_rect){from_start(b, x0, cw, row_at, w), y, w, row_bh}, l, UI_ACTION_READ, cmds[k], T->surface,
                   T->pressed_surface, T->link);
            row_at += w + THEME_GAP * s;
            row_h = row_bh;
        }
    }
    if (row_h > 0)
        y += row_h + 32 * s;

    bool seen_terms[512] = {false};
    box_state bx = {0};
    u->block_count = 0;
    content_box_kind open_kind = CONTENT_BOX_NONE;
    for (size_t i = 0; i < lp->block_count && !b->failed; i++) {
        const content_block *blk = &lp->blocks[i].shown;
        /* each block in the language it is shown in: its fonts, its direction */
        cl = &u->env.langs[lp->blocks[i].lang];
        bool crtl = cl->meta->rtl;
        if (blk->box != bx.box) {
            y = close_box(b, &bx, x0, cw, y, open_kind);
            if (blk->box) {
                bx.box = blk->box;
                bx.item_start = u->dl.count;
                bx.y0 = y;
                open_kind = blk->box_kind;
                y += 28 * s;
                const char *label = blk->box_kind == CONTENT_BOX_WHY ? _(tr, "Why?") : _(tr, "Good to know");
                const text_layout *ll = layout(b, b->lang, true, 30, TEXT_ALIGN_START, label, cw - 56 * s);
                if (b->failed)
                    break;
                ui_display_text(&u->dl, b->rtl ? x0 + cw - 28 * s - ll->width : x0 + 28 * s, y, ll,
                                blk->box_kind == CONTENT_BOX_WHY ? T->why_label : T->note_label);
                y += ll->height + 8 * s;
            }
        }
        float inset = bx.box ? 28 * s : 0;
        float bx0 = x0 + inset, bcw = cw - 2 * inset;
        size_t block_items = u->dl.count;
        float block_y = y;
        text_span spans[48];
        size_t ns = to_text_spans(blk, spans, 40);
        term_hit hits[8];
        size_t nh = 0;
        if (blk->kind == CONTENT_PARAGRAPH || blk->kind == CONTENT_BULLET || blk->kind == CONTENT_STEP)
            nh = find_terms(c, blk->text, seen_terms, spans, &ns, 48, hits, 8);
        switch (blk->kind) {
        case CONTENT_HEADING: {
            float size = blk->level <= 1 ? 48 : blk->level == 2 ? 42 : 38;
            y += 16 * s;
            text_style st = style_of(b, cl, true, size, TEXT_ALIGN_START);
            const text_layout *L = text_cache_get_rich(u->cache, u->env.layouter, &st, blk->text, strlen(blk->text),
                                                       spans, ns, bcw, b->err);
            if (!L) {
                b->failed = true;
                break;
            }
            ui_display_rich(&u->dl, bx0, y, L, T->text, T->link);
            link_targets(b, blk, L, bx0, y);
            y += L->height + 12 * s;
            break;
        }
        case CONTENT_PARAGRAPH:
        case CONTENT_BULLET:
        case CONTENT_STEP: {
            float indent = 0;
            float ts = b->text_scale;
            if (blk->kind != CONTENT_PARAGRAPH) {
                indent = (56 * s * (float)blk->level + (blk->kind == CONTENT_STEP ? 16 * s : 0)) * ts;
            }
            text_style st = style_of(b, cl, false, THEME_BODY_SIZE, TEXT_ALIGN_START);
            const text_layout *L = text_cache_get_rich(u->cache, u->env.layouter, &st, blk->text, strlen(blk->text),
                                                       spans, ns, bcw - indent, b->err);
            if (!L) {
                b->failed = true;
                break;
            }
            float tx = crtl ? bx0 : bx0 + indent;
            ui_display_rich(&u->dl, tx, y, L, T->text, T->link);
            link_targets(b, blk, L, tx, y);
            for (size_t h = 0; h < nh; h++)
                run_targets(b, blk->text, hits[h].start, hits[h].end, L, tx, y, UI_ACTION_TERM, hits[h].term);
            float first_mid = L->line_count ? L->lines[0].top + L->lines[0].height / 2 : L->height / 2;
            if (blk->kind == CONTENT_BULLET) {
                float d = 12 * s * ts;
                float cx = crtl ? bx0 + bcw - indent + 24 * s * ts : bx0 + indent - 24 * s * ts;
                ui_display_rect(&u->dl, (ui_rect){cx - d / 2, y + first_mid - d / 2, d, d}, d / 2, T->text);
            } else if (blk->kind == CONTENT_STEP) {
                char num[16];
                snprintf(num, sizeof num, "%d", blk->number);
                float d = 52 * s * ts;
                float cx = crtl ? bx0 + bcw - indent + 40 * s * ts : bx0 + indent - 40 * s * ts;
                ui_display_rect(&u->dl, (ui_rect){cx - d / 2, y + first_mid - d / 2, d, d}, d / 2, T->accent);
                const text_layout *nl = layout(b, cl, true, 28, TEXT_ALIGN_START, num, 0);
                if (nl)
                    ui_display_text(&u->dl, cx - nl->width / 2, y + first_mid - nl->height / 2, nl, T->on_accent);
            }
            y += L->height + THEME_GAP * s;
            if (u->bilingual && lp->blocks[i].lang != (int)u->env.source_lang) {
                /* the Danish the reader will meet at work, under their own language, quieter */
                const ui_language *da = &u->env.langs[u->env.source_lang];
                const text_layout *D =
                    layout(b, da, false, 28, TEXT_ALIGN_START, content_shown(b, lp->blocks[i].source->text),
                           bcw - indent);
                if (D) {
                    ui_display_text(&u->dl, da->meta->rtl ? bx0 : bx0 + indent, y - THEME_GAP * s * 0.5f, D,
                                    T->text_quiet);
                    y += D->height + THEME_GAP * s * 0.5f;
                }
            }
            break;
        }
        case CONTENT_IMAGE: {
            int iw, ih;
            if (!blk->image_file || !u->env.image_size ||
                !u->env.image_size(u->env.image_ctx, c->root, blk->image_file, &iw, &ih) || iw <= 0 || ih <= 0)
                break;
            /* never upscale beyond twice the picture's size, never wider than the column, never taller than
             * most of the screen */
            float w = fminf(bcw, (float)iw * 2 * s), h = w * (float)ih / (float)iw;
            float hmax = (b->H - THEME_BAR_HEIGHT * s) * 0.7f;
            if (h > hmax) {
                w *= hmax / h;
                h = hmax;
            }
            ui_display_image(&u->dl, (ui_rect){bx0 + (bcw - w) / 2, y, w, h}, blk->image_file);
            y += h + 8 * s;
            const text_layout *cap = layout(b, cl, false, 28, TEXT_ALIGN_CENTER, blk->text, bcw);
            if (cap) {
                ui_display_text(&u->dl, bx0, y, cap, T->text_quiet);
                y += cap->height;
            }
            y += THEME_GAP * s;
            break;
        }
        case CONTENT_RULE:
            ui_display_rect(&u->dl, (ui_rect){bx0, y + 12 * s, bcw, 2 * s}, 0, T->rule);
            y += 32 * s;
            break;
        }
        read_highlight(b, (int)i, block_items, bx0, bcw, block_y, y);
        if (i < BLOCKS_MAX) {
            u->block_y0[i] = block_y;
            u->block_y1[i] = y;
            u->block_count = (int)i + 1;
        }
    }
    y = close_box(b, &bx, x0, cw, y, open_kind);

    /* "Was this helpful?": one answer per page and visit, counted anonymously */
    if (!b->failed) {
        y += 24 * s;
        bool answered = strcmp(u->answered, u->here.id) == 0;
        const text_layout *q = layout(b, b->lang, true, 34, TEXT_ALIGN_START,
                                      answered ? _(tr, "Thank you.") : _(tr, "Was this helpful?"), 0);
        const text_layout *yes = layout(b, b->lang, true, THEME_BUTTON_SIZE * 0.8f, TEXT_ALIGN_CENTER, _(tr, "Yes"), 0);
        const text_layout *no = layout(b, b->lang, true, THEME_BUTTON_SIZE * 0.8f, TEXT_ALIGN_CENTER, _(tr, "No"), 0);
        if (q && yes && no) {
            float bh = 88 * s, gap = THEME_GAP * s;
            float bw = fmaxf(fmaxf(yes->width, no->width) + 64 * s, 160 * s);
            /* the buttons follow the question on its line when they fit, else on the next */
            bool same_row = q->width + 40 * s + 2 * bw + gap <= cw;
            float rowh = fmaxf(q->height, bh);
            ui_display_text(&u->dl, from_start(b, x0, cw, 0, q->width), y + (rowh - q->height) / 2, q, T->text);
            if (!answered) {
                float at = same_row ? q->width + 40 * s : 0, by = same_row ? y : y + rowh + 16 * s;
                accent_button(b, (ui_rect){from_start(b, x0, cw, at, bw), by, bw, bh}, yes, UI_ACTION_HELPFUL, 1);
                accent_button(b, (ui_rect){from_start(b, x0, cw, at + bw + gap, bw), by, bw, bh}, no, UI_ACTION_HELPFUL,
                              0);
                if (!same_row)
                    rowh += bh + 16 * s;
            }
            y += rowh + 24 * s;
        }
    }

    /* Official pages to take home: the page's own link, then every external address in its text. */
    const char *urls[8];
    size_t nurl = 0;
    if (p->link)
        urls[nurl++] = p->link;
    for (size_t i = 0; i < p->block_count && nurl < 8; i++)
        for (size_t k = 0; k < p->blocks[i].link_count && nurl < 8; k++) {
            const content_link *l = &p->blocks[i].links[k];
            bool seen = false;
            for (size_t j = 0; j < nurl; j++)
                seen = seen || strcmp(urls[j], l->href) == 0;
            if (l->external && !seen && strncmp(l->href, "http", 4) == 0)
                urls[nurl++] = l->href;
        }
    if (nurl && !b->failed) {
        y += 24 * s;
        const text_layout *hint = layout(b, b->lang, true, 32, TEXT_ALIGN_START,
                                         _(tr, "Scan with your phone to read more at home"), cw);
        if (hint) {
            ui_display_text(&u->dl, x0, y, hint, T->text);
            y += hint->height + 16 * s;
        }
        float q = 260 * s, gap = THEME_GAP * s;
        size_t per_row = (size_t)fmaxf(1, floorf((cw + gap) / (q + gap)));
        for (size_t i = 0; i < nurl; i++) {
            size_t col = i % per_row;
            if (i && col == 0)
                y += q + 60 * s + gap;
            float x = from_start(b, x0, cw, (float)col * (q + gap), q);
            ui_qr_draw(&u->dl, urls[i], x, y, q);
            /* the address without its scheme, shown left to right whatever the language */
            const char *shown = strstr(urls[i], "://") ? strstr(urls[i], "://") + 3 : urls[i];
            char caption[300];
            snprintf(caption, sizeof caption, "\u2066%s\u2069", shown);
            const text_layout *cap = layout(b, cl, false, 22, TEXT_ALIGN_CENTER, caption, q);
            if (cap)
                ui_display_text(&u->dl, x, y + q + 8 * s, cap, T->text_quiet);
        }
        y += q + 60 * s;
    }
    return y;
}

/* Where the reader is in a page or list longer than the screen: a thin bar at the reading end (the
 * right, the left in a right-to-left language: issue 5's interface mirrors its scroll bars too),
 * only when there is more than fits, so a long page shows there is more below. Not a target: a finger
 * scrolls the page itself, and a bar this thin is no size for a finger. */
static void scroll_bar(build *b)
{
    ui *u = b->u;
    float max = max_scroll(u), view = b->H - u->viewport_top;
    if (max <= 0 || u->content_height <= 0 || view <= 0)
        return;
    float s = b->s, w = 8 * s, inset = 8 * s;
    float top = u->viewport_top + inset, track = b->H - inset - top;
    float thumb = fminf(track, fmaxf(48 * s, track * view / u->content_height));
    /* past an end (the rubber band) the thumb stays at that end */
    float at = fminf(1, fmaxf(0, u->here.scroll / max));
    float x = b->rtl ? inset : b->W - inset - w;
    ui_display_rect(&u->dl, (ui_rect){x, top, w, track}, w / 2, b->T->notice);
    ui_display_rect(&u->dl, (ui_rect){x, top + (track - thumb) * at, w, thumb}, w / 2, b->T->text_quiet);
}

const ui_display_list *ui_frame(ui *u, int width, int height, vk_error *err)
{
    const ui_theme *T = u->contrast ? &ui_theme_high_contrast : &ui_theme_normal;
    if (!u->dirty && width == u->built_w && height == u->built_h)
        return &u->dl;
    if (width != u->built_w || height != u->built_h)
        u->pressed = -1;
    u->built_w = width;
    u->built_h = height;
    if (u->env.lang_count == 0) {
        vk_error_set(err, NULL, 0, "no languages to show");
        return NULL;
    }
    text_cache_begin_frame(u->cache);
    for (size_t i = 0; i < u->shown_count; i++)
        free(u->shown[i]);
    u->shown_count = 0;
    ui_display_clear(&u->dl, width, height, T->background);
    u->dl.image_root = NULL;
    build b = {u, scale_of(u), (float)width, (float)height, err, false, NULL, false, T,
               u->text_size == 2 ? 1.5f : u->text_size == 1 ? 1.25f : 1.0f};
    u->dl.background = T->background;
    if (u->here.screen == UI_SCREEN_WELCOME) {
        u->viewport_top = 0;
        u->content_height = 0;
        build_welcome(&b);
    } else if (u->here.screen == UI_SCREEN_STAFF_PIN) {
        u->viewport_top = 0;
        u->content_height = 0;
        build_staff_pin(&b);
    } else if (u->here.screen == UI_SCREEN_STAFF) {
        u->viewport_top = 0;
        u->content_height = 0;
        build_staff(&b);
    } else if (u->here.screen == UI_SCREEN_PICKER) {
        u->viewport_top = 0;
        u->content_height = 0;
        build_picker(&b);
    } else if (u->here.screen == UI_SCREEN_SEARCH) {
        b.lang = &u->env.langs[u->lang >= 0 ? u->lang : (int)u->env.source_lang];
        b.rtl = b.lang->meta->rtl;
        u->viewport_top = bar_height(&b);
        u->content_height = 0;
        build_search(&b, u->viewport_top);
        if (!b.failed)
            build_bar(&b);
    } else {
        b.lang = &u->env.langs[u->lang >= 0 ? u->lang : (int)u->env.source_lang];
        b.rtl = b.lang->meta->rtl;
        float bar_h = bar_height(&b);
        u->viewport_top = bar_h;
        /* targets hidden under the bar or below the screen are not there for a finger */
        u->dl.clip = true;
        u->dl.clip_top = bar_h;
        u->dl.clip_bottom = (float)height;
        /* lay out the scrolling part at its scroll offset, then clamp and, if the offset moved, once more */
        for (int pass = 0; pass < 2; pass++) {
            size_t items = u->dl.count, targets = u->dl.target_count;
            float y0 = bar_h + 48 * b.s - u->here.scroll, y = y0;
            if (u->here.screen == UI_SCREEN_HOME)
                y = build_home(&b, y);
            else if (u->here.screen == UI_SCREEN_SECTION)
                y = build_section(&b, y);
            else
                y = build_page(&b, y);
            u->content_height = y - y0 + 48 * b.s * 2;
            float before = u->here.scroll;
            if (u->dragging || u->anim != ANIM_NONE)
                break; /* the rubber band and the fling own the position; they end inside the page */
            if (u->follow_to >= 0) {
                /* the block being read aloud moved out of view: bring it in, and build again */
                u->here.scroll = u->follow_to;
                u->follow_to = -1;
                pass = -1;
                scroll_to(u, u->here.scroll);
                u->dl.count = items;
                u->dl.target_count = targets;
                continue;
            }
            scroll_to(u, u->here.scroll);
            if (u->here.scroll == before || b.failed)
                break;
            u->dl.count = items;
            u->dl.target_count = targets;
        }
        u->dl.clip = false;
        if (!b.failed) {
            scroll_bar(&b);
            build_bar(&b);
        }
    }
    if (u->term >= 0 && !u->asking && !b.failed && u->here.screen == UI_SCREEN_PAGE)
        build_term(&b);
    if (u->asking && !b.failed)
        build_idle_question(&b);
    if (b.failed)
        return NULL;
    /* the list may have fewer targets than the one focus and press were on (an explanation or the
     * idle question opened, a reload shortened the page): the next Tab starts again from the first */
    if (u->focus >= (int)u->dl.target_count)
        u->focus = -1;
    if (u->pressed >= (int)u->dl.target_count)
        u->pressed = -1;
    if (u->focus >= 0 && !b.failed)
        focus_ring(&b, &u->dl.targets[u->focus].box);
    u->dirty = false;
    return &u->dl;
}
