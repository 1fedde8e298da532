/* `velkommen speak --page ID --lang LANG --out FILE.wav`: what the kiosk's play button reads on a page,
 * synthesized offline into a WAV file, so staff can listen to it before newcomers do. */
#include <stdio.h>
#include <string.h>

#include "app/cli.h"
#include "app/commands.h"
#include "app/reading.h"
#include "app/resources.h"
#include "audio/speech.h"

int app_cmd_speak(const app_speak_options *o)
{
    app_resources res;
    if (!app_resources_open(&res, o->data_dir, false))
        return APP_EXIT_BAD_INPUT;
    int status = APP_EXIT_BAD_INPUT;
    int lang = app_resources_lang_named(&res, o->lang);
    const content_page *p = lang >= 0 ? content_tree_page(&res.content, o->page) : NULL;
    app_reading r = {0};
    speech_pcm pcm = {0};
    vk_error err = {0};
    char buf[1200];
    if (lang < 0) {
        /* said */
    } else if (!p) {
        fprintf(stderr, "velkommen: there is no page '%s' in %s (a page id is its path below content/ without .md, "
                        "such as jobcenter/praktik)\n",
                o->page, res.content.root ? res.content.root : "the content");
    } else if (!app_reading_available(&res, lang)) {
        const i18n_lang *l = &res.langs.langs[lang];
        if (l->voice[0])
            fprintf(stderr, "velkommen: espeak-ng has no voice '%s' for %s (install espeak-ng-data, or see "
                            "espeak-ng --voices); the kiosk shows no play button in %s\n",
                    l->voice, l->code, l->native);
        else
            fprintf(stderr, "velkommen: %s has no voice in locales/languages, so it is not read aloud (the kiosk "
                            "shows no play button); a recording can be named with audio: in the page\n",
                    l->code);
    } else if (!app_reading_make(&res, p, lang, &r)) {
        fprintf(stderr, "velkommen: out of memory\n");
        status = APP_EXIT_FAILURE;
    } else {
        bool ok = true;
        for (size_t i = 0; ok && i < r.count; i++) {
            ok = speech_synthesize(r.items[i].voice, r.items[i].text, &pcm, &err) &&
                 speech_pause(&pcm, pcm.rate, i == 0 ? 700 : 400); /* a breath after the title, each paragraph */
        }
        if (ok)
            ok = speech_write_wav(o->out, &pcm, &err);
        if (ok) {
            printf("velkommen speak: %s in %s: %zu parts, %.1f s, %s\n", p->id, o->lang, r.count,
                   pcm.rate ? (double)pcm.count / pcm.rate : 0.0, o->out);
            status = APP_EXIT_OK;
        } else {
            fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
            status = APP_EXIT_FAILURE;
        }
    }
    speech_pcm_free(&pcm);
    app_reading_free(&r);
    app_resources_free(&res);
    return status;
}
