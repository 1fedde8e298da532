/* The display list: what a screen looks like as plain data (DESIGN.md: layout emits draw operations,
 * a renderer consumes them). Built by ui/, drawn by render/, asserted on by tests without a window.
 */
#ifndef VK_UI_DISPLAY_H
#define VK_UI_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/layout.h"

typedef struct ui_color {
    uint8_t r, g, b, a;
} ui_color;

typedef struct ui_rect {
    float x, y, w, h;
} ui_rect;

typedef enum ui_item_kind { UI_ITEM_RECT, UI_ITEM_TEXT, UI_ITEM_IMAGE } ui_item_kind;

typedef struct ui_item {
    ui_item_kind kind;
    ui_rect box;              /* RECT, IMAGE: the rectangle; TEXT: origin (x, y) and the layout's box width */
    float radius;             /* RECT: corner radius */
    ui_color color;           /* RECT: fill; TEXT: text */
    ui_color link_color;      /* TEXT: runs with TEXT_ATTR_LINK, drawn underlined */
    const text_layout *text;  /* TEXT: borrowed from the UI's layout cache, valid until the next frame */
    const char *image;        /* IMAGE: file below image_root (or the list's image_root); borrowed */
    const char *image_root;   /* IMAGE: NULL = ui_display_list.image_root */
    bool tint;                /* IMAGE: a single-colour icon drawn in `color` */
} ui_item;

/* Something a finger can press: an action and its argument (e.g. "choose language", 2). */
typedef struct ui_target {
    ui_rect box;
    int action;
    int arg;
} ui_target;

typedef struct ui_display_list {
    ui_item *items;
    size_t count, cap;
    ui_target *targets;
    size_t target_count, target_cap;
    int width, height;
    ui_color background;
    const char *image_root; /* the content directory images are found in; borrowed */
    /* While `clip` is set, targets are kept to the rows [clip_top, clip_bottom): one wholly outside is
     * not added (it is under the bar or off the screen, not there for a finger), one across an edge
     * is cut to it. So the index a widget is drawn with is the index a finger and Tab find. */
    bool clip;
    float clip_top, clip_bottom;
} ui_display_list;

void ui_display_clear(ui_display_list *dl, int width, int height, ui_color background);
void ui_display_free(ui_display_list *dl); /* frees the arrays, not the struct */
bool ui_display_rect(ui_display_list *dl, ui_rect box, float radius, ui_color color);
bool ui_display_text(ui_display_list *dl, float x, float y, const text_layout *text, ui_color color);
/* Text whose link runs take link_color and an underline. */
bool ui_display_rich(ui_display_list *dl, float x, float y, const text_layout *text, ui_color color,
                     ui_color link_color);
bool ui_display_image(ui_display_list *dl, ui_rect box, const char *file);
/* An image from another folder than the list's image_root (the icons in assets/icons). */
bool ui_display_image_in(ui_display_list *dl, ui_rect box, const char *root, const char *file);
/* A single-colour icon (its alpha as a mask) drawn in color. */
bool ui_display_icon(ui_display_list *dl, ui_rect box, const char *root, const char *file, ui_color color);
/* Inserts a rectangle before item `index`, so it is drawn behind what came after (a box's background,
 * whose size is known only once its contents are laid out). */
bool ui_display_insert_rect(ui_display_list *dl, size_t index, ui_rect box, float radius, ui_color color);
/* Adds a target (or, clipped away, does not: still true). */
bool ui_display_target(ui_display_list *dl, ui_rect box, int action, int arg);
/* The index the target at box would get from ui_display_target, or -1 when the clip leaves it out:
 * a widget asks before it draws whether it is the pressed or focused one. */
int ui_display_next_target(const ui_display_list *dl, ui_rect box);
/* The topmost target containing (x, y), or NULL. */
const ui_target *ui_display_hit(const ui_display_list *dl, float x, float y);

#endif
