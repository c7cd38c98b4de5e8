/* sl-read-selection.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-read-set.h"

G_BEGIN_DECLS

/* Which reads of a sealed SlReadSet pass a time filter: a bit per read and a
 * count pyramid of the selected reads matching the set's, so the map can
 * draw selected reads bright and the rest faded. Immutable once made. */

#define SL_TYPE_READ_SELECTION (sl_read_selection_get_type ())

typedef struct _SlReadSelection SlReadSelection;

typedef struct
{
  /* Half-open range [start, end) in Unix seconds. */
  gint64 start;
  gint64 end;
  /* Seconds after local midnight. day_start == day_end keeps every time of
   * day; day_start > day_end wraps past midnight (22:00–06:00). */
  int    day_start;
  int    day_end;
} SlReadFilter;

GType            sl_read_selection_get_type         (void) G_GNUC_CONST;
SlReadSelection *sl_read_selection_new              (SlReadSet          *set,
                                                     const SlReadFilter *filter,
                                                     GTimeZone          *time_zone,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
SlReadSelection *sl_read_selection_ref              (SlReadSelection    *self);
void             sl_read_selection_unref            (SlReadSelection    *self);
SlReadSet       *sl_read_selection_get_set          (SlReadSelection    *self);
guint            sl_read_selection_get_n_selected   (SlReadSelection    *self);
const guint64   *sl_read_selection_get_bits         (SlReadSelection    *self);
const guint32   *sl_read_selection_get_level_counts (SlReadSelection    *self,
                                                     guint               level);
gboolean         sl_read_filter_matches             (const SlReadFilter *filter,
                                                     gint64              time,
                                                     int                 utc_offset);

static inline gboolean
sl_read_selection_bits_test (const guint64 *bits,
                             guint          index)
{
  return (bits[index >> 6] >> (index & 63)) & 1;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlReadSelection, sl_read_selection_unref)

G_END_DECLS
