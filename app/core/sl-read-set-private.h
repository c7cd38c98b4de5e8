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

/* What a sealed set is besides its arrays: enough, with the arrays, to
 * make it again without sorting (sl-read-cache.c keeps sets in files). */
typedef struct
{
  guint          n_reads;
  guint          n_agencies;
  guint          grid_bits;
  guint          cell_shift;
  guint32        origin_x;
  guint32        origin_y;
  SlMercatorRect bounds;
  gint64         first_time;
  gint64         last_time;
  gint64         first_hour;
  guint          n_hours;
} SlReadSetLayout;

/* The arrays of a sealed set, in sorted order; lengths follow from the
 * layout: n_reads for the reads, size² + 1 cell starts, n_hours. */
typedef struct
{
  const guint32 *x;
  const guint32 *y;
  const guint32 *times;
  const guint8  *agencies;
  const guint32 *ids;
  const guint32 *cell_start;
  const guint32 *hourly;
} SlReadSetArrays;

void       sl_read_set_get_layout        (SlReadSet             *self,
                                          SlReadSetLayout       *layout,
                                          SlReadSetArrays       *arrays);
void       sl_read_set_release_range     (SlReadSet             *self,
                                          guint                  start,
                                          guint                  end);
gsize      sl_read_set_layout_n_cells    (const SlReadSetLayout *layout);
SlReadSet *sl_read_set_new_borrowed      (const SlReadSetLayout *layout,
                                          const SlReadSetArrays *arrays,
                                          gpointer               owner,
                                          GDestroyNotify         owner_free,
                                          GError               **error);

G_END_DECLS
