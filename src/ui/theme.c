/* The themes: see theme.h. */
#include "ui/theme.h"

#include <math.h>

#define RGB(x) ((ui_color){(uint8_t)((x) >> 16), (uint8_t)(((x) >> 8) & 0xFF), (uint8_t)((x) & 0xFF), 0xFF})

const ui_theme ui_theme_normal = {
    .background = RGB(0xF7F4EE),
    .surface = RGB(0xFFFFFF),
    .text = RGB(0x1C262E),
    .text_quiet = RGB(0x4A555E),
    .accent = RGB(0x0B5CAD),
    .accent_pressed = RGB(0x073F7A),
    .on_accent = RGB(0xFFFFFF),
    .rule = RGB(0xDDD6C8),
    .focus = RGB(0xE08A00),
    .pressed_surface = RGB(0xE4ECF5),
    .note_box = RGB(0xFFF1CC),
    .note_label = RGB(0x6B4A00),
    .why_box = RGB(0xDDEAF8),
    .why_label = RGB(0x0B5CAD),
    .notice = RGB(0xECE6DA),
    .scrim = {0x10, 0x18, 0x20, 0xB0},
    .link = RGB(0x0B5CAD),
};

const ui_theme ui_theme_high_contrast = {
    .background = RGB(0x000000),
    .surface = RGB(0x000000),
    .text = RGB(0xFFFFFF),
    .text_quiet = RGB(0xFFFFFF),
    .accent = RGB(0xFFD400),
    .accent_pressed = RGB(0xFFFFFF),
    .on_accent = RGB(0x000000),
    .rule = RGB(0xFFFFFF),
    .focus = RGB(0x00E5FF),
    .pressed_surface = RGB(0x333333),
    .note_box = RGB(0x1A1A1A),
    .note_label = RGB(0xFFD400),
    .why_box = RGB(0x1A1A1A),
    .why_label = RGB(0xFFD400),
    .notice = RGB(0x1A1A1A),
    .scrim = {0x00, 0x00, 0x00, 0xD8},
    .link = RGB(0xFFD400),
};

/* WCAG 2.1, "relative luminance" and "contrast ratio" (sRGB, linearised) */
static double luminance(ui_color c)
{
    double ch[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int i = 0; i < 3; i++)
        ch[i] = ch[i] <= 0.04045 ? ch[i] / 12.92 : pow((ch[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

double ui_theme_contrast(ui_color a, ui_color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
