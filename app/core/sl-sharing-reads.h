/* sl-sharing-reads.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-visibility.h"

G_BEGIN_DECLS

GArray   *sl_sharing_load_plate_reads (SlProject   *project,
                                       const char  *plate,
                                       GError     **error);
gboolean  sl_sharing_reach_all        (SlProject   *project,
                                       SlReach     *reach,
                                       GError     **error);

G_END_DECLS
