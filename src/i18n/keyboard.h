/* On-screen keyboards for search, one per language: locales/keyboards/LANG.txt (see the README
 * there). Plain data: rows of keys, each key the text it types; or, for Ethiopic, a fidel picker whose
 * keys are consonants in their first order, each opening its vowel orders. */
#ifndef VK_I18N_KEYBOARD_H
#define VK_I18N_KEYBOARD_H

#include <stdbool.h>

#include "base/error.h"

#define I18N_KB_ROWS 8
#define I18N_KB_KEYS 14
#define I18N_KB_KEY_BYTES 16

typedef struct i18n_keyboard {
    bool fidel;                                         /* keys are consonants: a tap shows their orders */
    int rows;
    int keys[I18N_KB_ROWS];                             /* keys in each row */
    char key[I18N_KB_ROWS][I18N_KB_KEYS][I18N_KB_KEY_BYTES]; /* UTF-8 */
} i18n_keyboard;

/* Reads path into kb. False and err (file and line) for a row too long, a key too long or not UTF-8. */
bool i18n_keyboard_load(const char *path, i18n_keyboard *kb, vk_error *err);

#define I18N_FIDEL_ORDERS 12

/* The syllables of an Ethiopic consonant (its first-order form, e.g. U+1208 ለ): its seven vowel
 * orders (ለ ሉ ሊ ላ ሌ ል ሎ), and for ቀ ቐ ኀ ከ ኸ ገ also their labialized forms (ቈ ቊ ቋ ቌ ቍ), as UTF-8 strings
 * into out; returns how many. 0 when cp is not a consonant of the picker. */
int i18n_fidel_orders(unsigned cp, char out[I18N_FIDEL_ORDERS][8]);

/* The picker's consonant for an Ethiopic syllable: its first-order form (ሎ -> ለ), and for a
 * labialized syllable the consonant it belongs to (ቋ -> ቀ); 0 when cp is not one. */
unsigned i18n_fidel_consonant(unsigned cp);

#endif
