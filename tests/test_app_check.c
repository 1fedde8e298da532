/* app/check: pictures are opened as the kiosk opens them; one it cannot read or draw is an error. */
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app/commands.h"
#include "check.h"
#include "content/tree.h"

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

int main(void)
{
    snprintf(dir, sizeof dir, "%s/check-pictures", check_env("VK_TMP"));
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%.1000s'", dir);
    if (system(cmd) != 0 || mkdir(dir, 0755) != 0)
        return EXIT_FAILURE;
    RUN(unreadable_and_oversized_pictures_are_errors);
    SDL_Quit();
    return check_done();
}
