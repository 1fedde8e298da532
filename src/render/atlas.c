/* The glyph atlas: see atlas.h. Shelf packing, open-addressing hash of glyph keys. */
#include "render/atlas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include FT_OUTLINE_H

#define DISC_RADIUS 32
#define SOLID_SIZE 4
#define PAD 1

typedef struct slot {
    uint64_t key; /* 0 = empty */
    render_glyph glyph;
} slot;

struct render_atlas {
    SDL_Renderer *renderer;
    SDL_Texture *texture;
    int size, max_size;
    bool out_of_room; /* the last miss found no room in the texture (not a full hash table) */
    int shelf_x, shelf_y, shelf_h;
    slot *slots;
    uint32_t slot_count, used;
    uint32_t *pixels; /* scratch for one glyph's upload */
    size_t pixels_cap;
    float solid_u, solid_v;
    float disc[4];
    render_atlas_stats stats;
};

static uint64_t glyph_key(const text_font *font, uint32_t glyph, float size, int sub)
{
    uint64_t sz = (uint64_t)lroundf(size * 64.0f) & 0xFFFFF;
    /* +1 keeps every real key non-zero */
    return (((uint64_t)(text_font_id(font) + 1) & 0xFFF) << 52) | (sz << 32) | ((uint64_t)(sub & 0xF) << 28) |
           (uint64_t)(glyph & 0x0FFFFFFF);
}

/* Reserves a w x h box on the shelves; false when the texture is full. */
static bool pack(render_atlas *a, int w, int h, int *x, int *y)
{
    if (a->shelf_x + w + PAD > a->size) {
        a->shelf_y += a->shelf_h + PAD;
        a->shelf_x = 0;
        a->shelf_h = 0;
    }
    if (a->shelf_y + h + PAD > a->size || w + PAD > a->size)
        return false;
    *x = a->shelf_x;
    *y = a->shelf_y;
    a->shelf_x += w + PAD;
    if (h > a->shelf_h)
        a->shelf_h = h;
    return true;
}

static bool upload(render_atlas *a, int x, int y, int w, int h, const uint8_t *alpha, int pitch)
{
    size_t need = (size_t)w * (size_t)h;
    if (need > a->pixels_cap) {
        uint32_t *p = realloc(a->pixels, need * sizeof *p);
        if (!p)
            return false;
        a->pixels = p;
        a->pixels_cap = need;
    }
    /* White with the coverage as alpha; the vertex colour tints it (SDL modulates). */
    for (int j = 0; j < h; j++)
        for (int i = 0; i < w; i++)
            a->pixels[(size_t)j * (size_t)w + (size_t)i] = ((uint32_t)alpha[j * pitch + i] << 24) | 0x00FFFFFFu;
    SDL_Rect r = {x, y, w, h};
    return SDL_UpdateTexture(a->texture, &r, a->pixels, w * 4) == 0;
}

/* The white block and the disc go in first after every reset. */
static bool reserve_shapes(render_atlas *a)
{
    uint8_t solid[SOLID_SIZE * SOLID_SIZE];
    memset(solid, 255, sizeof solid);
    int x, y;
    if (!pack(a, SOLID_SIZE, SOLID_SIZE, &x, &y) || !upload(a, x, y, SOLID_SIZE, SOLID_SIZE, solid, SOLID_SIZE))
        return false;
    a->solid_u = ((float)x + SOLID_SIZE / 2.0f) / (float)a->size;
    a->solid_v = ((float)y + SOLID_SIZE / 2.0f) / (float)a->size;

    enum { D = 2 * DISC_RADIUS };
    uint8_t disc[D * D];
    for (int j = 0; j < D; j++)
        for (int i = 0; i < D; i++) {
            float dx = (float)i + 0.5f - DISC_RADIUS, dy = (float)j + 0.5f - DISC_RADIUS;
            float cov = DISC_RADIUS - sqrtf(dx * dx + dy * dy) + 0.5f;
            disc[j * D + i] = (uint8_t)lroundf(255.0f * fminf(1.0f, fmaxf(0.0f, cov)));
        }
    if (!pack(a, D, D, &x, &y) || !upload(a, x, y, D, D, disc, D))
        return false;
    a->disc[0] = (float)x / (float)a->size;
    a->disc[1] = (float)y / (float)a->size;
    a->disc[2] = (float)(x + D) / (float)a->size;
    a->disc[3] = (float)(y + D) / (float)a->size;
    return true;
}

/* A transparent texture of size x size, so linear filtering at the edges of a block reads nothing
 * stray. NULL with SDL's error set when the renderer cannot make one. */
static SDL_Texture *new_texture(SDL_Renderer *renderer, int size)
{
    SDL_Texture *t = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, size, size);
    if (!t)
        return NULL;
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
    /* A band of zero rows at a time: a whole 2048 px texture's worth would be 16 MB more of peak memory. */
    enum { BAND = 64 };
    uint32_t *zero = calloc((size_t)size * BAND, 4);
    if (!zero) {
        SDL_DestroyTexture(t);
        SDL_OutOfMemory();
        return NULL;
    }
    for (int y = 0; y < size; y += BAND) {
        SDL_Rect r = {0, y, size, size - y < BAND ? size - y : BAND};
        SDL_UpdateTexture(t, &r, zero, size * 4);
    }
    free(zero);
    return t;
}

void render_atlas_reset(render_atlas *a)
{
    /* Out of room and allowed to grow: a texture of twice the side takes the place of this one
     * (the caller has flushed everything drawn from it). Without memory for it, the old one is
     * emptied and refilled as before. */
    if (a->out_of_room && a->size < a->max_size) {
        SDL_Texture *t = new_texture(a->renderer, a->size * 2);
        if (t) {
            SDL_DestroyTexture(a->texture);
            a->texture = t;
            a->size *= 2;
            a->stats.grows++;
        }
    }
    a->out_of_room = false;
    memset(a->slots, 0, a->slot_count * sizeof *a->slots);
    a->used = 0;
    a->shelf_x = a->shelf_y = a->shelf_h = 0;
    a->stats.resets++;
    a->stats.glyphs = 0;
    reserve_shapes(a);
}

render_atlas *render_atlas_new(SDL_Renderer *renderer, int texture_size, int max_size, vk_error *err)
{
    render_atlas *a = calloc(1, sizeof *a);
    if (!a) {
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    a->renderer = renderer;
    a->size = texture_size;
    a->max_size = max_size > texture_size ? max_size : texture_size;
    a->slot_count = 16384;
    a->slots = calloc(a->slot_count, sizeof *a->slots);
    a->texture = a->slots ? new_texture(renderer, texture_size) : NULL;
    if (!a->slots || !a->texture) {
        vk_error_set(err, NULL, 0, "cannot create the glyph atlas: %s", a->slots ? SDL_GetError() : "out of memory");
        render_atlas_free(a);
        return NULL;
    }
    if (!reserve_shapes(a)) {
        vk_error_set(err, NULL, 0, "cannot create the glyph atlas: %s", SDL_GetError());
        render_atlas_free(a);
        return NULL;
    }
    return a;
}

void render_atlas_free(render_atlas *a)
{
    if (!a)
        return;
    if (a->texture)
        SDL_DestroyTexture(a->texture);
    free(a->slots);
    free(a->pixels);
    free(a);
}

render_atlas_result render_atlas_get(render_atlas *a, const text_font *font, uint32_t glyph, float size, int sub,
                                     render_glyph *out)
{
    uint64_t key = glyph_key(font, glyph, size, sub);
    uint32_t mask = a->slot_count - 1;
    uint32_t i = (uint32_t)((key * 0x9E3779B97F4A7C15ULL) >> 40) & mask;
    while (a->slots[i].key) {
        if (a->slots[i].key == key) {
            a->stats.hits++;
            *out = a->slots[i].glyph;
            return RENDER_ATLAS_OK;
        }
        i = (i + 1) & mask;
    }
    if (a->used * 4 >= a->slot_count * 3)
        return RENDER_ATLAS_FULL; /* keep the table sparse enough to probe quickly */
    a->stats.misses++;

    FT_Face face = text_font_ft(font);
    render_glyph g = {0};
    if (FT_Set_Char_Size(face, 0, (FT_F26Dot6)lroundf(size * 64.0f), 72, 72) != 0 ||
        FT_Load_Glyph(face, glyph, FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP) != 0)
        return RENDER_ATLAS_ERROR;
    FT_GlyphSlot gs = face->glyph;
    if (gs->format == FT_GLYPH_FORMAT_OUTLINE)
        FT_Outline_Translate(&gs->outline, (FT_Pos)(sub * 64 / RENDER_SUBPIXELS), 0);
    if (FT_Render_Glyph(gs, FT_RENDER_MODE_LIGHT) != 0)
        return RENDER_ATLAS_ERROR;
    FT_Bitmap *bm = &gs->bitmap;
    g.width = (int)bm->width;
    g.height = (int)bm->rows;
    g.left = gs->bitmap_left;
    g.top = gs->bitmap_top;
    if (g.width > 0 && g.height > 0) {
        if (bm->pixel_mode != FT_PIXEL_MODE_GRAY)
            return RENDER_ATLAS_ERROR;
        int x, y;
        if (!pack(a, g.width, g.height, &x, &y)) {
            a->out_of_room = true;
            return RENDER_ATLAS_FULL;
        }
        if (!upload(a, x, y, g.width, g.height, bm->buffer, bm->pitch))
            return RENDER_ATLAS_ERROR;
        g.u0 = (float)x / (float)a->size;
        g.v0 = (float)y / (float)a->size;
        g.u1 = (float)(x + g.width) / (float)a->size;
        g.v1 = (float)(y + g.height) / (float)a->size;
    }
    a->slots[i].key = key;
    a->slots[i].glyph = g;
    a->used++;
    a->stats.glyphs++;
    *out = g;
    return RENDER_ATLAS_OK;
}

SDL_Texture *render_atlas_texture(const render_atlas *a) { return a->texture; }

void render_atlas_solid(const render_atlas *a, float *u, float *v)
{
    *u = a->solid_u;
    *v = a->solid_v;
}

void render_atlas_disc(const render_atlas *a, float *u0, float *v0, float *u1, float *v1)
{
    *u0 = a->disc[0];
    *v0 = a->disc[1];
    *u1 = a->disc[2];
    *v1 = a->disc[3];
}

render_atlas_stats render_atlas_get_stats(const render_atlas *a)
{
    render_atlas_stats s = a->stats;
    s.texture_size = a->size;
    s.fill = (float)(a->shelf_y + a->shelf_h) / (float)a->size;
    return s;
}
