/* ui/theme: every pair of text and background the UI draws keeps WCAG 2.1 AA contrast (4.5:1 for body
 * text), computed from the themes' own colours, in the normal and the high-contrast theme. */
#include "check.h"
#include "ui/theme.h"

static void check_theme(const ui_theme *t, const char *name)
{
    struct {
        const char *what;
        ui_color fg, bg;
    } pairs[] = {
        {"body text on the background", t->text, t->background},
        {"quiet text on the background", t->text_quiet, t->background},
        {"text on a card", t->text, t->surface},
        {"quiet text on a card", t->text_quiet, t->surface},
        {"a label on a button", t->on_accent, t->accent},
        {"a label on a pressed button", t->on_accent, t->accent_pressed},
        {"a link on the background", t->link, t->background},
        {"text in a good-to-know box", t->text, t->note_box},
        {"the good-to-know label", t->note_label, t->note_box},
        {"text in a why box", t->text, t->why_box},
        {"the why label", t->why_label, t->why_box},
        {"the not-translated notice", t->text, t->notice},
        {"text on a pressed card", t->text, t->pressed_surface},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        double c = ui_theme_contrast(pairs[i].fg, pairs[i].bg);
        CHECK(c >= 4.5, "%s theme: %s is %.2f:1, below 4.5:1", name, pairs[i].what, c);
    }
}

static void the_formula_matches_wcag_examples(void)
{
    ui_color black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {0x76, 0x76, 0x76, 255};
    CHECK(ui_theme_contrast(black, white) > 20.99 && ui_theme_contrast(black, white) < 21.01, "black on white is 21:1");
    double g = ui_theme_contrast(grey, white);
    CHECK(g > 4.53 && g < 4.55, "#767676 on white is 4.54:1 (got %.3f)", g);
}

static void both_themes_keep_aa_contrast(void)
{
    check_theme(&ui_theme_normal, "normal");
    check_theme(&ui_theme_high_contrast, "high-contrast");
    CHECK(ui_theme_contrast(ui_theme_high_contrast.text, ui_theme_high_contrast.background) >= 7,
          "the high-contrast theme reaches AAA (7:1) for body text");
}

int main(void)
{
    RUN(the_formula_matches_wcag_examples);
    RUN(both_themes_keep_aa_contrast);
    return check_done();
}
