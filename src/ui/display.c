/* The display list: see display.h. */
#include "ui/display.h"

#include <stdlib.h>
#include <string.h>

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap * 2 : 32;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

void ui_display_clear(ui_display_list *dl, int width, int height, ui_color background)
{
    dl->count = 0;
    dl->target_count = 0;
    dl->clip = false;
    dl->width = width;
    dl->height = height;
    dl->background = background;
}

void ui_display_free(ui_display_list *dl)
{
    free(dl->items);
    free(dl->targets);
    dl->items = NULL;
    dl->targets = NULL;
    dl->count = dl->cap = dl->target_count = dl->target_cap = 0;
}

bool ui_display_rect(ui_display_list *dl, ui_rect box, float radius, ui_color color)
{
    if (!grow((void **)&dl->items, &dl->cap, dl->count + 1, sizeof *dl->items))
        return false;
    dl->items[dl->count++] = (ui_item){UI_ITEM_RECT, box, radius, color, color, NULL, NULL, NULL, false};
    return true;
}

bool ui_display_insert_rect(ui_display_list *dl, size_t index, ui_rect box, float radius, ui_color color)
{
    if (index > dl->count || !grow((void **)&dl->items, &dl->cap, dl->count + 1, sizeof *dl->items))
        return false;
    memmove(dl->items + index + 1, dl->items + index, (dl->count - index) * sizeof *dl->items);
    dl->items[index] = (ui_item){UI_ITEM_RECT, box, radius, color, color, NULL, NULL, NULL, false};
    dl->count++;
    return true;
}

bool ui_display_image_in(ui_display_list *dl, ui_rect box, const char *root, const char *file)
{
    if (!file || !grow((void **)&dl->items, &dl->cap, dl->count + 1, sizeof *dl->items))
        return false;
    dl->items[dl->count++] = (ui_item){UI_ITEM_IMAGE, box, 0, {255, 255, 255, 255}, {0, 0, 0, 0}, NULL, file, root, false};
    return true;
}

bool ui_display_icon(ui_display_list *dl, ui_rect box, const char *root, const char *file, ui_color color)
{
    if (!ui_display_image_in(dl, box, root, file))
        return false;
    dl->items[dl->count - 1].tint = true;
    dl->items[dl->count - 1].color = color;
    return true;
}

bool ui_display_image(ui_display_list *dl, ui_rect box, const char *file)
{
    return ui_display_image_in(dl, box, NULL, file);
}

bool ui_display_rich(ui_display_list *dl, float x, float y, const text_layout *text, ui_color color,
                     ui_color link_color)
{
    if (!text || !grow((void **)&dl->items, &dl->cap, dl->count + 1, sizeof *dl->items))
        return false;
    dl->items[dl->count++] =
        (ui_item){UI_ITEM_TEXT, {x, y, text->width, text->height}, 0, color, link_color, text, NULL, NULL, false};
    return true;
}

bool ui_display_text(ui_display_list *dl, float x, float y, const text_layout *text, ui_color color)
{
    return ui_display_rich(dl, x, y, text, color, color);
}

static bool clipped_away(const ui_display_list *dl, ui_rect box)
{
    return dl->clip && (box.y + box.h <= dl->clip_top || box.y >= dl->clip_bottom);
}

int ui_display_next_target(const ui_display_list *dl, ui_rect box)
{
    return clipped_away(dl, box) ? -1 : (int)dl->target_count;
}

bool ui_display_target(ui_display_list *dl, ui_rect box, int action, int arg)
{
    if (clipped_away(dl, box))
        return true;
    if (dl->clip && box.y < dl->clip_top) {
        box.h -= dl->clip_top - box.y;
        box.y = dl->clip_top;
    }
    if (dl->clip && box.y + box.h > dl->clip_bottom)
        box.h = dl->clip_bottom - box.y;
    if (!grow((void **)&dl->targets, &dl->target_cap, dl->target_count + 1, sizeof *dl->targets))
        return false;
    dl->targets[dl->target_count++] = (ui_target){box, action, arg};
    return true;
}

const ui_target *ui_display_hit(const ui_display_list *dl, float x, float y)
{
    for (size_t i = dl->target_count; i-- > 0;) {
        const ui_target *t = &dl->targets[i];
        if (x >= t->box.x && x < t->box.x + t->box.w && y >= t->box.y && y < t->box.y + t->box.h)
            return t;
    }
    return NULL;
}
