/* Test helper: the repository's data (fonts, catalogs) with the fixed test content of
 * tests/content/good in place of content/, so UI tests do not change when staff edit content/. */
#ifndef VK_TESTS_DATA_H
#define VK_TESTS_DATA_H

#include <stdio.h>

#include "app/resources.h"
#include "check.h"

static inline void test_data_load(app_resources *res)
{
    vk_error err = {0};
    if (!app_resources_load(res, check_env("VELKOMMEN_DATA"), &err)) {
        fprintf(stderr, "cannot load data: %s\n", err.msg);
        exit(EXIT_FAILURE);
    }
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/tests/content/good", check_env("VELKOMMEN_DATA"));
    content_diags d;
    if (!app_resources_replace_content(res, dir, &d)) {
        fprintf(stderr, "the test content has errors (%zu)\n", d.errors);
        exit(EXIT_FAILURE);
    }
    content_diags_free(&d);
}

#endif
