/* app/check: pictures are opened as the kiosk opens them; one it cannot read or draw is an error. The
 * translation status counts the interface and all the content, the glossary too. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>
#include <gettext-po.h>

#include "app/commands.h"
#include "check.h"
#include "content/tree.h"
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

static void save_png(const char *name, int w, int h)
{
    char path[1200];
    snprintf(path, sizeof path, "%.1000s/%.100s", dir, name);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(s, NULL, 0xFF336699);
    CHECK(IMG_SavePNG(s, path) == 0, "wrote %s", name);
    SDL_FreeSurface(s);
}

static void unreadable_and_oversized_pictures_are_errors(void)
{
    save_png("ok.png", 640, 480);
    save_png("wide.png", 5000, 20);
    write_text("fake.png", "this is not a picture\n");
    write_text("p.md", "---\ntitle: P\n---\n![ok](ok.png)\n\n![bred](wide.png)\n\n![falsk](fake.png)\n");
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    CHECK(d.count == 0, "the tree itself is fine (%zu)", d.count);
    app_check_pictures(&t, &d);
    const char *want[] = {
        "p.md:6: error: the picture wide.png is 5000x20 pixels; make it at most 4096 pixels on each side",
        "p.md:8: error: the picture fake.png cannot be read (use PNG, JPEG or SVG)",
    };
    CHECK(d.count == 2, "two problems (%zu)", d.count);
    for (size_t i = 0; i < d.count && i < 2; i++) {
        char buf[1200];
        content_diag_format(&d.items[i], buf, sizeof buf);
        CHECK(strcmp(buf, want[i]) == 0, "got \"%s\"", buf);
    }
    content_tree_free(&t);
    content_diags_free(&d);
}

typedef struct pictures_run {
    const content_tree *tree;
    content_diags *d;
    SDL_atomic_t done;
} pictures_run;

static int check_pictures_thread(void *p)
{
    pictures_run *run = p;
    app_check_pictures(run->tree, run->d);
    SDL_AtomicSet(&run->done, 1);
    return 0;
}

/* The loader saw an ordinary picture; a named pipe put in its place before the pictures are opened
 * must be refused, not waited on: the kiosk's reload thread runs this check, and a wait there would
 * freeze the content for good. (Run in a thread, so the test fails rather than hangs without that.) */
static void a_picture_replaced_by_a_pipe_is_not_waited_for(void)
{
    save_png("snart.png", 10, 10);
    write_text("q.md", "---\ntitle: Q\n---\n![snart](snart.png)\n");
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    char path[1200];
    snprintf(path, sizeof path, "%.1000s/snart.png", dir);
    CHECK(remove(path) == 0 && mkfifo(path, 0644) == 0, "the picture became a pipe");
    content_diags_free(&d);
    memset(&d, 0, sizeof d);
    pictures_run run = {&t, &d, {0}};
    SDL_Thread *th = SDL_CreateThread(check_pictures_thread, "pictures", &run);
    for (int i = 0; i < 500 && !SDL_AtomicGet(&run.done); i++)
        SDL_Delay(10);
    CHECK(SDL_AtomicGet(&run.done), "the check did not wait on the pipe");
    if (!SDL_AtomicGet(&run.done)) {
        /* let the waiting open finish (a writer came and went), so the thread can end */
        int w = open(path, O_WRONLY | O_NONBLOCK);
        if (w >= 0)
            close(w);
    }
    SDL_WaitThread(th, NULL);
    char buf[1200] = "";
    for (size_t i = 0; i < d.count; i++)
        if (strcmp(d.items[i].file, "q.md") == 0)
            content_diag_format(&d.items[i], buf, sizeof buf);
    CHECK(strcmp(buf, "q.md:4: error: the picture snart.png is not an ordinary file") == 0, "got \"%s\"", buf);
    remove(path);
    snprintf(path, sizeof path, "%.1000s/q.md", dir);
    remove(path);
    content_tree_free(&t);
    content_diags_free(&d);
}

/* The translation status of the data folder at data (its locales/) for tree, as check prints it. */
static void status_of(const char *data, const content_tree *t, bool json, char *buf, size_t size)
{
    char locales[1200];
    snprintf(locales, sizeof locales, "%.1100s/locales", data);
    content_diags d = {0};
    FILE *f = tmpfile();
    app_translation_status(locales, t, &d, json, f);
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = 0;
    fclose(f);
    CHECK(d.errors == 0, "the copied catalogs have no errors (%zu)", d.errors);
    content_diags_free(&d);
}

/* The glossary's explanations are in content.pot and shown on the kiosk, so they count with the
 * content: one made fuzzy in a copy of the bundled data shows as 1 fuzzy in the table and in JSON,
 * the interface has the same three counts, and check takes "--format json" as stats does. */
static void a_fuzzy_glossary_entry_counts_in_the_translation_status(void)
{
    const char *repo = check_env("VELKOMMEN_DATA");
    char data[1100], cmd[4600], path[1300];
    snprintf(data, sizeof data, "%.1000s/check-status", check_env("VK_TMP"));
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s' && cp -R '%s/content' '%s/locales' '%s/' && ln -s '%s/assets' '%s/assets'",
             data, data, repo, repo, data, repo, data);
    CHECK(system(cmd) == 0, "copied the bundled data");
    snprintf(path, sizeof path, "%s/content", data);
    content_tree t;
    content_diags d = {0};
    content_tree_load(path, &t, &d);
    content_diags_free(&d);
    CHECK(t.term_count > 0, "the bundled content has a glossary");
    if (!t.term_count) {
        content_tree_free(&t);
        return;
    }
    /* the flag msgmerge sets when the Danish explanation changes */
    snprintf(path, sizeof path, "%s/locales/en/content.po", data);
    po_file_t f = i18n_po_read(path, NULL);
    bool found = false;
    po_message_iterator_t it = f ? po_message_iterator(f, NULL) : NULL;
    for (po_message_t m; it && (m = po_next_message(it));)
        if (strcmp(po_message_msgid(m), t.terms[0].explanation) == 0) {
            po_message_set_fuzzy(m, 1);
            found = true;
        }
    if (it)
        po_message_iterator_free(it);
    CHECK(found && i18n_po_write(f, path, NULL), "the first glossary explanation is fuzzy in en/content.po");
    if (f)
        po_file_free(f);

    static char out[16384];
    status_of(data, &t, false, out, sizeof out);
    const char *en = strstr(out, "\nen ");
    char line[400] = "";
    if (en)
        sscanf(en + 1, "%399[^\n]", line);
    const char *want = ", 1 fuzzy, 0 untranslated";
    size_t ll = strlen(line), wl = strlen(want);
    CHECK(ll > wl && strcmp(line + ll - wl, want) == 0, "the en line ends in 1 fuzzy: %s", line);
    CHECK(en && strstr(en, "0 fuzzy, 0 untranslated ") && strstr(en, "pages not fully translated: _glossary\n"),
          "the interface has its counts too, and the glossary is named: %s", out);
    const char *ar = strstr(out, "\nar ");
    CHECK(ar && strstr(ar, "100%, 0 fuzzy, 0 untranslated\n"), "the other languages are untouched: %s", out);

    status_of(data, &t, true, out, sizeof out);
    const char *json_en = strstr(out, "{\"code\":\"en\"");
    const char *content = json_en ? strstr(json_en, "\"content\":{") : NULL;
    const char *next = json_en ? strstr(json_en + 1, "{\"code\"") : NULL;
    CHECK(content && (!next || content < next) && strstr(content, "\"fuzzy\":1,\"untranslated\":0") &&
              strstr(content, "\"pages_not_fully_translated\":[\"_glossary\"]"),
          "JSON says 1 fuzzy for en's content: %s", out);

    /* both spellings of the option give the same JSON */
    static char spaced[16384], joined[16384];
    const char *bin = check_env("VK_BIN");
    const char *forms[] = {"--format json", "--format=json"};
    char *outs[] = {spaced, joined};
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof cmd, "'%.1000s' check --data '%.1100s' %s 2>/dev/null", bin, data, forms[i]);
        FILE *p = popen(cmd, "r");
        size_t n = p ? fread(outs[i], 1, sizeof spaced - 1, p) : 0;
        outs[i][n] = 0;
        int status = p ? pclose(p) : -1;
        CHECK(status == 0 && strncmp(outs[i], "{\"languages\":[", 14) == 0 && strstr(outs[i], "\"fuzzy\":1,"),
              "velkommen check %s exits 0 with JSON (%d): %.80s", forms[i], status, outs[i]);
    }
    CHECK(strcmp(spaced, joined) == 0, "--format json and --format=json print the same");
    content_tree_free(&t);
}

/* Reloads remember each picture's verdict by the file it was: an unchanged picture is not opened
 * again (a reload of content with SVGs took 35 ms more otherwise), a changed one always is, in place or
 * renamed over, and the verdicts are the same as without the memo. */
static void a_remembered_picture_is_checked_again_only_when_it_changes(void)
{
    save_png("m1.png", 64, 48);
    save_png("m2.png", 32, 32);
    write_text("m.md", "---\ntitle: M\n---\n![en](m1.png)\n\n![to](m2.png)\n");
    content_tree t;
    content_diags d = {0};
    content_tree_load(dir, &t, &d);
    size_t before = d.count;
    app_picture_memo *memo = app_picture_memo_new();
    app_check_pictures_remembering(&t, &d, memo);
    size_t first = d.count - before, pictures = 0;
    for (size_t i = 0; i < t.page_count; i++)
        for (size_t b = 0; b < t.pages[i].block_count; b++)
            pictures += t.pages[i].blocks[b].kind == CONTENT_IMAGE && t.pages[i].blocks[b].image_file;
    CHECK(app_picture_memo_hits(memo) == 0, "the first check opens every picture");
    content_diags again = {0};
    app_check_pictures_remembering(&t, &again, memo);
    CHECK(app_picture_memo_hits(memo) == pictures, "the second remembers all %zu (%zu)", pictures,
          app_picture_memo_hits(memo));
    CHECK(again.count == first, "with the same verdicts (%zu, %zu)", again.count, first);
    content_diags_free(&again);
    /* m1.png written anew in place with what is no picture; m2.png replaced by a rename of a bigger one */
    write_text("m1.png", "no longer a picture\n");
    save_png("m2-new.png", 5000, 10);
    char from[1200], to[1200];
    snprintf(from, sizeof from, "%s/m2-new.png", dir);
    snprintf(to, sizeof to, "%s/m2.png", dir);
    CHECK(rename(from, to) == 0, "renamed over m2.png");
    size_t hits = app_picture_memo_hits(memo);
    content_diags after = {0};
    app_check_pictures_remembering(&t, &after, memo);
    size_t m1 = 0, m2 = 0;
    for (size_t i = 0; i < after.count; i++) {
        m1 += strstr(after.items[i].msg, "the picture m1.png cannot be read") != NULL;
        m2 += strstr(after.items[i].msg, "the picture m2.png is 5000x10 pixels") != NULL;
    }
    CHECK(m1 == 1 && m2 == 1, "both changes are seen (%zu, %zu)", m1, m2);
    CHECK(app_picture_memo_hits(memo) == hits + pictures - 2, "and only they were opened again");
    content_diags_free(&after);
    app_picture_memo_free(memo);
    content_tree_free(&t);
    content_diags_free(&d);
    remove(to);
    snprintf(to, sizeof to, "%s/m1.png", dir);
    remove(to);
    snprintf(to, sizeof to, "%s/m.md", dir);
    remove(to);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/check-pictures", check_env("VK_TMP"));
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%.1000s'", dir);
    if (system(cmd) != 0 || mkdir(dir, 0755) != 0)
        return EXIT_FAILURE;
    RUN(unreadable_and_oversized_pictures_are_errors);
    RUN(a_picture_replaced_by_a_pipe_is_not_waited_for);
    RUN(a_remembered_picture_is_checked_again_only_when_it_changes);
    RUN(a_fuzzy_glossary_entry_counts_in_the_translation_status);
    SDL_Quit();
    return check_done();
}
