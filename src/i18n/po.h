/* libgettextpo behind an error-value interface, for the i18n modules (catalog reading, extraction).
 * libgettextpo's error handler must not return on a fatal error; catalog.c keeps that contract with
 * setjmp/longjmp and turns every problem into a vk_error. */
#ifndef VK_I18N_PO_H
#define VK_I18N_PO_H

#include <stdbool.h>

#include <gettext-po.h>

#include "base/error.h"

/* Reads path as a .po/.pot file; NULL and err when it is not one. Free with po_file_free. */
po_file_t i18n_po_read(const char *path, vk_error *err);

/* Writes file to path as a .po/.pot file. Returns false and fills err when it cannot. */
bool i18n_po_write(po_file_t file, const char *path, vk_error *err);

#endif
