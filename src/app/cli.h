/* The command line: `velkommen [run]`, `velkommen render`, `--help`, `--version`.
 * Exit status: 0 success, 1 a failure while running, 2 bad input (usage, data, fonts). */
#ifndef VK_APP_CLI_H
#define VK_APP_CLI_H

enum { APP_EXIT_OK = 0, APP_EXIT_FAILURE = 1, APP_EXIT_BAD_INPUT = 2 };

int app_cli_main(int argc, char **argv);

#endif
