/* QR codes as rectangles: see qr.h. */
#include "ui/qr.h"

#include <math.h>

#include <qrencode.h>

bool ui_qr_draw(ui_display_list *dl, const char *text, float x, float y, float size)
{
    /* Level M (15% recovery) survives a scuffed screen; 8-bit mode keeps URLs exact. */
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q)
        return false;
    int n = q->width, quiet = 4;
    float module = floorf(size / (float)(n + 2 * quiet));
    float side = module * (float)(n + 2 * quiet);
    float ox = x + (size - side) / 2, oy = y + (size - side) / 2;
    ui_color white = {255, 255, 255, 255}, black = {0, 0, 0, 255};
    bool ok = ui_display_rect(dl, (ui_rect){ox, oy, side, side}, 0, white);
    /* one rectangle per horizontal run of dark modules, not one per module */
    for (int row = 0; ok && row < n; row++)
        for (int col = 0; col < n;) {
            if (!(q->data[row * n + col] & 1)) {
                col++;
                continue;
            }
            int start = col;
            while (col < n && (q->data[row * n + col] & 1))
                col++;
            ok = ui_display_rect(dl,
                                 (ui_rect){ox + (float)(quiet + start) * module, oy + (float)(quiet + row) * module,
                                           (float)(col - start) * module, module},
                                 0, black);
        }
    QRcode_free(q);
    return ok;
}
