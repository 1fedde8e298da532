/* On-screen keyboards: see keyboard.h. */
#include "i18n/keyboard.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/file.h"
#include "base/utf8.h"

bool i18n_keyboard_load(const char *path, i18n_keyboard *kb, vk_error *err)
{
    memset(kb, 0, sizeof *kb);
    mode_t mode = 0;
    FILE *f = vk_open_ordinary(path, &mode);
    if (!f)
        return errno ? vk_error_set(err, path, 0, "cannot read: %s", strerror(errno))
                     : vk_error_set(err, path, 0, "this is %s, not an ordinary file", vk_file_kind(mode));
    char line[1024];
    int lineno = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        if (vk_utf8_find_invalid(line, strlen(line)) != (size_t)-1) {
            ok = vk_error_set(err, path, lineno, "not UTF-8: save the file as UTF-8");
            break;
        }
        if (strcmp(line, "fidel") == 0 && kb->rows == 0 && !kb->fidel) {
            kb->fidel = true;
            continue;
        }
        if (kb->rows == I18N_KB_ROWS) {
            ok = vk_error_set(err, path, lineno, "a keyboard has at most %d rows", I18N_KB_ROWS);
            break;
        }
        int r = kb->rows, n = 0;
        for (char *tok = strtok(line, " \t"); tok && ok; tok = strtok(NULL, " \t")) {
            if (n == I18N_KB_KEYS)
                ok = vk_error_set(err, path, lineno, "a row has at most %d keys", I18N_KB_KEYS);
            else if (strlen(tok) >= I18N_KB_KEY_BYTES)
                ok = vk_error_set(err, path, lineno, "the key '%s' is too long", tok);
            else
                snprintf(kb->key[r][n++], I18N_KB_KEY_BYTES, "%s", tok);
        }
        if (ok && n) {
            kb->keys[r] = n;
            kb->rows++;
        }
    }
    fclose(f);
    if (ok && kb->rows == 0)
        ok = vk_error_set(err, path, 0, "has no keys");
    if (ok && kb->fidel)
        for (int r = 0; ok && r < kb->rows; r++)
            for (int k = 0; ok && k < kb->keys[r]; k++) {
                uint32_t cp;
                size_t n = vk_utf8_decode(kb->key[r][k], strlen(kb->key[r][k]), &cp);
                if (!n || kb->key[r][k][n] || i18n_fidel_consonant(cp) != cp)
                    ok = vk_error_set(err, path, 0, "'%s' is not an Ethiopic consonant in its first order",
                                      kb->key[r][k]);
            }
    return ok;
}

/* the consonants whose labialized syllables have a row of their own (U+1248 ቈ for U+1240 ቀ, ...) */
static const unsigned labialized[][2] = {{0x1240, 0x1248}, {0x1250, 0x1258}, {0x1280, 0x1288},
                                         {0x12A8, 0x12B0}, {0x12B8, 0x12C0}, {0x1308, 0x1310}};

unsigned i18n_fidel_consonant(unsigned cp)
{
    /* the syllables of U+1200..U+135A come in rows of eight: first order at a multiple of 8 */
    if (cp < 0x1200 || cp > 0x135A)
        return 0;
    unsigned row = cp - (cp - 0x1200) % 8;
    for (size_t i = 0; i < sizeof labialized / sizeof *labialized; i++)
        if (row == labialized[i][1])
            return labialized[i][0];
    return row;
}

int i18n_fidel_orders(unsigned cp, char out[I18N_FIDEL_ORDERS][8])
{
    if (cp < 0x1200 || cp > 0x135A || (cp - 0x1200) % 8 != 0 || i18n_fidel_consonant(cp) != cp)
        return 0;
    int n = 0;
    for (unsigned k = 0; k < 7; k++) {
        size_t len = vk_utf8_encode(cp + k, out[n]);
        out[n++][len] = 0;
    }
    for (size_t i = 0; i < sizeof labialized / sizeof *labialized; i++)
        if (labialized[i][0] == cp)
            for (unsigned k = 0; k < 6; k++) {
                if (k == 1)
                    continue; /* U+1249 and its kind are not assigned */
                size_t len = vk_utf8_encode(labialized[i][1] + k, out[n]);
                out[n++][len] = 0;
            }
    return n;
}
