/* Extraction of the content's translatable text into a gettext template (locales/content.pot): one
 * entry per section title and summary, page title and summary, heading, paragraph, list item, step
 * and picture description, with "#:" file:line references and an extracted comment naming the page,
 * so a translator sees where a string is shown. Inline Markdown (emphasis, links) stays inside the
 * msgid. Written through libgettextpo, so the file is exactly what msgmerge, Poedit and Weblate read.
 */
#ifndef VK_I18N_EXTRACT_H
#define VK_I18N_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/error.h"
#include "content/tree.h"

/* Writes the template of tree to path (content paths in "#:" are given below dir_prefix, e.g.
 * "content"). Returns false and fills err when the file cannot be written. *count receives the number
 * of entries. */
bool i18n_extract_content(const content_tree *tree, const char *dir_prefix, const char *path, size_t *count,
                          vk_error *err);

#endif
