/* Drawing a display list with SDL's renderer: the only code that draws.
 *
 * Every rectangle, rounded corner and glyph becomes a textured quad from the glyph atlas, so a frame
 * is normally a single SDL_RenderGeometry call. On SDL's software renderer, when the surface it draws
 * on is known, the same pieces are blended straight onto the surface's pixels instead, with SDL's own
 * arithmetic: the same pixels, several times faster (see draw.c).
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
    uint64_t direct_frames; /* frames blended straight onto the software renderer's surface */
    render_atlas_stats atlas;
} render_stats;

/* renderer is borrowed and must outlive the context. A window's software renderer is drawn on
 * directly (through the window's surface); any other renderer with textured quads. */
render_ctx *render_new(SDL_Renderer *renderer, vk_error *err);
/* The same for a software renderer made with SDL_CreateSoftwareRenderer(surface): pass that surface
 * (borrowed, must outlive the context) and frames are blended onto it directly, unless a render
 * target, a scale or its pixel format (not 32-bit xRGB) stands in the way. On another renderer,
 * surface is ignored. */
render_ctx *render_new_on_surface(SDL_Renderer *renderer, SDL_Surface *surface, vk_error *err);
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
