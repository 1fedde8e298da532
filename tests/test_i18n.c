/* i18n: .po catalogs read with libgettextpo (fuzzy, context, plural, obsolete entries; broken files
 * become errors with file and line), translation chains, and the one-line language metadata. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "i18n/keyboard.h"
#include "i18n/catalog.h"
#include "i18n/lang.h"

static const char *write_file(const char *name, const char *content)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", check_env("VK_TMP"), name);
    FILE *f = fopen(path, "wb");
    fputs(content, f);
    fclose(f);
    return path;
}

#define HEADER "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"

static void reads_translated_fuzzy_context_plural_and_obsolete_entries(void)
{
    const char *po = write_file("full.po", HEADER
                                "msgid \"Welcome\"\nmsgstr \"Velkommen\"\n\n"
                                "#, fuzzy\nmsgid \"Home\"\nmsgstr \"Hjem?\"\n\n"
                                "msgctxt \"button\"\nmsgid \"Back\"\nmsgstr \"Tilbage\"\n\n"
                                "msgid \"Back\"\nmsgstr \"Bagud\"\n\n"
                                "msgid \"%d page\"\nmsgid_plural \"%d pages\"\nmsgstr[0] \"%d side\"\nmsgstr[1] \"%d sider\"\n\n"
                                "msgid \"Empty\"\nmsgstr \"\"\n\n"
                                "#~ msgid \"Gone\"\n#~ msgstr \"Væk\"\n");
    vk_error err = {0};
    i18n_catalog *c = i18n_catalog_load(po, &err);
    CHECK(c != NULL, "loads: %s", err.msg);
    if (!c)
        return;
    bool fuzzy;
    CHECK(strcmp(i18n_catalog_lookup(c, NULL, "Welcome", NULL), "Velkommen") == 0, "a plain entry");
    CHECK(i18n_catalog_lookup(c, NULL, "Home", &fuzzy) == NULL && fuzzy, "a fuzzy entry is not used, and said so");
    CHECK(strcmp(i18n_catalog_lookup(c, "button", "Back", NULL), "Tilbage") == 0, "context selects the entry");
    CHECK(strcmp(i18n_catalog_lookup(c, NULL, "Back", NULL), "Bagud") == 0, "no context is its own entry");
    CHECK(strcmp(i18n_catalog_lookup(c, NULL, "%d page", NULL), "%d side") == 0, "a plural's first form");
    CHECK(i18n_catalog_lookup(c, NULL, "Empty", NULL) == NULL, "an empty msgstr is untranslated");
    CHECK(i18n_catalog_lookup(c, NULL, "Gone", NULL) == NULL, "obsolete entries are ignored");
    CHECK(i18n_catalog_size(c) == 4, "4 usable translations (got %zu)", i18n_catalog_size(c));
    i18n_catalog_free(c);
}

static void crlf_catalog_from_windows_loads(void)
{
    const char *po = write_file("crlf.po", "msgid \"\"\r\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\r\n\r\n"
                                           "msgid \"Welcome\"\r\nmsgstr \"مرحبًا\"\r\n");
    i18n_catalog *c = i18n_catalog_load(po, NULL);
    CHECK(c && strcmp(i18n_catalog_lookup(c, NULL, "Welcome", NULL), "مرحبًا") == 0, "CRLF line ends are fine");
    i18n_catalog_free(c);
}

static void bom_and_a_wrong_charset_header_are_reported(void)
{
    const char *po = write_file("bom.po", "\xEF\xBB\xBF" HEADER "msgid \"Welcome\"\nmsgstr \"Velkommen\"\n");
    vk_error bom = {0};
    i18n_catalog *c = i18n_catalog_load(po, &bom);
    CHECK(!c && bom.line == 1 && strstr(bom.msg, "byte order mark"),
          "a BOM, which msgfmt refuses too, is named as such: %s", bom.msg);
    i18n_catalog_free(c);
    /* a Latin-1 catalog that says so is converted by libgettextpo; one that lies is refused */
    po = write_file("latin1-honest.po", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\n"
                                        "msgid \"Welcome\"\nmsgstr \"Velkommen p\xe5 \xf8" "en\"\n");
    c = i18n_catalog_load(po, NULL);
    const char *t = c ? i18n_catalog_lookup(c, NULL, "Welcome", NULL) : NULL;
    CHECK(!c || (t && strcmp(t, "Velkommen på øen") == 0), "an honest Latin-1 catalog reads as UTF-8 or is refused, "
                                                          "never shown as mojibake (%s)", t ? t : "refused");
    i18n_catalog_free(c);
    vk_error err = {0};
    po = write_file("latin1-liar.po", HEADER "msgid \"Welcome\"\nmsgstr \"Velkommen p\xe5 \xf8" "en\"\n");
    CHECK(i18n_catalog_load(po, &err) == NULL && err.msg[0], "a catalog that claims UTF-8 but is not is refused: %s",
          err.msg);
}

static void broken_catalogs_are_errors_with_file_and_line(void)
{
    vk_error err = {0};
    const char *po = write_file("truncated.po", HEADER "msgid \"Welcome\"\nmsgstr \"Velk");
    CHECK(i18n_catalog_load(po, &err) == NULL, "a truncated catalog does not load");
    CHECK(strstr(err.file, "truncated.po") && err.line == 5, "the error names the file and line (%s:%d: %s)",
          err.file, err.line, err.msg);

    memset(&err, 0, sizeof err);
    po = write_file("garbage.po", "\x7f" "ELF\x01\x01\x01 this is not a catalog\n");
    CHECK(i18n_catalog_load(po, &err) == NULL && err.msg[0], "binary garbage is an error: %s", err.msg);

    memset(&err, 0, sizeof err);
    po = write_file("latin1.po", HEADER "msgid \"Welcome\"\nmsgstr \"Velkommen p\xe5 dansk\"\n");
    CHECK(i18n_catalog_load(po, &err) == NULL, "a translation that is not UTF-8 is refused");

    memset(&err, 0, sizeof err);
    CHECK(i18n_catalog_load("/nonexistent/x.po", &err) == NULL && strstr(err.msg, "No such file"),
          "a missing file says so: %s", err.msg);
    /* the kiosk goes on after all of these: load a good one */
    i18n_catalog *c = i18n_catalog_load(write_file("after.po", HEADER "msgid \"a\"\nmsgstr \"b\"\n"), NULL);
    CHECK(c != NULL, "a good catalog still loads after broken ones");
    i18n_catalog_free(c);
}

static void format_strings_are_checked_like_msgfmt_c(void)
{
    vk_error err = {0};
    const char *good = write_file("fmt-good.po", HEADER "#, c-format\nmsgid \"Page %s of %s\"\nmsgstr \"Side %s af %s\"\n");
    CHECK(i18n_catalog_check(good, &err), "a matching format passes: %s", err.msg);
    const char *bad = write_file("fmt-bad.po", HEADER "#, c-format\nmsgid \"Page %s of %s\"\nmsgstr \"Side %d af %s\"\n");
    memset(&err, 0, sizeof err);
    CHECK(!i18n_catalog_check(bad, &err) && err.line > 0 && strstr(err.file, "fmt-bad.po"),
          "%%d for %%s is refused with file and line: %s:%d: %s", err.file, err.line, err.msg);
}

/* msgfmt -c refuses both ("PO file header missing or invalid"); libgettextpo's checks alone let them
 * pass, and the kiosk would not know the file's charset. */
static void a_catalog_without_a_header_or_empty_is_refused_like_msgfmt_c(void)
{
    vk_error err = {0};
    const char *po = write_file("empty.po", "");
    CHECK(!i18n_catalog_check(po, &err) && strstr(err.file, "empty.po") && err.line == 1 &&
              strstr(err.msg, "the catalog is empty"),
          "an empty file is refused at line 1: %s:%d: %s", err.file, err.line, err.msg);
    memset(&err, 0, sizeof err);
    po = write_file("no-header.po", "msgid \"Welcome\"\nmsgstr \"Velkommen\"\n");
    CHECK(!i18n_catalog_check(po, &err) && strstr(err.file, "no-header.po") && err.line == 1 &&
              strstr(err.msg, "has no header"),
          "a catalog without a header is refused: %s:%d: %s", err.file, err.line, err.msg);
    memset(&err, 0, sizeof err);
    po = write_file("empty-header.po", "# Danish\nmsgid \"\"\nmsgstr \"\"\n\nmsgid \"Welcome\"\nmsgstr \"Velkommen\"\n");
    CHECK(!i18n_catalog_check(po, &err) && err.line == 2 && strstr(err.msg, "header (msgid \"\") is empty"),
          "an empty header is refused at its line: %s:%d: %s", err.file, err.line, err.msg);
    memset(&err, 0, sizeof err);
    po = write_file("header-only.po", HEADER);
    CHECK(i18n_catalog_check(po, &err), "a header alone passes, as with msgfmt -c: %s", err.msg);
}

/* A c-format translation whose placeholders differ would be handed to printf by whoever trusts the
 * catalog: the loader keeps the rest of the file and drops that one, so the chain falls back. */
static void a_translation_with_other_placeholders_falls_back(void)
{
    const char *po = write_file("fmt-extra.po", HEADER
                                "#, c-format\nmsgid \"Part of this page is not yet translated into %s.\"\n"
                                "msgstr \"Del af siden er endnu ikke oversat til %s %s.\"\n\n"
                                "#, c-format\nmsgid \"Page %d\"\nmsgstr \"Side %d\"\n\n"
                                "msgid \"Home\"\nmsgstr \"Hjem\"\n");
    vk_error err = {0};
    i18n_catalog *c = i18n_catalog_load(po, &err);
    CHECK(c != NULL, "the catalog still loads: %s", err.msg);
    if (!c)
        return;
    bool fuzzy = true;
    CHECK(i18n_catalog_lookup(c, NULL, "Part of this page is not yet translated into %s.", &fuzzy) == NULL && !fuzzy,
          "the translation with an extra %%s is not handed out");
    CHECK(strcmp(i18n_catalog_lookup(c, NULL, "Page %d", NULL), "Side %d") == 0 &&
              strcmp(i18n_catalog_lookup(c, NULL, "Home", NULL), "Hjem") == 0,
          "the other entries are kept");
    CHECK(i18n_catalog_size(c) == 2, "2 usable translations (got %zu)", i18n_catalog_size(c));
    vk_error first = {0};
    CHECK(i18n_catalog_dropped(c, &first) == 1 && strstr(first.file, "fmt-extra.po") && first.line == 6 &&
              strstr(first.msg, "Part of this page"),
          "one dropped, and said where: %s:%d: %s", first.file, first.line, first.msg);
    i18n_catalog *da = i18n_catalog_load(write_file("fmt-da.po", HEADER "#, c-format\n"
                                                    "msgid \"Part of this page is not yet translated into %s.\"\n"
                                                    "msgstr \"Dele af siden er ikke oversat til %s.\"\n"),
                                         NULL);
    i18n_tr tr = {{c, da}, 2};
    int level;
    CHECK(strcmp(i18n_tr_get_ex(&tr, NULL, "Part of this page is not yet translated into %s.", &level),
                 "Dele af siden er ikke oversat til %s.") == 0 && level == 1,
          "the chain falls back to the next language");
    CHECK(i18n_catalog_dropped(da, NULL) == 0, "nothing dropped from a good catalog");
    i18n_catalog_free(da);
    i18n_catalog_free(c);
}

static void chain_falls_back_and_says_where_from(void)
{
    i18n_catalog *ti = i18n_catalog_load(write_file("ti.po", HEADER "msgid \"Welcome\"\nmsgstr \"እንቋዕ ብደሓን\"\n"), NULL);
    i18n_catalog *en = i18n_catalog_load(write_file("en.po", HEADER "msgid \"Welcome\"\nmsgstr \"Welcome\"\n"
                                                                    "msgid \"Home\"\nmsgstr \"Home\"\n"), NULL);
    i18n_catalog *da = i18n_catalog_load(write_file("da.po", HEADER "msgid \"Welcome\"\nmsgstr \"Velkommen\"\n"
                                                                    "msgid \"Home\"\nmsgstr \"Hjem\"\n"
                                                                    "msgid \"Exit\"\nmsgstr \"Udgang\"\n"), NULL);
    i18n_tr tr = {{ti, en, da}, 3};
    int level;
    CHECK(strcmp(i18n_tr_get_ex(&tr, NULL, "Welcome", &level), "እንቋዕ ብደሓን") == 0 && level == 0, "own language");
    CHECK(strcmp(i18n_tr_get_ex(&tr, NULL, "Home", &level), "Home") == 0 && level == 1, "first fallback");
    CHECK(strcmp(i18n_tr_get_ex(&tr, NULL, "Exit", &level), "Udgang") == 0 && level == 2, "second fallback");
    CHECK(strcmp(i18n_tr_get_ex(&tr, NULL, "Nowhere", &level), "Nowhere") == 0 && level == -1, "the msgid itself");
    CHECK(strcmp(_(&tr, "Welcome"), "እንቋዕ ብደሓን") == 0, "the _() macro");
    i18n_catalog_free(ti);
    i18n_catalog_free(en);
    i18n_catalog_free(da);
}

static void language_metadata_is_one_line_per_language(void)
{
    i18n_langs langs;
    vk_error err = {0};
    const char *meta = write_file("languages", "# comment\nda\tDansk\tltr\tNotoSans\t-\n"
                                               "fa\tفارسی\trtl\tNotoSansArabic,NotoSans\tda\n");
    char meta_path[1024];
    snprintf(meta_path, sizeof meta_path, "%s", meta);
    const char *linguas = write_file("LINGUAS", "fa da\n");
    CHECK(i18n_langs_load(meta_path, linguas, &langs, &err), "loads: %s", err.msg);
    CHECK(langs.count == 2 && strcmp(langs.langs[0].code, "fa") == 0, "LINGUAS sets the order");
    const i18n_lang *fa = i18n_langs_find(&langs, "fa");
    CHECK(fa && fa->rtl && fa->font_count == 2 && strcmp(fa->fonts[0], "NotoSansArabic") == 0 &&
              fa->fallback_count == 1 && strcmp(fa->native, "فارسی") == 0,
          "every field of a line is read");
    i18n_langs_free(&langs);

    struct {
        const char *meta, *linguas, *want;
        int line;
    } bad[] = {
        {"da\tDansk\tltr\n", "da\n", "expected 5 or 6 fields", 1},
        {"da\tDansk\tup\tNotoSans\t-\n", "da\n", "must be ltr or rtl", 1},
        {"da\tDansk\tltr\tNotoSans\tzz\n", "da\n", "falls back to 'zz'", 0},
        {"da\tDansk\tltr\tNotoSans\t-\n", "da so\n", "language 'so' has no line", 1},
        {"da\tDansk\tltr\tNotoSans\t-\nda\tDansk\tltr\tNotoSans\t-\n", "da\n", "described twice", 2},
        {"d@\tDansk\tltr\tNotoSans\t-\n", "da\n", "is not a language code", 1},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file("languages", bad[i].meta);
        write_file("LINGUAS", bad[i].linguas);
        memset(&err, 0, sizeof err);
        CHECK(!i18n_langs_load(meta_path, linguas, &langs, &err), "case %zu is refused", i);
        CHECK(strstr(err.msg, bad[i].want) && err.line == bad[i].line, "case %zu: got %s:%d: %s", i, err.file,
              err.line, err.msg);
    }
}

/* Every on-screen keyboard in locales/keyboards loads (Persian and Ukrainian too, though no shipped
 * language uses them yet), keeps rows a finger can use, and the Tigrinya picker's syllables. */
static void every_keyboard_loads_and_the_fidel_picker_has_its_orders(void)
{
    const char *codes[] = {"da", "en", "ar", "fa", "uk", "ti"};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/locales/keyboards/%s.txt", check_env("VELKOMMEN_DATA"), codes[i]);
        i18n_keyboard kb;
        vk_error err = {0};
        bool ok = i18n_keyboard_load(path, &kb, &err);
        CHECK(ok, "%s loads (%s)", codes[i], err.msg);
        int widest = 0;
        for (int r = 0; ok && r < kb.rows; r++)
            widest = kb.keys[r] > widest ? kb.keys[r] : widest;
        CHECK(!ok || (kb.rows >= 3 && widest <= 12), "%s: %d rows, at most 12 keys a row (%d)", codes[i], kb.rows, widest);
        CHECK(!ok || kb.fidel == (strcmp(codes[i], "ti") == 0), "%s: a fidel picker only for Tigrinya", codes[i]);
    }
    char orders[I18N_FIDEL_ORDERS][8];
    CHECK(i18n_fidel_orders(0x1208, orders) == 7 && strcmp(orders[0], "\u1208") == 0 && strcmp(orders[6], "\u120E") == 0,
          "ለ has its seven orders, ለ to ሎ");
    CHECK(i18n_fidel_orders(0x1240, orders) == 12 && strcmp(orders[9], "\u124B") == 0, "ቀ has its labialized ቋ too");
    CHECK(i18n_fidel_consonant(0x124B) == 0x1240 && i18n_fidel_consonant(0x120E) == 0x1208 &&
              i18n_fidel_consonant(0x41) == 0,
          "a syllable leads to its consonant on the picker");
    char bad[1200];
    snprintf(bad, sizeof bad, "%s/bad-keyboard.txt", check_env("VK_TMP"));
    FILE *f = fopen(bad, "w");
    fputs("fidel\nሀ ሉ\n", f);
    fclose(f);
    i18n_keyboard kb;
    vk_error err = {0};
    CHECK(!i18n_keyboard_load(bad, &kb, &err) && strstr(err.msg, "not an Ethiopic consonant in its first order"),
          "a picker key that is not a first-order consonant is refused: %s", err.msg);
}

/* A translator's folder may end up holding a named pipe where a catalog, a keyboard or the language
 * list was: each is refused by name, never waited on (the alarm fails a run that would hang). */
static void a_named_pipe_in_locales_is_refused_not_waited_on(void)
{
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/pipes", check_env("VK_TMP"));
    mkdir(dir, 0755);
    const char *names[] = {"velkommen.po", "ar.txt", "languages"};
    char path[3][1200];
    for (int i = 0; i < 3; i++) {
        snprintf(path[i], sizeof path[i], "%s/%s", dir, names[i]);
        remove(path[i]);
        CHECK(mkfifo(path[i], 0644) == 0, "a pipe at %s", path[i]);
    }
    alarm(30);
    vk_error err = {0};
    CHECK(i18n_catalog_load(path[0], &err) == NULL, "the pipe is no catalog");
    CHECK(strstr(err.msg, "the catalog is a named pipe, not an ordinary file") != NULL, "it says so: %s", err.msg);
    i18n_keyboard kb;
    memset(&err, 0, sizeof err);
    CHECK(!i18n_keyboard_load(path[1], &kb, &err), "the pipe is no keyboard");
    CHECK(strstr(err.msg, "this is a named pipe, not an ordinary file") != NULL, "it says so: %s", err.msg);
    i18n_langs langs;
    memset(&err, 0, sizeof err);
    CHECK(!i18n_langs_load(path[2], path[2], &langs, &err), "the pipe is no language list");
    CHECK(strstr(err.msg, "this is a named pipe, not an ordinary file") != NULL, "it says so: %s", err.msg);
    alarm(0);
    for (int i = 0; i < 3; i++)
        remove(path[i]);
}

int main(void)
{
    RUN(reads_translated_fuzzy_context_plural_and_obsolete_entries);
    RUN(crlf_catalog_from_windows_loads);
    RUN(broken_catalogs_are_errors_with_file_and_line);
    RUN(bom_and_a_wrong_charset_header_are_reported);
    RUN(format_strings_are_checked_like_msgfmt_c);
    RUN(a_catalog_without_a_header_or_empty_is_refused_like_msgfmt_c);
    RUN(a_translation_with_other_placeholders_falls_back);
    RUN(chain_falls_back_and_says_where_from);
    RUN(language_metadata_is_one_line_per_language);
    RUN(every_keyboard_loads_and_the_fidel_picker_has_its_orders);
    RUN(a_named_pipe_in_locales_is_refused_not_waited_on);
    return check_done();
}
