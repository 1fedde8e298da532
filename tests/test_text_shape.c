/* text/shape through text/layout: for every single-direction run the engine produces, its glyph ids,
 * advances and offsets equal those of `hb-shape` (Debian's libharfbuzz-bin) on the same font file,
 * text, direction, script, language and context. The reference comes from the tool at test time.
 *
 * Inputs: fixed Arabic, Tigrinya and Danish sentences with brackets, digits and mixed scripts, and
 * every string of the interface catalogs in its own language's fonts, regular and bold.
 */
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/resources.h"
#include "base/utf8.h"
#include "check.h"
#include "i18n/catalog.h"
#include "i18n/localize.h"
#include "text/layout.h"

#define SIZE 1000.0f /* with 1000-unit fonts, pixels equal font units */

static int runs_compared, strings_compared, runs_with_context;

/* Runs argv, returns its standard output (NUL-terminated, caller frees) or NULL. */
static char *capture(char *const argv[])
{
    int fd[2];
    if (pipe(fd) != 0)
        return NULL;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        /* hb-shape 6.0 echoes --text-before on standard error; keep the test log readable */
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, 2);
        close(fd[0]);
        close(fd[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ssize_t got;
    while ((got = read(fd[0], buf + n, cap - n - 1)) > 0) {
        n += (size_t)got;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    close(fd[0]);
    buf[n] = 0;
    int status;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static char *to_utf8(const uint32_t *cp, size_t n)
{
    char *s = malloc(4 * n + 1), *w = s;
    for (size_t i = 0; i < n; i++)
        w += vk_utf8_encode(cp[i], w);
    *w = 0;
    return s;
}

typedef struct ref_glyph {
    unsigned id;
    int dx, dy, adv;
} ref_glyph;

/* Parses hb-shape's "[12+300|7@10,-20+0|...]" (--no-glyph-names --no-clusters). */
static size_t parse_hb(const char *s, ref_glyph *out, size_t cap)
{
    size_t n = 0;
    const char *p = strchr(s, '[');
    if (!p)
        return 0;
    p++;
    while (*p && *p != ']' && n < cap) {
        ref_glyph g = {0};
        char *e;
        g.id = (unsigned)strtoul(p, &e, 10);
        p = e;
        if (*p == '@') {
            g.dx = (int)strtol(p + 1, &e, 10);
            g.dy = (int)strtol(e + 1, &e, 10);
            p = e;
        }
        if (*p == '+') {
            g.adv = (int)strtol(p + 1, &e, 10);
            p = e;
        }
        out[n++] = g;
        if (*p == '|')
            p++;
        else
            break;
    }
    return n;
}

/* Runs wait in groups of one font, direction, script and language, and each group goes through one
 * hb-shape process reading a line per run (--text-file): a few dozen processes for thousands of runs.
 * hb-shape then shapes each run without the text around it; where that differs from the engine's
 * result (the engine gives HarfBuzz the paragraph as context), the run is shaped again alone with
 * --text-before/--text-after, and only that answer counts. */
typedef struct pending {
    text_layout *L;
    size_t run;
    char *body, *before, *after;
    const char *lang;
} pending;

typedef struct group {
    char key[400];
    const text_font *font;
    bool rtl;
    char script[5];
    const char *lang;
    size_t *items;
    size_t count;
} group;

static pending *pend;
static size_t pend_count;
static group *groups;
static size_t group_count;
static text_layout **layouts;
static size_t layout_count;

static bool same_as(const text_layout *L, const text_run *run, const ref_glyph *ref, size_t m)
{
    float k = (float)text_font_upem(run->font) / SIZE;
    bool same = m == run->glyph_count;
    for (size_t i = 0; same && i < m; i++) {
        const text_glyph *g = &L->glyphs[run->glyph_start + i];
        same = g->id == ref[i].id && lroundf(g->advance * k) == ref[i].adv &&
               lroundf(-(g->y - L->lines[0].baseline) * k) == ref[i].dy;
    }
    /* x offsets: the pen is run->x plus earlier advances; the glyph sits at pen + dx */
    float pen = run->x;
    for (size_t i = 0; same && i < m; i++) {
        const text_glyph *g = &L->glyphs[run->glyph_start + i];
        same = lroundf((g->x - pen) * k) == ref[i].dx;
        pen += g->advance;
    }
    return same;
}

/* hb-shape on one run with its context; the final word on a run the batch disagreed with. */
static void compare_alone(const pending *p, const group *g)
{
    const text_run *run = &p->L->runs[p->run];
    char a_dir[32], a_script[32], a_lang[64], a_before[4096], a_after[4096];
    snprintf(a_dir, sizeof a_dir, "--direction=%s", g->rtl ? "rtl" : "ltr");
    snprintf(a_script, sizeof a_script, "--script=%s", g->script);
    snprintf(a_lang, sizeof a_lang, "--language=%s", g->lang);
    snprintf(a_before, sizeof a_before, "--text-before=%s", p->before);
    snprintf(a_after, sizeof a_after, "--text-after=%s", p->after);
    char *argv[] = {"hb-shape", "--no-glyph-names", "--no-clusters", a_dir, a_script, a_lang, a_before, a_after,
                    (char *)text_font_path(g->font), p->body, NULL};
    char *out = capture(argv);
    CHECK(out != NULL, "hb-shape ran (is libharfbuzz-bin installed?)");
    if (!out)
        return;
    static ref_glyph ref[4096];
    size_t m = parse_hb(out, ref, 4096);
    CHECK(same_as(p->L, run, ref, m), "%s %s run \"%s\" differs from hb-shape: %s", g->lang, text_font_name(g->font),
          p->body, out);
    free(out);
}

static void compare(const ui_language *lang, bool bold, const text_font_chain *fallback, text_layouter *lo,
                    const char *text)
{
    text_style st = {bold ? lang->bold : lang->regular, fallback, SIZE, 1.0f, lang->meta->code,
                     lang->meta->rtl ? TEXT_DIR_RTL : TEXT_DIR_LTR, TEXT_ALIGN_START, NULL};
    text_layout *L = text_layout_paragraph(lo, &st, text, strlen(text), 0, NULL);
    CHECK(L != NULL, "layout of \"%s\"", text);
    if (!L)
        return;
    layouts = realloc(layouts, (layout_count + 1) * sizeof *layouts);
    layouts[layout_count++] = L;
    size_t n;
    uint32_t *cp = vk_utf8_to_utf32(text, strlen(text), &n);
    strings_compared++;
    for (size_t r = 0; r < L->run_count; r++) {
        const text_run *run = &L->runs[r];
        /* the run's own paragraph (segment) bounds its context, as in the engine */
        size_t seg = run->start, seg_end = run->end;
        while (seg > 0 && cp[seg - 1] != '\n')
            seg--;
        while (seg_end < n && cp[seg_end] != '\n')
            seg_end++;
        pend = realloc(pend, (pend_count + 1) * sizeof *pend);
        pending *p = &pend[pend_count];
        p->L = L;
        p->run = r;
        p->body = to_utf8(cp + run->start, run->end - run->start);
        p->before = to_utf8(cp + seg, run->start - seg);
        p->after = to_utf8(cp + run->end, seg_end - run->end);
        p->lang = lang->meta->code;
        char script[5];
        hb_tag_to_string(hb_script_to_iso15924_tag((hb_script_t)run->script), script);
        script[4] = 0;
        char key[400];
        snprintf(key, sizeof key, "%s|%d|%s|%s", text_font_path(run->font), run->level & 1, script, p->lang);
        size_t gi = 0;
        while (gi < group_count && strcmp(groups[gi].key, key) != 0)
            gi++;
        if (gi == group_count) {
            groups = realloc(groups, (group_count + 1) * sizeof *groups);
            group *g = &groups[group_count++];
            memset(g, 0, sizeof *g);
            snprintf(g->key, sizeof g->key, "%s", key);
            g->font = run->font;
            g->rtl = run->level & 1;
            memcpy(g->script, script, 5);
            g->lang = p->lang;
        }
        group *g = &groups[gi];
        g->items = realloc(g->items, (g->count + 1) * sizeof *g->items);
        g->items[g->count++] = pend_count++;
    }
    free(cp);
}

static void flush(void)
{
    for (size_t gi = 0; gi < group_count; gi++) {
        group *g = &groups[gi];
        char file[1200];
        snprintf(file, sizeof file, "%s/shape-group.txt", check_env("VK_TMP"));
        FILE *f = fopen(file, "wb");
        for (size_t i = 0; i < g->count; i++)
            fprintf(f, "%s\n", pend[g->items[i]].body);
        fclose(f);
        char a_dir[32], a_script[32], a_lang[64], a_file[1300];
        snprintf(a_dir, sizeof a_dir, "--direction=%s", g->rtl ? "rtl" : "ltr");
        snprintf(a_script, sizeof a_script, "--script=%s", g->script);
        snprintf(a_lang, sizeof a_lang, "--language=%s", g->lang);
        snprintf(a_file, sizeof a_file, "--text-file=%s", file);
        char *argv[] = {"hb-shape", "--no-glyph-names", "--no-clusters", a_dir, a_script, a_lang, a_file,
                        (char *)text_font_path(g->font), NULL};
        char *out = capture(argv);
        CHECK(out != NULL, "hb-shape ran (is libharfbuzz-bin installed?)");
        char *line = out;
        for (size_t i = 0; out && i < g->count; i++) {
            char *nl = strchr(line, '\n');
            if (nl)
                *nl = 0;
            static ref_glyph ref[4096];
            size_t m = parse_hb(line, ref, 4096);
            pending *p = &pend[g->items[i]];
            if (!same_as(p->L, &p->L->runs[p->run], ref, m)) {
                compare_alone(p, g);
                runs_with_context++;
            }
            runs_compared++;
            line = nl ? nl + 1 : line + strlen(line);
        }
        free(out);
        free(g->items);
    }
    for (size_t i = 0; i < pend_count; i++) {
        free(pend[i].body);
        free(pend[i].before);
        free(pend[i].after);
    }
    for (size_t i = 0; i < layout_count; i++)
        text_layout_free(layouts[i]);
    free(pend);
    free(groups);
    free(layouts);
    printf("%zu hb-shape processes for %d runs\n", group_count, runs_compared);
}

static app_resources R;

static const ui_language *lang_of(const char *code)
{
    int i = app_resources_lang_index(&R, code);
    if (i < 0) {
        fprintf(stderr, "language %s missing\n", code);
        exit(EXIT_FAILURE);
    }
    return &R.ui_langs[i];
}

static void fixed_sentences_match_hb_shape(void)
{
    static const struct {
        const char *lang, *text;
    } cases[] = {
        {"ar", "اتصل بمركز العمل (Jobcenter Aarhus) على الرقم 70 12 34 56 قبل 15%؟"},
        {"ar", "مُرَحَّبٌ بِكُمْ في مدرسة اللغة، الصف ٣ – الساعة ٩:٣٠"},
        {"ar", "قرار البلدية: لماذا؟ لأن السكن يُوزَّع حسب الأماكن المتاحة."},
        {"ti", "እንቋዕ ብደሓን መጻእኩም። ቁጽሪ ተሌፎን 70 12 34 56 (Jobcenter)።"},
        {"ti", "ሰዓት 10:30፡ ኣብ ቤት ትምህርቲ ቋንቋ፧"},
        {"da", "Jobcentret i Aarhus: æøå ÆØÅ – ring på 70 12 34 56 (hverdage 8–15)."},
        {"en", "Job First: Danish is learned while working — “why” matters."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        for (int bold = 0; bold < 2; bold++)
            compare(lang_of(cases[i].lang), bold, &R.fallback, R.layouter, cases[i].text);
}

static void every_catalog_string_matches_hb_shape(void)
{
    for (size_t li = 0; li < R.langs.count; li++) {
        const i18n_catalog *cat = R.catalogs[li];
        CHECK(cat != NULL, "%s has an interface catalog", R.langs.langs[li].code);
        for (size_t i = 0; cat && i < i18n_catalog_count(cat); i++) {
            const char *ctxt, *id, *str;
            bool fuzzy;
            i18n_catalog_entry(cat, i, &ctxt, &id, &str, &fuzzy);
            for (int bold = 0; bold < 2; bold++)
                compare(&R.ui_langs[li], bold, &R.fallback, R.layouter, *str ? str : id);
        }
    }
}

/* Every block of the bundled content as each language shows it: Danish from content/, the others
 * from their catalogs, with markup resolved and numbers isolated, as the kiosk lays them out. */
static void every_content_string_matches_hb_shape(void)
{
    for (size_t li = 0; li < R.langs.count; li++) {
        const ui_language *l = &R.ui_langs[li];
        for (size_t p = 0; p < R.content.page_count; p++) {
            i18n_content_chain none = {{{0}, 0}, {0}, (int)R.source_lang};
            i18n_page *lp = i18n_page_localize(&R.content.pages[p], l->content ? l->content : &none, (int)li);
            if (!lp)
                continue;
            compare(&R.ui_langs[lp->title_lang], true, &R.fallback, R.layouter, lp->title);
            for (size_t b = 0; b < lp->block_count; b++)
                if (lp->blocks[b].shown.text && lp->blocks[b].shown.text[0])
                    compare(&R.ui_langs[lp->blocks[b].lang], false, &R.fallback, R.layouter, lp->blocks[b].shown.text);
            i18n_page_free(lp);
        }
    }
}

int main(void)
{
    vk_error err = {0};
    if (!app_resources_load(&R, check_env("VELKOMMEN_DATA"), &err)) {
        fprintf(stderr, "cannot load data: %s\n", err.msg);
        return EXIT_FAILURE;
    }
    RUN(fixed_sentences_match_hb_shape);
    RUN(every_catalog_string_matches_hb_shape);
    RUN(every_content_string_matches_hb_shape);
    flush();
    printf("compared %d runs of %d strings with hb-shape (%d needed their context)\n", runs_compared, strings_compared,
           runs_with_context);
    CHECK(runs_compared > 50, "enough runs were compared");
    app_resources_free(&R);
    return check_done();
}
