/* sl-read-set.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An immutable, in-memory set of plate reads as the map draws them: position
 * in fixed-point normalised Web Mercator (see sl-mercator.h), time, owner
 * agency and the caller's id (e.g. the store's rowid). Reads are sorted into
 * a uniform grid when the set is sealed, so drawing and hit-testing only
 * visit the cells in view; the grid's counts are summed into a pyramid so
 * the density view never has to visit individual reads.
 *
 * Fill it on any thread with sl_read_set_append(), then sl_read_set_seal().
 * A sealed set is read-only and safe to share between threads. Indexes in
 * the accessors are positions in the sorted order, not insertion order:
 * use sl_read_set_get_ids() to map back. 17 bytes per read once sealed;
 * while filling, 13 if the ids are consecutive (e.g. rowids in order).
 * Sealing needs 8 more bytes per read for a moment. */

#define SL_TYPE_READ_SET (sl_read_set_get_type ())

typedef struct _SlReadSet SlReadSet;

/* A rectangle in normalised Web Mercator coordinates. */
typedef struct
{
  double x0;
  double y0;
  double x1;
  double y1;
} SlMercatorRect;

/* A place where reads were taken (a fixed camera, or a mobile one's stop):
 * every read at exactly this position. */
typedef struct
{
  double  x;
  double  y;
  guint   n_reads;
  /* The agency of the first read here. */
  guint8  agency;
  gint64  first_time;
  gint64  last_time;
} SlReadSite;

/* Fewer reads at one exact position are a mobile reader passing by, not a
 * camera site. The read cache keeps the sites with at least this many. */
#define SL_READ_SET_MIN_SITE_READS 3

/* Called with the half-open range [start, end) of reads in one run of grid
 * cells; the reads may lie slightly outside the queried rectangle. */
typedef void (*SlReadRangeFunc) (guint    start,
                                 guint    end,
                                 gpointer user_data);

GType          sl_read_set_get_type          (void) G_GNUC_CONST;
SlReadSet     *sl_read_set_new               (guint                 capacity);
SlReadSet     *sl_read_set_ref               (SlReadSet            *self);
void           sl_read_set_unref             (SlReadSet            *self);
void           sl_read_set_append            (SlReadSet            *self,
                                              guint32               id,
                                              double                latitude,
                                              double                longitude,
                                              gint64                time,
                                              guint8                agency);
void           sl_read_set_remap_agencies    (SlReadSet            *self,
                                              const guint8         *map,
                                              guint                 n_map);
void           sl_read_set_seal              (SlReadSet            *self);
void           sl_read_set_release_pages     (SlReadSet            *self);
gboolean       sl_read_set_is_sealed         (SlReadSet            *self);

guint          sl_read_set_get_n_reads       (SlReadSet            *self);
guint          sl_read_set_get_n_agencies    (SlReadSet            *self);
const guint32 *sl_read_set_get_x             (SlReadSet            *self);
const guint32 *sl_read_set_get_y             (SlReadSet            *self);
const guint32 *sl_read_set_get_times         (SlReadSet            *self);
const guint8  *sl_read_set_get_agencies      (SlReadSet            *self);
const guint32 *sl_read_set_get_ids           (SlReadSet            *self);
gboolean       sl_read_set_get_time_span     (SlReadSet            *self,
                                              gint64               *first,
                                              gint64               *last);
gboolean       sl_read_set_get_bounds        (SlReadSet            *self,
                                              SlMercatorRect       *bounds);
const guint32 *sl_read_set_get_hourly_counts (SlReadSet            *self,
                                              gint64               *first_hour,
                                              guint                *n_hours);

void           sl_read_set_foreach_range     (SlReadSet            *self,
                                              const SlMercatorRect *rect,
                                              SlReadRangeFunc       func,
                                              gpointer              user_data);
guint          sl_read_set_count_in_rect     (SlReadSet            *self,
                                              const SlMercatorRect *rect);
gboolean       sl_read_set_hit_test          (SlReadSet            *self,
                                              double                x,
                                              double                y,
                                              double                radius,
                                              guint                *index);

/* The count pyramid: level 0 is the index grid (size × size cells covering
 * a square of side cell_size × size from the origin), each level above halves
 * the size. */
GArray        *sl_read_set_collect_sites     (SlReadSet            *self,
                                              guint                 min_reads);

guint          sl_read_set_get_n_levels      (SlReadSet            *self);
void           sl_read_set_get_grid          (SlReadSet            *self,
                                              double               *origin_x,
                                              double               *origin_y,
                                              double               *cell_size,
                                              guint                *size);
const guint32 *sl_read_set_get_level_counts  (SlReadSet            *self,
                                              guint                 level);
guint          sl_read_set_get_cell_start    (SlReadSet            *self,
                                              guint                 cell);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlReadSet, sl_read_set_unref)

G_END_DECLS
