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
    SDL_Texture *texture; /* NULL until a renderer asks for it, and again after the atlas grows */
    uint8_t *coverage;    /* size x size, the master copy */
    int size, max_size;
    bool out_of_room; /* the last miss found no room (not a full hash table) */
    int shelf_x, shelf_y, shelf_h;
    int dirty_x0, dirty_y0, dirty_x1, dirty_y1; /* coverage written since the texture last saw it */
    slot *slots;
    uint32_t slot_count, used;
    uint32_t *pixels; /* scratch for converting coverage to the texture's white-with-alpha */
    size_t pixels_cap;
    float solid_u, solid_v;
    float disc[4];
    int disc_x, disc_y;
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

/* Copies a bitmap into the coverage and marks it for the texture's next update. */
static void store(render_atlas *a, int x, int y, int w, int h, const uint8_t *alpha, int pitch)
{
    for (int j = 0; j < h; j++)
        memcpy(a->coverage + (size_t)(y + j) * (size_t)a->size + (size_t)x, alpha + (ptrdiff_t)j * pitch, (size_t)w);
    if (a->dirty_x0 >= a->dirty_x1) {
        a->dirty_x0 = x;
        a->dirty_y0 = y;
        a->dirty_x1 = x + w;
        a->dirty_y1 = y + h;
        return;
    }
    a->dirty_x0 = x < a->dirty_x0 ? x : a->dirty_x0;
    a->dirty_y0 = y < a->dirty_y0 ? y : a->dirty_y0;
    a->dirty_x1 = x + w > a->dirty_x1 ? x + w : a->dirty_x1;
    a->dirty_y1 = y + h > a->dirty_y1 ? y + h : a->dirty_y1;
}

/* The white block and the disc go in first after every reset. */
static bool reserve_shapes(render_atlas *a)
{
    uint8_t solid[SOLID_SIZE * SOLID_SIZE];
    memset(solid, 255, sizeof solid);
    int x, y;
    if (!pack(a, SOLID_SIZE, SOLID_SIZE, &x, &y))
        return false;
    store(a, x, y, SOLID_SIZE, SOLID_SIZE, solid, SOLID_SIZE);
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
    if (!pack(a, D, D, &x, &y))
        return false;
    store(a, x, y, D, D, disc, D);
    a->disc_x = x;
    a->disc_y = y;
    a->disc[0] = (float)x / (float)a->size;
    a->disc[1] = (float)y / (float)a->size;
    a->disc[2] = (float)(x + D) / (float)a->size;
    a->disc[3] = (float)(y + D) / (float)a->size;
    return true;
}

/* Uploads the coverage in [x0, x1) x [y0, y1) as white with the coverage as alpha (the vertex colour
 * tints it: SDL modulates), a band of rows at a time: the whole of a 2048 px atlas converted at once
 * would be 16 MB more of peak memory. */
static bool upload(render_atlas *a, int x0, int y0, int x1, int y1)
{
    enum { BAND = 16 };
    int w = x1 - x0;
    size_t need = (size_t)w * BAND;
    if (need > a->pixels_cap) {
        uint32_t *p = realloc(a->pixels, need * sizeof *p);
        if (!p) {
            SDL_OutOfMemory();
            return false;
        }
        a->pixels = p;
        a->pixels_cap = need;
    }
    for (int y = y0; y < y1; y += BAND) {
        int h = y1 - y < BAND ? y1 - y : BAND;
        for (int j = 0; j < h; j++) {
            const uint8_t *c = a->coverage + (size_t)(y + j) * (size_t)a->size + (size_t)x0;
            uint32_t *p = a->pixels + (size_t)j * (size_t)w;
            for (int i = 0; i < w; i++)
                p[i] = ((uint32_t)c[i] << 24) | 0x00FFFFFFu;
        }
        SDL_Rect r = {x0, y, w, h};
        if (SDL_UpdateTexture(a->texture, &r, a->pixels, w * 4) != 0)
            return false;
    }
    return true;
}

void render_atlas_reset(render_atlas *a)
{
    /* Out of room and allowed to grow: a coverage square of twice the side takes the place of this
     * one, and the texture is made again at that size when next asked for (the caller has flushed
     * everything drawn from it). Without memory for it, the old one is emptied and refilled as before. */
    if (a->out_of_room && a->size < a->max_size) {
        uint8_t *c = calloc((size_t)a->size * 2 * (size_t)a->size * 2, 1);
        if (c) {
            free(a->coverage);
            a->coverage = c;
            if (a->texture)
                SDL_DestroyTexture(a->texture);
            a->texture = NULL;
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
    /* zeroed: linear filtering at the edges of a block reads nothing stray */
    a->coverage = calloc((size_t)texture_size * (size_t)texture_size, 1);
    if (!a->slots || !a->coverage || !reserve_shapes(a)) {
        vk_error_set(err, NULL, 0, "cannot create the glyph atlas: %s",
                     a->slots && a->coverage ? "too small for its shapes" : "out of memory");
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
    free(a->coverage);
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
        store(a, x, y, g.width, g.height, bm->buffer, bm->pitch);
        g.x = x;
        g.y = y;
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

SDL_Texture *render_atlas_texture(render_atlas *a)
{
    if (!a->texture) {
        a->texture =
            SDL_CreateTexture(a->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, a->size, a->size);
        if (!a->texture)
            return NULL;
        SDL_SetTextureBlendMode(a->texture, SDL_BLENDMODE_BLEND);
        SDL_SetTextureScaleMode(a->texture, SDL_ScaleModeLinear);
        a->dirty_x0 = a->dirty_y0 = 0; /* all of it, zeros included: a new texture holds garbage */
        a->dirty_x1 = a->dirty_y1 = a->size;
    }
    if (a->dirty_x0 < a->dirty_x1) {
        if (!upload(a, a->dirty_x0, a->dirty_y0, a->dirty_x1, a->dirty_y1))
            return NULL;
        a->dirty_x0 = a->dirty_x1 = 0;
    }
    return a->texture;
}

const uint8_t *render_atlas_coverage(const render_atlas *a, int *pitch)
{
    *pitch = a->size;
    return a->coverage;
}

void render_atlas_disc_rect(const render_atlas *a, int *x, int *y, int *side)
{
    *x = a->disc_x;
    *y = a->disc_y;
    *side = 2 * DISC_RADIUS;
}

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
    s.bytes = (size_t)a->size * (size_t)a->size;
    if (a->texture) {
        int w = 0, h = 0;
        SDL_QueryTexture(a->texture, NULL, NULL, &w, &h);
        s.bytes += (size_t)w * (size_t)h * 4;
    }
    return s;
}
