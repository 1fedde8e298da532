/* Test helper: the bundled fonts as the kiosk's language chains use them. */
#ifndef VK_TESTS_FONTS_H
#define VK_TESTS_FONTS_H

#include <stdio.h>

#include "check.h"
#include "text/font.h"

typedef struct test_fonts {
    text_fontlib *lib;
    text_font *sans, *arabic, *ethiopic, *sans_bold;
    text_font_chain latin, arabic_chain, ethiopic_chain, all;
} test_fonts;

static inline text_font *test_font(text_fontlib *lib, const char *name)
{
    char path[1024];
    vk_error err = {0};
    snprintf(path, sizeof path, "%s/assets/fonts/%s", check_env("VELKOMMEN_DATA"), name);
    text_font *f = text_fontlib_load(lib, path, &err);
    if (!f) {
        fprintf(stderr, "cannot load %s: %s\n", path, err.msg);
        exit(EXIT_FAILURE);
    }
    return f;
}

static inline void test_fonts_load(test_fonts *t)
{
    t->lib = text_fontlib_new(NULL);
    t->sans = test_font(t->lib, "NotoSans-Regular.ttf");
    t->arabic = test_font(t->lib, "NotoSansArabic-Regular.ttf");
    t->ethiopic = test_font(t->lib, "NotoSansEthiopic-Regular.ttf");
    t->sans_bold = test_font(t->lib, "NotoSans-Bold.ttf");
    t->latin = (text_font_chain){{t->sans}, 1};
    t->arabic_chain = (text_font_chain){{t->arabic, t->sans}, 2};
    t->ethiopic_chain = (text_font_chain){{t->ethiopic, t->sans}, 2};
    t->all = (text_font_chain){{t->sans, t->arabic, t->ethiopic}, 3};
}

#endif
