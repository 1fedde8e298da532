/* `velkommen layout`: the text engine's result as JSON lines, one object per paragraph, for tests,
 * reviewers and translators' bug reports. The format is documented in README.md ("Inspecting text
 * layout") and kept stable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "app/cli.h"
#include "app/commands.h"
#include "app/resources.h"
#include "text/layout.h"

static char *read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) {
                free(buf);
                return NULL;
            }
            break;
        }
        char *g = realloc(buf, cap * 2);
        if (!g)
            free(buf);
        buf = g;
        cap *= 2;
    }
    *len = n;
    return buf;
}

static void print_layout(const text_layout *L, size_t index)
{
    printf("{\"paragraph\":%zu,\"direction\":\"%s\",\"width\":%.2f,\"height\":%.2f,\"missing\":%zu,\"lines\":[", index,
           L->paragraph_level ? "rtl" : "ltr", L->width, L->height, L->missing);
    for (size_t li = 0; li < L->line_count; li++) {
        const text_line *ln = &L->lines[li];
        printf("%s{\"y\":%.2f,\"baseline\":%.2f,\"x\":%.2f,\"width\":%.2f,\"start\":%u,\"end\":%u,\"runs\":[",
               li ? "," : "", ln->top, ln->baseline, ln->x, ln->width, ln->start, ln->end);
        for (uint32_t r = 0; r < ln->run_count; r++) {
            const text_run *run = &L->runs[ln->run_start + r];
            char script[5];
            hb_tag_to_string(hb_script_to_iso15924_tag((hb_script_t)run->script), script);
            script[4] = 0;
            printf("%s{\"font\":\"%s\",\"direction\":\"%s\",\"level\":%u,\"script\":\"%s\",\"start\":%u,\"end\":%u,"
                   "\"x\":%.2f,\"glyphs\":[",
                   r ? "," : "", text_font_name(run->font), run->level & 1 ? "rtl" : "ltr", run->level, script,
                   run->start, run->end, run->x);
            for (uint32_t g = 0; g < run->glyph_count; g++) {
                const text_glyph *gl = &L->glyphs[run->glyph_start + g];
                printf("%s[%u,%u,%.2f,%.2f,%.2f]", g ? "," : "", gl->id, gl->cluster, gl->x, gl->y, gl->advance);
            }
            printf("]}");
        }
        printf("]}");
    }
    printf("]}\n");
}

int app_cmd_layout(const app_layout_options *o)
{
    app_resources res;
    vk_error err = {0};
    char buf[1200];
    if (!app_resources_open(&res, o->data_dir, false))
        return APP_EXIT_BAD_INPUT;
    int lang = app_resources_lang_named(&res, o->lang);
    if (lang < 0) {
        app_resources_free(&res);
        return APP_EXIT_BAD_INPUT;
    }
    FILE *in = stdin;
    if (o->file && strcmp(o->file, "-") != 0 && !(in = fopen(o->file, "rb"))) {
        fprintf(stderr, "velkommen: %s: cannot read: %s\n", o->file, strerror(errno));
        app_resources_free(&res);
        return APP_EXIT_BAD_INPUT;
    }
    size_t len = 0;
    char *text = read_all(in, &len);
    if (in != stdin)
        fclose(in);
    if (!text) {
        fprintf(stderr, "velkommen: cannot read the input\n");
        app_resources_free(&res);
        return APP_EXIT_BAD_INPUT;
    }
    const ui_language *l = &res.ui_langs[lang];
    text_style st = {
        .fonts = o->bold ? l->bold : l->regular,
        .fallback = &res.fallback,
        .size = o->size,
        .line_spacing = 1.0f,
        .language = l->meta->code,
        .direction = l->meta->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR,
        .align = TEXT_ALIGN_START,
    };
    int status = APP_EXIT_OK;
    size_t index = 0;
    /* one paragraph per line; blank lines are skipped */
    for (size_t s = 0; s < len;) {
        size_t e = s;
        while (e < len && text[e] != '\n')
            e++;
        size_t t = e;
        if (t > s && text[t - 1] == '\r')
            t--;
        if (t > s) {
            text_layout *L = text_layout_paragraph(res.layouter, &st, text + s, t - s, (float)o->width, &err);
            if (!L) {
                fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
                status = APP_EXIT_FAILURE;
                break;
            }
            print_layout(L, index++);
            text_layout_free(L);
        }
        s = e + 1;
    }
    free(text);
    app_resources_free(&res);
    return status;
}
