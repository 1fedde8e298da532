/* text/bidi against the Unicode Bidirectional Algorithm's own conformance file (UAX #9,
 * BidiCharacterTest.txt from the Unicode Character Database, Debian's unicode-data under
 * VK_UNICODE_DIR). Every case runs through the engine's two stages as the layout uses them: resolve the
 * paragraph (P2-P3, X1-X10, W1-W7, N0-N2, I1-I2), then reorder the whole paragraph as one line (L1-L2).
 * The resolved paragraph level, the levels after L1 (except characters the file marks 'x', the ones X9
 * removes) and the visual order without X9-removed characters must all equal the file's. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text/bidi.h"

enum { LEVEL_REMOVED = 0xFF, MAX_REPORTED = 10 };

/* Growable buffers reused for every case, so 91,707 cases cost no allocation after the longest. */
typedef struct bidi_case {
    size_t cap;
    size_t n;              /* code points */
    uint32_t *text;
    int dir;               /* field 1: 0 LTR, 1 RTL, 2 auto */
    int par_level;         /* field 2 */
    uint8_t *want_levels;  /* field 3, LEVEL_REMOVED for 'x' */
    size_t want_order_n;
    uint32_t *want_order;  /* field 4 */
    uint8_t *got_levels;
    uint32_t *got_order;   /* as the engine returns it, removed characters included */
    size_t got_order_n;
    uint32_t *got_visible; /* got_order without X9-removed characters */
} bidi_case;

static int grow(bidi_case *c, size_t need)
{
    if (need <= c->cap)
        return 1;
    size_t cap = c->cap ? c->cap : 64;
    while (cap < need)
        cap *= 2;
    uint32_t *text = realloc(c->text, cap * sizeof *text);
    if (text)
        c->text = text;
    uint8_t *wl = realloc(c->want_levels, cap);
    if (wl)
        c->want_levels = wl;
    uint32_t *wo = realloc(c->want_order, cap * sizeof *wo);
    if (wo)
        c->want_order = wo;
    uint8_t *gl = realloc(c->got_levels, cap);
    if (gl)
        c->got_levels = gl;
    uint32_t *go = realloc(c->got_order, cap * sizeof *go);
    if (go)
        c->got_order = go;
    uint32_t *gv = realloc(c->got_visible, cap * sizeof *gv);
    if (gv)
        c->got_visible = gv;
    if (!text || !wl || !wo || !gl || !go || !gv)
        return 0;
    c->cap = cap;
    return 1;
}

static void free_case(bidi_case *c)
{
    free(c->text);
    free(c->want_levels);
    free(c->want_order);
    free(c->got_levels);
    free(c->got_order);
    free(c->got_visible);
}

static const char *skip_spaces(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Parses one data line: "cps;dir;level;levels;order". Returns 0 on a malformed line. */
static int parse_case(const char *line, bidi_case *c)
{
    const char *s = line;
    char *end;
    c->n = 0;
    for (s = skip_spaces(s); *s != ';'; s = skip_spaces(s)) {
        errno = 0;
        unsigned long cp = strtoul(s, &end, 16);
        if (end == s || errno || cp > 0x10FFFF || !grow(c, c->n + 1))
            return 0;
        c->text[c->n++] = (uint32_t)cp;
        s = end;
    }
    s++;
    long dir = strtol(s, &end, 10);
    if (end == s || *end != ';' || dir < 0 || dir > 2)
        return 0;
    c->dir = (int)dir;
    s = end + 1;
    long par = strtol(s, &end, 10);
    if (end == s || *end != ';' || par < 0 || par > 1)
        return 0;
    c->par_level = (int)par;
    s = end + 1;
    size_t k = 0;
    for (s = skip_spaces(s); *s != ';'; s = skip_spaces(s)) {
        if (k >= c->n)
            return 0;
        if (*s == 'x') {
            c->want_levels[k++] = LEVEL_REMOVED;
            s++;
            continue;
        }
        long lv = strtol(s, &end, 10);
        if (end == s || lv < 0 || lv > 125)
            return 0;
        c->want_levels[k++] = (uint8_t)lv;
        s = end;
    }
    if (k != c->n)
        return 0;
    s++;
    c->want_order_n = 0;
    for (s = skip_spaces(s); *s && *s != '\n' && *s != '\r'; s = skip_spaces(s)) {
        long ix = strtol(s, &end, 10);
        if (end == s || ix < 0 || (size_t)ix >= c->n || c->want_order_n >= c->n)
            return 0;
        c->want_order[c->want_order_n++] = (uint32_t)ix;
        s = end;
    }
    return 1;
}

static void print_u32s(FILE *f, const uint32_t *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(f, i ? " %u" : "%u", v[i]);
}

static void print_levels(FILE *f, const uint8_t *v, const uint8_t *mask, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(' ', f);
        if (mask && mask[i] == LEVEL_REMOVED)
            fputc('x', f);
        else
            fprintf(f, "%u", v[i]);
    }
}

static void report_failure(long lineno, const char *line, const bidi_case *c, int par_ok, int levels_ok,
                           int order_ok, int par_got)
{
    fprintf(stderr, "BidiCharacterTest.txt:%ld: %s", lineno, line);
    if (!strchr(line, '\n'))
        fputc('\n', stderr);
    if (!par_ok)
        fprintf(stderr, "    paragraph level: want %d, got %d\n", c->par_level, par_got);
    if (!levels_ok) {
        fputs("    levels: want ", stderr);
        print_levels(stderr, c->want_levels, c->want_levels, c->n);
        fputs("\n            got  ", stderr);
        print_levels(stderr, c->got_levels, c->want_levels, c->n);
        fputc('\n', stderr);
    }
    if (!order_ok) {
        fputs("    order:  want ", stderr);
        print_u32s(stderr, c->want_order, c->want_order_n);
        fputs("\n            got  ", stderr);
        print_u32s(stderr, c->got_visible, c->got_order_n);
        fputc('\n', stderr);
    }
}

static void matches_bidi_character_test(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/BidiCharacterTest.txt", check_env("VK_UNICODE_DIR"));
    FILE *f = fopen(path, "r");
    CHECK(f != NULL, "cannot open %s: %s", path, strerror(errno));
    if (!f)
        return;

    bidi_case c = {0};
    char *line = NULL;
    size_t line_cap = 0;
    long lineno = 0, cases = 0, malformed = 0, oom = 0, reported = 0;
    long par_fail = 0, levels_fail = 0, order_fail = 0, case_fail = 0;
    /* Field 1 as the file numbers it (0 LTR, 1 RTL, 2 auto) to the engine's enum, which orders them
     * differently. */
    static const text_direction dirs[3] = {TEXT_DIR_LTR, TEXT_DIR_RTL, TEXT_DIR_AUTO};

    while (getline(&line, &line_cap, f) != -1) {
        lineno++;
        const char *s = skip_spaces(line);
        if (*s == '#' || *s == '\n' || *s == '\r' || *s == '\0')
            continue;
        if (!parse_case(s, &c)) {
            if (malformed++ < MAX_REPORTED)
                fprintf(stderr, "BidiCharacterTest.txt:%ld: cannot parse: %s", lineno, line);
            continue;
        }
        cases++;

        text_bidi *b = text_bidi_new(c.text, c.n, dirs[c.dir]);
        if (!b || !text_bidi_reorder_line(b, 0, c.n, c.got_levels, c.got_order)) {
            oom++;
            text_bidi_free(b);
            continue;
        }
        int par_got = text_bidi_paragraph_level(b);
        int par_ok = par_got == c.par_level;

        int levels_ok = 1;
        for (size_t i = 0; i < c.n; i++)
            if (c.want_levels[i] != LEVEL_REMOVED && c.want_levels[i] != c.got_levels[i])
                levels_ok = 0;

        c.got_order_n = 0;
        for (size_t i = 0; i < c.n; i++)
            if (!text_bidi_is_removed(b, c.got_order[i]))
                c.got_visible[c.got_order_n++] = c.got_order[i];
        int order_ok = c.got_order_n == c.want_order_n &&
                       memcmp(c.got_visible, c.want_order, c.got_order_n * sizeof *c.got_visible) == 0;
        text_bidi_free(b);

        par_fail += !par_ok;
        levels_fail += !levels_ok;
        order_fail += !order_ok;
        if (!par_ok || !levels_ok || !order_ok) {
            case_fail++;
            if (reported++ < MAX_REPORTED)
                report_failure(lineno, line, &c, par_ok, levels_ok, order_ok, par_got);
        }
    }
    fclose(f);
    free(line);
    free_case(&c);

    printf("BidiCharacterTest: %ld of %ld cases pass\n", cases - case_fail, cases);
    printf("    paragraph level: %ld pass, %ld fail\n", cases - par_fail, par_fail);
    printf("    levels after L1: %ld pass, %ld fail\n", cases - levels_fail, levels_fail);
    printf("    visual order:    %ld pass, %ld fail\n", cases - order_fail, order_fail);

    CHECK(malformed == 0, "%ld lines of %s could not be parsed", malformed, path);
    CHECK(oom == 0, "the engine ran out of memory on %ld cases", oom);
    CHECK(cases > 0, "%s holds no test cases", path);
    CHECK(par_fail == 0, "%ld of %ld cases resolve the wrong paragraph level (UAX #9 P2-P3)", par_fail,
          cases);
    CHECK(levels_fail == 0, "%ld of %ld cases have wrong levels after L1 (UAX #9 X1-I2, L1)", levels_fail,
          cases);
    CHECK(order_fail == 0, "%ld of %ld cases have the wrong visual order (UAX #9 L2)", order_fail, cases);
}

int main(void)
{
    RUN(matches_bidi_character_test);
    return check_done();
}
