/* text/layout: paragraphs in any script, wrapped and bidi-correct (UAX #9, #14, #29, #24), with the
 * behaviours a typesetter expects; each test names one. */
#include <math.h>
#include <string.h>

#include "base/utf8.h"
#include "check.h"
#include "fonts.h"
#include "text/cache.h"
#include "text/layout.h"
#include "text/linebreak.h"

static test_fonts F;
static text_layouter *LO;

static text_layout *lay(const text_font_chain *chain, const char *lang, text_direction dir, const char *s,
                        float width)
{
    text_style st = {chain, &F.all, 32.0f, 1.0f, lang, dir, TEXT_ALIGN_START, NULL};
    vk_error err = {0};
    text_layout *L = text_layout_paragraph(LO, &st, s, strlen(s), width, &err);
    CHECK(L != NULL, "layout failed: %s", err.msg);
    if (!L)
        exit(EXIT_FAILURE);
    return L;
}

/* x range of the glyphs whose cluster lies in [a, b) */
static void glyph_span(const text_layout *L, uint32_t a, uint32_t b, float *lo, float *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < L->glyph_count; i++)
        if (L->glyphs[i].cluster >= a && L->glyphs[i].cluster < b) {
            *lo = fminf(*lo, L->glyphs[i].x);
            *hi = fmaxf(*hi, L->glyphs[i].x + L->glyphs[i].advance);
        }
}

static size_t count_cp(const char *s)
{
    size_t n;
    free(vk_utf8_to_utf32(s, strlen(s), &n));
    return n;
}

static bool has_notdef(const text_layout *L)
{
    for (size_t i = 0; i < L->glyph_count; i++)
        if (L->glyphs[i].id == 0)
            return true;
    return false;
}

static void rtl_paragraph_starts_at_the_right_edge(void)
{
    text_layout *L = lay(&F.arabic_chain, "ar", TEXT_DIR_RTL, "مرحبا بكم في الدنمارك", 900);
    CHECK(L->line_count == 1 && L->paragraph_level == 1, "one right-to-left line");
    float lo, hi;
    glyph_span(L, 0, 5, &lo, &hi); /* the first logical word */
    CHECK(fabsf(hi - 900) < 0.5f, "the first word ends at the right edge: %.2f", hi);
    for (size_t i = 0; i < L->glyph_count; i++)
        CHECK(L->glyphs[i].cluster < 5 || L->glyphs[i].x < lo + 0.01f, "cluster %u is right of the first word",
              L->glyphs[i].cluster);
    text_layout_free(L);
}

static void latin_word_in_arabic_stays_ltr_with_mirrored_brackets(void)
{
    const char *s = "اتصل بمركز العمل (Jobcenter) اليوم";
    text_layout *L = lay(&F.arabic_chain, "ar", TEXT_DIR_RTL, s, 0);
    uint32_t open = 17, word = 18, close = 27; /* code point indices of "(", "J", ")" */
    const text_run *latin = NULL;
    for (size_t r = 0; r < L->run_count; r++)
        if (L->runs[r].start <= word && word < L->runs[r].end)
            latin = &L->runs[r];
    CHECK(latin && (latin->level & 1) == 0, "Jobcenter is laid out left to right");
    CHECK(latin && latin->font == F.sans, "Jobcenter comes from Noto Sans");
    float wlo, whi, olo, ohi, clo, chi;
    glyph_span(L, word, close, &wlo, &whi);
    glyph_span(L, open, open + 1, &olo, &ohi);
    glyph_span(L, close, close + 1, &clo, &chi);
    CHECK(olo >= whi - 0.01f, "'(' is right of Jobcenter in a right-to-left line");
    CHECK(chi <= wlo + 0.01f, "')' is left of Jobcenter");
    /* UAX #9 L4 through HarfBuzz: the opening bracket at level 1 is drawn with the glyph of ')'. */
    hb_codepoint_t paren_close;
    hb_font_get_nominal_glyph(text_font_hb(F.sans), ')', &paren_close);
    for (size_t i = 0; i < L->glyph_count; i++)
        if (L->glyphs[i].cluster == open)
            CHECK(L->glyphs[i].id == paren_close, "'(' is mirrored exactly once (glyph %u)", L->glyphs[i].id);
    CHECK(!has_notdef(L) && L->missing == 0, "Noto Sans supplies the brackets Noto Sans Arabic lacks");
    text_layout_free(L);
}

static void overlong_word_wraps_at_grapheme_boundaries(void)
{
    char word[301];
    memset(word, 'w', 300);
    word[300] = 0;
    text_layout *L = lay(&F.latin, "da", TEXT_DIR_LTR, word, 400);
    CHECK(L->line_count > 1, "a 300-character word wraps (%zu lines)", L->line_count);
    uint32_t covered = 0;
    for (size_t i = 0; i < L->line_count; i++) {
        CHECK(L->lines[i].width <= 400.01f, "line %zu is %.1f px, wider than the box", i, L->lines[i].width);
        CHECK(L->lines[i].start == covered, "lines follow each other");
        covered = L->lines[i].end;
    }
    CHECK(covered == 300 && L->glyph_count == 300, "every character is shown once");
    text_layout_free(L);

    /* e + combining acute is one grapheme: a forced break never separates them */
    char combined[1000] = "";
    for (int i = 0; i < 150; i++)
        strcat(combined, "e\xcc\x81");
    L = lay(&F.latin, "da", TEXT_DIR_LTR, combined, 200);
    for (size_t i = 0; i < L->line_count; i++)
        CHECK(L->lines[i].start % 2 == 0, "line %zu starts inside a grapheme cluster", i);
    text_layout_free(L);

    /* a 300-letter Arabic word: the letters at each cut change form (and width) when the pieces are
     * shaped again, and the lines still fit the box */
    char arabic[2000] = "";
    for (int i = 0; i < 100; i++)
        strcat(arabic, "سلم");
    L = lay(&F.arabic_chain, "ar", TEXT_DIR_RTL, arabic, 422);
    CHECK(L->line_count > 1, "a 300-letter Arabic word wraps (%zu lines)", L->line_count);
    covered = 0;
    for (size_t i = 0; i < L->line_count; i++) {
        CHECK(L->lines[i].width <= 422.01f && L->lines[i].x >= -0.01f, "Arabic line %zu: %.2f px at x %.2f", i,
              L->lines[i].width, L->lines[i].x);
        CHECK(L->lines[i].start == covered, "Arabic lines follow each other");
        covered = L->lines[i].end;
    }
    CHECK(covered == 300 && !has_notdef(L), "every Arabic letter is shown");
    text_layout_free(L);
}

static uint32_t glyph_of_cluster(const text_layout *L, uint32_t cluster)
{
    for (size_t i = 0; i < L->glyph_count; i++)
        if (L->glyphs[i].cluster == cluster)
            return L->glyphs[i].id;
    return 0;
}

static void cut_through_joined_arabic_is_reshaped(void)
{
    /* An overlong Arabic "word" must break inside; HarfBuzz marks such cuts unsafe, so each piece is
     * shaped again: the letter before the cut takes its final form instead of keeping the medial one. */
    char word[1200] = "";
    for (int i = 0; i < 40; i++)
        strcat(word, "سلم");
    text_layout *whole = lay(&F.arabic_chain, "ar", TEXT_DIR_RTL, word, 0);
    text_layouter_work before = text_layouter_get_work(LO);
    text_layout *cut = lay(&F.arabic_chain, "ar", TEXT_DIR_RTL, word, 250);
    text_layouter_work after = text_layouter_get_work(LO);
    CHECK(cut->line_count > 2, "the word wraps (%zu lines)", cut->line_count);
    CHECK(after.chars_shaped - before.chars_shaped > 120, "cut pieces were shaped again");
    int changed = 0;
    for (size_t i = 0; i + 1 < cut->line_count; i++) {
        uint32_t last = cut->lines[i].end - 1;
        changed += glyph_of_cluster(cut, last) != glyph_of_cluster(whole, last);
    }
    CHECK(changed > 0, "letters before a cut changed form (%d lines)", changed);
    CHECK(!has_notdef(cut), "no .notdef");
    /* the widths the line filler decides with are those of the re-shaped pieces, not of the uncut word */
    for (size_t i = 0; i < cut->line_count; i++)
        CHECK(cut->lines[i].width <= 250.01f && cut->lines[i].x >= -0.01f, "line %zu: %.2f px at x %.2f in a 250 px box",
              i, cut->lines[i].width, cut->lines[i].x);
    text_layout_free(whole);
    text_layout_free(cut);
}

/* Lines stay inside the box at any width, whatever breaks them (opportunities, forced grapheme cuts,
 * re-shaped joining forms): only a line of a single grapheme wider than the box may stick out. A
 * forced cut avoids starting a line with the Ethiopic full stop when the line can give a grapheme. */
static void no_line_wider_than_the_box_at_any_width(void)
{
    char arabic_word[600] = "", ethiopic_word[600] = "";
    for (int i = 0; i < 30; i++)
        strcat(arabic_word, "سلم");
    for (int i = 0; i < 6; i++)
        strcat(ethiopic_word, "ሰላምታ");
    strcat(ethiopic_word, "።");
    const struct {
        const text_font_chain *chain;
        const char *lang, *text;
        text_direction dir;
    } cases[] = {
        {&F.arabic_chain, "ar", "مرحبا", TEXT_DIR_RTL},
        {&F.arabic_chain, "ar", "مرحبا بكم في الدنمارك", TEXT_DIR_RTL},
        {&F.arabic_chain, "ar", arabic_word, TEXT_DIR_RTL},
        {&F.arabic_chain, "ar", "اتصل بمركز العمل (Jobcenter Aarhus) على 89 40 12 34 والمستشفيات", TEXT_DIR_RTL},
        {&F.arabic_chain, "fa", "می\u200cخواهم کارآموزی در شهرداری", TEXT_DIR_RTL},
        {&F.latin, "da", "Arbejdsmarkedsuddannelsescenteret hjælper dig med at finde arbejde", TEXT_DIR_LTR},
        {&F.ethiopic_chain, "ti", ethiopic_word, TEXT_DIR_LTR},
        {&F.ethiopic_chain, "ti", "ሰዓት 10:30 ኣብ ማእከል ስራሕ።", TEXT_DIR_LTR},
    };
    vk_error err = {0};
    text_breaker *br = text_breaker_new("", &err);
    CHECK(br != NULL, "a grapheme breaker: %s", err.msg);
    if (!br)
        return;
    float worst = 0;
    int layouts = 0, bad = 0;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t n;
        uint32_t *cp = vk_utf8_to_utf32(cases[c].text, strlen(cases[c].text), &n);
        uint8_t *flags = malloc(n + 1);
        text_breaker_analyze(br, cp, n, flags, &err);
        for (float w = 60; w <= 1300; w += 7) {
            text_layout *L = lay(cases[c].chain, cases[c].lang, cases[c].dir, cases[c].text, w);
            layouts++;
            uint32_t covered = 0;
            size_t prev_graphemes = 0;
            for (size_t i = 0; i < L->line_count; i++) {
                const text_line *ln = &L->lines[i];
                size_t graphemes = 0;
                for (uint32_t q = ln->start + 1; q <= ln->end; q++)
                    graphemes += (flags[q] & TEXT_BREAK_GRAPHEME) != 0;
                float over = fmaxf(ln->width - w, -ln->x);
                if (graphemes > 1 && over > 0.01f) {
                    worst = fmaxf(worst, over);
                    if (bad++ < 10)
                        CHECK(false, "case %zu at %.0f px: line %zu is %.2f px at x %.2f", c, w, i, ln->width, ln->x);
                }
                CHECK(ln->start == covered, "case %zu at %.0f px: lines follow each other", c, w);
                covered = ln->end;
                CHECK(i == 0 || prev_graphemes == 1 || ln->start >= n || cp[ln->start] != 0x1362,
                      "case %zu at %.0f px: line %zu starts with U+1362", c, w, i);
                prev_graphemes = graphemes;
            }
            CHECK(covered == n, "case %zu at %.0f px: every character is laid out", c, w);
            CHECK(!has_notdef(L), "case %zu at %.0f px: no .notdef", c, w);
            text_layout_free(L);
        }
        free(flags);
        free(cp);
    }
    CHECK(bad == 0, "%d lines of %d layouts overflow the box, by up to %.2f px", bad, layouts, worst);
    printf("  %d layouts from 60 to 1300 px: %d lines overflow, worst by %.2f px\n", layouts, bad, worst);
    text_breaker_free(br);
}

static void wraps_at_spaces_and_hides_trailing_space(void)
{
    text_layout *L = lay(&F.latin, "da", TEXT_DIR_LTR, "Jobcentret hjælper dig med at finde arbejde i Aarhus", 300);
    CHECK(L->line_count >= 2, "the sentence wraps");
    for (size_t i = 0; i + 1 < L->line_count; i++) {
        uint32_t end = L->lines[i].end;
        CHECK(end > 0 && end < 52, "break inside the text");
        float lo, hi;
        glyph_span(L, L->lines[i].start, L->lines[i].end, &lo, &hi);
        CHECK(fabsf(hi - lo - L->lines[i].width) < 0.01f, "the line's width excludes its trailing space");
    }
    text_layout_free(L);
}

static void empty_and_blank_paragraphs_have_one_empty_line(void)
{
    const char *inputs[] = {"", "   ", "\t"};
    for (size_t i = 0; i < 3; i++) {
        text_layout *L = lay(&F.latin, "da", TEXT_DIR_LTR, inputs[i], 300);
        CHECK(L->line_count == 1 && L->glyph_count == 0 && L->height > 0, "input %zu: one empty line", i);
        text_layout_free(L);
    }
    text_layout *L = lay(&F.latin, "da", TEXT_DIR_LTR, "a\n\nb", 300);
    CHECK(L->line_count == 3, "a blank line between paragraphs keeps its height (%zu lines)", L->line_count);
    text_layout_free(L);
}

static void lone_combining_mark_is_drawn(void)
{
    text_layout *L = lay(&F.latin, "da", TEXT_DIR_LTR, "\xcc\x81", 300);
    CHECK(L->glyph_count >= 1 && !has_notdef(L) && L->missing == 0, "U+0301 alone gets a real glyph");
    text_layout_free(L);
}

static void zwnj_in_farsi_stops_joining_and_stays_in_the_run(void)
{
    text_layout *with = lay(&F.arabic_chain, "fa", TEXT_DIR_RTL, "می\u200cخواهم", 0);
    text_layout *without = lay(&F.arabic_chain, "fa", TEXT_DIR_RTL, "میخواهم", 0);
    CHECK(with->run_count == 1, "ZWNJ stays in its neighbours' font and run (%zu runs)", with->run_count);
    CHECK(!has_notdef(with), "no .notdef for ZWNJ");
    /* the ye (cluster 1) takes its final form before ZWNJ, its medial form when joined */
    uint32_t g_with = 0, g_without = 0;
    for (size_t i = 0; i < with->glyph_count; i++)
        if (with->glyphs[i].cluster == 1)
            g_with = with->glyphs[i].id;
    for (size_t i = 0; i < without->glyph_count; i++)
        if (without->glyphs[i].cluster == 1)
            g_without = without->glyphs[i].id;
    CHECK(g_with != 0 && g_without != 0 && g_with != g_without, "ZWNJ changes the joining form (%u vs %u)", g_with,
          g_without);
    text_layout_free(with);
    text_layout_free(without);

    text_layout *zwj = lay(&F.arabic_chain, "ar", TEXT_DIR_RTL, "ب\u200d", 0);
    CHECK(zwj->run_count == 1 && !has_notdef(zwj), "ZWJ stays with its base");
    text_layout_free(zwj);

    /* ZWJ after a letter makes it join forward: the beh takes its initial form, not its isolated one */
    text_layout *joined = lay(&F.arabic_chain, "fa", TEXT_DIR_RTL, "ب\u200d", 0);
    text_layout *alone = lay(&F.arabic_chain, "fa", TEXT_DIR_RTL, "ب", 0);
    uint32_t g_joined = glyph_of_cluster(joined, 0), g_alone = glyph_of_cluster(alone, 0);
    CHECK(joined->run_count == 1 && !has_notdef(joined), "ZWJ stays in the Farsi run");
    CHECK(g_joined != 0 && g_alone != 0 && g_joined != g_alone, "ZWJ changes the joining form (%u vs %u)", g_joined,
          g_alone);
    text_layout_free(joined);
    text_layout_free(alone);
}

static void numbers_keep_their_digit_order_inside_arabic(void)
{
    const char *s = "الموعد في 10:30 في الغرفة ٢٥";
    text_layout *L = lay(&F.arabic_chain, "ar", TEXT_DIR_RTL, s, 0);
    float a_lo, a_hi, b_lo, b_hi;
    glyph_span(L, 10, 11, &a_lo, &a_hi); /* "1" */
    glyph_span(L, 14, 15, &b_lo, &b_hi); /* "0" last */
    CHECK(a_hi <= b_lo + 0.01f, "10:30 reads left to right inside Arabic");
    size_t n = count_cp(s);
    glyph_span(L, (uint32_t)n - 2, (uint32_t)n - 1, &a_lo, &a_hi); /* Arabic-Indic 2 */
    glyph_span(L, (uint32_t)n - 1, (uint32_t)n, &b_lo, &b_hi);     /* Arabic-Indic 5 */
    CHECK(a_hi <= b_lo + 0.01f, "Arabic-Indic digits read left to right too");
    CHECK(!has_notdef(L), "no .notdef");
    text_layout_free(L);
}

static void ethiopic_takes_ascii_digits_from_the_fallback_font(void)
{
    text_layout *L = lay(&F.ethiopic_chain, "ti", TEXT_DIR_LTR, "ሰዓት 10:30 ኣብ ማእከል ስራሕ።", 0);
    CHECK(!has_notdef(L) && L->missing == 0, "Ethiopic with ASCII digits has no .notdef");
    bool used_sans = false, used_ethiopic = false;
    for (size_t r = 0; r < L->run_count; r++) {
        used_sans = used_sans || L->runs[r].font == F.sans;
        used_ethiopic = used_ethiopic || L->runs[r].font == F.ethiopic;
    }
    CHECK(used_sans && used_ethiopic, "both fonts of the chain are used");
    text_layout_free(L);
}

static void ethiopic_wordspace_is_a_break_opportunity(void)
{
    /* UAX #14: U+1361 ETHIOPIC WORDSPACE is BA (break after); U+1362 FULL STOP is not broken before.
     * Each word is 3 syllables + the wordspace: lines end at multiples of 4. */
    const char *s = "ሰላም፡ሰላም፡ሰላም፡ሰላም፡ሰላም፡ሰላም፡ሰላም፡ሰላም።";
    text_layout *L = lay(&F.ethiopic_chain, "ti", TEXT_DIR_LTR, s, 200);
    CHECK(L->line_count > 1, "the text wraps");
    for (size_t i = 0; i + 1 < L->line_count; i++)
        CHECK(L->lines[i].end % 4 == 0, "line %zu ends after a wordspace (at %u)", i, L->lines[i].end);
    size_t n;
    uint32_t *cp = vk_utf8_to_utf32(s, strlen(s), &n);
    for (size_t i = 0; i < L->line_count; i++)
        CHECK(L->lines[i].start >= n || cp[L->lines[i].start] != 0x1362, "line %zu starts with U+1362", i);
    free(cp);
    text_layout_free(L);
}

static void chain_shares_one_baseline_and_the_tallest_line_height(void)
{
    text_style ti = {&F.ethiopic_chain, NULL, 32, 1, "ti", TEXT_DIR_LTR, TEXT_ALIGN_START, NULL};
    text_style da = {&F.latin, NULL, 32, 1, "da", TEXT_DIR_LTR, TEXT_ALIGN_START, NULL};
    float a1, d1, h1, a2, d2, h2;
    text_style_metrics(&ti, &a1, &d1, &h1);
    text_style_metrics(&da, &a2, &d2, &h2);
    CHECK(h1 >= h2 && a1 >= a2, "a chain is at least as tall as each of its fonts");
    text_layout *L = lay(&F.ethiopic_chain, "ti", TEXT_DIR_LTR, "ሰዓት 10:30", 0);
    for (size_t i = 0; i < L->glyph_count; i++)
        CHECK(L->glyphs[i].y == L->lines[0].baseline, "every glyph sits on the line's baseline");
    text_layout_free(L);
}

static void invalid_utf8_becomes_replacement_characters(void)
{
    const char s[] = "\xff\xfe" "abc\xe2\x82";
    text_style st = {&F.latin, &F.all, 32, 1, "da", TEXT_DIR_LTR, TEXT_ALIGN_START, NULL};
    text_layout *L = text_layout_paragraph(LO, &st, s, sizeof s - 1, 300, NULL);
    CHECK(L && L->char_count == 6, "two bad bytes, three letters and a truncated sequence: 6 characters");
    CHECK(L && L->glyph_count == 6, "each is drawn");
    text_layout_free(L);
}

static void megabyte_paragraph_costs_linear_work(void)
{
    size_t n = 1 << 20;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        s[i] = (i % 7 == 6) ? ' ' : (char)('a' + i % 26);
    s[n] = 0;
    text_layouter_work before = text_layouter_get_work(LO);
    text_layout *L = lay(&F.latin, "da", TEXT_DIR_LTR, s, 800);
    text_layouter_work after = text_layouter_get_work(LO);
    uint64_t scanned = after.positions_scanned - before.positions_scanned;
    uint64_t shaped = after.chars_shaped - before.chars_shaped;
    CHECK(L->line_count > 1000, "many lines (%zu)", L->line_count);
    /* Each position is looked at about once, plus the one word that did not fit on each line; each
     * character is shaped once, plus re-shaped cuts. A quadratic filler would scan ~n^2/line. */
    CHECK(scanned < 3 * (uint64_t)n, "line filling looked at %llu positions for %zu characters",
          (unsigned long long)scanned, n);
    CHECK(shaped < 2 * (uint64_t)n, "shaping handled %llu characters for %zu", (unsigned long long)shaped, n);
    text_layout_free(L);

    /* one enormous word: the forced breaks must not rescan it per line */
    memset(s, 'x', n);
    before = text_layouter_get_work(LO);
    L = lay(&F.latin, "da", TEXT_DIR_LTR, s, 800);
    after = text_layouter_get_work(LO);
    scanned = after.positions_scanned - before.positions_scanned;
    CHECK(scanned < 4 * (uint64_t)n, "a 1 MB word: %llu positions for %zu characters", (unsigned long long)scanned, n);
    text_layout_free(L);
    free(s);
}

static void alignment_follows_the_paragraph_direction(void)
{
    text_layout *ltr = lay(&F.latin, "da", TEXT_DIR_LTR, "Hej", 500);
    text_layout *rtl = lay(&F.arabic_chain, "ar", TEXT_DIR_RTL, "مرحبا", 500);
    CHECK(ltr->lines[0].x == 0, "start-aligned LTR hangs from the left");
    CHECK(fabsf(rtl->lines[0].x + rtl->lines[0].width - 500) < 0.01f, "start-aligned RTL hangs from the right");
    text_layout_free(ltr);
    text_layout_free(rtl);
}

static void bold_spans_take_the_bold_chain_and_links_split_runs(void)
{
    text_font_chain bold = {{F.sans_bold}, 1};
    text_style st = {&F.latin, &F.all, 32, 1, "da", TEXT_DIR_LTR, TEXT_ALIGN_START, &bold};
    const char *s = "Tag pas med til mødet på jobcentret.";
    text_span spans[] = {{4, 7, TEXT_ATTR_BOLD}, {27, 37, TEXT_ATTR_LINK}}; /* "pas", "jobcentret" (bytes) */
    text_layout *L = text_layout_rich(LO, &st, s, strlen(s), spans, 2, 0, NULL);
    CHECK(L != NULL, "laid out");
    bool bold_ok = false, link_ok = false, plain_ok = true;
    for (size_t r = 0; r < L->run_count; r++) {
        const text_run *run = &L->runs[r];
        if (run->start == 4 && run->end == 7)
            bold_ok = run->font == F.sans_bold && run->attrs == TEXT_ATTR_BOLD;
        else if (run->attrs & TEXT_ATTR_LINK)
            link_ok = run->start == 25 && run->end == 35 && run->font == F.sans; /* code points: ø, å are 2 bytes */
        else
            plain_ok = plain_ok && run->font == F.sans && run->attrs == 0;
    }
    CHECK(bold_ok, "\"pas\" is its own run in Noto Sans Bold");
    CHECK(link_ok, "the link is its own run, in the regular font");
    CHECK(plain_ok, "the rest stays regular");
    text_layout_free(L);
}

static void cache_reuses_a_layout_until_its_inputs_change(void)
{
    text_cache *c = text_cache_new(2);
    text_style st = {&F.latin, &F.all, 32, 1, "da", TEXT_DIR_LTR, TEXT_ALIGN_START, NULL};
    text_cache_begin_frame(c);
    const text_layout *a = text_cache_get(c, LO, &st, "Velkommen", 9, 300, NULL);
    const text_layout *b = text_cache_get(c, LO, &st, "Velkommen", 9, 300, NULL);
    const text_layout *w = text_cache_get(c, LO, &st, "Velkommen", 9, 200, NULL);
    st.size = 40;
    const text_layout *z = text_cache_get(c, LO, &st, "Velkommen", 9, 300, NULL);
    CHECK(a && a == b, "the same text, style and width is a hit");
    CHECK(w && w != a && z && z != a, "another width or size is laid out anew");
    text_cache_stats s = text_cache_get_stats(c);
    CHECK(s.hits == 1 && s.misses == 3, "1 hit, 3 misses (got %llu, %llu)", (unsigned long long)s.hits,
          (unsigned long long)s.misses);
    text_cache_begin_frame(c); /* over budget, but everything was used in the frame that just ended */
    CHECK(text_cache_get_stats(c).entries == 3, "entries used in the last frame survive");
    text_cache_get(c, LO, &st, "Velkommen", 9, 300, NULL);
    text_cache_begin_frame(c);
    CHECK(text_cache_get_stats(c).entries <= 2, "older entries are evicted down to the budget");
    text_cache_free(c);
}

int main(void)
{
    test_fonts_load(&F);
    LO = text_layouter_new(NULL);
    RUN(rtl_paragraph_starts_at_the_right_edge);
    RUN(latin_word_in_arabic_stays_ltr_with_mirrored_brackets);
    RUN(overlong_word_wraps_at_grapheme_boundaries);
    RUN(wraps_at_spaces_and_hides_trailing_space);
    RUN(cut_through_joined_arabic_is_reshaped);
    RUN(no_line_wider_than_the_box_at_any_width);
    RUN(empty_and_blank_paragraphs_have_one_empty_line);
    RUN(lone_combining_mark_is_drawn);
    RUN(zwnj_in_farsi_stops_joining_and_stays_in_the_run);
    RUN(numbers_keep_their_digit_order_inside_arabic);
    RUN(ethiopic_takes_ascii_digits_from_the_fallback_font);
    RUN(ethiopic_wordspace_is_a_break_opportunity);
    RUN(chain_shares_one_baseline_and_the_tallest_line_height);
    RUN(invalid_utf8_becomes_replacement_characters);
    RUN(megabyte_paragraph_costs_linear_work);
    RUN(alignment_follows_the_paragraph_direction);
    RUN(bold_spans_take_the_bold_chain_and_links_split_runs);
    RUN(cache_reuses_a_layout_until_its_inputs_change);
    text_layouter_free(LO);
    text_fontlib_free(F.lib);
    return check_done();
}
