/* Fonts shared by HarfBuzz and FreeType: see font.h.
 *
 * The file is mapped once (hb_blob_create_from_file_or_fail); FreeType reads the same bytes through
 * FT_New_Memory_Face, so a font costs its file size once, not twice.
 */
#include "text/font.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct text_font {
    char *path;
    const char *name;
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *hb;
    FT_Face ft;
    int upem;
    int id;
};

struct text_fontlib {
    FT_Library ft;
    text_font **fonts;
    int count, cap;
};

text_fontlib *text_fontlib_new(vk_error *err)
{
    text_fontlib *lib = calloc(1, sizeof *lib);
    if (!lib) {
        vk_error_set(err, NULL, 0, "out of memory");
        return NULL;
    }
    if (FT_Init_FreeType(&lib->ft) != 0) {
        vk_error_set(err, NULL, 0, "cannot initialise FreeType");
        free(lib);
        return NULL;
    }
    return lib;
}

static void font_free(text_font *f)
{
    if (!f)
        return;
    if (f->ft)
        FT_Done_Face(f->ft);
    hb_font_destroy(f->hb);
    hb_face_destroy(f->face);
    hb_blob_destroy(f->blob);
    free(f->path);
    free(f);
}

void text_fontlib_free(text_fontlib *lib)
{
    if (!lib)
        return;
    for (int i = 0; i < lib->count; i++)
        font_free(lib->fonts[i]);
    free(lib->fonts);
    FT_Done_FreeType(lib->ft);
    free(lib);
}

text_font *text_fontlib_load(text_fontlib *lib, const char *path, vk_error *err)
{
    for (int i = 0; i < lib->count; i++)
        if (strcmp(lib->fonts[i]->path, path) == 0)
            return lib->fonts[i];

    /* hb_blob_create_from_file_or_fail returns NULL without saying why; ask fopen for the reason so
     * IT reads "No such file or directory" rather than a bare failure. */
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        vk_error_set(err, path, 0, "cannot open font: %s", strerror(errno));
        return NULL;
    }
    fclose(probe);

    text_font *f = calloc(1, sizeof *f);
    if (!f || !(f->path = strdup(path))) {
        free(f);
        vk_error_set(err, path, 0, "out of memory");
        return NULL;
    }
    const char *slash = strrchr(f->path, '/');
    f->name = slash ? slash + 1 : f->path;
    f->blob = hb_blob_create_from_file_or_fail(path);
    if (!f->blob || hb_face_count(f->blob) == 0) {
        vk_error_set(err, path, 0, "cannot open font: not an OpenType or TrueType font");
        font_free(f);
        return NULL;
    }
    f->face = hb_face_create(f->blob, 0);
    f->upem = (int)hb_face_get_upem(f->face);
    f->hb = hb_font_create(f->face);
    hb_font_set_scale(f->hb, f->upem, f->upem);

    unsigned int size = 0;
    const char *data = hb_blob_get_data(f->blob, &size);
    if (FT_New_Memory_Face(lib->ft, (const FT_Byte *)data, (FT_Long)size, 0, &f->ft) != 0) {
        f->ft = NULL;
        vk_error_set(err, path, 0, "cannot open font: FreeType cannot read it");
        font_free(f);
        return NULL;
    }
    if (lib->count == lib->cap) {
        int cap = lib->cap ? lib->cap * 2 : 8;
        text_font **grown = realloc(lib->fonts, (size_t)cap * sizeof *grown);
        if (!grown) {
            font_free(f);
            vk_error_set(err, path, 0, "out of memory");
            return NULL;
        }
        lib->fonts = grown;
        lib->cap = cap;
    }
    f->id = lib->count;
    lib->fonts[lib->count++] = f;
    return f;
}

void text_fontlib_all(const text_fontlib *lib, text_font_chain *out)
{
    out->count = 0;
    for (int i = 0; i < lib->count && out->count < TEXT_CHAIN_MAX; i++)
        out->fonts[out->count++] = lib->fonts[i];
}

bool text_font_has_char(const text_font *font, uint32_t cp)
{
    hb_codepoint_t gid;
    return hb_font_get_nominal_glyph(font->hb, cp, &gid) && gid != 0;
}

const char *text_font_path(const text_font *font) { return font->path; }
const char *text_font_name(const text_font *font) { return font->name; }
hb_font_t *text_font_hb(const text_font *font) { return font->hb; }
FT_Face text_font_ft(const text_font *font) { return font->ft; }
int text_font_upem(const text_font *font) { return font->upem; }
int text_font_id(const text_font *font) { return font->id; }

void text_font_extents(const text_font *font, int *ascender, int *descender, int *line_gap)
{
    hb_font_extents_t e;
    hb_font_get_h_extents(font->hb, &e);
    *ascender = (int)e.ascender;
    *descender = (int)e.descender;
    *line_gap = (int)e.line_gap;
}
