/* sl-read-set-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-read-set.h"

G_BEGIN_DECLS

guint32 **sl_count_pyramid_new (guint32 *level0,
                                guint    grid_bits);

G_END_DECLS
