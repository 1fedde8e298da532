/* The configuration file's keys (src/app/config.c) and what they change: the languages offered and
 * their order, content and catalogs in other folders, the screen turned and touches turned back. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "app/config.h"
#include "app/log.h"
#include "app/resources.h"
#include "check.h"

static void every_key_is_read(void)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/config-all.conf", check_env("VK_TMP"));
    FILE *f = fopen(path, "w");
    fputs("; every key\n[kiosk]\nidle_seconds = 120\nlanguages = ti, da, ar\nrotation = 270\n"
          "staff_pin_hash = $6$salt$hash\n[data]\ndir = /srv/velkommen\ncontent = /srv/indhold\n"
          "locales = /srv/oversaettelser\n[stats]\npath = off\n[log]\nlevel = warning\n",
          f);
    fclose(f);
    app_config cfg;
    vk_error err = {0};
    CHECK(app_config_load(path, &cfg, &err), "the file loads (%s)", err.msg);
    CHECK(cfg.idle_seconds == 120 && cfg.rotation == 270 && cfg.log_level == APP_LOG_WARNING, "numbers and words");
    CHECK(strcmp(cfg.languages, "ti, da, ar") == 0, "the languages (%s)", cfg.languages);
    CHECK(strcmp(cfg.data_dir, "/srv/velkommen") == 0 && strcmp(cfg.content_dir, "/srv/indhold") == 0 &&
              strcmp(cfg.locales_dir, "/srv/oversaettelser") == 0,
          "the folders");
    CHECK(strcmp(cfg.stats_path, "off") == 0, "counting off");
    CHECK(app_config_load("/dev/null", &cfg, &err) && cfg.rotation == -1 && cfg.log_level == -1 && !cfg.languages[0],
          "an empty file leaves every key unset");
}

static void the_languages_offered_and_their_order(void)
{
    const char *data = check_env("VELKOMMEN_DATA");
    app_resources res;
    vk_error err = {0};
    app_data_paths p = {.data_dir = data, .languages = "ti, da"};
    CHECK(app_resources_load_paths(&res, &p, &err), "ti and da load (%s)", err.msg);
    CHECK(res.langs.count == 2 && strcmp(res.langs.langs[0].code, "ti") == 0 && strcmp(res.langs.langs[1].code, "da") == 0,
          "only ti and da, in that order");
    CHECK(res.source_lang == 1, "Danish is still the content's language (%zu)", res.source_lang);
    /* Tigrinya's chain skips English, which is not offered: from Tigrinya straight to Danish */
    CHECK(res.ui_langs[0].content && res.ui_langs[0].content->source_lang == 1, "the chain ends in Danish");
    app_resources_free(&res);
}

static void content_and_catalogs_from_other_folders(void)
{
    const char *data = check_env("VELKOMMEN_DATA");
    char content[1200], locales[1200];
    snprintf(content, sizeof content, "%s/tests/content/good", data);
    snprintf(locales, sizeof locales, "%s/locales", data);
    app_resources res;
    vk_error err = {0};
    app_data_paths p = {.data_dir = data, .content_dir = content, .locales_dir = locales};
    CHECK(app_resources_load_paths(&res, &p, &err), "loads (%s)", err.msg);
    CHECK(strcmp(res.content_dir, content) == 0 && content_tree_page(&res.content, "jobcenter/praktik") &&
              !content_tree_page(&res.content, "samfund/foerste-uger"),
          "the content is the named folder's, not the data folder's");
    CHECK(strcmp(res.locales_dir, locales) == 0 && res.langs.count == 4, "the catalogs the named folder's");
    app_resources_free(&res);
}

/* where a UI point lands on the screen when the picture is turned `rot` degrees clockwise */
static void turn(int rot, int out_w, int out_h, float ux, float uy, float *sx, float *sy)
{
    bool sideways = rot == 90 || rot == 270;
    float uw = sideways ? (float)out_h : (float)out_w, uh = sideways ? (float)out_w : (float)out_h;
    float dx = ux - uw / 2, dy = uy - uh / 2, a = (float)rot * 3.14159265f / 180;
    *sx = (float)out_w / 2 + dx * cosf(a) - dy * sinf(a);
    *sy = (float)out_h / 2 + dx * sinf(a) + dy * cosf(a);
}

static void a_touch_on_a_turned_screen_lands_where_it_is_drawn(void)
{
    const float pts[][2] = {{0, 0}, {100, 40}, {630, 760}, {1079, 1919}, {540, 960}};
    for (int rot = 0; rot < 360; rot += 90) {
        bool ok = true;
        for (size_t i = 0; i < sizeof pts / sizeof *pts; i++) {
            bool sideways = rot == 90 || rot == 270;
            float ux = pts[i][0], uy = pts[i][1];
            if (!sideways && (ux > 1919 || uy > 1079))
                continue;
            float sx, sy, bx, by;
            turn(rot, 1920, 1080, ux, uy, &sx, &sy);
            app_unrotate(rot, 1920, 1080, sx, sy, &bx, &by);
            ok = ok && fabsf(bx - ux) < 0.01f && fabsf(by - uy) < 0.01f;
        }
        CHECK(ok, "turned %d degrees, every touch comes back to its UI point", rot);
    }
}

int main(void)
{
    RUN(every_key_is_read);
    RUN(the_languages_offered_and_their_order);
    RUN(content_and_catalogs_from_other_folders);
    RUN(a_touch_on_a_turned_screen_lands_where_it_is_drawn);
    return check_done();
}
