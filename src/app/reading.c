/* What read aloud reads: see reading.h. */
#include "app/reading.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/speech.h"
#include "i18n/localize.h"

bool app_reading_available(const app_resources *res, int lang)
{
    return lang >= 0 && (size_t)lang < res->langs.count && speech_has_voice(res->langs.langs[lang].voice);
}

static bool add(app_reading *r, const char *prefix, const char *text, const char *voice, int block)
{
    app_reading_item *g = realloc(r->items, (r->count + 1) * sizeof *g);
    if (!g)
        return false;
    r->items = g;
    size_t n = strlen(prefix) + strlen(text) + 1;
    char *t = malloc(n);
    if (!t)
        return false;
    snprintf(t, n, "%s%s", prefix, text);
    r->items[r->count++] = (app_reading_item){t, voice, block};
    return true;
}

bool app_reading_make(const app_resources *res, const content_page *p, int lang, app_reading *out)
{
    memset(out, 0, sizeof *out);
    const ui_language *ul = &res->ui_langs[lang];
    i18n_content_chain none = {{{0}, 0}, {0}, (int)res->source_lang};
    i18n_page *lp = i18n_page_localize(p, ul->content ? ul->content : &none, lang);
    if (!lp)
        return false;
    bool ok = true;
    const char *voice = res->langs.langs[lp->title_lang].voice;
    if (speech_has_voice(voice))
        ok = add(out, "", lp->title, voice, -1);
    int box = 0;
    for (size_t i = 0; ok && i < lp->block_count; i++) {
        const content_block *b = &lp->blocks[i].shown;
        voice = res->langs.langs[lp->blocks[i].lang].voice;
        if (b->kind == CONTENT_IMAGE || b->kind == CONTENT_RULE || !b->text || !*b->text || !speech_has_voice(voice))
            continue;
        char prefix[160] = "";
        if (b->box && b->box != box && lp->blocks[i].lang == lang) {
            /* the box's label, as the reader sees it, in the reader's language */
            const char *label = b->box_kind == CONTENT_BOX_WHY ? _(&ul->tr, "Why?") : _(&ul->tr, "Good to know");
            snprintf(prefix, sizeof prefix, "%s ", label);
        }
        box = b->box;
        if (b->kind == CONTENT_STEP) {
            size_t used = strlen(prefix);
            snprintf(prefix + used, sizeof prefix - used, "%d. ", b->number);
        }
        ok = add(out, prefix, b->text, voice, (int)i);
    }
    i18n_page_free(lp);
    if (!ok)
        app_reading_free(out);
    return ok;
}

void app_reading_free(app_reading *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->items[i].text);
    free(r->items);
    memset(r, 0, sizeof *r);
}
