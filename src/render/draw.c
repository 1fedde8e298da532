/* Display list -> pixels: see draw.h. */
#include "render/draw.h"

#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_image.h>
#include <png.h>

typedef struct image_entry {
    char *path;
    SDL_Texture *texture; /* NULL when the file could not be read: asked once, not every frame */
    SDL_Texture *mask;    /* white with the picture's alpha, tinted when drawn (icons) */
    int w, h;
} image_entry;

#define MAX_IMAGES 64

struct render_ctx {
    SDL_Renderer *renderer;
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
    render_ctx *r = calloc(1, sizeof *r);
    if (!r) {
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    r->renderer = renderer;
    /* 1024 px (4 MB) holds a screen or two of one language, all that `velkommen render` draws; a
     * kiosk that goes through the languages fills it and grows it to 2048 px, which holds the glyphs
     * of all four languages' screens at once (at 1024 cycling languages reset it every few frames:
     * the benchmark's atlas figures) */
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
        free(r->images[i].path);
    }
    render_atlas_free(r->atlas);
    free(r->verts);
    free(r->indices);
    free(r);
}

static bool flush(render_ctx *r)
{
    if (r->nindices == 0)
        return true;
    int rc = SDL_RenderGeometry(r->renderer, render_atlas_texture(r->atlas), r->verts, (int)r->nverts, r->indices,
                                (int)r->nindices);
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

static bool solid(render_ctx *r, float x, float y, float w, float h, ui_color c)
{
    if (w <= 0 || h <= 0)
        return true;
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
    float u0, v0, u1, v1;
    render_atlas_disc(r->atlas, &u0, &v0, &u1, &v1);
    float um = (u0 + u1) / 2, vm = (v0 + v1) / 2;
    float x0 = b.x, y0 = b.y, x1 = b.x + b.w, y1 = b.y + b.h;
    return quad(r, x0, y0, x0 + rad, y0 + rad, u0, v0, um, vm, c) &&
           quad(r, x1 - rad, y0, x1, y0 + rad, um, v0, u1, vm, c) &&
           quad(r, x0, y1 - rad, x0 + rad, y1, u0, vm, um, v1, c) &&
           quad(r, x1 - rad, y1 - rad, x1, y1, um, vm, u1, v1, c) &&
           solid(r, x0 + rad, y0, b.w - 2 * rad, b.h, c) && solid(r, x0, y0 + rad, rad, b.h - 2 * rad, c) &&
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
        free(e->path);
    }
    memset(e, 0, sizeof *e);
    e->path = strdup(path);
    SDL_Surface *s = e->path && inside_folder(root ? root : ".", path) ? IMG_Load(path) : NULL;
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

static bool draw_image(render_ctx *r, const ui_display_list *dl, const ui_item *it)
{
    image_entry *e = image(r, it->image_root ? it->image_root : dl->image_root, it->image);
    if (!e || !e->texture)
        return true; /* the checker reports unreadable pictures; the kiosk leaves the space empty */
    if (!flush(r))
        return false;
    SDL_FRect dst = {it->box.x, it->box.y, it->box.w, it->box.h};
    if (it->tint && e->mask) {
        SDL_SetTextureColorMod(e->mask, it->color.r, it->color.g, it->color.b);
        return SDL_RenderCopyF(r->renderer, e->mask, NULL, &dst) == 0;
    }
    return SDL_RenderCopyF(r->renderer, e->texture, NULL, &dst) == 0;
}

static bool text(render_ctx *r, const ui_item *it)
{
    const text_layout *L = it->text;
    for (size_t ri = 0; ri < L->run_count; ri++) {
        const text_run *run = &L->runs[ri];
        bool link = (run->attrs & TEXT_ATTR_LINK) != 0;
        ui_color color = link ? it->link_color : it->color;
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
            if (!quad(r, x0, y0, x0 + (float)rg.width, y0 + (float)rg.height, rg.u0, rg.v0, rg.u1, rg.v1, color))
                return false;
        }
    }
    return true;
}

bool render_display_list(render_ctx *r, const ui_display_list *dl, vk_error *err)
{
    SDL_SetRenderDrawColor(r->renderer, dl->background.r, dl->background.g, dl->background.b, 255);
    SDL_RenderClear(r->renderer);
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
    r->stats.frames++;
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
