/* The kiosk's user interface as a state machine: input events in, a display list out.
 *
 * It never sees SDL: the app turns mouse, finger and key events into ui_events at the edge (as raylib
 * turns finger events into gestures), and the renderer draws the display list. Tests drive it by
 * feeding events and reading the display list.
 *
 * Screens: the language picker; home (the content's top-level sections as tiles); a section (its
 * pages); a page (headings, paragraphs, lists and steps, "good to know" and "why?" boxes, pictures,
 * QR codes for official pages). A bar that never scrolls holds Back, Home and the language.
 */
#ifndef VK_UI_UI_H
#define VK_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/error.h"
#include "content/tree.h"
#include "i18n/catalog.h"
#include "i18n/keyboard.h"
#include "i18n/lang.h"
#include "i18n/localize.h"
#include "text/font.h"
#include "text/cache.h"
#include "text/layout.h"
#include "ui/display.h"

/* Everything the UI needs to know about one offered language. Plain data; all borrowed. */
typedef struct ui_language {
    const i18n_lang *meta;
    const text_font_chain *regular;
    const text_font_chain *bold;
    i18n_tr tr;                          /* interface strings */
    const i18n_content_chain *content;   /* the content's catalogs; NULL shows the source */
    bool can_read_aloud;                 /* a voice reads it and there is sound: a page shows Listen */
    const i18n_keyboard *keyboard;       /* the search keyboard; NULL: no search in this language */
} ui_language;

/* What the page's read-aloud buttons ask of the application (env.read_aloud). */
typedef enum ui_read_cmd { UI_READ_START, UI_READ_PAUSE, UI_READ_RESUME, UI_READ_STOP } ui_read_cmd;
/* ui_reading_progress's block when the reading has come to its end */
#define UI_READING_DONE (-100)

/* The pixel size of a picture (file below root); false when it cannot be read. */
typedef bool (*ui_image_size_fn)(void *ctx, const char *root, const char *file, int *w, int *h);

typedef enum ui_count {
    UI_COUNT_VIEW,
    UI_COUNT_HELPFUL_YES,
    UI_COUNT_HELPFUL_NO,
    UI_COUNT_IDLE_RESET,
    UI_COUNT_SEARCH_EMPTY /* a search left with words typed and nothing found (the words are not kept) */
} ui_count;

typedef struct ui_env {
    const ui_language *langs; /* in picker order */
    size_t lang_count;
    const text_font_chain *fallback; /* every bundled font: no character goes without a glyph */
    text_layouter *layouter;
    const content_tree *content; /* may be NULL; replace with ui_set_content */
    size_t source_lang;          /* index in langs of the language the content is written in */
    ui_image_size_fn image_size; /* may be NULL: pictures are then left out */
    void *image_ctx;
    const char *icon_dir;        /* assets/icons: NAME.svg for a section's or page's icon; may be NULL */
    uint32_t idle_ms;      /* no input this long asks "Are you still there?"; 0 = 90 s */
    uint32_t countdown_ms; /* then this long until everything is forgotten; 0 = 10 s */
    /* Staff mode: a 5-second press in the top-left corner asks for the PIN. NULL check_pin: no staff
     * mode. staff_report writes what the staff screen shows (content errors, translation status). */
    /* The anonymous counters: a page opened (or its language switched), "Was this helpful?"
     * answered, a visitor gone (idle reset; page and lang NULL). Nothing about the visit goes with
     * it. May be NULL. ctx: count_ctx. */
    void (*count)(void *ctx, ui_count what, const char *page, const char *lang);
    void *count_ctx;
    /* Read aloud: start reading page (in language lang, an index into langs) from block
     * from_block (-1: the title; a finger held on a paragraph reads from there), pause, resume or
     * stop. The application reads off the render thread and tells the UI where it is with
     * ui_reading_progress. Stopped by the UI itself on navigation, a language switch and the idle
     * reset. May be NULL: no Listen button. */
    void (*read_aloud)(void *ctx, ui_read_cmd cmd, const char *page, int lang, int from_block);
    void *read_ctx;
    bool (*check_pin)(void *ctx, const char *pin);
    void (*staff_report)(void *ctx, char *buf, size_t size);
    void *staff_ctx;
} ui_env;

typedef enum ui_screen {
    UI_SCREEN_WELCOME, /* "Welcome" in every language, in turn; a tap anywhere begins */
    UI_SCREEN_PICKER,
    UI_SCREEN_HOME,
    UI_SCREEN_SECTION,
    UI_SCREEN_PAGE,
    UI_SCREEN_STAFF_PIN, /* the PIN pad, after the staff gesture */
    UI_SCREEN_STAFF,     /* content errors, translation status, reload, exit */
    UI_SCREEN_SEARCH     /* an entry, results as the reader types, the language's own keyboard */
} ui_screen;

typedef enum ui_event_type {
    UI_EVENT_POINTER_DOWN,
    UI_EVENT_POINTER_MOVE,
    UI_EVENT_POINTER_UP,
    UI_EVENT_POINTER_CANCEL,
    UI_EVENT_SCROLL, /* dy pixels: positive scrolls the page up (towards its end) */
    UI_EVENT_KEY
} ui_event_type;

typedef enum ui_key {
    UI_KEY_BACK,      /* Backspace, Alt+Left */
    UI_KEY_ACTIVATE,  /* Enter, Space */
    UI_KEY_NEXT,      /* Tab, Down, Right */
    UI_KEY_PREV,      /* Shift+Tab, Up, Left */
    UI_KEY_PAGE_DOWN, /* Page Down */
    UI_KEY_PAGE_UP,   /* Page Up */
    UI_KEY_HOME       /* Home */
} ui_key;

typedef struct ui_event {
    ui_event_type type;
    float x, y;      /* pointer events: pixels in the window */
    float dy;        /* scroll events */
    int pointer;     /* pointer events: which finger (0 for the mouse) */
    ui_key key;      /* key events */
} ui_event;

typedef struct ui ui;

/* env is copied; what it points to is borrowed and must outlive the ui. */
ui *ui_new(const ui_env *env, vk_error *err);
void ui_free(ui *u); /* accepts NULL */

void ui_handle_event(ui *u, const ui_event *ev);

/* Time passes: now_ms is a monotonic clock (SDL_GetTicks in the kiosk, a simulated one in scripts and
 * tests). Drives the welcome screen's turns, the idle question and its countdown, and the reset that
 * forgets the visitor: language, history, scroll positions. Events count as input at the time of the
 * last ui_advance. */
void ui_advance(ui *u, uint32_t now_ms);
/* Milliseconds until ui_advance has something to do (the main loop sleeps this long at most). */
uint32_t ui_next_deadline(const ui *u);
/* Whether "Are you still there?" is showing. */
bool ui_asking(const ui *u);

/* Goes straight to a screen (the render command, tests). lang indexes env->langs; id is a page id for
 * UI_SCREEN_PAGE, a section id for UI_SCREEN_SECTION, ignored otherwise. Returns false when lang or id
 * is unknown. */
bool ui_show(ui *u, ui_screen screen, size_t lang, const char *id);
/* New content after a reload: an open page stays open if it still exists, else the UI goes to its
 * section, else home. The old tree may be freed after this returns. */
void ui_set_content(ui *u, const content_tree *content);

/* What must hold whatever happened: a known screen, language and text size, an open page or folder
 * that exists in the content, focus and press on a target of the current list. False with the reason
 * in why. For the soak test. */
bool ui_check_invariants(const ui *u, char *why, size_t size);
ui_screen ui_current_screen(const ui *u);
/* The layout cache's counters (entries held, hits, evictions). */
text_cache_stats ui_cache_stats(const ui *u);
int ui_current_lang(const ui *u); /* index into env->langs, or -1 before a language is chosen */
int ui_text_size(const ui *u);    /* 0, 1, 2: 100 %, 125 %, 150 % */
bool ui_high_contrast(const ui *u);
int ui_open_term(const ui *u);   /* the glossary term whose explanation is showing, or -1 */
bool ui_bilingual(const ui *u);
/* The search screen's words, as typed; and its results (page ids, best first; borrowed). */
const char *ui_search_query(const ui *u);
size_t ui_search_results(const ui *u, const char **ids, size_t max);
/* Which target types text (a key's text, or one Ethiopic syllable) on the keyboard showing now:
 * *action and *arg of the target to tap, *consumed bytes of text it types. For an Ethiopic syllable
 * whose consonant's orders are not open, the consonant (UI_ACTION_FIDEL): tap it, then ask again.
 * False when no key types it. */
bool ui_search_key(const ui *u, const char *text, size_t *consumed, int *action, int *arg);
/* Read aloud: 0 not reading, 1 reading, 2 paused. */
int ui_reading(const ui *u);
/* The block of the open page being read (-1: the title), from the application; UI_READING_DONE when
 * the reading ended by itself. The block is highlighted and kept in view. */
void ui_reading_progress(ui *u, int block);
int ui_reading_block(const ui *u); /* the block being heard, -1 the title, -2 none */
const char *ui_current_id(const ui *u); /* page or section id, "" otherwise; borrowed */
float ui_scroll(const ui *u);

/* The display list for a window of width x height pixels. Borrowed until the next ui_frame. Rebuilt
 * only when something changed. NULL and err when layout fails (out of memory). */
const ui_display_list *ui_frame(ui *u, int width, int height, vk_error *err);
/* Whether the next ui_frame would draw something new. */
bool ui_needs_redraw(const ui *u);

/* What the staff screen asks the application to do; taken once. */
typedef enum ui_request { UI_REQUEST_NONE, UI_REQUEST_RELOAD, UI_REQUEST_EXIT } ui_request;
ui_request ui_take_request(ui *u);

/* Actions of ui_target, exposed for tests. */
enum {
    UI_ACTION_NONE,
    UI_ACTION_CHOOSE_LANGUAGE, /* arg: language index */
    UI_ACTION_BACK,
    UI_ACTION_HOME,
    UI_ACTION_LANGUAGES,       /* to the picker, keeping the place */
    UI_ACTION_OPEN_SECTION,    /* arg: section index */
    UI_ACTION_OPEN_PAGE,       /* arg: page index */
    UI_ACTION_START,           /* the welcome screen: on to the picker */
    UI_ACTION_STAY,            /* "Are you still there?" -> yes */
    UI_ACTION_TEXT_SIZE,       /* 100 % -> 125 % -> 150 % -> 100 % */
    UI_ACTION_CONTRAST,        /* the high-contrast theme on or off */
    UI_ACTION_TERM,            /* arg: glossary term index: show its explanation */
    UI_ACTION_CLOSE,           /* close the explanation */
    UI_ACTION_BILINGUAL,       /* show the Danish text under each translated paragraph, or not */
    UI_ACTION_PIN_DIGIT,       /* arg: 0-9 */
    UI_ACTION_PIN_DELETE,
    UI_ACTION_PIN_OK,
    UI_ACTION_HELPFUL,         /* arg: 1 yes, 0 no */
    UI_ACTION_STAFF_RELOAD,
    UI_ACTION_STAFF_EXIT,
    UI_ACTION_READ,            /* arg: a ui_read_cmd (start, pause, resume, stop) */
    UI_ACTION_SEARCH,          /* the search screen */
    UI_ACTION_KEY,             /* arg: row * I18N_KB_KEYS + key of the language's keyboard */
    UI_ACTION_KEY_SPACE,
    UI_ACTION_KEY_BACKSPACE,   /* removes the last grapheme */
    UI_ACTION_FIDEL,           /* arg: an Ethiopic consonant: show its vowel orders */
    UI_ACTION_FIDEL_ORDER,     /* arg: the syllable to type */
    UI_ACTION_KEYBOARD_SWITCH  /* the language's keyboard <-> the Danish one (for a Danish word) */
};

#endif
