/* sl-read-cache.h: a sealed read set kept in a file, mapped when a project
 * opens instead of read again from the reads table.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-read-set.h"

G_BEGIN_DECLS

/* Who owns the reads of one read-set agency index: the project's agency
 * id and how many of the reads are its. Agencies that share the last index
 * ("Other agencies") each have an entry. */
typedef struct
{
  gint64  agency_id;
  guint64 n_reads;
  guint32 index;
  guint32 reserved;
} SlReadCacheAgency;

gboolean   sl_read_cache_save (const char         *path,
                               const char         *stamp,
                               SlReadSet          *set,
                               GArray             *agencies,
                               GError            **error);
SlReadSet *sl_read_cache_load (const char         *path,
                               const char         *stamp,
                               GArray            **agencies,
                               GError            **error);
guint      sl_read_cache_evict (const char         *dir,
                               const char         *keep,
                               gint64              max_age,
                               guint64             max_bytes,
                               gint64              now);

/* Builds a read set straight into a read cache file: see
 * sl_read_cache_builder_new(). */
typedef struct _SlReadCacheBuilder SlReadCacheBuilder;

SlReadCacheBuilder *sl_read_cache_builder_new    (const char          *path,
                                                  gsize                window_bytes,
                                                  GError             **error);
void                sl_read_cache_builder_append (SlReadCacheBuilder  *builder,
                                                  guint32              id,
                                                  double               latitude,
                                                  double               longitude,
                                                  gint64               time,
                                                  guint8               agency);
SlReadSet          *sl_read_cache_builder_finish (SlReadCacheBuilder  *builder,
                                                  const char          *stamp,
                                                  const guint8        *map,
                                                  guint                n_map,
                                                  GArray              *agencies,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
void                sl_read_cache_builder_free   (SlReadCacheBuilder  *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlReadCacheBuilder, sl_read_cache_builder_free)

G_END_DECLS
