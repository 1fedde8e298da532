/* Colours and proportions of the kiosk. Sizes are for a 1080 px short side and scale with the screen.
 * Body text on the background and label text on buttons keep a WCAG 2.1 contrast of at least 4.5:1
 * (the issue "kiosk experience" adds a test that computes it).
 */
#ifndef VK_UI_THEME_H
#define VK_UI_THEME_H

#include "ui/display.h"

/* The colours of one theme. Body text on its backgrounds and labels on buttons keep a WCAG 2.1
 * contrast of at least 4.5:1 (tests/test_ui_theme.c computes every pair). */
typedef struct ui_theme {
    ui_color background, surface, text, text_quiet;
    ui_color accent, accent_pressed, on_accent;
    ui_color rule, focus, pressed_surface;
    ui_color note_box, note_label, why_box, why_label, notice, scrim;
    ui_color link;
} ui_theme;

extern const ui_theme ui_theme_normal;        /* warm paper, dark slate text, blue accent */
extern const ui_theme ui_theme_high_contrast; /* black, white and yellow, for low vision */

/* WCAG 2.1 contrast ratio of two opaque colours (1 to 21). */
double ui_theme_contrast(ui_color a, ui_color b);

/* px at 1080 */
#define THEME_TITLE_SIZE 64.0f
#define THEME_HEADING_SIZE 56.0f
#define THEME_BODY_SIZE 36.0f
#define THEME_BUTTON_SIZE 44.0f
#define THEME_BAR_SIZE 32.0f
#define THEME_BAR_HEIGHT 112.0f
#define THEME_MARGIN 64.0f
#define THEME_GAP 24.0f
#define THEME_RADIUS 20.0f
#define THEME_MEASURE 1240.0f /* the widest a column of body text gets: about 70 characters */

#endif
