/* libFuzzer target: any bytes as a translator's .po file -> the kiosk's catalog and msgfmt -c's
 * checks. A catalog from an unknown tool must never take the kiosk down. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "i18n/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* libgettextpo reads files: one scratch file per fuzzing process */
    static char path[1100];
    if (!path[0]) {
        const char *tmpdir = getenv("TMPDIR"); /* the system's temporary folder unless one is set */
        snprintf(path, sizeof path, "%s/velkommen-fuzz-%d.po", tmpdir && *tmpdir ? tmpdir : P_tmpdir, (int)getpid());
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    vk_error err = {0};
    i18n_catalog *c = i18n_catalog_load(path, &err);
    if (c) {
        i18n_tr tr = {{c}, 1};
        (void)i18n_tr_get(&tr, "Welcome");
        for (size_t i = 0; i < i18n_catalog_count(c); i++) {
            const char *ctxt, *id, *str;
            bool fuzzy;
            i18n_catalog_entry(c, i, &ctxt, &id, &str, &fuzzy);
            (void)i18n_catalog_lookup(c, ctxt, id, NULL);
        }
        i18n_catalog_check(path, &err);
        i18n_catalog_free(c);
    }
    return 0;
}
