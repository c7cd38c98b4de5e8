/* sl-read-set-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-read-set.h"

G_BEGIN_DECLS

/* One read as a read set keeps it, before sorting. */
typedef struct
{
  guint32 x;
  guint32 y;
  guint32 time;
  guint32 id;
  guint8  agency;
} SlReadRecord;

/* What sealing needs to know of the reads before sorting them. */
typedef struct
{
  guint   n_reads;
  guint32 min_x;
  guint32 min_y;
  guint32 max_x;
  guint32 max_y;
  guint32 first_time;
  guint32 last_time;
} SlReadExtent;

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

void       sl_read_record_init           (SlReadRecord          *record,
                                          guint32                id,
                                          double                 latitude,
                                          double                 longitude,
                                          gint64                 time,
                                          guint8                 agency);
void       sl_read_extent_init           (SlReadExtent          *extent);
void       sl_read_extent_add            (SlReadExtent          *extent,
                                          const SlReadRecord    *record);
void       sl_read_set_layout_init       (SlReadSetLayout       *layout,
                                          const SlReadExtent    *extent,
                                          guint                  n_agencies);

/* The counting sort by grid cell that sealing does, for reads kept
 * anywhere: count every read, then sl_read_sort_rewind() and place every
 * read in the same order, as often as needed (each placing pass gives
 * the same positions). The hourly counts come with the counting. */
typedef struct
{
  const SlReadSetLayout *layout;
  guint32               *cell_start;
  guint32               *fill;
  guint32               *hourly;
} SlReadSort;

void       sl_read_sort_init             (SlReadSort            *sort,
                                          const SlReadSetLayout *layout);
void       sl_read_sort_rewind           (SlReadSort            *sort);
void       sl_read_sort_clear            (SlReadSort            *sort);

static inline guint
sl_read_set_layout_cell (const SlReadSetLayout *layout,
                         guint32                x,
                         guint32                y)
{
  guint cx = (x - layout->origin_x) >> layout->cell_shift;
  guint cy = (y - layout->origin_y) >> layout->cell_shift;

  return (cy << layout->grid_bits) | cx;
}

static inline void
sl_read_sort_count (SlReadSort *sort,
                    guint32     x,
                    guint32     y,
                    guint32     time)
{
  sort->cell_start[sl_read_set_layout_cell (sort->layout, x, y) + 1]++;
  sort->hourly[time / 3600 - sort->layout->first_hour]++;
}

/* The read's position in the sorted order. */
static inline guint32
sl_read_sort_place (SlReadSort *sort,
                    guint32     x,
                    guint32     y)
{
  return sort->fill[sl_read_set_layout_cell (sort->layout, x, y)]++;
}

void       sl_read_set_set_sites         (SlReadSet             *self,
                                          GArray                *sites,
                                          guint                  min_reads);
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
