/* Velkommen: a touch kiosk that explains Danish society, the job centre and the municipality's
 * decisions to newcomers, in their own language. main parses nothing itself: app/cli does. */
#include "app/cli.h"

int main(int argc, char **argv)
{
    return app_cli_main(argc, argv);
}
