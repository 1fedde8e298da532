/* libFuzzer target: any bytes as a paragraph -> the text engine (UTF-8 decoding, bidi with controls
 * and brackets, itemisation, font fallback, HarfBuzz, ICU line breaking, reordering). The first byte
 * picks the language and width, so Arabic, Tigrinya and narrow boxes are fuzzed too. Fonts come from
 * $VELKOMMEN_DATA (default: the source tree the build was configured in). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "app/resources.h"
#include "text/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static app_resources R;
static bool ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ready) {
        vk_error err = {0};
        char found[1024];
        if (!app_resources_load(&R, app_data_dir(NULL, found, sizeof found), &err)) {
            fprintf(stderr, "fuzz_layout: cannot load the data: %s\n", err.msg);
            abort();
        }
        ready = true;
    }
    if (size == 0)
        return 0;
    size_t lang = data[0] % R.langs.count;
    float widths[] = {0, 40, 300, 1240};
    float width = widths[(data[0] >> 4) % 4];
    const ui_language *l = &R.ui_langs[lang];
    text_style st = {(data[0] & 8) ? l->bold : l->regular, &R.fallback, 32, 1.0f, l->meta->code,
                     (data[0] & 4) ? TEXT_DIR_AUTO : l->meta->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR, TEXT_ALIGN_START,
                     l->bold};
    text_span spans[2] = {{0, (uint32_t)size / 2, TEXT_ATTR_BOLD}, {(uint32_t)size / 3, (uint32_t)size, TEXT_ATTR_LINK}};
    text_layout *L = text_layout_rich(R.layouter, &st, (const char *)data + 1, size - 1, spans, 2, width, NULL);
    if (L) {
        /* the layout's own promises: every line's runs and every run's glyphs are in their arrays,
         * and every glyph names a character of the input */
        for (size_t i = 0; i < L->line_count; i++)
            if (L->lines[i].run_start + L->lines[i].run_count > L->run_count)
                abort();
        for (size_t r = 0; r < L->run_count; r++)
            if (L->runs[r].glyph_start + L->runs[r].glyph_count > L->glyph_count)
                abort();
        for (size_t g = 0; g < L->glyph_count; g++)
            if (L->glyphs[g].cluster >= L->char_count && L->char_count > 0)
                abort();
        text_layout_free(L);
    }
    return 0;
}
