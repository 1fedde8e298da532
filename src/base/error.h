/* Errors as values, shared by every layer.
 *
 * A function that can fail takes a `vk_error *` (may be NULL when the caller does not care), returns a
 * status or NULL, and on failure fills the error with where the problem is (a file and line of the
 * *input*, not of the C source) and one human sentence. Nothing below app/ prints or exits.
 */
#ifndef VK_BASE_ERROR_H
#define VK_BASE_ERROR_H

#include <stdarg.h>

typedef struct vk_error {
    char file[512];   /* input file the problem is in, "" when none */
    int line;         /* 1-based line in that file, 0 when none */
    char msg[512];    /* one sentence, no trailing newline */
} vk_error;

/* Fills err (if not NULL) and returns 0 so that `return vk_error_set(...)` reads naturally in functions
 * returning a status. `file` may be NULL. */
int vk_error_set(vk_error *err, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Formats err as "file:line: msg", "file: msg" or "msg" into buf. Returns buf. */
const char *vk_error_format(const vk_error *err, char *buf, unsigned long size);

#endif
