/* app/reload: content edited while the kiosk runs is picked up whole, a broken edit leaves the last
 * good tree in place, and files replaced while reloads run never produce a mix of old and new. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app/reload.h"
#include "check.h"

static char dir[1024];

static void put(const char *name, const char *text)
{
    /* write beside, then rename: what an editor or rsync does */
    char tmp[1200], path[1200];
    snprintf(tmp, sizeof tmp, "%.1000s/.%.64s.tmp", dir, name);
    snprintf(path, sizeof path, "%.1000s/%.64s", dir, name);
    FILE *f = fopen(tmp, "wb");
    fputs(text, f);
    fclose(f);
    rename(tmp, path);
}

static void page(const char *name, const char *title, int gen)
{
    char text[256];
    snprintf(text, sizeof text, "---\ntitle: %s\n---\nGeneration %d.\n", title, gen);
    put(name, text);
}

/* Waits up to 5 s for a new tree. */
static bool wait_tree(app_reloader *r, content_tree *out)
{
    for (int i = 0; i < 500; i++) {
        if (app_reloader_take(r, out))
            return true;
        SDL_Delay(10);
    }
    return false;
}

static int generation(const content_tree *t, const char *id)
{
    const content_page *p = content_tree_page(t, id);
    int g = -1;
    if (p && p->block_count)
        sscanf(p->blocks[0].text, "Generation %d.", &g);
    return g;
}

static void an_edit_is_picked_up_and_a_broken_one_is_not(void)
{
    page("a.md", "A", 0);
    vk_error err = {0};
    app_reloader *r = app_reloader_new(dir, NULL, 20, &err);
    CHECK(r != NULL, "the reloader starts: %s", err.msg);
    if (!r)
        return;
    content_tree t;
    SDL_Delay(60);
    CHECK(!app_reloader_take(r, &t), "nothing changed, nothing to take");

    page("a.md", "A", 1);
    CHECK(wait_tree(r, &t) && generation(&t, "a") == 1, "an edit is reloaded");
    content_tree_free(&t);

    content_diags before;
    uint64_t loads = app_reloader_last(r, &before);
    content_diags_free(&before);
    put("b.md", "no front matter here\n");
    content_diags d = {0};
    for (int i = 0; i < 500 && app_reloader_last(r, &d) == loads; i++) {
        content_diags_free(&d);
        SDL_Delay(10);
    }
    CHECK(d.errors == 1 && strcmp(d.items[0].file, "b.md") == 0, "the broken edit is reported (%zu errors)", d.errors);
    content_diags_free(&d);
    CHECK(!app_reloader_take(r, &t), "and not handed over: the old tree stays");

    put("b.md", "---\ntitle: B\n---\nNow fine.\n");
    CHECK(wait_tree(r, &t) && content_tree_page(&t, "b") != NULL, "the fixed file is reloaded");
    content_tree_free(&t);

    char b_path[1200];
    snprintf(b_path, sizeof b_path, "%.1000s/b.md", dir);
    remove(b_path);
    CHECK(wait_tree(r, &t) && content_tree_page(&t, "b") == NULL, "a deleted page goes away");
    content_tree_free(&t);
    app_reloader_request(r);
    CHECK(wait_tree(r, &t), "a request (SIGHUP) reloads without a change");
    content_tree_free(&t);
    app_reloader_free(r);
}

typedef struct churn {
    int bursts;
    int last_gen;
    Uint64 burst_ms[64]; /* how long writing generation g took */
} churn;

static int writer(void *p)
{
    churn *c = p;
    char name[32];
    for (int g = 1; g <= c->bursts; g++) {
        /* a burst: all five pages to generation g (one deleted and written anew), then quiet */
        Uint64 t0 = SDL_GetTicks64();
        for (int k = 0; k < 5; k++) {
            snprintf(name, sizeof name, "p%d.md", k);
            if (k == 4 && g % 3 == 0) {
                char path[1200];
                snprintf(path, sizeof path, "%.1000s/%.32s", dir, name);
                remove(path);
            }
            page(name, "P", g);
        }
        c->burst_ms[g] = SDL_GetTicks64() - t0;
        c->last_gen = g;
        SDL_Delay(g % 4 == 0 ? 5 : 90); /* sometimes the next burst follows at once */
    }
    return 0;
}

static void files_replaced_during_reloads_never_mix(void)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -f '%.1000s'/*.md", dir);
    CHECK(system(cmd) == 0, "clean");
    for (int k = 0; k < 5; k++) {
        char name[32];
        snprintf(name, sizeof name, "p%d.md", k);
        page(name, "P", 0);
    }
    app_reloader *r = app_reloader_new(dir, NULL, 25, NULL);
    churn c = {40, 0, {0}};
    SDL_Thread *w = SDL_CreateThread(writer, "writer", &c);
    /* A burst written within the settle time never shows half-way. One the machine stalled for
     * longer (a busy CI box deschedules the writer) is, to the reloader, a copy that stopped: it may
     * be loaded half-way, by design, and is counted apart. */
    int taken = 0, mixed = 0, stalled = 0, last = 0;
    for (int i = 0; i < 2000; i++) {
        content_tree t;
        if (app_reloader_take(r, &t)) {
            taken++;
            int g0 = generation(&t, "p0"), newest = g0, mixes = 0;
            for (int k = 1; k < 5; k++) {
                char id[8];
                snprintf(id, sizeof id, "p%d", k);
                int g = generation(&t, id);
                mixes += g != g0;
                newest = g > newest ? g : newest;
            }
            if (mixes && newest > 0 && newest < 64 && c.burst_ms[newest] >= APP_RELOAD_SETTLE_MS)
                stalled++;
            else
                mixed += mixes;
            last = g0;
            content_tree_free(&t);
        }
        SDL_Delay(3);
        if (c.last_gen == c.bursts && i > 0 && last == c.bursts)
            break;
    }
    SDL_WaitThread(w, NULL);
    content_tree t;
    if (last != c.bursts && wait_tree(r, &t)) { /* the settled end state, if not taken yet */
        last = generation(&t, "p0");
        content_tree_free(&t);
    }
    CHECK(taken >= 5, "reloads happened during the churn (%d)", taken);
    CHECK(mixed == 0, "no tree mixed generations (%d mixed pages)", mixed);
    CHECK(last == c.bursts, "the kiosk ends on the last state (generation %d of %d)", last, c.bursts);
    int slow = 0;
    for (int g = 1; g <= c.bursts; g++)
        slow += c.burst_ms[g] >= APP_RELOAD_SETTLE_MS;
    CHECK(slow < c.bursts / 2, "most bursts were written within the settle time (%d of %d were not)", slow,
          c.bursts);
    printf("churn: %d bursts (%d stalled past the settle time), %d trees taken, none mixed (%d half-way after a "
           "stall)\n",
           c.bursts, slow, taken, stalled);
    app_reloader_free(r);
}

/* The poll set to a minute, so only inotify can be quick: an edit shows within a fraction of a
 * second, and so does a fleet's release switch (a new symlink renamed over DATA, which changes no file
 * below the old release). */
static void inotify_sees_an_edit_and_a_switched_link_at_once(void)
{
    char base[1100], rel1[1200], rel2[1200], link[1200], tmp[1200], content[1300], cmd[8000];
    snprintf(base, sizeof base, "%s-fleet", dir);
    snprintf(rel1, sizeof rel1, "%s/releases/1", base);
    snprintf(rel2, sizeof rel2, "%s/releases/2", base);
    snprintf(link, sizeof link, "%s/current", base);
    snprintf(tmp, sizeof tmp, "%s/.current.new", base);
    snprintf(content, sizeof content, "%s/content", link);
    snprintf(cmd, sizeof cmd,
             "rm -rf '%s' && mkdir -p '%s/content' '%s/content' && "
             "printf -- '---\\ntitle: A\\n---\\nGeneration 1.\\n' > '%s/content/a.md' && "
             "printf -- '---\\ntitle: A\\n---\\nGeneration 2.\\n' > '%s/content/a.md' && ln -s releases/1 '%s'",
             base, rel1, rel2, rel1, rel2, link);
    CHECK(system(cmd) == 0, "the releases are made");
    app_reloader *r = app_reloader_new(content, NULL, 60000, NULL);
    CHECK(r != NULL, "the reloader starts");
    if (!r)
        return;
    SDL_Delay(100); /* the watches are in place */
    /* an edit in the current release */
    char path[1400];
    snprintf(path, sizeof path, "%s/a.md", content);
    Uint64 t0 = SDL_GetTicks64();
    FILE *f = fopen(path, "wb");
    fputs("---\ntitle: A\n---\nGeneration 3.\n", f);
    fclose(f);
    content_tree t;
    bool got = wait_tree(r, &t);
    Uint64 edit_ms = SDL_GetTicks64() - t0;
    CHECK(got && generation(&t, "a") == 3, "the edit is loaded (generation %d)", got ? generation(&t, "a") : -1);
    CHECK(edit_ms < 1000, "within a second, not at the minute's poll (%llu ms)", (unsigned long long)edit_ms);
    if (got)
        content_tree_free(&t);
    /* the switch: ln -sfn releases/2 .current.new && mv -T .current.new current */
    t0 = SDL_GetTicks64();
    CHECK(symlink("releases/2", tmp) == 0 && rename(tmp, link) == 0, "the link is switched");
    got = wait_tree(r, &t);
    Uint64 switch_ms = SDL_GetTicks64() - t0;
    CHECK(got && generation(&t, "a") == 2, "the switched release is loaded (generation %d)", got ? generation(&t, "a") : -1);
    CHECK(switch_ms < 1000, "within a second (%llu ms)", (unsigned long long)switch_ms);
    printf("  inotify: an edit shown in %llu ms, a release switch in %llu ms\n", (unsigned long long)edit_ms,
           (unsigned long long)switch_ms);
    if (got)
        content_tree_free(&t);
    app_reloader_free(r);
}

/* Waits up to 5 s for a finished load whose diagnostics include want exactly; the last list seen is
 * left in got (for the failure message). */
static bool wait_diag(app_reloader *r, const char *want, char *got, size_t size)
{
    for (int i = 0; i < 500; i++) {
        content_diags d;
        app_reloader_last(r, &d);
        bool found = false;
        got[0] = 0;
        for (size_t k = 0; k < d.count; k++) {
            char line[1200];
            content_diag_format(&d.items[k], line, sizeof line);
            found = found || strcmp(line, want) == 0;
            snprintf(got + strlen(got), size - strlen(got), "%s\n", line);
        }
        content_diags_free(&d);
        if (found)
            return true;
        SDL_Delay(10);
    }
    return false;
}

static void empty_the_folder(void)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%.1000s'/*", dir);
    CHECK(system(cmd) == 0, "clean");
}

/* A picture written beside, then renamed into place, as put() does for pages. */
static void put_png(const char *name, int w, int h)
{
    char tmp[1200], path[1200];
    snprintf(tmp, sizeof tmp, "%.1000s/.%.64s.tmp", dir, name);
    snprintf(path, sizeof path, "%.1000s/%.64s", dir, name);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(s, NULL, 0xFF336699);
    CHECK(s && IMG_SavePNG(s, tmp) == 0 && rename(tmp, path) == 0, "wrote %s", name);
    SDL_FreeSurface(s);
}

/* `velkommen check` opens every picture and refuses one it cannot read or that is too large to draw;
 * the reload applies the same checks, so the kiosk never switches to content the checker refuses. */
static void a_picture_the_checker_refuses_keeps_the_old_tree(void)
{
    empty_the_folder();
    page("a.md", "A", 0);
    put_png("bred.png", 5000, 20);
    put("falsk.png", "this is not a picture\n");
    app_reloader *r = app_reloader_new(dir, NULL, 20, NULL);
    CHECK(r != NULL, "the reloader starts");
    if (!r)
        return;
    SDL_Delay(60);
    char got[4096];
    content_tree t;
    put("b.md", "---\ntitle: B\n---\n![bred](bred.png)\n");
    CHECK(wait_diag(r, "b.md:4: error: the picture bred.png is 5000x20 pixels; make it at most 4096 pixels on each side",
                    got, sizeof got),
          "a 5000 px wide picture is reported; got:\n%s", got);
    CHECK(!app_reloader_take(r, &t), "and the tree with it is not handed over");

    put("b.md", "---\ntitle: B\n---\nTekst.\n\n![falsk](falsk.png)\n");
    CHECK(wait_diag(r, "b.md:6: error: the picture falsk.png cannot be read (use PNG, JPEG or SVG)", got, sizeof got),
          "a picture that cannot be read is reported; got:\n%s", got);
    CHECK(!app_reloader_take(r, &t), "and the tree with it is not handed over");

    put_png("falsk.png", 64, 48);
    CHECK(wait_tree(r, &t) && content_tree_page(&t, "b") != NULL, "once the picture is fixed the tree is handed over");
    content_tree_free(&t);
    app_reloader_free(r);
}

/* A named pipe called p.md: reading it would wait for a writer forever, and the reload thread with it,
 * so no later edit would ever show. It is reported like any other error, and the next good change is
 * picked up. */
static void a_pipe_among_the_pages_does_not_stop_reloading(void)
{
    empty_the_folder();
    page("a.md", "A", 0);
    app_reloader *r = app_reloader_new(dir, NULL, 20, NULL);
    CHECK(r != NULL, "the reloader starts");
    if (!r)
        return;
    SDL_Delay(60);
    char fifo[1200], got[4096];
    snprintf(fifo, sizeof fifo, "%.1000s/p.md", dir);
    CHECK(mkfifo(fifo, 0644) == 0, "made the pipe p.md");
    CHECK(wait_diag(r,
                    "p.md: error: this is not an ordinary file (it is a named pipe) and is not read: remove it from "
                    "the content folder",
                    got, sizeof got),
          "the pipe is reported; got:\n%s", got);
    content_tree t;
    CHECK(!app_reloader_take(r, &t), "and nothing is handed over");
    /* a thread stuck opening the pipe is let go (a writer comes and goes), so the test can end */
    int w = open(fifo, O_WRONLY | O_NONBLOCK);
    if (w >= 0)
        close(w);
    page("p.md", "P", 1); /* renamed over the pipe */
    page("a.md", "A", 2);
    CHECK(wait_tree(r, &t) && generation(&t, "a") == 2 && generation(&t, "p") == 1,
          "a good change after it is still picked up");
    content_tree_free(&t);
    app_reloader_free(r);
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/reload-content", check_env("VK_TMP"));
    char cmd[2200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    if (system(cmd) != 0)
        return EXIT_FAILURE;
    RUN(an_edit_is_picked_up_and_a_broken_one_is_not);
    RUN(files_replaced_during_reloads_never_mix);
    RUN(inotify_sees_an_edit_and_a_switched_link_at_once);
    RUN(a_picture_the_checker_refuses_keeps_the_old_tree);
    RUN(a_pipe_among_the_pages_does_not_stop_reloading);
    return check_done();
}
