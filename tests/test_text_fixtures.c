/* text/layout driven by fixture files, as libraqm tests are: each tests/layout/NAME.layout holds the
 * input (language, width, size, text) and the expected layout as a readable dump, so a translator's
 * bug report ("the bracket is on the wrong side") becomes a test without writing C.
 *
 * A fixture:
 *     # what it checks, in a sentence
 *     lang ar
 *     width 0              (pixels; 0 = no wrapping)
 *     size 32              (em size in pixels; optional, default 32)
 *     bold                 (optional)
 *     text اتصل (Jobcenter)   (\uXXXX escapes allowed, e.g. \u200c for ZWNJ)
 *     ---
 *     line 0
 *       rtl NotoSansArabic-Regular Arab "اتصل "
 *       ...
 * Below "---" each line of the layout lists its runs from left to right: direction, font file (without
 * .ttf), ISO 15924 script and the run's characters in logical order. Every fixture also requires that
 * no glyph is .notdef and that no line is wider than the box.
 *
 * On a mismatch the test prints the layout it got. VK_UPDATE_FIXTURES=1 rewrites the expected part
 * with what the engine produces: review the diff before committing it.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>

#include "app/resources.h"
#include "base/utf8.h"
#include "check.h"
#include "text/layout.h"

static app_resources R;

typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void puts_b(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* \uXXXX and \n escapes of a fixture's text */
static void unescape(const char *in, buf *out)
{
    for (const char *p = in; *p;) {
        if (p[0] == '\\' && p[1] == 'u') {
            char hex[7] = {0};
            size_t k = 0;
            while (k < 6 && ((p[2 + k] >= '0' && p[2 + k] <= '9') || ((p[2 + k] | 32) >= 'a' && (p[2 + k] | 32) <= 'f')))
                hex[k] = p[2 + k], k++;
            char enc[4];
            put(out, enc, vk_utf8_encode((uint32_t)strtoul(hex, NULL, 16), enc));
            p += 2 + k;
        } else if (p[0] == '\\' && p[1] == 'n') {
            put(out, "\n", 1);
            p += 2;
        } else {
            put(out, p, 1);
            p++;
        }
    }
}

/* The readable dump of a layout: runs of each line, left to right. */
static void dump(const text_layout *L, const uint32_t *cp, buf *out)
{
    for (size_t li = 0; li < L->line_count; li++) {
        const text_line *ln = &L->lines[li];
        char head[64];
        snprintf(head, sizeof head, "line %zu\n", li);
        puts_b(out, head);
        for (uint32_t r = 0; r < ln->run_count; r++) {
            const text_run *run = &L->runs[ln->run_start + r];
            char script[5], font[128];
            hb_tag_to_string(hb_script_to_iso15924_tag((hb_script_t)run->script), script);
            script[4] = 0;
            snprintf(font, sizeof font, "%s", text_font_name(run->font));
            char *dot = strstr(font, ".ttf");
            if (dot)
                *dot = 0;
            char line[256];
            snprintf(line, sizeof line, "  %s %s %s \"", run->level & 1 ? "rtl" : "ltr", font, script);
            puts_b(out, line);
            for (uint32_t i = run->start; i < run->end; i++) {
                uint32_t c = cp[i];
                hb_unicode_general_category_t gc = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
                if (gc == HB_UNICODE_GENERAL_CATEGORY_FORMAT || gc == HB_UNICODE_GENERAL_CATEGORY_CONTROL || c == '"' ||
                    c == '\\') {
                    char esc[16];
                    snprintf(esc, sizeof esc, "\\u%04X", c);
                    puts_b(out, esc);
                } else {
                    char enc[4];
                    put(out, enc, vk_utf8_encode(c, enc));
                }
            }
            puts_b(out, "\"\n");
        }
    }
}

static int run_fixture(const char *dir, const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        CHECK(0, "%s cannot be read", path);
        return 0;
    }
    buf header = {0}, expected = {0}, text = {0};
    char lang[32] = "", line[8192];
    int width = 0, bold = 0;
    float size = 32;
    bool below = false;
    while (fgets(line, sizeof line, f)) {
        if (below) {
            puts_b(&expected, line);
            continue;
        }
        puts_b(&header, line);
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#' || line[0] == 0)
            continue;
        if (strcmp(line, "---") == 0)
            below = true;
        else if (strncmp(line, "lang ", 5) == 0)
            snprintf(lang, sizeof lang, "%.31s", line + 5);
        else if (strncmp(line, "width ", 6) == 0)
            width = atoi(line + 6);
        else if (strncmp(line, "size ", 5) == 0)
            size = (float)atof(line + 5);
        else if (strcmp(line, "bold") == 0)
            bold = 1;
        else if (strncmp(line, "text ", 5) == 0)
            unescape(line + 5, &text);
        else
            CHECK(0, "%s: unknown line '%s'", name, line);
    }
    fclose(f);
    int li = app_resources_lang_index(&R, lang);
    CHECK(li >= 0 && text.n > 0, "%s names a known language and has a text", name);
    if (li < 0 || text.n == 0)
        return 0;
    const ui_language *ul = &R.ui_langs[li];
    text_style st = {bold ? ul->bold : ul->regular, &R.fallback, size, 1.0f, ul->meta->code,
                     ul->meta->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR, TEXT_ALIGN_START, NULL};
    text_layout *L = text_layout_paragraph(R.layouter, &st, text.s, text.n, (float)width, NULL);
    size_t n;
    uint32_t *cp = vk_utf8_to_utf32(text.s, text.n, &n);
    buf got = {0};
    dump(L, cp, &got);
    bool same = expected.s && strcmp(got.s, expected.s) == 0;
    const char *update = getenv("VK_UPDATE_FIXTURES");
    if (!same && update && *update == '1') {
        FILE *w = fopen(path, "wb");
        fputs(header.s, w);
        if (!below)
            fputs("---\n", w);
        fputs(got.s, w);
        fclose(w);
        printf("updated %s\n", name);
    } else {
        CHECK(same, "%s: the layout differs from the fixture; got:\n%s", name, got.s);
    }
    for (size_t i = 0; i < L->glyph_count; i++)
        CHECK(L->glyphs[i].id != 0, "%s: glyph %zu is .notdef", name, i);
    for (size_t i = 0; width > 0 && i < L->line_count; i++)
        CHECK(L->lines[i].width <= (float)width + 0.01f, "%s: line %zu is wider than %d px", name, i, width);
    text_layout_free(L);
    free(cp);
    free(header.s);
    free(expected.s);
    free(text.s);
    free(got.s);
    return 1;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_fixture(const struct dirent *d)
{
    size_t n = strlen(d->d_name);
    return n > 7 && strcmp(d->d_name + n - 7, ".layout") == 0;
}

int main(void)
{
    vk_error err = {0};
    if (!app_resources_load(&R, check_env("VELKOMMEN_DATA"), &err)) {
        fprintf(stderr, "cannot load data: %s\n", err.msg);
        return EXIT_FAILURE;
    }
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/layout", check_env("VELKOMMEN_DATA"));
    struct dirent **list;
    int n = scandir(dir, &list, is_fixture, by_name);
    CHECK(n > 0, "fixtures found in %s", dir);
    for (int i = 0; i < n; i++) {
        int before = check_failed;
        run_fixture(dir, list[i]->d_name);
        printf("%s %s\n", check_failed == before ? "ok  " : "FAIL", list[i]->d_name);
        free(list[i]);
    }
    free(list);
    app_resources_free(&R);
    return check_done();
}
