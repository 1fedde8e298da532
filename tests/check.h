/* A minimal test harness: CHECK records a failure with file and line and goes on, so one run shows
 * every broken expectation; check_done prints the tally and gives main its exit status. */
#ifndef VK_TESTS_CHECK_H
#define VK_TESTS_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (cond) {                                                                                \
            check_passed++;                                                                        \
        } else {                                                                                   \
            check_failed++;                                                                        \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);              \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

/* Runs a test function and names it in the output, so a failure says which behaviour broke. */
#define RUN(fn)                                                                                    \
    do {                                                                                           \
        int before_ = check_failed;                                                                \
        fn();                                                                                      \
        printf("%s %s\n", check_failed == before_ ? "ok  " : "FAIL", #fn);                         \
    } while (0)

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

static inline const char *check_env(const char *name)
{
    const char *v = getenv(name);
    if (!v || !*v) {
        fprintf(stderr, "environment variable %s is not set (run the tests through ctest)\n", name);
        exit(EXIT_FAILURE);
    }
    return v;
}

#endif
