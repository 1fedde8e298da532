/* i18n content round trip with the standard tools: extract -> msginit -> translate -> the kiosk's
 * localized page shows the translation; change the Danish -> msgmerge makes the entry fuzzy -> the
 * page falls back to Danish for that paragraph and says so. */
#include <string.h>
#include <sys/stat.h>

#include <gettext-po.h>

#include "check.h"
#include "fonts.h"
#include "text/layout.h"
#include "base/utf8.h"
#include "content/markdown.h"
#include "content/tree.h"
#include "i18n/catalog.h"
#include "i18n/extract.h"
#include "i18n/localize.h"
#include "i18n/po.h"

static char dir[1024];

static void write_text(const char *name, const char *text)
{
    char path[1200];
    snprintf(path, sizeof path, "%.1000s/%.100s", dir, name);
    FILE *f = fopen(path, "wb");
    fputs(text, f);
    fclose(f);
}

static int sh(const char *fmt, const char *a, const char *b)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    return system(cmd);
}

/* Fills every msgstr of po with "AR: " + msgid, as a translator would (through libgettextpo). */
static void translate_all(const char *po)
{
    po_file_t f = i18n_po_read(po, NULL);
    CHECK(f != NULL, "%s reads", po);
    if (!f)
        return;
    po_message_iterator_t it = po_message_iterator(f, NULL);
    for (po_message_t m; (m = po_next_message(it));) {
        const char *id = po_message_msgid(m);
        if (!*id)
            continue;
        char buf[2048];
        /* keep the link's address, translate around it */
        snprintf(buf, sizeof buf, "AR: %s", id);
        po_message_set_msgstr(m, buf);
        po_message_set_fuzzy(m, 0);
    }
    po_message_iterator_free(it);
    vk_error err = {0};
    CHECK(i18n_po_write(f, po, &err), "written: %s", err.msg);
    po_file_free(f);
}

static void round_trip_through_msginit_and_msgmerge(void)
{
    char content[1100], pot[1100], po[1100];
    snprintf(content, sizeof content, "%.1000s/content", dir);
    snprintf(pot, sizeof pot, "%.1000s/content.pot", dir);
    snprintf(po, sizeof po, "%.1000s/ar.po", dir);
    mkdir(content, 0755);
    char saved[1024];
    snprintf(saved, sizeof saved, "%s", dir);
    snprintf(dir, sizeof dir, "%.1000s", content);
    write_text("a.md", "---\ntitle: Praktik\n---\nEn praktik varer *nogle uger*. Se [b](b.md).\n\nRing til os.\n");
    write_text("b.md", "---\ntitle: B\n---\nTekst.\n");
    snprintf(dir, sizeof dir, "%s", saved);

    content_tree t;
    content_diags d = {0};
    content_tree_load(content, &t, &d);
    size_t n = 0;
    CHECK(i18n_extract_content(&t, "content", pot, &n, NULL) && n == 5, "extracted 5 strings (%zu)", n);
    CHECK(sh("msginit --no-translator -l ar -i '%s' -o '%s' 2>/dev/null", pot, po) == 0, "msginit");
    translate_all(po);

    i18n_catalog *cat = i18n_catalog_load(po, NULL);
    CHECK(cat != NULL, "the translated catalog loads");
    i18n_content_chain chain = {{{cat}, 1}, {2}, 0}; /* language 2 = ar, 0 = da */
    const content_page *a = content_tree_page(&t, "a");
    i18n_page *lp = i18n_page_localize(a, &chain, 2);
    CHECK(lp && lp->fallback_count == 0 && strcmp(lp->title, "AR: Praktik") == 0, "the title is translated");
    CHECK(lp && lp->blocks[0].lang == 2 && strcmp(lp->blocks[0].shown.text, "AR: En praktik varer nogle uger. Se b.") == 0,
          "the paragraph is translated, markup parsed: %s", lp ? lp->blocks[0].shown.text : "");
    CHECK(lp && lp->blocks[0].shown.link_count == 1 && lp->blocks[0].shown.links[0].page &&
              strcmp(lp->blocks[0].shown.links[0].page, "b") == 0,
          "the translated link still leads to page b");
    i18n_page_free(lp);
    i18n_catalog_free(cat);
    content_tree_free(&t);
    content_diags_free(&d);

    /* staff change the Danish paragraph: its translation must turn fuzzy and stop being shown */
    snprintf(dir, sizeof dir, "%.1000s", content);
    write_text("a.md", "---\ntitle: Praktik\n---\nEn praktik varer *få uger*. Se [b](b.md).\n\nRing til os.\n");
    snprintf(dir, sizeof dir, "%s", saved);
    content_tree_load(content, &t, &d);
    i18n_extract_content(&t, "content", pot, &n, NULL);
    CHECK(sh("msgmerge --quiet --update --backup=none '%s' '%s'", po, pot) == 0, "msgmerge");
    cat = i18n_catalog_load(po, NULL);
    chain.tr.chain[0] = cat;
    lp = i18n_page_localize(content_tree_page(&t, "a"), &chain, 2);
    CHECK(lp && lp->fallback_count == 1, "one string falls back (%zu)", lp ? lp->fallback_count : 0);
    CHECK(lp && lp->blocks[0].lang == 0 && strcmp(lp->blocks[0].shown.text, "En praktik varer få uger. Se b.") == 0,
          "the changed paragraph is shown in Danish, not in a stale translation");
    CHECK(lp && lp->blocks[1].lang == 2, "the unchanged one stays translated");
    bool fuzzy = false;
    i18n_catalog_lookup(cat, NULL, "En praktik varer *få uger*. Se [b](b.md).", &fuzzy);
    CHECK(fuzzy, "msgmerge marked it fuzzy for the translator");
    i18n_page_free(lp);
    i18n_catalog_free(cat);
    content_tree_free(&t);
    content_diags_free(&d);
}

/* The line a msgid's first "#:" reference names in the template at pot, or -1 without one. */
static long reference_line(const char *pot, const char *msgid)
{
    po_file_t f = i18n_po_read(pot, NULL);
    long line = -1;
    po_message_iterator_t it = f ? po_message_iterator(f, NULL) : NULL;
    for (po_message_t m; it && (m = po_next_message(it));) {
        po_filepos_t fp = po_message_filepos(m, 0);
        if (strcmp(po_message_msgid(m), msgid) == 0 && fp)
            line = (long)po_filepos_start_line(fp);
    }
    if (it)
        po_message_iterator_free(it);
    if (f)
        po_file_free(f);
    return line;
}

/* A translator opening the reference of a section's summary finds the summary there, wherever in the
 * front matter staff put it (jobcenter/_section.md has it on line 5). */
static void a_section_summary_is_referenced_at_its_own_line(void)
{
    char content[1100], pot[1100], saved[1024];
    snprintf(content, sizeof content, "%.1000s/sections", dir);
    snprintf(pot, sizeof pot, "%.1000s/sections.pot", dir);
    mkdir(content, 0755);
    snprintf(saved, sizeof saved, "%s", dir);
    snprintf(dir, sizeof dir, "%.1000s/job", content);
    mkdir(dir, 0755);
    write_text("_section.md", "---\ntitle: Jobcentret\norder: 2\nicon: jobcentre\nsummary: Dit program og dit job.\n---\n");
    write_text("a.md", "---\ntitle: A\n---\nTekst.\n");
    snprintf(dir, sizeof dir, "%s", saved);
    content_tree t;
    content_diags d = {0};
    content_tree_load(content, &t, &d);
    size_t n = 0;
    vk_error err = {0};
    CHECK(i18n_extract_content(&t, "content", pot, &n, &err), "extracted: %s", err.msg);
    long title = reference_line(pot, "Jobcentret"), summary = reference_line(pot, "Dit program og dit job.");
    CHECK(title == 2, "the section title is referenced at line 2 (%ld)", title);
    CHECK(summary == 5, "the section summary is referenced at line 5, where it is (%ld)", summary);
    content_tree_free(&t);
    content_diags_free(&d);
}

/* scripts/update-po in a small project of its own (one C file, one Danish catalog): a changed
 * interface string turns fuzzy and keeps the text it was translated from (msgmerge --previous), so
 * the translator's editor shows what changed, not only that something did. */
static void update_po_keeps_the_previous_text_for_translators(void)
{
    char copy[1100], cmd[8000], path[1200];
    snprintf(copy, sizeof copy, "%.1000s/update-po", dir);
    snprintf(cmd, sizeof cmd,
             "rm -rf '%s' && mkdir -p '%s/scripts' '%s/src' '%s/locales/da' && cp '%.1000s/scripts/update-po' '%s/scripts/'",
             copy, copy, copy, copy, check_env("VELKOMMEN_DATA"), copy);
    CHECK(system(cmd) == 0, "made the project");
    char saved[1024];
    snprintf(saved, sizeof saved, "%s", dir);
    snprintf(dir, sizeof dir, "%.1000s", copy);
    /* translated when the string was "Welcome to the library"; then the source changed */
    write_text("locales/LINGUAS", "da\n");
    write_text("locales/da/velkommen.po", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                                          "msgid \"Welcome to the library\"\nmsgstr \"Velkommen på biblioteket\"\n");
    write_text("src/greet.c", "const char *greet(void *tr) { return _(tr, \"Welcome to the town library\"); }\n");
    snprintf(dir, sizeof dir, "%s", saved);
    /* no program to extract the content with: update-po merges the interface catalogs alone */
    snprintf(cmd, sizeof cmd, "cd '%s' && VELKOMMEN=./none scripts/update-po 2>/dev/null", copy);
    CHECK(system(cmd) == 0, "scripts/update-po ran");
    snprintf(path, sizeof path, "%.1100s/locales/da/velkommen.po", copy);
    static char text[65536];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    text[n] = 0;
    if (f)
        fclose(f);
    CHECK(strstr(text, "#, fuzzy\n#| msgid \"Welcome to the library\"\nmsgid \"Welcome to the town library\"\n"
                       "msgstr \"Velkommen på biblioteket\"\n"),
          "the changed string is fuzzy, with the previous text as #| msgid above the new:\n%s", text);
}

/* x of the first glyph of each digit group, in logical order */
static bool groups_read_left_to_right(const char *arabic, text_layouter *lo, const test_fonts *F)
{
    content_block b = {0};
    content_inline_parse(arabic, strlen(arabic), &b);
    i18n_isolate_ltr(&b);
    text_style st = {&F->arabic_chain, &F->all, 32, 1, "ar", TEXT_DIR_RTL, TEXT_ALIGN_START, NULL};
    text_layout *L = text_layout_paragraph(lo, &st, b.text, strlen(b.text), 0, NULL);
    /* walk the code points: each digit that starts a group must lie right of the previous group */
    size_t n;
    uint32_t *cp = vk_utf8_to_utf32(b.text, strlen(b.text), &n);
    float last_x = -1;
    bool ok = L != NULL, in_group = false;
    int groups = 0;
    for (size_t i = 0; ok && i < n; i++) {
        bool digit = (cp[i] >= '0' && cp[i] <= '9') || (cp[i] >= 0x660 && cp[i] <= 0x669);
        if (digit && !in_group) {
            float x = -1;
            for (size_t g = 0; g < L->glyph_count; g++)
                if (L->glyphs[g].cluster == i)
                    x = L->glyphs[g].x;
            if (cp[i - (i > 0)] != 0x2066 && groups > 0 && x <= last_x)
                ok = false;
            if (cp[i - (i > 0)] == 0x2066)
                last_x = -1; /* a new isolated number: its own order starts again */
            last_x = x;
            groups++;
        }
        in_group = digit;
    }
    free(cp);
    text_layout_free(L);
    content_block_free(&b);
    return ok && groups >= 2;
}

static void phone_numbers_in_arabic_keep_their_digit_order(void)
{
    test_fonts F;
    test_fonts_load(&F);
    text_layouter *lo = text_layouter_new(NULL);
    CHECK(groups_read_left_to_right("اتصل بالرقم 70 12 34 56 قبل الساعة 10:30.", lo, &F),
          "70 12 34 56 reads 70, 12, 34, 56 from left to right inside Arabic");
    CHECK(groups_read_left_to_right("رقمك هو `010203-1234` ويوم الموعد 12.03.2026.", lo, &F),
          "a CPR-style number in backticks and a date keep their order");
    /* and the same for every grouped number in the bundled Arabic content */
    char po[1200];
    snprintf(po, sizeof po, "%s/locales/ar/content.po", check_env("VELKOMMEN_DATA"));
    i18n_catalog *cat = i18n_catalog_load(po, NULL);
    int checked = 0;
    for (size_t i = 0; cat && i < i18n_catalog_count(cat); i++) {
        const char *ctxt, *id, *str;
        bool fuzzy;
        i18n_catalog_entry(cat, i, &ctxt, &id, &str, &fuzzy);
        const char *p = str;
        bool grouped = false;
        for (; *p && !grouped; p++)
            grouped = p[0] >= '0' && p[0] <= '9' && strchr(" .-:/", p[1]) && p[1] && p[2] >= '0' && p[2] <= '9';
        if (!grouped || fuzzy || !*str)
            continue;
        checked++;
        CHECK(groups_read_left_to_right(str, lo, &F), "bundled: %s", str);
    }
    printf("grouped numbers checked in the bundled Arabic content: %d\n", checked);
    /* Livslinien's 70 201 201 on sundhed/svaert at least: a test of nothing would pass silently */
    CHECK(checked >= 1, "the bundled Arabic content has a grouped number to check (%d)", checked);
    i18n_catalog_free(cat);
    text_layouter_free(lo);
    text_fontlib_free(F.lib);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/i18n-content", check_env("VK_TMP"));
    if (sh("rm -rf '%s' && mkdir -p '%s'", dir, dir) != 0)
        return EXIT_FAILURE;
    RUN(round_trip_through_msginit_and_msgmerge);
    RUN(a_section_summary_is_referenced_at_its_own_line);
    RUN(update_po_keeps_the_previous_text_for_translators);
    RUN(phone_numbers_in_arabic_keep_their_digit_order);
    return check_done();
}
