/* Display list -> pixels: see draw.h.
 *
 * Two ways to the same pixels. On an accelerated renderer every piece is a textured quad from the
 * glyph atlas, sent to SDL_RenderGeometry in batches. SDL's software renderer turns each such quad
 * back into a rectangle and a blit of its own (SDL_render.c, SDL_SW_RenderGeometryRaw), with a queued
 * command, a clip and a blitter chosen per glyph: drawing was nine tenths of the text engine's time.
 * So when the software renderer draws into a surface we can see (render_new_on_surface, or a window's
 * surface), the pieces are blended straight onto its pixels from the atlas's coverage instead, with
 * SDL 2.26's own arithmetic (see `over`), so both ways give the same pixels (tests/test_app_render.c
 * compares them; another SDL may round a level differently). Pictures are SDL's to draw on either
 * path; on the software renderer they are scaled once for the frames that show them (prescaled).
 */
#include "render/draw.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>
#include <png.h>

#include "base/file.h"

typedef struct image_entry {
    char *path;
    SDL_Texture *texture; /* NULL when the file could not be read: asked once, not every frame */
    SDL_Texture *mask;    /* white with the picture's alpha, tinted when drawn (icons) */
    int w, h;
    /* Software renderer: the picture (or mask) already scaled to the size it is shown at, while it is
     * on the screen, so a frame blits it instead of scaling it again (see prescaled). */
    SDL_Texture *scaled;
    int scaled_w, scaled_h;
    bool scaled_mask;
    int last_w, last_h; /* the size it was drawn at in the last frame; 0: not drawn */
    bool last_mask, drawn;
} image_entry;

#define MAX_IMAGES 64
#define MAX_TINTS 4   /* a frame has a handful of text colours: text, links, labels, buttons */
#define MAX_CORNERS 8 /* and of corner radii */
#define MAX_PRESCALED_PIXELS (2 * 1920 * 1080)
#define MAX_DIRECT_RADIUS 256 /* a corner mask is 4 radius^2 bytes: larger ones are left to SDL */

/* How one colour lands on the screen at each coverage, the way SDL 2.26 blends a white texel tinted
 * with it. */
typedef struct tint {
    ui_color color;
    bool used;
    bool unmodulated;  /* opaque white: SDL blits it without modulation, with other rounding (over_white) */
    uint32_t src[256]; /* the premultiplied source pixel for each coverage */
    uint8_t inv[256];  /* 255 - its alpha */
} tint;

/* A rounded corner's coverage at one radius: the atlas's disc scaled as SDL scales it. */
typedef struct corner_mask {
    int radius;   /* 0: unused */
    uint8_t *cov; /* four radius x radius quadrants: top left, top right, bottom left, bottom right */
} corner_mask;

/* The pixels of the surface being drawn on directly, for one frame. */
typedef struct canvas {
    uint32_t *px;
    size_t pitch;       /* in pixels */
    int ox, oy;         /* the renderer's viewport origin: where the display list's (0, 0) is */
    int x0, y0, x1, y1; /* what may be drawn on: the viewport, and its clip rectangle if one is set */
    int w, h;           /* the whole surface */
    uint32_t opaque;    /* the bits SDL sets in a filled pixel beyond its colour: alpha, if the format has it */
} canvas;

struct render_ctx {
    SDL_Renderer *renderer;
    SDL_Surface *surface; /* the software renderer's own surface when the caller said which; borrowed */
    bool software;
    canvas *canvas;       /* during a frame drawn directly */
    tint tints[MAX_TINTS];
    int tint_next;
    corner_mask corners[MAX_CORNERS];
    int corner_next;
    render_atlas *atlas;
    image_entry images[MAX_IMAGES];
    int image_count, image_next;
    SDL_Vertex *verts;
    int *indices;
    size_t nverts, nindices, cap_verts, cap_indices;
    render_stats stats;
};

render_ctx *render_new(SDL_Renderer *renderer, vk_error *err)
{
    return render_new_on_surface(renderer, NULL, err);
}

render_ctx *render_new_on_surface(SDL_Renderer *renderer, SDL_Surface *surface, vk_error *err)
{
    render_ctx *r = calloc(1, sizeof *r);
    if (!r) {
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    r->renderer = renderer;
    SDL_RendererInfo info;
    r->software = SDL_GetRendererInfo(renderer, &info) == 0 &&
                  ((info.flags & SDL_RENDERER_SOFTWARE) || (info.name && strcmp(info.name, "software") == 0));
    r->surface = r->software ? surface : NULL;
    /* 1024 px (1 MB of coverage, and a 4 MB texture on the geometry path) holds a screen or two of
     * one language, all that `velkommen render` draws; a kiosk that goes through the languages fills
     * it and grows it to 2048 px, which holds the glyphs of all four languages' screens at once (at
     * 1024 cycling languages reset it every few frames: the benchmark's atlas figures) */
    r->atlas = render_atlas_new(renderer, 1024, 2048, err);
    if (!r->atlas) {
        free(r);
        return NULL;
    }
    return r;
}

void render_free(render_ctx *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->image_count; i++) {
        if (r->images[i].texture)
            SDL_DestroyTexture(r->images[i].texture);
        if (r->images[i].mask)
            SDL_DestroyTexture(r->images[i].mask);
        if (r->images[i].scaled)
            SDL_DestroyTexture(r->images[i].scaled);
        free(r->images[i].path);
    }
    for (int i = 0; i < MAX_CORNERS; i++)
        free(r->corners[i].cov);
    render_atlas_free(r->atlas);
    free(r->verts);
    free(r->indices);
    free(r);
}

static bool flush(render_ctx *r)
{
    if (r->nindices == 0)
        return true;
    SDL_Texture *t = render_atlas_texture(r->atlas);
    int rc = t ? SDL_RenderGeometry(r->renderer, t, r->verts, (int)r->nverts, r->indices, (int)r->nindices) : -1;
    r->stats.batches++;
    r->nverts = r->nindices = 0;
    return rc == 0;
}

static bool quad(render_ctx *r, float x0, float y0, float x1, float y1, float u0, float v0, float u1, float v1,
                 ui_color c)
{
    if (r->nverts + 4 > r->cap_verts) {
        size_t cap = r->cap_verts ? r->cap_verts * 2 : 4096;
        SDL_Vertex *v = realloc(r->verts, cap * sizeof *v);
        if (!v)
            return false;
        r->verts = v;
        r->cap_verts = cap;
    }
    if (r->nindices + 6 > r->cap_indices) {
        size_t cap = r->cap_indices ? r->cap_indices * 2 : 6144;
        int *ix = realloc(r->indices, cap * sizeof *ix);
        if (!ix)
            return false;
        r->indices = ix;
        r->cap_indices = cap;
    }
    SDL_Color col = {c.r, c.g, c.b, c.a};
    int b = (int)r->nverts;
    r->verts[r->nverts++] = (SDL_Vertex){{x0, y0}, col, {u0, v0}};
    r->verts[r->nverts++] = (SDL_Vertex){{x1, y0}, col, {u1, v0}};
    r->verts[r->nverts++] = (SDL_Vertex){{x1, y1}, col, {u1, v1}};
    r->verts[r->nverts++] = (SDL_Vertex){{x0, y1}, col, {u0, v1}};
    int idx[6] = {b, b + 1, b + 2, b, b + 2, b + 3};
    for (int i = 0; i < 6; i++)
        r->indices[r->nindices++] = idx[i];
    return true;
}

/* ---- Drawing straight onto the software renderer's surface ----
 *
 * Every formula below is what SDL 2.26 computes for the same piece on the same pixel format, so the
 * two paths agree to the bit: SDL_Blit_ARGB8888_ARGB8888_Modulate_Blend for a tinted texel (a glyph, a
 * corner), SDL_BlendFillRect for a rectangle, and BlitRGBtoRGBPixelAlphaMMX for an untinted texel
 * (opaque white text), which SDL blits without modulation. Positions are converted to whole pixels as
 * SDL_render_sw.c converts them: truncated, a rectangle at least a pixel wide. */

/* (int)f as SDL converts a coordinate, in 64 bits so that adding a size cannot overflow; a float past
 * an int's range (which has no int) is held at its end. */
static int64_t to_int(float f)
{
    return f <= (float)INT_MIN ? INT_MIN : f >= (float)INT_MAX ? INT_MAX : (int64_t)(int)f;
}

/* Premultiplied "over" with SDL's rounding: s + d * (255 - a) / 255 per channel, rounded down, the
 * division done on two channels at once (x / 255 == (x + 1 + (x >> 8)) >> 8 for x <= 255 * 255). */
static inline uint32_t over(uint32_t d, uint32_t s, uint32_t inv)
{
    uint32_t rb = (d & 0x00FF00FFu) * inv, ag = ((d >> 8) & 0x00FF00FFu) * inv;
    rb = ((rb + ((rb >> 8) & 0x00FF00FFu) + 0x00010001u) >> 8) & 0x00FF00FFu;
    ag = ((ag + ((ag >> 8) & 0x00FF00FFu) + 0x00010001u) >> 8) & 0x00FF00FFu;
    return s + (rb | (ag << 8));
}

/* SDL's MMX blitter: s + d * (255 - a) / 256, where s is 255 * a / 256 in every channel. */
static inline uint32_t over_white(uint32_t d, uint32_t s, uint32_t inv)
{
    uint32_t rb = (((d & 0x00FF00FFu) * inv) >> 8) & 0x00FF00FFu;
    uint32_t ag = ((((d >> 8) & 0x00FF00FFu) * inv) >> 8) & 0x00FF00FFu;
    return s + (rb | (ag << 8));
}

static const tint *get_tint(render_ctx *r, ui_color c)
{
    for (int i = 0; i < MAX_TINTS; i++) {
        const tint *t = &r->tints[i];
        if (t->used && t->color.r == c.r && t->color.g == c.g && t->color.b == c.b && t->color.a == c.a)
            return t;
    }
    tint *t = &r->tints[r->tint_next];
    r->tint_next = (r->tint_next + 1) % MAX_TINTS;
    t->color = c;
    t->used = true;
    /* SDL leaves a texture unmodulated when its colour and alpha mods are all 255 */
    t->unmodulated = c.r == 255 && c.g == 255 && c.b == 255 && c.a == 255;
    for (uint32_t cov = 0; cov < 256; cov++) {
        if (t->unmodulated) {
            uint32_t v = 255 * cov >> 8;
            t->src[cov] = cov == 255 ? 0xFFFFFFFFu : v << 24 | v << 16 | v << 8 | v;
            t->inv[cov] = (uint8_t)(255 - cov);
            continue;
        }
        uint32_t a = cov * c.a / 255;
        t->src[cov] = a << 24 | (c.r * a / 255) << 16 | (c.g * a / 255) << 8 | (c.b * a / 255);
        t->inv[cov] = (uint8_t)(255 - a);
    }
    return t;
}

/* Blends a w x h coverage mask (pitch bytes a row) with its top-left at (x, y) of the display list. */
static void blend_mask(const canvas *cv, int64_t x, int64_t y, const uint8_t *m, int pitch, int w, int h,
                       const tint *t)
{
    x += cv->ox;
    y += cv->oy;
    if (x >= cv->x1 || y >= cv->y1 || x + w <= cv->x0 || y + h <= cv->y0)
        return;
    int i0 = x < cv->x0 ? (int)(cv->x0 - x) : 0, j0 = y < cv->y0 ? (int)(cv->y0 - y) : 0;
    int i1 = x + w > cv->x1 ? (int)(cv->x1 - x) : w, j1 = y + h > cv->y1 ? (int)(cv->y1 - y) : h;
    for (int j = j0; j < j1; j++) {
        const uint8_t *row = m + (size_t)j * (size_t)pitch;
        uint32_t *px = cv->px + (size_t)(y + j) * cv->pitch + x;
        /* two loops, not a test per pixel: most of a frame's pixels pass through here */
        if (t->unmodulated) {
            for (int i = i0; i < i1; i++) {
                unsigned c = row[i];
                if (c == 255)
                    px[i] = 0xFFFFFFFFu;
                else if (c)
                    px[i] = over_white(px[i], t->src[c], t->inv[c]);
            }
        } else {
            for (int i = i0; i < i1; i++) {
                unsigned c = row[i];
                if (!c)
                    continue;
                if (t->inv[c] == 0)
                    px[i] = t->src[c];
                else if (t->inv[c] != 255)
                    px[i] = over(px[i], t->src[c], t->inv[c]);
            }
        }
    }
}

/* Pixels [x0, x1) x [y0, y1) set to v: the first row a few pixels then copies of itself, the others
 * copies of the first. memcpy's wide stores keep the pixels in the cache, where the blending that
 * follows wants them; SDL_FillRect streams past it (non-temporal stores) and was twice as slow here. */
static void fill_pixels(const canvas *cv, int x0, int y0, int x1, int y1, uint32_t v)
{
    int n = x1 - x0, done = n < 16 ? n : 16;
    if (n <= 0 || y0 >= y1)
        return;
    uint32_t *first = cv->px + (size_t)y0 * cv->pitch + x0;
    for (int i = 0; i < done; i++)
        first[i] = v;
    for (; done < n; done *= 2)
        memcpy(first + done, first, (size_t)(done < n - done ? done : n - done) * 4);
    for (int y = y0 + 1; y < y1; y++)
        memcpy(cv->px + (size_t)y * cv->pitch + x0, first, (size_t)n * 4);
}

/* A rectangle as SDL_RenderFillRectF draws it: blended (SDL_BlendFillRect's rounding), or plain
 * colour when opaque, which is what blending at alpha 255 gives too. */
static void fill_rect(const canvas *cv, float fx, float fy, float fw, float fh, ui_color c)
{
    int64_t w = to_int(fw), h = to_int(fh);
    int64_t x0 = to_int(fx) + cv->ox, y0 = to_int(fy) + cv->oy;
    int64_t x1 = x0 + (w > 1 ? w : 1), y1 = y0 + (h > 1 ? h : 1);
    x0 = x0 < cv->x0 ? cv->x0 : x0;
    y0 = y0 < cv->y0 ? cv->y0 : y0;
    x1 = x1 > cv->x1 ? cv->x1 : x1;
    y1 = y1 > cv->y1 ? cv->y1 : y1;
    if (c.a == 0 || x0 >= x1 || y0 >= y1)
        return;
    uint32_t a = c.a, inv = 255 - a;
    if (a == 255) {
        uint32_t v = cv->opaque | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
        fill_pixels(cv, (int)x0, (int)y0, (int)x1, (int)y1, v);
        return;
    }
    uint32_t s = a << 24 | (c.r * a / 255) << 16 | (c.g * a / 255) << 8 | (c.b * a / 255);
    for (int y = y0; y < y1; y++) {
        uint32_t *px = cv->px + (size_t)y * cv->pitch;
        for (int x = x0; x < x1; x++)
            px[x] = over(px[x], s, inv);
    }
}

/* The four quadrants of the atlas's disc scaled to radius x radius as SDL scales a textured quad on
 * the software renderer: SDL_SoftStretchLinear (SDL_surface.c, SDL_PrivateLowerBlitScaled), or the
 * texels themselves at the disc's own size. NULL without memory. */
static const uint8_t *corner_mask_for(render_ctx *r, int radius)
{
    for (int i = 0; i < MAX_CORNERS; i++)
        if (r->corners[i].radius == radius)
            return r->corners[i].cov;
    int pitch, dx, dy, side;
    const uint8_t *cov = render_atlas_coverage(r->atlas, &pitch);
    render_atlas_disc_rect(r->atlas, &dx, &dy, &side);
    int half = side / 2;
    size_t n = (size_t)radius * (size_t)radius;
    uint8_t *mask = malloc(4 * n);
    SDL_Surface *disc = NULL, *scaled = NULL;
    if (mask && radius != half) {
        disc = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
        scaled = disc ? SDL_CreateRGBSurfaceWithFormat(0, radius, radius, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
        if (!scaled) {
            free(mask);
            mask = NULL;
        }
        for (int j = 0; scaled && j < side; j++) {
            uint32_t *row = (uint32_t *)((uint8_t *)disc->pixels + (size_t)j * (size_t)disc->pitch);
            const uint8_t *c = cov + (size_t)(dy + j) * (size_t)pitch + (size_t)dx;
            for (int i = 0; i < side; i++)
                row[i] = (uint32_t)c[i] << 24 | 0x00FFFFFFu; /* as the atlas's texture holds it */
        }
    }
    for (int q = 0; mask && q < 4; q++) {
        int qx = (q & 1) * half, qy = (q >> 1) * half;
        uint8_t *out = mask + (size_t)q * n;
        if (!scaled) {
            const uint8_t *c = cov + (size_t)(dy + qy) * (size_t)pitch + (size_t)(dx + qx);
            for (int j = 0; j < radius; j++)
                memcpy(out + (size_t)j * (size_t)radius, c + (size_t)j * (size_t)pitch, (size_t)radius);
            continue;
        }
        SDL_Rect src = {qx, qy, half, half};
        SDL_SoftStretchLinear(disc, &src, scaled, NULL);
        for (int j = 0; j < radius; j++) {
            const uint8_t *bytes = (const uint8_t *)scaled->pixels + (size_t)j * (size_t)scaled->pitch;
            const uint32_t *row = (const uint32_t *)bytes;
            for (int i = 0; i < radius; i++)
                out[(size_t)j * (size_t)radius + (size_t)i] = (uint8_t)(row[i] >> 24);
        }
    }
    SDL_FreeSurface(disc);
    SDL_FreeSurface(scaled);
    if (!mask)
        return NULL;
    corner_mask *c = &r->corners[r->corner_next];
    r->corner_next = (r->corner_next + 1) % MAX_CORNERS;
    free(c->cov);
    c->radius = radius;
    c->cov = mask;
    return mask;
}

/* The surface to draw on directly this frame, or false for the geometry path: an accelerated
 * renderer, a render target (the rotated kiosk draws into a texture), a scale, a pixel format other
 * than 32-bit xRGB, or a surface that needs locking. */
static bool direct_canvas(render_ctx *r, canvas *cv)
{
    if (!r->software || SDL_GetRenderTarget(r->renderer))
        return false;
    SDL_Surface *s = r->surface;
    if (!s) {
        /* a window's software renderer draws on the window's surface, the one this returns */
        SDL_Window *w = SDL_RenderGetWindow(r->renderer);
        s = w ? SDL_GetWindowSurface(w) : NULL;
    }
    if (!s || !s->pixels || SDL_MUSTLOCK(s) || s->format->BytesPerPixel != 4 || s->format->Rmask != 0x00FF0000u ||
        s->format->Gmask != 0x0000FF00u || s->format->Bmask != 0x000000FFu)
        return false;
    float sx, sy;
    int ow, oh;
    SDL_RenderGetScale(r->renderer, &sx, &sy);
    if (sx != 1.0f || sy != 1.0f || SDL_GetRendererOutputSize(r->renderer, &ow, &oh) != 0 || ow != s->w ||
        oh != s->h)
        return false;
    /* what SDL's software renderer clips to (SDL_render_sw.c, SetDrawState) */
    SDL_Rect vp, clip, area = {0, 0, s->w, s->h};
    SDL_RenderGetViewport(r->renderer, &vp);
    if (!SDL_IntersectRect(&vp, &area, &area))
        area = (SDL_Rect){0, 0, 0, 0};
    if (SDL_RenderIsClipEnabled(r->renderer)) {
        SDL_RenderGetClipRect(r->renderer, &clip);
        clip.x += vp.x;
        clip.y += vp.y;
        if (!SDL_IntersectRect(&clip, &area, &area))
            area = (SDL_Rect){0, 0, 0, 0};
    }
    /* whatever the caller queued lands first */
    if (SDL_RenderFlush(r->renderer) != 0)
        return false;
    *cv = (canvas){.px = s->pixels,
                   .pitch = (size_t)s->pitch / 4,
                   .ox = vp.x,
                   .oy = vp.y,
                   .x0 = area.x,
                   .y0 = area.y,
                   .x1 = area.x + area.w,
                   .y1 = area.y + area.h,
                   .w = s->w,
                   .h = s->h,
                   .opaque = s->format->Amask};
    return true;
}

static bool solid(render_ctx *r, float x, float y, float w, float h, ui_color c)
{
    if (w <= 0 || h <= 0)
        return true;
    if (r->canvas) {
        fill_rect(r->canvas, x, y, w, h, c);
        return true;
    }
    if (c.a == 255 && w * h >= 4096) {
        /* A large opaque area is a plain fill: SDL's software renderer would blend every pixel of a
         * textured quad, and these rectangles (tiles, bars, boxes) are most of the screen. The batch
         * so far is drawn first, to keep the order. */
        if (!flush(r))
            return false;
        SDL_SetRenderDrawBlendMode(r->renderer, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(r->renderer, c.r, c.g, c.b, 255);
        SDL_FRect fr = {x, y, w, h};
        return SDL_RenderFillRectF(r->renderer, &fr) == 0;
    }
    float u, v;
    render_atlas_solid(r->atlas, &u, &v);
    return quad(r, x, y, x + w, y + h, u, v, u, v, c);
}

/* A rounded rectangle as nine pieces: four disc quadrants for the corners, three solid bands. */
static bool rounded(render_ctx *r, ui_rect b, float rad, ui_color c)
{
    /* Whole pixels: pieces that meet at a fractional edge can leave a row uncovered in the software
     * rasteriser. */
    float xr = roundf(b.x), yr = roundf(b.y);
    b.w = roundf(b.x + b.w) - xr;
    b.h = roundf(b.y + b.h) - yr;
    b.x = xr;
    b.y = yr;
    rad = roundf(fminf(rad, fminf(b.w, b.h) / 2));
    if (rad < 1)
        return solid(r, b.x, b.y, b.w, b.h, c);
    float x0 = b.x, y0 = b.y, x1 = b.x + b.w, y1 = b.y + b.h;
    bool ok;
    if (r->canvas && rad <= MAX_DIRECT_RADIUS) {
        int n = (int)rad;
        int64_t ix0 = to_int(x0), iy0 = to_int(y0), ix1 = to_int(x1), iy1 = to_int(y1);
        const uint8_t *m = corner_mask_for(r, n);
        if (!m) {
            SDL_OutOfMemory();
            return false;
        }
        const tint *t = get_tint(r, c);
        size_t q = (size_t)n * (size_t)n;
        blend_mask(r->canvas, ix0, iy0, m, n, n, n, t);
        blend_mask(r->canvas, ix1 - n, iy0, m + q, n, n, n, t);
        blend_mask(r->canvas, ix0, iy1 - n, m + 2 * q, n, n, n, t);
        blend_mask(r->canvas, ix1 - n, iy1 - n, m + 3 * q, n, n, n, t);
        ok = true;
    } else {
        float u0, v0, u1, v1;
        render_atlas_disc(r->atlas, &u0, &v0, &u1, &v1);
        float um = (u0 + u1) / 2, vm = (v0 + v1) / 2;
        ok = quad(r, x0, y0, x0 + rad, y0 + rad, u0, v0, um, vm, c) &&
             quad(r, x1 - rad, y0, x1, y0 + rad, um, v0, u1, vm, c) &&
             quad(r, x0, y1 - rad, x0 + rad, y1, u0, vm, um, v1, c) &&
             quad(r, x1 - rad, y1 - rad, x1, y1, um, vm, u1, v1, c);
        /* drawing directly, a corner too big to keep a mask of is SDL's: on the surface before
         * what follows is written */
        if (ok && r->canvas)
            ok = flush(r) && SDL_RenderFlush(r->renderer) == 0;
    }
    return ok && solid(r, x0 + rad, y0, b.w - 2 * rad, b.h, c) && solid(r, x0, y0 + rad, rad, b.h - 2 * rad, c) &&
           solid(r, x1 - rad, y0 + rad, rad, b.h - 2 * rad, c);
}

/* Whether path, with every symbolic link resolved, is inside the folder root: the last guard that
 * the kiosk opens no picture outside the content or icon folder, whatever name it was handed. */
static bool inside_folder(const char *root, const char *path)
{
    char *r = realpath(root, NULL), *p = realpath(path, NULL);
    size_t n = r ? strlen(r) : 0;
    bool ok = r && p && strncmp(p, r, n) == 0 && (r[1] == 0 || p[n] == 0 || p[n] == '/');
    free(r);
    free(p);
    return ok;
}

static image_entry *image(render_ctx *r, const char *root, const char *file)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", file);
    for (int i = 0; i < r->image_count; i++)
        if (strcmp(r->images[i].path, path) == 0)
            return &r->images[i];
    /* a small ring: a kiosk shows a handful of pictures at a time */
    image_entry *e;
    if (r->image_count < MAX_IMAGES) {
        e = &r->images[r->image_count++];
    } else {
        e = &r->images[r->image_next];
        r->image_next = (r->image_next + 1) % MAX_IMAGES;
        if (e->texture)
            SDL_DestroyTexture(e->texture);
        if (e->mask)
            SDL_DestroyTexture(e->mask);
        if (e->scaled)
            SDL_DestroyTexture(e->scaled);
        free(e->path);
    }
    memset(e, 0, sizeof *e);
    e->path = strdup(path);
    /* Opened here and not by IMG_Load: a named pipe where a picture was must not hold the drawing
     * (base/file.h). SDL_image knows an SVG by the name's ending, as IMG_Load would tell it. */
    FILE *f = e->path && inside_folder(root ? root : ".", path) ? vk_open_ordinary(path, NULL) : NULL;
    SDL_RWops *rw = f ? SDL_RWFromFP(f, SDL_TRUE) : NULL;
    if (!rw && f)
        fclose(f);
    const char *dot = strrchr(file, '.');
    SDL_Surface *s = rw ? IMG_LoadTyped_RW(rw, 1, dot ? dot + 1 : NULL) : NULL;
    if (s) {
        e->texture = SDL_CreateTextureFromSurface(r->renderer, s);
        e->w = s->w;
        e->h = s->h;
        if (e->texture)
            SDL_SetTextureScaleMode(e->texture, SDL_ScaleModeLinear); /* pictures are scaled to the column */
        /* The same picture as a mask (white, its own alpha), for single-colour icons that take the
         * theme's colour: blue on paper, yellow on black. */
        SDL_Surface *m = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        if (m && SDL_LockSurface(m) == 0) {
            for (int y = 0; y < m->h; y++) {
                uint32_t *row = (uint32_t *)((uint8_t *)m->pixels + (size_t)y * (size_t)m->pitch);
                for (int x = 0; x < m->w; x++)
                    row[x] |= 0x00FFFFFFu;
            }
            SDL_UnlockSurface(m);
            e->mask = SDL_CreateTextureFromSurface(r->renderer, m);
            if (e->mask) {
                SDL_SetTextureBlendMode(e->mask, SDL_BLENDMODE_BLEND);
                SDL_SetTextureScaleMode(e->mask, SDL_ScaleModeLinear);
            }
        }
        SDL_FreeSurface(m);
        SDL_FreeSurface(s);
    }
    return e;
}

bool render_image_size(render_ctx *r, const char *root, const char *file, int *w, int *h)
{
    image_entry *e = image(r, root, file);
    if (!e || !e->texture)
        return false;
    *w = e->w;
    *h = e->h;
    return true;
}

bool render_image_size_fn(void *ctx, const char *root, const char *file, int *w, int *h)
{
    return render_image_size(ctx, root, file, w, h);
}

/* The software renderer scales a picture anew in every frame (SDL_PrivateLowerBlitScaled: a
 * temporary surface of the shown size, SDL_SoftStretchLinear into it, then a blit), which cost more
 * than all of a page's text. From the second frame in a row at the same size, the picture is scaled
 * once into a texture of that size (SDL_SoftStretchLinear again, through a render target: the same
 * pixels) and blitted as it is: the same blit of the same pixels. One frame alone (velkommen render)
 * never pays for the copy. NULL: draw the picture itself. */
static SDL_Texture *prescaled(render_ctx *r, image_entry *e, SDL_Texture *tex, bool mask, int w, int h)
{
    e->drawn = true;
    if (e->scaled && e->scaled_w == w && e->scaled_h == h && e->scaled_mask == mask)
        return e->scaled;
    bool again = e->last_w == w && e->last_h == h && e->last_mask == mask;
    e->last_w = w;
    e->last_h = h;
    e->last_mask = mask;
    Uint32 format;
    SDL_BlendMode blend;
    Uint8 cr, cg, cb;
    /* a render target is the caller's (the rotated kiosk's), only 32-bit pixels scale without a
     * conversion first, and a copy is kept only up to twice a 1080p screen's pixels (16 MB) */
    if (!again || !r->software || SDL_GetRenderTarget(r->renderer) || w <= 0 || h <= 0 || (w == e->w && h == e->h) ||
        (int64_t)w * h > MAX_PRESCALED_PIXELS ||
        SDL_QueryTexture(tex, &format, NULL, NULL, NULL) != 0 || SDL_BYTESPERPIXEL(format) != 4 ||
        format == SDL_PIXELFORMAT_ARGB2101010)
        return NULL;
    if (e->scaled)
        SDL_DestroyTexture(e->scaled);
    e->scaled = SDL_CreateTexture(r->renderer, format, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!e->scaled)
        return NULL;
    SDL_GetTextureBlendMode(tex, &blend);
    SDL_GetTextureColorMod(tex, &cr, &cg, &cb);
    /* unblended and untinted, as SDL scales before it blends */
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_NONE);
    SDL_SetTextureColorMod(tex, 255, 255, 255);
    bool ok = SDL_SetRenderTarget(r->renderer, e->scaled) == 0 && SDL_RenderCopy(r->renderer, tex, NULL, NULL) == 0;
    ok = SDL_SetRenderTarget(r->renderer, NULL) == 0 && ok;
    SDL_SetTextureBlendMode(tex, blend);
    SDL_SetTextureColorMod(tex, cr, cg, cb);
    SDL_SetTextureBlendMode(e->scaled, blend);
    if (!ok) {
        SDL_DestroyTexture(e->scaled);
        e->scaled = NULL;
        return NULL;
    }
    e->scaled_w = w;
    e->scaled_h = h;
    e->scaled_mask = mask;
    return e->scaled;
}

static bool draw_image(render_ctx *r, const ui_display_list *dl, const ui_item *it)
{
    image_entry *e = image(r, it->image_root ? it->image_root : dl->image_root, it->image);
    if (!e || !e->texture)
        return true; /* the checker reports unreadable pictures; the kiosk leaves the space empty */
    if (!flush(r))
        return false;
    SDL_FRect dst = {it->box.x, it->box.y, it->box.w, it->box.h};
    bool mask = it->tint && e->mask;
    SDL_Texture *tex = mask ? e->mask : e->texture;
    /* the whole pixels SDL's software renderer would scale to (SDL_render_sw.c, SW_QueueCopy) */
    int w = (int)to_int(dst.w), h = (int)to_int(dst.h);
    SDL_Texture *pre = r->software ? prescaled(r, e, tex, mask, w, h) : NULL;
    if (pre) {
        tex = pre;
        dst.w = (float)w;
        dst.h = (float)h;
    }
    if (mask)
        SDL_SetTextureColorMod(tex, it->color.r, it->color.g, it->color.b);
    int rc = SDL_RenderCopyF(r->renderer, tex, NULL, &dst);
    /* drawing directly, what comes next is written at once: SDL's picture must be there first */
    return rc == 0 && (!r->canvas || SDL_RenderFlush(r->renderer) == 0);
}

/* After a frame: a scaled copy not drawn in it goes (memory for what is on the screen only), and a
 * picture not drawn starts its count of frames at the same size again. */
static void forget_undrawn_pictures(render_ctx *r)
{
    for (int i = 0; i < r->image_count; i++) {
        image_entry *e = &r->images[i];
        if (!e->drawn) {
            if (e->scaled)
                SDL_DestroyTexture(e->scaled);
            e->scaled = NULL;
            e->last_w = e->last_h = 0;
        }
        e->drawn = false;
    }
}

static bool text(render_ctx *r, const ui_item *it)
{
    const text_layout *L = it->text;
    int pitch = 0;
    for (size_t ri = 0; ri < L->run_count; ri++) {
        const text_run *run = &L->runs[ri];
        bool link = (run->attrs & TEXT_ATTR_LINK) != 0;
        ui_color color = link ? it->link_color : it->color;
        const tint *t = r->canvas ? get_tint(r, color) : NULL;
        if ((run->attrs & TEXT_ATTR_TERM) && !link && run->glyph_count) {
            /* a glossary word: a dotted underline, the convention for "tap for an explanation" */
            float base = it->box.y + L->glyphs[run->glyph_start].y + L->size * 0.14f;
            float dot = fmaxf(2.0f, roundf(L->size * 0.08f));
            for (float dx = 0; dx + dot <= run->width; dx += 2 * dot)
                if (!solid(r, roundf(it->box.x + run->x + dx), roundf(base), dot, dot, color))
                    return false;
        }
        if (link && run->glyph_count) {
            /* underline: below the baseline by about a descender's third, as browsers draw it */
            float base = it->box.y + L->glyphs[run->glyph_start].y;
            float thick = fmaxf(1.0f, roundf(L->size * 0.06f));
            if (!solid(r, roundf(it->box.x + run->x), roundf(base + L->size * 0.12f), run->width, thick, color))
                return false;
        }
        for (uint32_t gi = run->glyph_start; gi < run->glyph_start + run->glyph_count; gi++) {
            const text_glyph *g = &L->glyphs[gi];
            float px = it->box.x + g->x, py = it->box.y + g->y;
            /* Quarter-pixel horizontal placement, whole pixels vertically (the baseline stays crisp). */
            float fx = floorf(px);
            int sub = (int)((px - fx) * RENDER_SUBPIXELS);
            if (sub >= RENDER_SUBPIXELS)
                sub = RENDER_SUBPIXELS - 1;
            float fy = roundf(py);
            render_glyph rg;
            render_atlas_result res = render_atlas_get(r->atlas, run->font, g->id, L->size, sub, &rg);
            if (res == RENDER_ATLAS_FULL) {
                /* Draw what refers to the old contents, then start the atlas afresh. */
                if (!flush(r))
                    return false;
                render_atlas_reset(r->atlas);
                res = render_atlas_get(r->atlas, run->font, g->id, L->size, sub, &rg);
            }
            if (res != RENDER_ATLAS_OK)
                continue;
            r->stats.glyphs_drawn++;
            if (g->id == 0)
                r->stats.notdef_drawn++;
            if (rg.width == 0)
                continue;
            float x0 = fx + (float)rg.left, y0 = fy - (float)rg.top;
            if (r->canvas) {
                const uint8_t *cov = render_atlas_coverage(r->atlas, &pitch);
                blend_mask(r->canvas, to_int(x0), to_int(y0), cov + (size_t)rg.y * (size_t)pitch + (size_t)rg.x, pitch,
                           rg.width, rg.height, t);
                continue;
            }
            if (!quad(r, x0, y0, x0 + (float)rg.width, y0 + (float)rg.height, rg.u0, rg.v0, rg.u1, rg.v1, color))
                return false;
        }
    }
    return true;
}

bool render_display_list(render_ctx *r, const ui_display_list *dl, vk_error *err)
{
    canvas cv;
    r->canvas = direct_canvas(r, &cv) ? &cv : NULL;
    if (r->canvas) {
        /* SDL_RenderClear's fill: the whole surface, whatever the viewport and clip */
        fill_pixels(&cv, 0, 0, cv.w, cv.h,
                    cv.opaque | (uint32_t)dl->background.r << 16 | (uint32_t)dl->background.g << 8 | dl->background.b);
    } else {
        SDL_SetRenderDrawColor(r->renderer, dl->background.r, dl->background.g, dl->background.b, 255);
        SDL_RenderClear(r->renderer);
    }
    bool ok = true;
    for (size_t i = 0; ok && i < dl->count; i++) {
        const ui_item *it = &dl->items[i];
        if (it->kind == UI_ITEM_RECT)
            ok = rounded(r, it->box, it->radius, it->color);
        else if (it->kind == UI_ITEM_IMAGE)
            ok = draw_image(r, dl, it);
        else
            ok = text(r, it);
    }
    ok = ok && flush(r);
    forget_undrawn_pictures(r);
    r->stats.frames++;
    r->stats.direct_frames += r->canvas != NULL;
    r->canvas = NULL;
    if (!ok)
        vk_error_set(err, NULL, 0, "drawing failed: %s", SDL_GetError());
    return ok;
}

render_stats render_get_stats(const render_ctx *r)
{
    render_stats s = r->stats;
    s.atlas = render_atlas_get_stats(r->atlas);
    return s;
}

/* libpng reports errors through a callback that must not return: the message goes to the caller's
 * vk_error and longjmp leaves the writer. */
typedef struct png_writer {
    jmp_buf jump;
    vk_error *err;
    const char *path;
} png_writer;

static void png_fail(png_structp png, png_const_charp msg)
{
    png_writer *w = png_get_error_ptr(png);
    vk_error_set(w->err, w->path, 0, "cannot write PNG: %s", msg);
    longjmp(w->jump, 1);
}

static void png_warn(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* nothing a picture of the screen needs to hear about */
}

enum { PNG_BAND = 32 }; /* rows read back and compressed at a time */

bool render_save_png(SDL_Renderer *renderer, const char *path, vk_error *err)
{
    int w, h;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0 || w <= 0 || h <= 0)
        return vk_error_set(err, NULL, 0, "cannot read the screen: %s", SDL_GetError());
    /* A band of rows at a time, not the whole screen: a 1080p frame read back at once would be 8 MB
     * more of peak memory, and IMG_SavePNG converted it once more. */
    uint8_t *band = malloc((size_t)w * 4 * PNG_BAND);
    png_bytep *rows = malloc(PNG_BAND * sizeof *rows);
    FILE *f = band && rows ? fopen(path, "wb") : NULL;
    if (!f) {
        free(band);
        free(rows);
        return band && rows ? vk_error_set(err, path, 0, "cannot write: %s", strerror(errno))
                            : vk_error_set(err, NULL, 0, "out of memory");
    }
    /* volatile: changed between setjmp and a longjmp that returns to it */
    png_writer *volatile pw = &(png_writer){.err = err, .path = path};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, pw, png_fail, png_warn);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    volatile bool ok = png && info;
    if (!ok)
        vk_error_set(err, NULL, 0, "out of memory");
    else if (setjmp(pw->jump) == 0) {
        png_init_io(png, f);
        png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        /* A screen is mostly flat colour: the fastest zlib level with no row filter compresses a
         * 1080p page in under 20 ms to about 140 KB; filters and run-length coding were slower here,
         * or made files ten times the size. */
        png_set_compression_level(png, 1);
        png_set_filter(png, 0, PNG_FILTER_NONE);
        png_write_info(png, info);
        /* ARGB8888 is one 32-bit word: B, G, R, A in memory on a little-endian machine */
#if SDL_BYTEORDER == SDL_LIL_ENDIAN
        png_set_bgr(png);
        png_set_filler(png, 0, PNG_FILLER_AFTER);
#else
        png_set_filler(png, 0, PNG_FILLER_BEFORE);
#endif
        for (int y = 0; ok && y < h; y += PNG_BAND) {
            int n = h - y < PNG_BAND ? h - y : PNG_BAND;
            SDL_Rect r = {0, y, w, n};
            if (SDL_RenderReadPixels(renderer, &r, SDL_PIXELFORMAT_ARGB8888, band, w * 4) != 0) {
                ok = vk_error_set(err, NULL, 0, "cannot read the screen: %s", SDL_GetError());
                break;
            }
            for (int i = 0; i < n; i++)
                rows[i] = band + (size_t)i * (size_t)w * 4;
            png_write_rows(png, rows, (png_uint_32)n);
        }
        if (ok)
            png_write_end(png, info);
    } else
        ok = false;
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    if (fclose(f) != 0 && ok)
        ok = vk_error_set(err, path, 0, "cannot write: %s", strerror(errno));
    free(band);
    free(rows);
    return ok;
}
