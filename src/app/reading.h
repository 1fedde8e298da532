/* What "read aloud" reads of a page, in order: the title, then each heading, paragraph and list item
 * as the reader sees it (a step with its number, a box with its label), each in the voice of the
 * language it is shown in. Shared by the kiosk's play button and `velkommen speak`, so staff review
 * exactly what newcomers hear. */
#ifndef VK_APP_READING_H
#define VK_APP_READING_H

#include <stdbool.h>
#include <stddef.h>

#include "app/resources.h"

typedef struct app_reading_item {
    char *text;
    const char *voice; /* the espeak-ng voice of the language the text is shown in; borrowed */
    int block;         /* index of the block in the localized page; -1 for the title */
} app_reading_item;

typedef struct app_reading {
    app_reading_item *items;
    size_t count;
} app_reading;

/* Whether language lang (index into res->langs) can be read aloud: it has a voice in
 * locales/languages and espeak-ng has that voice. */
bool app_reading_available(const app_resources *res, int lang);

/* The items of page p as language lang shows it. Text in a language without a voice (a fallback
 * with no voice) is left out rather than read in a wrong voice. False only when memory runs out. */
bool app_reading_make(const app_resources *res, const content_page *p, int lang, app_reading *out);
void app_reading_free(app_reading *r);

#endif
