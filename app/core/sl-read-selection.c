/* sl-read-selection.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-read-selection"

#include "config.h"

#include "sl-read-selection.h"
#include "sl-read-set-private.h"

struct _SlReadSelection
{
  SlReadSet  *set;
  guint64    *bits;
  guint       n_selected;
  guint       n_levels;
  guint32   **levels;
};

G_DEFINE_BOXED_TYPE (SlReadSelection, sl_read_selection, sl_read_selection_ref, sl_read_selection_unref)

#define SECONDS_PER_DAY 86400

/**
 * sl_read_filter_matches:
 * @utc_offset: seconds to add to UTC for local time at @time
 */
gboolean
sl_read_filter_matches (const SlReadFilter *filter,
                        gint64              time,
                        int                 utc_offset)
{
  int second_of_day;

  if (time < filter->start || time >= filter->end)
    return FALSE;
  if (filter->day_start == filter->day_end)
    return TRUE;

  second_of_day = (int) (((time + utc_offset) % SECONDS_PER_DAY + SECONDS_PER_DAY) % SECONDS_PER_DAY);
  if (filter->day_start < filter->day_end)
    return second_of_day >= filter->day_start && second_of_day < filter->day_end;
  return second_of_day >= filter->day_start || second_of_day < filter->day_end;
}

/* UTC offsets change on whole UTC hours in every zone in use, so one offset
 * per hour of the set's span is exact and spares a zone lookup per read. */
static int *
hourly_offsets (SlReadSet *set,
                GTimeZone *time_zone,
                gint64    *first_hour,
                guint     *n_hours)
{
  int *offsets;

  sl_read_set_get_hourly_counts (set, first_hour, n_hours);
  offsets = g_new (int, MAX (*n_hours, 1));
  for (guint h = 0; h < *n_hours; h++)
    {
      gint64 t = (*first_hour + h) * 3600;
      int interval = g_time_zone_find_interval (time_zone, G_TIME_TYPE_UNIVERSAL, t);

      offsets[h] = g_time_zone_get_offset (time_zone, MAX (interval, 0));
    }
  return offsets;
}

/**
 * sl_read_selection_new:
 * @cancellable: (nullable): checked between grid rows, so a filter that a
 *   newer one replaced stops early
 *
 * Returns: the selection, or %NULL with @error set if cancelled
 */
SlReadSelection *
sl_read_selection_new (SlReadSet           *set,
                       const SlReadFilter  *filter,
                       GTimeZone           *time_zone,
                       GCancellable        *cancellable,
                       GError             **error)
{
  SlReadSelection *self;
  const guint32 *times;
  g_autofree int *offsets = NULL;
  gint64 first_hour;
  double origin_x, origin_y, cell_size;
  guint32 *level0;
  guint n_reads, n_hours, size;

  g_return_val_if_fail (sl_read_set_is_sealed (set), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (time_zone != NULL, NULL);

  self = g_atomic_rc_box_new0 (SlReadSelection);
  self->set = sl_read_set_ref (set);
  n_reads = sl_read_set_get_n_reads (set);
  times = sl_read_set_get_times (set);
  offsets = hourly_offsets (set, time_zone, &first_hour, &n_hours);
  sl_read_set_get_grid (set, &origin_x, &origin_y, &cell_size, &size);

  self->bits = g_new0 (guint64, n_reads / 64 + 1);
  level0 = g_new0 (guint32, size * size);

  for (guint cell = 0; cell < size * size; cell++)
    {
      guint end = sl_read_set_get_cell_start (set, cell + 1);

      if (cell % size == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_free (level0);
          sl_read_selection_unref (self);
          return NULL;
        }
      /* The row above is done: a mapped set may let its pages go. */
      if (cell % size == 0 && cell > 0)
        sl_read_set_release_range (set, sl_read_set_get_cell_start (set, cell - size),
                                   sl_read_set_get_cell_start (set, cell));

      for (guint i = sl_read_set_get_cell_start (set, cell); i < end; i++)
        {
          if (sl_read_filter_matches (filter, times[i], offsets[times[i] / 3600 - first_hour]))
            {
              self->bits[i >> 6] |= G_GUINT64_CONSTANT (1) << (i & 63);
              level0[cell]++;
            }
        }
      self->n_selected += level0[cell];
    }

  /* Set last: a cancelled selection has no levels to free. */
  self->n_levels = sl_read_set_get_n_levels (set);
  self->levels = sl_count_pyramid_new (level0, self->n_levels - 1);

  return self;
}

SlReadSelection *
sl_read_selection_ref (SlReadSelection *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
sl_read_selection_clear (SlReadSelection *self)
{
  sl_read_set_unref (self->set);
  g_free (self->bits);
  for (guint i = 0; i < self->n_levels; i++)
    g_free (self->levels[i]);
  g_free (self->levels);
}

void
sl_read_selection_unref (SlReadSelection *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) sl_read_selection_clear);
}

SlReadSet *
sl_read_selection_get_set (SlReadSelection *self)
{
  return self->set;
}

guint
sl_read_selection_get_n_selected (SlReadSelection *self)
{
  return self->n_selected;
}

const guint64 *
sl_read_selection_get_bits (SlReadSelection *self)
{
  return self->bits;
}

const guint32 *
sl_read_selection_get_level_counts (SlReadSelection *self,
                                    guint            level)
{
  g_return_val_if_fail (level < self->n_levels, NULL);

  return self->levels[level];
}
