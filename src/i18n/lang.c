/* Language metadata and LINGUAS: see lang.h. */
#include "i18n/lang.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/utf8.h"

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = 0;
    return s;
}

static bool valid_code(const char *c)
{
    size_t n = strlen(c);
    if (n < 2 || n >= sizeof(((i18n_lang *)0)->code))
        return false;
    for (const char *p = c; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
              *p == '_'))
            return false;
    return true;
}

/* Splits a comma list into fixed slots; returns the count or -1 if there are too many or one is
 * too long. */
static int split_list(char *s, char *slots, size_t slot_size, int max)
{
    int n = 0;
    if (strcmp(s, "-") == 0)
        return 0;
    for (char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) {
        tok = trim(tok);
        if (!*tok)
            continue;
        if (n == max || strlen(tok) >= slot_size)
            return -1;
        memcpy(slots + (size_t)n * slot_size, tok, strlen(tok) + 1);
        n++;
    }
    return n;
}

static int parse_metadata_line(char *line, const char *path, int lineno, i18n_lang *l, vk_error *err)
{
    char *field[6];
    int nf = 0;
    for (char *p = line; nf < 6;) {
        field[nf++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = 0;
        p = tab + 1;
        while (*p == '\t')
            p++;
    }
    if (nf != 5 && nf != 6)
        return vk_error_set(err, path, lineno,
                            "expected 5 or 6 fields separated by tabs (code, native name, direction, fonts, "
                            "fallback languages, and the voice that reads it aloud), found %d",
                            nf);
    for (int i = 0; i < nf; i++)
        field[i] = trim(field[i]);
    memset(l, 0, sizeof *l);
    if (!valid_code(field[0]))
        return vk_error_set(err, path, lineno, "'%s' is not a language code such as da, ar or fa-AF", field[0]);
    snprintf(l->code, sizeof l->code, "%s", field[0]);
    if (!*field[1] || strlen(field[1]) >= sizeof l->native ||
        vk_utf8_find_invalid(field[1], strlen(field[1])) != (size_t)-1)
        return vk_error_set(err, path, lineno, "the native name of '%s' is empty, too long or not UTF-8", l->code);
    snprintf(l->native, sizeof l->native, "%s", field[1]);
    if (strcmp(field[2], "rtl") == 0)
        l->rtl = true;
    else if (strcmp(field[2], "ltr") != 0)
        return vk_error_set(err, path, lineno, "direction of '%s' must be ltr or rtl, not '%s'", l->code, field[2]);
    l->font_count = split_list(field[3], &l->fonts[0][0], sizeof l->fonts[0], I18N_MAX_FONTS);
    if (l->font_count <= 0)
        return vk_error_set(err, path, lineno, "'%s' needs 1 to %d font families, separated by commas", l->code,
                            I18N_MAX_FONTS);
    l->fallback_count = split_list(field[4], &l->fallback[0][0], sizeof l->fallback[0], I18N_MAX_FALLBACK);
    if (l->fallback_count < 0)
        return vk_error_set(err, path, lineno, "'%s' has more than %d fallback languages", l->code,
                            I18N_MAX_FALLBACK);
    /* the voice: an espeak-ng voice name, or "-" (or nothing) when no voice reads the language */
    if (nf == 6 && strcmp(field[5], "-") != 0) {
        bool ok = *field[5] && strlen(field[5]) < sizeof l->voice;
        for (const char *v = field[5]; ok && *v; v++)
            ok = (*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') || *v == '-' || *v == '+';
        if (!ok)
            return vk_error_set(err, path, lineno,
                                "the voice of '%s' must be an espeak-ng voice name such as da or en, or -, not '%s'",
                                l->code, field[5]);
        snprintf(l->voice, sizeof l->voice, "%s", field[5]);
    }
    return 1;
}

/* Reads path line by line, calling fn on each line that is not blank or a # comment. */
static int each_line(const char *path, int (*fn)(char *, int, void *), void *ctx, vk_error *err)
{
    mode_t mode = 0;
    FILE *f = vk_open_ordinary(path, &mode);
    if (!f)
        return errno ? vk_error_set(err, path, 0, "cannot read: %s", strerror(errno))
                     : vk_error_set(err, path, 0, "this is %s, not an ordinary file", vk_file_kind(mode));
    char buf[1024];
    int lineno = 0, ok = 1;
    while (ok && fgets(buf, sizeof buf, f)) {
        lineno++;
        size_t n = strlen(buf);
        if (n == sizeof buf - 1 && buf[n - 1] != '\n') {
            ok = vk_error_set(err, path, lineno, "line is longer than %zu bytes", sizeof buf - 2);
            break;
        }
        char *s = buf;
        if (lineno == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
            s += 3; /* a BOM from a Windows editor */
        char *t = trim(s);
        if (!*t || *t == '#')
            continue;
        /* keep the tabs inside: trim only the ends of the original line */
        size_t len = strlen(s);
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
            s[--len] = 0;
        ok = fn(s, lineno, ctx);
    }
    fclose(f);
    return ok;
}

typedef struct load_ctx {
    const char *path;
    i18n_lang *all;
    size_t count, cap;
    i18n_langs *out;
    vk_error *err;
} load_ctx;

static int on_metadata(char *line, int lineno, void *p)
{
    load_ctx *c = p;
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 8;
        i18n_lang *g = realloc(c->all, cap * sizeof *g);
        if (!g)
            return vk_error_set(c->err, c->path, lineno, "out of memory");
        c->all = g;
        c->cap = cap;
    }
    i18n_lang l;
    if (!parse_metadata_line(line, c->path, lineno, &l, c->err))
        return 0;
    for (size_t i = 0; i < c->count; i++)
        if (strcmp(c->all[i].code, l.code) == 0)
            return vk_error_set(c->err, c->path, lineno, "language '%s' is described twice", l.code);
    c->all[c->count++] = l;
    return 1;
}

static int on_linguas(char *line, int lineno, void *p)
{
    load_ctx *c = p;
    /* LINGUAS may list several codes on one line, separated by spaces (gettext's format). */
    for (char *tok = strtok(line, " \t"); tok; tok = strtok(NULL, " \t")) {
        const i18n_lang *found = NULL;
        for (size_t i = 0; i < c->count; i++)
            if (strcmp(c->all[i].code, tok) == 0)
                found = &c->all[i];
        if (!found)
            return vk_error_set(c->err, c->path, lineno,
                                "language '%s' has no line in locales/languages (native name, direction, fonts)", tok);
        for (size_t i = 0; i < c->out->count; i++)
            if (strcmp(c->out->langs[i].code, tok) == 0)
                return vk_error_set(c->err, c->path, lineno, "language '%s' is listed twice", tok);
        i18n_lang *g = realloc(c->out->langs, (c->out->count + 1) * sizeof *g);
        if (!g)
            return vk_error_set(c->err, c->path, lineno, "out of memory");
        c->out->langs = g;
        c->out->langs[c->out->count++] = *found;
    }
    return 1;
}

int i18n_langs_load(const char *metadata_path, const char *linguas_path, i18n_langs *out, vk_error *err)
{
    memset(out, 0, sizeof *out);
    load_ctx c = {metadata_path, NULL, 0, 0, out, err};
    int ok = each_line(metadata_path, on_metadata, &c, err);
    if (ok) {
        c.path = linguas_path;
        ok = each_line(linguas_path, on_linguas, &c, err);
    }
    if (ok && out->count == 0)
        ok = vk_error_set(err, linguas_path, 0, "lists no language");
    /* every fallback must name a language we know, or the chain silently ends early */
    for (size_t i = 0; ok && i < out->count; i++)
        for (int k = 0; ok && k < out->langs[i].fallback_count; k++) {
            bool known = false;
            for (size_t j = 0; j < c.count; j++)
                known = known || strcmp(c.all[j].code, out->langs[i].fallback[k]) == 0;
            if (!known)
                ok = vk_error_set(err, metadata_path, 0, "language '%s' falls back to '%s', which has no line",
                                  out->langs[i].code, out->langs[i].fallback[k]);
        }
    free(c.all);
    if (!ok)
        i18n_langs_free(out);
    return ok;
}

void i18n_langs_free(i18n_langs *langs)
{
    free(langs->langs);
    langs->langs = NULL;
    langs->count = 0;
}

const i18n_lang *i18n_langs_find(const i18n_langs *langs, const char *code)
{
    for (size_t i = 0; i < langs->count; i++)
        if (strcmp(langs->langs[i].code, code) == 0)
            return &langs->langs[i];
    return NULL;
}

const char *i18n_langs_codes(const i18n_langs *langs, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = 0;
    for (size_t i = 0; i < langs->count && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", langs->langs[i].code);
    return buf;
}
