/* sl-online-tile-source.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SL_TYPE_ONLINE_TILE_SOURCE (sl_online_tile_source_get_type ())

G_DECLARE_FINAL_TYPE (SlOnlineTileSource, sl_online_tile_source, SL, ONLINE_TILE_SOURCE, ShumateDataSource)

SlOnlineTileSource *sl_online_tile_source_new (const char *url_template,
                                               const char *cache_key);
char               *sl_online_tile_source_dup_url (SlOnlineTileSource *self,
                                                   int                 x,
                                                   int                 y,
                                                   int                 zoom);

G_END_DECLS
