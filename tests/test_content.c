/* content: Markdown + front matter -> page model (md4c, libyaml), the content tree, and every problem
 * a staff member can make, each with its exact message. Nothing crashes on any input. */
#define _GNU_SOURCE /* syscall: capget, capset */
#include <fcntl.h>
#include <linux/capability.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "check.h"
#include "content/markdown.h"
#include "content/tree.h"

static char tmpdir[1024];
static int case_no;

/* ---- the good tree and its golden dump ----------------------------------------------------------- */

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (fread(s, 1, (size_t)n, f) != (size_t)n)
        n = 0;
    s[n] = 0;
    fclose(f);
    return s;
}

static void good_tree_reads_as_the_golden_dump(void)
{
    char dir[1024], golden[1100];
    snprintf(dir, sizeof dir, "%s/tests/content/good", check_env("VELKOMMEN_DATA"));
    snprintf(golden, sizeof golden, "%s.dump", dir);
    content_tree t;
    content_diags d = {0};
    CHECK(content_tree_load(dir, &t, &d), "the good tree loads");
    for (size_t i = 0; i < d.count; i++) {
        char buf[1200];
        CHECK(0, "unexpected: %s", content_diag_format(&d.items[i], buf, sizeof buf));
    }
    /* the dump of every page in menu order: sections first-level order, then pages */
    size_t cap = 1 << 16, n = 0;
    char *all = calloc(cap, 1);
    for (size_t s = 0; s < t.section_count; s++) {
        n += (size_t)snprintf(all + n, cap - n, "section \"%s\" \"%s\" order %d pages %zu children %zu\n",
                              t.sections[s].id, t.sections[s].title, t.sections[s].order, t.sections[s].page_count,
                              t.sections[s].child_count);
        for (size_t k = 0; k < t.sections[s].page_count; k++) {
            char *dump = content_page_dump(&t.pages[t.sections[s].pages[k]]);
            n += (size_t)snprintf(all + n, cap - n, "%s", dump);
            free(dump);
        }
    }
    for (size_t i = 0; i < t.term_count; i++)
        n += (size_t)snprintf(all + n, cap - n, "term [%d] \"%s\": \"%s\"\n", t.terms[i].line, t.terms[i].term,
                              t.terms[i].explanation);
    char *want = read_file(golden);
    const char *update = getenv("VK_UPDATE_FIXTURES");
    if (update && *update == '1' && (!want || strcmp(want, all) != 0)) {
        FILE *f = fopen(golden, "wb");
        fputs(all, f);
        fclose(f);
        printf("updated %s\n", golden);
    } else {
        CHECK(want && strcmp(want, all) == 0, "the page model differs from %s; got:\n%s", golden, all);
    }
    free(want);
    free(all);
    content_tree_free(&t);
    content_diags_free(&d);
}

static void every_msgid_parses_back_to_its_block(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/content/good", check_env("VELKOMMEN_DATA"));
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    int blocks = 0;
    for (size_t p = 0; p < t.page_count; p++)
        for (size_t i = 0; i < t.pages[p].block_count; i++) {
            const content_block *b = &t.pages[p].blocks[i];
            if (b->kind == CONTENT_RULE)
                continue;
            content_block back = {0};
            CHECK(content_inline_parse(b->source, strlen(b->source), &back), "parses");
            CHECK(strcmp(back.text, b->text) == 0, "\"%s\" reads back as \"%s\"", b->source, back.text);
            bool same = back.span_count == b->span_count && back.link_count == b->link_count;
            for (size_t k = 0; same && k < b->span_count; k++)
                same = back.spans[k].start == b->spans[k].start && back.spans[k].end == b->spans[k].end &&
                       back.spans[k].style == b->spans[k].style;
            for (size_t k = 0; same && k < b->link_count; k++)
                same = strcmp(back.links[k].href, b->links[k].href) == 0;
            CHECK(same, "\"%s\" keeps its emphasis and links", b->source);
            content_block_free(&back);
            blocks++;
        }
    CHECK(blocks > 15, "%d blocks checked", blocks);
    content_tree_free(&t);
    content_diags_free(&d);
}

static void translation_with_markup_is_parsed_like_the_source(void)
{
    const char *ar = "تعلّم **اللغة الدانمركية** في [مدرسة اللغة](../sprogskole.md).";
    content_block b = {0};
    CHECK(content_inline_parse(ar, strlen(ar), &b), "parses");
    CHECK(strcmp(b.text, "تعلّم اللغة الدانمركية في مدرسة اللغة.") == 0, "text: %s", b.text);
    CHECK(b.link_count == 1 && strcmp(b.links[0].href, "../sprogskole.md") == 0, "the link survives translation");
    CHECK(b.span_count == 2 && b.spans[0].style == CONTENT_STYLE_STRONG, "the emphasis survives translation");
    content_block_free(&b);
    const char *heading = "# not a heading in a msgstr";
    CHECK(content_inline_parse(heading, strlen(heading), &b) && strcmp(b.text, "not a heading in a msgstr") == 0,
          "block markup in a translation is flattened");
    content_block_free(&b);
}

/* ---- bad input, one tree per case ---------------------------------------------------------------- */

static void write_file(const char *dir, const char *name, const char *content, size_t len)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *slash = strrchr(path, '/');
    *slash = 0;
    mkdir(path, 0755);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    fwrite(content, 1, len, f);
    fclose(f);
}

static void write_text(const char *dir, const char *name, const char *content)
{
    write_file(dir, name, content, strlen(content));
}

#define PAGE(title, body) "---\ntitle: " title "\n---\n" body

static char *new_tree(void)
{
    static char dir[1200];
    snprintf(dir, sizeof dir, "%s/content-case-%d", tmpdir, ++case_no);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        exit(EXIT_FAILURE);
    mkdir(dir, 0755);
    write_file(dir, "ok.md", PAGE("Fint", "Tekst.\n"), strlen(PAGE("Fint", "Tekst.\n")));
    return dir;
}

/* Loads dir and checks that the formatted diagnostics include `want` exactly. */
static void expect(const char *dir, const char *want, const char *what)
{
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    bool found = false;
    char all[8192] = "";
    for (size_t i = 0; i < d.count; i++) {
        char buf[1200];
        content_diag_format(&d.items[i], buf, sizeof buf);
        found = found || strcmp(buf, want) == 0;
        strncat(all, buf, sizeof all - strlen(all) - 2);
        strcat(all, "\n");
    }
    CHECK(found, "%s: want \"%s\", got:\n%s", what, want, all);
    content_tree_free(&t);
    content_diags_free(&d);
}

/* Loads dir and checks that its diagnostics are exactly `want` (lines ending in \n), in order. */
static void expect_only(const char *dir, const char *want, const char *what)
{
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    char all[8192] = "";
    for (size_t i = 0; i < d.count; i++) {
        char buf[1200];
        strncat(all, content_diag_format(&d.items[i], buf, sizeof buf), sizeof all - strlen(all) - 2);
        strcat(all, "\n");
    }
    CHECK(strcmp(all, want) == 0, "%s: want:\n%sgot:\n%s", what, want, all);
    content_tree_free(&t);
    content_diags_free(&d);
}

static void each_mistake_gets_its_own_message(void)
{
    char *dir;

    dir = new_tree();
    write_text(dir, "a.md", PAGE("A", "God tekst\nmen her: \xff\xfe slut\n"));
    expect(dir, "a.md:5:10: error: the text is not valid UTF-8 at byte 36: save the file as UTF-8", "invalid UTF-8");

    dir = new_tree();
    write_text(dir, "a.md", "Bare tekst.\n");
    expect(dir, "a.md:1:1: error: the page has no front matter: start it with a line ---, then title: ..., then ---",
           "missing front matter");

    dir = new_tree();
    write_text(dir, "a.md", "---\ntitle: A\nTekst uden slut\n");
    expect(dir, "a.md:1:1: error: the front matter that starts here is never closed: add a line with --- after it",
           "unclosed front matter");

    dir = new_tree();
    write_text(dir, "a.md", "---\ntitle: \"A\nx: 1\n---\nTekst\n");
    expect(dir, "a.md:4:1: error: the front matter is not valid YAML: found unexpected end of stream while scanning a quoted scalar",
           "malformed YAML");

    dir = new_tree();
    write_text(dir, "a.md", "---\norder: 2\n---\nTekst\n");
    expect(dir, "a.md:1: error: the page has no title: add a line 'title: ...' to its front matter", "no title");

    dir = new_tree();
    write_text(dir, "a.md", "---\ntitle: A\norder: først\n---\nTekst\n");
    expect(dir, "a.md:3: error: order must be a whole number, not 'først'", "order not a number");

    dir = new_tree();
    write_text(dir, "a.md", "---\ntitle: A\nfarve: blå\n---\nTekst\n");
    expect(dir, "a.md:3: warning: unknown key 'farve' is ignored (known keys: title, order, summary, icon, link, audio, audio-LANG, checked)",
           "unknown key");

    dir = new_tree();
    write_file(dir, "Praktik.md", PAGE("P", "x\n"), strlen(PAGE("P", "x\n")));
    write_file(dir, "praktik.md", PAGE("p", "x\n"), strlen(PAGE("p", "x\n")));
    expect(dir, "praktik.md: error: this page has the same name as Praktik.md (names must differ in more than capitals)",
           "duplicate page ids");

    dir = new_tree();
    write_text(dir, "a.md", PAGE("A", "Se [praktik](jobcenter/praktik.md).\n"));
    expect(dir, "a.md:4:14: error: the page links to jobcenter/praktik.md, which does not exist", "missing link target");

    dir = new_tree();
    write_text(dir, "a.md", PAGE("A", "Se [x](../../hemmelig.md).\n"));
    expect(dir, "a.md:4:8: error: the link ../../hemmelig.md leads outside the content folder", "link escaping");

    dir = new_tree();
    write_text(dir, "a.md", PAGE("A", "![Kort](kort.png)\n"));
    expect(dir, "a.md:4: error: the picture kort.png does not exist", "missing image");

    dir = new_tree();
    write_text(dir, "a.md", "---\ntitle: A\naudio: lyd/a.ogg\n---\nTekst\n");
    expect(dir, "a.md:3: error: the recording lyd/a.ogg does not exist", "missing audio");

    dir = new_tree();
    {
        char path[1400];
        snprintf(path, sizeof path, "%s/stor.png", dir);
        int fd = open(path, O_CREAT | O_WRONLY, 0644);
        CHECK(fd >= 0 && ftruncate(fd, 40LL * 1024 * 1024) == 0, "a sparse 40 MB picture");
        close(fd);
    }
    write_text(dir, "a.md", PAGE("A", "![Stor](stor.png)\n"));
    expect(dir, "a.md:4: error: the picture stor.png is 40 MB; the limit is 16 MB", "picture too large");

    dir = new_tree();
    write_file(dir, "a.md", PAGE("A", ""), strlen(PAGE("A", "")));
    expect(dir, "a.md:4: warning: the page has no text below its front matter", "empty page");

    dir = new_tree();
    write_text(dir, "a.md", "");
    expect(dir, "a.md: error: the file is empty: a page starts with a front matter (---, title: ..., ---)",
           "0-byte file");

    dir = new_tree();
    {
        char path[1400];
        snprintf(path, sizeof path, "%s/stor.md", dir);
        int fd = open(path, O_CREAT | O_WRONLY, 0644);
        CHECK(fd >= 0 && ftruncate(fd, 50LL * 1024 * 1024) == 0, "a sparse 50 MB page");
        close(fd);
    }
    expect(dir, "stor.md: error: the file is 51200 KB; a page must be under 1024 KB (is it really a page of text?)",
           "50 MB file");

    dir = new_tree();
    {
        char garbage[4096];
        unsigned x = 12345;
        for (size_t i = 0; i < sizeof garbage; i++)
            garbage[i] = (char)((x = x * 1103515245u + 12345u) >> 16);
        garbage[10] = 0;
        write_file(dir, "skrald.md", garbage, sizeof garbage);
    }
    expect_only(dir, "skrald.md:1:1: error: the text is not valid UTF-8 at byte 0: save the file as UTF-8\n",
                "binary garbage");

    dir = new_tree();
    {
        char path[1400];
        snprintf(path, sizeof path, "%s/loop", dir);
        CHECK(symlink(".", path) == 0, "made a link loop");
    }
    expect(dir, "loop: error: this folder is a link back to a folder it is inside (a symbolic link loop)",
           "symlink loop");

    dir = new_tree();
    {
        char path[1400];
        snprintf(path, sizeof path, "%s/ude", dir);
        CHECK(symlink("/etc", path) == 0, "made a link out");
    }
    expect(dir, "ude: error: this symbolic link leads outside the content folder and is ignored", "symlink out");

    dir = new_tree();
    {
        char path[1400];
        snprintf(path, sizeof path, "%s/tom", dir);
        mkdir(path, 0755);
    }
    write_text(dir, "tom/_section.md", "---\ntitle: Tom\n---\n");
    expect(dir, "tom: warning: the folder has no pages and is not shown", "section without pages");

    dir = new_tree();
    write_text(dir, "a.md", "---\ntitle: A\nlink: www.borger.dk\n---\nTekst\n");
    expect(dir, "a.md:3: error: link must be a web address starting with https://, not 'www.borger.dk'",
           "link without scheme");
}

static void why_marker_on_its_own_line_still_makes_a_why_box(void)
{
    char *dir = new_tree();
    write_text(dir, "w.md", PAGE("W", "> [!hvorfor]\n>\n> Fordi du lærer mest på en arbejdsplads.\n\n> Godt at vide.\n"));
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    const content_page *p = content_tree_page(&t, "w");
    CHECK(p && p->block_count == 2, "the marker alone is not a paragraph (%zu blocks)", p ? p->block_count : 0);
    CHECK(p && p->blocks[0].box_kind == CONTENT_BOX_WHY && strcmp(p->blocks[0].text, "Fordi du lærer mest på en arbejdsplads.") == 0,
          "the reason below it is in a why box");
    CHECK(p && p->block_count == 2 && p->blocks[1].box_kind == CONTENT_BOX_NOTE, "the next quote is a note again");
    content_tree_free(&t);
    content_diags_free(&d);

    dir = new_tree();
    write_text(dir, "k.md", "---\ntitle: Klage: sådan gør du\n---\nTekst\n");
    expect(dir,
           "k.md:2:13: error: the front matter is not valid YAML: mapping values are not allowed in this context "
           "(a value that contains ': ' must be put in quotes: title: \"Klage: sådan gør du\")",
           "a colon in a title");
}

static void crlf_and_bom_read_like_plain_text(void)
{
    char *dir = new_tree();
    const char *crlf = "\xEF\xBB\xBF---\r\ntitle: Windows\r\n---\r\n# Overskrift\r\n\r\nEn *linje*\r\nmere.\r\n";
    write_file(dir, "w.md", crlf, strlen(crlf));
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    const content_page *p = content_tree_page(&t, "w");
    CHECK(d.count == 0, "no problems (%zu)", d.count);
    CHECK(p && strcmp(p->title, "Windows") == 0, "the title has no \\r");
    CHECK(p && p->block_count == 2 && strcmp(p->blocks[1].text, "En linje mere.") == 0 && p->blocks[1].line == 6,
          "CRLF paragraphs read like LF ones, lines counted right");
    content_tree_free(&t);
    content_diags_free(&d);
}

static void ten_thousand_nested_quotes_do_not_crash(void)
{
    size_t depth = 10000, n = 0;
    char *md = malloc(depth * 4 + 64);
    n += (size_t)sprintf(md, "---\ntitle: Dyb\n---\n");
    for (size_t i = 0; i < depth; i++) {
        /* "> > > ..." on one line: 10,000 block quotes, one inside the other */
        md[n++] = '>';
        md[n++] = ' ';
    }
    n += (size_t)sprintf(md + n, "- dybt\n");
    char *dir = new_tree();
    write_file(dir, "dyb.md", md, n);
    free(md);
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    const content_page *p = content_tree_page(&t, "dyb");
    CHECK(p != NULL, "the deep page loads");
    CHECK(p && p->block_count == 1 && strcmp(p->blocks[0].text, "dybt") == 0, "its one item is read");
    content_tree_free(&t);
    content_diags_free(&d);
}

/* "- - - ... dybt" on one line is 10,000 lists, each the only item of the one before, and so is
 * "1. 1. 1. ... dybt" (on separate, ever more indented lines the same depth would be 100 MB). Every
 * outer item is empty, so the page holds one block: the innermost item, 10,000 deep, numbered 1 in
 * its own list like every other. */
static void ten_thousand_nested_lists_hold_their_one_item(void)
{
    const char *markers[] = {"- ", "1. "};
    for (size_t m = 0; m < 2; m++) {
        size_t depth = 10000, n = 0, k = strlen(markers[m]);
        char *md = malloc(depth * k + 64);
        n += (size_t)sprintf(md, "---\ntitle: Dyb\n---\n");
        for (size_t i = 0; i < depth; i++, n += k)
            memcpy(md + n, markers[m], k);
        n += (size_t)sprintf(md + n, "dybt\n");
        char *dir = new_tree();
        write_file(dir, "dyb.md", md, n);
        free(md);
        content_tree t;
        content_diags d = {0};
        CHECK(content_tree_load(dir, &t, &d) && d.count == 0, "\"%s\" x 10,000 loads without a problem (%zu)",
              markers[m], d.count);
        const content_page *p = content_tree_page(&t, "dyb");
        const content_block *b = p && p->block_count == 1 ? &p->blocks[0] : NULL;
        CHECK(b != NULL, "\"%s\" x 10,000: one block (%zu)", markers[m], p ? p->block_count : 0);
        if (b) {
            CHECK(b->kind == (m ? CONTENT_STEP : CONTENT_BULLET), "\"%s\": a %s", markers[m], m ? "step" : "bullet");
            CHECK(b->level == 10000, "\"%s\": 10,000 deep (%d)", markers[m], b->level);
            CHECK(b->number == (m ? 1 : 0), "\"%s\": numbered %d (%d)", markers[m], m ? 1 : 0, b->number);
            CHECK(strcmp(b->text, "dybt") == 0 && b->line == 4, "\"%s\": the text and its line", markers[m]);
        }
        content_tree_free(&t);
        content_diags_free(&d);
    }
}

/* md4c 0.4.8 reads past the end of a document that stops inside a link destination; the fuzzer met it
 * as a 4 GB allocation. The parser hands md4c a copy ending in a newline; valgrind_content (ctest)
 * runs this test under memcheck, which sees md4c's reads that AddressSanitizer cannot. */
static void link_left_open_at_end_of_file_reads_as_text(void)
{
    const char *bodies[] = {"[a *b](x.", "![%il *virksomhlede](xedsprk.", "Tekst [link](", "[a *b](x.\n"};
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        /* exactly as long as the text, no terminator: a read past it is a read outside the block */
        size_t n = strlen(bodies[i]);
        char *exact = malloc(n);
        memcpy(exact, bodies[i], n);
        content_page page = {0};
        content_diags d = {0};
        bool ok = content_markdown_parse(exact, n, 1, &page, &d);
        free(exact);
        CHECK(ok, "\"%s\" parses", bodies[i]);
        CHECK(page.block_count == 1 && page.blocks[0].text && strlen(page.blocks[0].text) < 40,
              "\"%s\" is one short paragraph (%zu blocks)", bodies[i], page.block_count);
        CHECK(page.block_count == 1 && page.blocks[0].link_count == 0, "\"%s\" has no link", bodies[i]);
        content_page_free(&page);
        content_diags_free(&d);
    }
    /* an empty destination reaches the parser as a NULL pointer and a size of 0 (the fuzzer, UBSan) */
    const char *empty[] = {"[a]()", "![b]()", "[a](<>)"};
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
        content_page page = {0};
        content_diags d = {0};
        CHECK(content_markdown_parse(empty[i], strlen(empty[i]), 1, &page, &d), "\"%s\" parses", empty[i]);
        content_page_free(&page);
        content_diags_free(&d);
    }
    content_block b = {0};
    CHECK(content_inline_parse("[a *b](x.", 9, &b) && b.text && strstr(b.text, "x.") != NULL,
          "the same text as a translation keeps its words");
    content_block_free(&b);
}

/* A named pipe among the pages, as a picture or as a recording: opening one to read waits for a writer
 * that never comes, which would hang `velkommen check` and the kiosk's reload thread for good. Each is
 * reported where it lies, and where a page names it, and never opened. The alarm ends a run that waits
 * anyway, so it fails rather than hangs. */
static void pipes_are_never_opened(void)
{
    char *dir = new_tree();
    char path[1400];
    const char *pipes[] = {"p.md", "afsnit/_section.md", "kort.png", "lyd.ogg"};
    snprintf(path, sizeof path, "%s/afsnit", dir);
    mkdir(path, 0755);
    for (size_t i = 0; i < sizeof pipes / sizeof *pipes; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, pipes[i]);
        CHECK(mkfifo(path, 0644) == 0, "made the pipe %s", pipes[i]);
    }
    write_text(dir, "afsnit/side.md", PAGE("Side", "Tekst.\n"));
    write_text(dir, "a.md", "---\ntitle: A\naudio: lyd.ogg\n---\n![Kort](kort.png)\n");
    alarm(60);
    expect_only(dir,
                "a.md:3: error: the recording lyd.ogg is not an ordinary file (it is a named pipe)\n"
                "a.md:5: error: the picture kort.png is not an ordinary file (it is a named pipe)\n"
                "afsnit/_section.md: error: this is not an ordinary file (it is a named pipe) and is not read: "
                "remove it from the content folder\n"
                "kort.png: error: this is not an ordinary file (it is a named pipe) and is not read: remove it from "
                "the content folder\n"
                "lyd.ogg: error: this is not an ordinary file (it is a named pipe) and is not read: remove it from "
                "the content folder\n"
                "p.md: error: this is not an ordinary file (it is a named pipe) and is not read: remove it from the "
                "content folder\n",
                "named pipes");
    alarm(0);
}

/* Root reads any file whatever its mode (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), and the tests run as
 * root: to meet a page it may not read, the test sets those two aside from its effective set for a
 * moment (they stay permitted, so it can take them back). */
static bool read_any_file(bool on)
{
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct c[2];
    if (syscall(SYS_capget, &h, c) != 0)
        return false;
    uint32_t bits = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH);
    c[0].effective = on ? c[0].effective | (bits & c[0].permitted) : c[0].effective & ~bits;
    return syscall(SYS_capset, &h, c) == 0;
}

static void a_page_that_cannot_be_opened_says_why(void)
{
    char *dir = new_tree();
    char path[1400];
    write_text(dir, "laast.md", PAGE("Låst", "Tekst.\n"));
    snprintf(path, sizeof path, "%s/laast.md", dir);
    CHECK(chmod(path, 0) == 0, "the page is made unreadable");
    CHECK(read_any_file(false), "the test can set aside root's right to read any file");
    expect_only(dir, "laast.md: error: cannot read the file: Permission denied\n", "unreadable page");
    CHECK(read_any_file(true), "and take it back");
}

/* Notepad saves "side.md.txt" unless told otherwise, and a name in capitals is easy to type: the page
 * is not read, and the checker says so instead of leaving staff to wonder why it never shows. Files
 * skipped on purpose (README.md, names starting with _) get no warning. */
static void page_names_with_the_wrong_ending_are_a_warning(void)
{
    char *dir = new_tree();
    write_text(dir, "b.MD", PAGE("B", "Tekst.\n"));
    write_text(dir, "c.md.txt", PAGE("C", "Tekst.\n"));
    write_text(dir, "d.Md", PAGE("D", "Tekst.\n"));
    write_text(dir, "README.md", "# Noter\n");
    write_text(dir, "_kladde.md.txt", "noter\n");
    write_text(dir, "noter.txt", "noter\n");
    expect_only(dir,
                "b.MD: warning: this file is not read: page files end in .md\n"
                "c.md.txt: warning: this file is not read: page files end in .md\n"
                "d.Md: warning: this file is not read: page files end in .md\n",
                "wrong page endings");
}

/* Names that clash without regard to case are found wherever they lie among many pages (sorted,
 * not compared pair by pair), every pair of three is named, a page and a folder clash too, and
 * content_tree_page finds each page by its exact id and nothing by a near miss. */
static void name_clashes_and_page_lookup_among_many_pages(void)
{
    const char *dir = new_tree();
    char name[64], sub[1200];
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "side-%03d.md", i);
        write_text(dir, name, PAGE("S", "x\n"));
    }
    write_text(dir, "Bolig.md", PAGE("B", "x\n"));
    write_text(dir, "BOLIG.md", PAGE("B", "x\n"));
    write_text(dir, "bolig.md", PAGE("b", "x\n"));
    snprintf(sub, sizeof sub, "%s/Skole", dir);
    mkdir(sub, 0755);
    write_text(dir, "Skole/_section.md", "---\ntitle: Skole\n---\n");
    write_text(dir, "Skole/a.md", PAGE("A", "x\n"));
    write_text(dir, "skole.md", PAGE("s", "x\n"));
    content_tree t;
    content_diags d = {0};
    CHECK(content_tree_load(dir, &t, &d), "loaded");
    size_t clashes = 0, folder = 0;
    for (size_t i = 0; i < d.count; i++) {
        clashes += strstr(d.items[i].msg, "(names must differ in more than capitals)") != NULL;
        folder += strstr(d.items[i].msg, "has the same name as the folder Skole/") != NULL &&
                  strcmp(d.items[i].file, "skole.md") == 0;
    }
    CHECK(clashes == 3, "three pages named bolig: every pair once (%zu)", clashes);
    CHECK(folder == 1, "skole.md clashes with the folder Skole/ (%zu)", folder);
    CHECK(d.errors == 4, "and nothing else is an error (%zu)", d.errors);
    size_t found = 0;
    for (size_t i = 0; i < t.page_count; i++)
        found += content_tree_page(&t, t.pages[i].id) == &t.pages[i];
    CHECK(found == t.page_count && t.page_count == 306, "every one of %zu pages found by its id (%zu)", t.page_count,
          found);
    CHECK(content_tree_page(&t, "side-1000") == NULL && content_tree_page(&t, "SIDE-001") == NULL &&
              content_tree_page(&t, "") == NULL && content_tree_page(&t, "zzz") == NULL,
          "no page for a name that is not one");
    content_tree_free(&t);
    content_diags_free(&d);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s", check_env("VK_TMP"));
    RUN(good_tree_reads_as_the_golden_dump);
    RUN(every_msgid_parses_back_to_its_block);
    RUN(translation_with_markup_is_parsed_like_the_source);
    RUN(each_mistake_gets_its_own_message);
    RUN(why_marker_on_its_own_line_still_makes_a_why_box);
    RUN(crlf_and_bom_read_like_plain_text);
    RUN(ten_thousand_nested_quotes_do_not_crash);
    RUN(ten_thousand_nested_lists_hold_their_one_item);
    RUN(pipes_are_never_opened);
    RUN(a_page_that_cannot_be_opened_says_why);
    RUN(page_names_with_the_wrong_ending_are_a_warning);
    RUN(link_left_open_at_end_of_file_reads_as_text);
    RUN(name_clashes_and_page_lookup_among_many_pages);
    return check_done();
}
