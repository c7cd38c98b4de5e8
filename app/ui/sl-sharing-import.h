/* sl-sharing-import.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-window.h"

G_BEGIN_DECLS

void sl_sharing_import_run (SlWindow *window,
                            GFile    *file);

G_END_DECLS
