/* The glyph atlas: every (font, glyph, size, subpixel offset) rasterised once by FreeType into one
 * square of 8-bit coverage, so a frame of text is one batch of textured quads (SDL_RenderGeometry) or,
 * on SDL's software renderer, coverage blended straight onto the screen's pixels (render/draw.c).
 *
 * The coverage is the master copy: the texture the quads sample is made from it only when a renderer
 * asks for it (render_atlas_texture), so a software renderer that draws from the coverage never pays
 * the texture's 4 bytes a pixel. The atlas also holds a white block and an anti-aliased disc, so
 * rectangles and rounded corners come from the same texture and a whole screen draws in one call. When
 * the atlas is full it is reset and refilled, at twice the side while it may still grow: the caller
 * flushes what it has batched first (render_atlas_get says so).
 */
#ifndef VK_RENDER_ATLAS_H
#define VK_RENDER_ATLAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "base/error.h"
#include "text/font.h"

#define RENDER_SUBPIXELS 4 /* horizontal positions per pixel: quarter-pixel placement */

typedef struct render_atlas render_atlas;

typedef struct render_glyph {
    float u0, v0, u1, v1; /* texture coordinates */
    int width, height;    /* bitmap size in pixels; 0 for an empty glyph (a space) */
    int left, top;        /* bitmap offset from the pen position: x + left, baseline - top */
    int x, y;             /* the bitmap's top-left pixel in the coverage (render_atlas_coverage) */
} render_glyph;

typedef struct render_atlas_stats {
    uint64_t hits, misses, resets;
    uint64_t grows;       /* resets that doubled the texture's side */
    int glyphs;
    int texture_size;  /* the side of the coverage square, and of the texture once there is one */
    float fill;        /* fraction of the rows in use */
    size_t bytes;      /* the coverage, and the texture's pixels if one was made */
} render_atlas_stats;

/* A texture_size x texture_size atlas that, when full, doubles its side up to max_size before it
 * starts to reset and refill at that size. renderer is borrowed: the texture is made for it. */
render_atlas *render_atlas_new(SDL_Renderer *renderer, int texture_size, int max_size, vk_error *err);
void render_atlas_free(render_atlas *atlas); /* accepts NULL */

typedef enum render_atlas_result {
    RENDER_ATLAS_OK,
    RENDER_ATLAS_FULL,  /* nothing stored: flush the batch, render_atlas_reset, ask again */
    RENDER_ATLAS_ERROR  /* FreeType could not render it: draw nothing for this glyph */
} render_atlas_result;

render_atlas_result render_atlas_get(render_atlas *atlas, const text_font *font, uint32_t glyph, float size,
                                     int subpixel, render_glyph *out);
void render_atlas_reset(render_atlas *atlas);
/* The texture, made on first use and brought up to date with the coverage (glyphs added since the
 * last call are uploaded); NULL with SDL's error set when the renderer cannot make it. Owned by the
 * atlas, valid until the next render_atlas_reset. */
SDL_Texture *render_atlas_texture(render_atlas *atlas);
/* The coverage square, 0 (nothing) to 255 (covered), `pitch` bytes a row; borrowed, valid until the
 * next render_atlas_reset. */
const uint8_t *render_atlas_coverage(const render_atlas *atlas, int *pitch);
/* The disc's square in the coverage, in pixels: its top-left corner and side (twice its radius). */
void render_atlas_disc_rect(const render_atlas *atlas, int *x, int *y, int *side);
/* Texture coordinates of a fully opaque white texel, and of the disc's bounding square. */
void render_atlas_solid(const render_atlas *atlas, float *u, float *v);
void render_atlas_disc(const render_atlas *atlas, float *u0, float *v0, float *u1, float *v1);
render_atlas_stats render_atlas_get_stats(const render_atlas *atlas);

#endif
