/* Drawing a display list with SDL's renderer: the only code that draws.
 *
 * Every rectangle, rounded corner and glyph becomes a textured quad from the glyph atlas, so a frame
 * is normally a single SDL_RenderGeometry call.
 */
#ifndef VK_RENDER_DRAW_H
#define VK_RENDER_DRAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "base/error.h"
#include "render/atlas.h"
#include "ui/display.h"

typedef struct render_ctx render_ctx;

typedef struct render_stats {
    uint64_t frames;
    uint64_t glyphs_drawn;
    uint64_t notdef_drawn; /* glyph 0 reached the screen: a character no bundled font covers */
    uint64_t batches;      /* SDL_RenderGeometry calls */
    render_atlas_stats atlas;
} render_stats;

/* renderer is borrowed and must outlive the context. */
render_ctx *render_new(SDL_Renderer *renderer, vk_error *err);
void render_free(render_ctx *r); /* accepts NULL */

/* Clears to the list's background and draws every item. Does not present. */
bool render_display_list(render_ctx *r, const ui_display_list *dl, vk_error *err);
render_stats render_get_stats(const render_ctx *r);

/* The pixel size of a picture below root, loaded (with SDL_image) and kept for drawing. False when it
 * cannot be read. For the UI's layout, through ui_env.image_size. */
bool render_image_size(render_ctx *r, const char *root, const char *file, int *w, int *h);
/* The same with the signature of ui_env.image_size; ctx is the render_ctx. */
bool render_image_size_fn(void *ctx, const char *root, const char *file, int *w, int *h);

/* Reads what the renderer has drawn and writes it as a PNG file. */
bool render_save_png(SDL_Renderer *renderer, const char *path, vk_error *err);

#endif
