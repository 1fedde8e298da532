/* Errors as values: see error.h. */
#include "base/error.h"

#include <stdio.h>
#include <string.h>

int vk_error_set(vk_error *err, const char *file, int line, const char *fmt, ...)
{
    if (!err)
        return 0;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return 0;
}

const char *vk_error_format(const vk_error *err, char *buf, unsigned long size)
{
    if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%d: %s", err->file, err->line, err->msg);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->msg);
    else
        snprintf(buf, size, "%s", err->msg);
    return buf;
}
