/* `velkommen extract`: the content's text into locales/content.pot for translators. Refuses content
 * with errors (fix them first: `velkommen check`), so translators never get a broken template. */
#include <stdio.h>

#include "app/cli.h"
#include "app/commands.h"
#include "app/resources.h"
#include "content/tree.h"
#include "i18n/extract.h"

int app_cmd_extract(const app_extract_options *o)
{
    char found[1024];
    const char *data = app_data_dir(o->data_dir, found, sizeof found);
    char dir[1200], out[1200];
    snprintf(dir, sizeof dir, "%s/content", data);
    if (o->out)
        snprintf(out, sizeof out, "%s", o->out);
    else
        snprintf(out, sizeof out, "%s/locales/content.pot", data);
    content_tree tree;
    content_diags d = {0};
    bool loaded = content_tree_load(dir, &tree, &d);
    int status = APP_EXIT_OK;
    if (!loaded || d.errors) {
        content_diags_sort(&d);
        for (size_t i = 0; i < d.count; i++) {
            char line[1200];
            if (d.items[i].severity == CONTENT_ERROR)
                fprintf(stderr, "%s\n", content_diag_format(&d.items[i], line, sizeof line));
        }
        fprintf(stderr, "velkommen extract: %s has %zu errors; fix them first (velkommen check)\n", dir, d.errors);
        status = APP_EXIT_BAD_INPUT;
    } else {
        size_t n = 0;
        vk_error err = {0};
        if (!i18n_extract_content(&tree, "content", out, &n, &err)) {
            char buf[1200];
            fprintf(stderr, "velkommen: %s\n", vk_error_format(&err, buf, sizeof buf));
            status = APP_EXIT_FAILURE;
        } else {
            fprintf(stderr, "velkommen extract: %zu strings from %zu pages written to %s\n", n, tree.page_count, out);
        }
    }
    content_tree_free(&tree);
    content_diags_free(&d);
    return status;
}
