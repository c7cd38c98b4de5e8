/* sl-read-set.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-read-set"

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sl-mercator.h"
#include "sl-read-set-private.h"

/* The grid has at most 1024² cells (4 MiB of offsets): a cell is about
 * 3 pixels at zoom 11 over a state, and the grid stays small next to ten
 * million reads. About 8 reads per cell on average. */
#define MAX_GRID_BITS 10
#define MIN_GRID_BITS 4
#define READS_PER_CELL 8
/* Reads checked between giving pages back (sl_read_set_new_borrowed()). */
#define CHECK_CHUNK (1u << 20)

struct _SlReadSet
{
  guint     n_reads;
  guint     capacity;
  guint32  *x;
  guint32  *y;
  guint32  *times;
  guint8   *agencies;
  /* NULL while every id so far is first_id + its position: the common case
   * of rows read in rowid order costs no memory until sealing. */
  guint32  *ids;
  guint32   first_id;
  guint     n_agencies;

  /* Set by sl_read_set_seal(). */
  guint     sealed : 1;
  SlMercatorRect bounds;
  guint32   origin_x;
  guint32   origin_y;
  guint     cell_shift;
  guint     grid_bits;
  guint32  *cell_start;          /* size² + 1 offsets into the arrays */
  guint     n_levels;
  guint32 **levels;              /* counts, level 0 = size² */
  gint64    first_time;
  gint64    last_time;
  gint64    first_hour;
  guint     n_hours;
  guint32  *hourly;

  /* Sites with at least sites_min_reads reads, when known beforehand
   * (kept in the read cache): sl_read_set_set_sites(). */
  GArray   *sites;
  guint     sites_min_reads;

  /* Set when the arrays (but the count pyramid) belong to someone else,
   * e.g. a mapped cache file: sl_read_set_new_borrowed(). */
  gpointer       owner;
  GDestroyNotify owner_free;
};

G_DEFINE_BOXED_TYPE (SlReadSet, sl_read_set, sl_read_set_ref, sl_read_set_unref)

SlReadSet *
sl_read_set_new (guint capacity)
{
  SlReadSet *self = g_atomic_rc_box_new0 (SlReadSet);

  self->capacity = MAX (capacity, 16);
  self->x = g_new (guint32, self->capacity);
  self->y = g_new (guint32, self->capacity);
  self->times = g_new (guint32, self->capacity);
  self->agencies = g_new (guint8, self->capacity);

  return self;
}

SlReadSet *
sl_read_set_ref (SlReadSet *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
sl_read_set_clear (SlReadSet *self)
{
  for (guint i = 0; i < self->n_levels; i++)
    g_free (self->levels[i]);
  g_free (self->levels);
  g_clear_pointer (&self->sites, g_array_unref);
  if (self->owner_free != NULL)
    {
      self->owner_free (self->owner);
      return;
    }
  g_free (self->x);
  g_free (self->y);
  g_free (self->times);
  g_free (self->agencies);
  g_free (self->ids);
  g_free (self->cell_start);
  g_free (self->hourly);
}

void
sl_read_set_unref (SlReadSet *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) sl_read_set_clear);
}

/**
 * sl_read_record_init:
 *
 * A read as a read set keeps it: fixed-point Web Mercator, unsigned
 * seconds.
 */
void
sl_read_record_init (SlReadRecord *record,
                     guint32       id,
                     double        latitude,
                     double        longitude,
                     gint64        time,
                     guint8        agency)
{
  double x, y;

  sl_mercator_from_lat_lon (latitude, longitude, &x, &y);
  record->x = sl_mercator_to_fixed (x);
  record->y = sl_mercator_to_fixed (y);
  /* Unsigned 32-bit Unix seconds reach 2106; plate readers postdate 1970. */
  record->time = (guint32) CLAMP (time, 0, (gint64) G_MAXUINT32);
  record->id = id;
  record->agency = agency;
}

void
sl_read_extent_init (SlReadExtent *extent)
{
  *extent = (SlReadExtent) { 0, G_MAXUINT32, G_MAXUINT32, 0, 0, G_MAXUINT32, 0 };
}

void
sl_read_extent_add (SlReadExtent       *extent,
                    const SlReadRecord *record)
{
  extent->n_reads++;
  extent->min_x = MIN (extent->min_x, record->x);
  extent->max_x = MAX (extent->max_x, record->x);
  extent->min_y = MIN (extent->min_y, record->y);
  extent->max_y = MAX (extent->max_y, record->y);
  extent->first_time = MIN (extent->first_time, record->time);
  extent->last_time = MAX (extent->last_time, record->time);
}

void
sl_read_set_append (SlReadSet *self,
                    guint32    id,
                    double     latitude,
                    double     longitude,
                    gint64     time,
                    guint8     agency)
{
  SlReadRecord record;
  guint i;

  g_return_if_fail (!self->sealed);
  g_return_if_fail (self->n_reads < G_MAXUINT32 - 1);

  if (self->n_reads == self->capacity)
    {
      self->capacity *= 2;
      self->x = g_renew (guint32, self->x, self->capacity);
      self->y = g_renew (guint32, self->y, self->capacity);
      self->times = g_renew (guint32, self->times, self->capacity);
      self->agencies = g_renew (guint8, self->agencies, self->capacity);
      if (self->ids != NULL)
        self->ids = g_renew (guint32, self->ids, self->capacity);
    }

  sl_read_record_init (&record, id, latitude, longitude, time, agency);
  i = self->n_reads++;
  self->x[i] = record.x;
  self->y[i] = record.y;
  self->times[i] = record.time;
  self->agencies[i] = agency;
  if (i == 0)
    self->first_id = id;
  if (self->ids == NULL && id != self->first_id + i)
    {
      self->ids = g_new (guint32, self->capacity);
      for (guint k = 0; k < i; k++)
        self->ids[k] = self->first_id + k;
    }
  if (self->ids != NULL)
    self->ids[i] = id;
  self->n_agencies = MAX (self->n_agencies, (guint) agency + 1);
}

/* Moves the values of a 32-bit field to their sorted positions through a
 * spare array of the same size, which then holds the old order. */
static void
scatter32 (guint32       **field,
           guint32       **spare,
           const guint32  *dest,
           guint           n)
{
  guint32 *tmp;

  for (guint i = 0; i < n; i++)
    (*spare)[dest[i]] = (*field)[i];
  tmp = *field;
  *field = *spare;
  *spare = tmp;
}

/* Sorts the reads into grid order. Scattering one field at a time through
 * one spare array keeps writes independent (fast, unlike following the
 * permutation's cycles) and the peak at two extra 4-byte arrays; implicit
 * ids are materialised last, in the spare array, so they add nothing. */
static void
scatter_all (SlReadSet     *self,
             const guint32 *dest)
{
  guint n = self->n_reads;
  guint32 *spare = g_new (guint32, MAX (n, 1));
  guint8 *agencies;

  scatter32 (&self->x, &spare, dest, n);
  scatter32 (&self->y, &spare, dest, n);
  scatter32 (&self->times, &spare, dest, n);
  if (self->ids != NULL)
    scatter32 (&self->ids, &spare, dest, n);
  else
    {
      for (guint i = 0; i < n; i++)
        spare[dest[i]] = self->first_id + i;
      self->ids = g_steal_pointer (&spare);
    }
  g_free (spare);

  agencies = g_new (guint8, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    agencies[dest[i]] = self->agencies[i];
  g_free (self->agencies);
  self->agencies = agencies;
}

static void
shrink (SlReadSet *self)
{
  self->capacity = MAX (self->n_reads, 1);
  self->x = g_renew (guint32, self->x, self->capacity);
  self->y = g_renew (guint32, self->y, self->capacity);
  self->times = g_renew (guint32, self->times, self->capacity);
  self->agencies = g_renew (guint8, self->agencies, self->capacity);
  if (self->ids != NULL)
    self->ids = g_renew (guint32, self->ids, self->capacity);
}

/**
 * sl_read_set_layout_init:
 * @n_agencies: one more than the largest agency index
 *
 * Lays out the sealed set of reads with @extent: the grid (the smallest
 * power-of-two cells that fit the extent in at most 1024² cells, about 8
 * reads each) and the time span.
 */
void
sl_read_set_layout_init (SlReadSetLayout    *layout,
                         const SlReadExtent *extent,
                         guint               n_agencies)
{
  gboolean empty = extent->n_reads == 0;
  guint32 min_x = empty ? 0 : extent->min_x, min_y = empty ? 0 : extent->min_y;
  guint32 max_x = empty ? 0 : extent->max_x, max_y = empty ? 0 : extent->max_y;
  guint64 span;
  guint size;

  memset (layout, 0, sizeof *layout);
  layout->n_reads = extent->n_reads;
  layout->n_agencies = n_agencies;
  layout->bounds.x0 = sl_mercator_from_fixed (min_x);
  layout->bounds.y0 = sl_mercator_from_fixed (min_y);
  layout->bounds.x1 = sl_mercator_from_fixed (max_x);
  layout->bounds.y1 = sl_mercator_from_fixed (max_y);

  layout->grid_bits = MIN_GRID_BITS;
  while (layout->grid_bits < MAX_GRID_BITS &&
         ((guint64) 1 << (2 * layout->grid_bits)) * READS_PER_CELL < extent->n_reads)
    layout->grid_bits++;
  size = 1u << layout->grid_bits;

  /* The smallest power-of-two cell that fits the extent in size cells, so a
   * cell index is a shift away from a coordinate. */
  span = (guint64) MAX (max_x - min_x, max_y - min_y) + 1;
  while (((guint64) size << layout->cell_shift) < span)
    layout->cell_shift++;
  layout->origin_x = min_x;
  layout->origin_y = min_y;

  if (empty)
    return;
  layout->first_time = extent->first_time;
  layout->last_time = extent->last_time;
  layout->first_hour = extent->first_time / 3600;
  layout->n_hours = extent->last_time / 3600 - layout->first_hour + 1;
}

/**
 * sl_read_sort_init:
 * @layout: (not nullable): kept until sl_read_sort_clear()
 */
void
sl_read_sort_init (SlReadSort            *sort,
                   const SlReadSetLayout *layout)
{
  sort->layout = layout;
  sort->cell_start = g_new0 (guint32, sl_read_set_layout_n_cells (layout) + 1);
  sort->fill = NULL;
  sort->hourly = g_new0 (guint32, MAX (layout->n_hours, 1));
}

/* Counting sort by cell: stable, so reads keep their insertion order
 * within a cell. The first rewind turns the counts into cell starts. */
void
sl_read_sort_rewind (SlReadSort *sort)
{
  gsize n_cells = sl_read_set_layout_n_cells (sort->layout);

  if (sort->fill == NULL)
    {
      for (gsize c = 0; c < n_cells; c++)
        sort->cell_start[c + 1] += sort->cell_start[c];
      sort->fill = g_new (guint32, n_cells);
    }
  memcpy (sort->fill, sort->cell_start, n_cells * sizeof (guint32));
}

void
sl_read_sort_clear (SlReadSort *sort)
{
  g_clear_pointer (&sort->cell_start, g_free);
  g_clear_pointer (&sort->fill, g_free);
  g_clear_pointer (&sort->hourly, g_free);
}

static void
set_layout (SlReadSet             *self,
            const SlReadSetLayout *layout)
{
  self->n_reads = layout->n_reads;
  self->n_agencies = layout->n_agencies;
  self->grid_bits = layout->grid_bits;
  self->cell_shift = layout->cell_shift;
  self->origin_x = layout->origin_x;
  self->origin_y = layout->origin_y;
  self->bounds = layout->bounds;
  self->first_time = layout->first_time;
  self->last_time = layout->last_time;
  self->first_hour = layout->first_hour;
  self->n_hours = layout->n_hours;
}

/* Sorts the reads into the grid, and counts them by hour. */
static void
build_grid (SlReadSet *self)
{
  SlReadExtent extent;
  SlReadSetLayout layout;
  SlReadSort sort;
  g_autofree guint32 *dest = NULL;

  sl_read_extent_init (&extent);
  for (guint i = 0; i < self->n_reads; i++)
    {
      SlReadRecord record = { self->x[i], self->y[i], self->times[i] };

      sl_read_extent_add (&extent, &record);
    }
  sl_read_set_layout_init (&layout, &extent, self->n_agencies);
  set_layout (self, &layout);

  /* Growth by doubling left up to half the arrays unused. */
  shrink (self);
  sl_read_sort_init (&sort, &layout);
  for (guint i = 0; i < self->n_reads; i++)
    sl_read_sort_count (&sort, self->x[i], self->y[i], self->times[i]);
  sl_read_sort_rewind (&sort);
  dest = g_new (guint32, MAX (self->n_reads, 1));
  for (guint i = 0; i < self->n_reads; i++)
    dest[i] = sl_read_sort_place (&sort, self->x[i], self->y[i]);
  scatter_all (self, dest);

  self->cell_start = g_steal_pointer (&sort.cell_start);
  if (self->n_hours > 0)
    self->hourly = g_steal_pointer (&sort.hourly);
  sl_read_sort_clear (&sort);
}

/**
 * sl_count_pyramid_new:
 * @level0: (transfer full): size² counts
 *
 * Returns: grid_bits + 1 levels of counts, each halving the size of the one
 * below by summing 2×2 cells.
 */
guint32 **
sl_count_pyramid_new (guint32 *level0,
                      guint    grid_bits)
{
  guint size = 1u << grid_bits;
  guint32 **levels = g_new0 (guint32 *, grid_bits + 1);

  levels[0] = level0;
  for (guint level = 1; level <= grid_bits; level++)
    {
      guint below = size >> (level - 1);
      guint here = size >> level;
      const guint32 *src = levels[level - 1];
      guint32 *dst = levels[level] = g_new (guint32, here * here);

      for (guint cy = 0; cy < here; cy++)
        for (guint cx = 0; cx < here; cx++)
          dst[cy * here + cx] = src[(2 * cy) * below + 2 * cx] +
                                src[(2 * cy) * below + 2 * cx + 1] +
                                src[(2 * cy + 1) * below + 2 * cx] +
                                src[(2 * cy + 1) * below + 2 * cx + 1];
    }
  return levels;
}

static void
build_pyramid (SlReadSet *self)
{
  guint size = 1u << self->grid_bits;
  guint32 *level0 = g_new (guint32, size * size);

  for (guint c = 0; c < size * size; c++)
    level0[c] = self->cell_start[c + 1] - self->cell_start[c];
  self->n_levels = self->grid_bits + 1;
  self->levels = sl_count_pyramid_new (level0, self->grid_bits);
}

/**
 * sl_read_set_remap_agencies:
 * @map: (array length=n_map): the new index of each agency index in use
 *
 * Renumbers the agencies of an unsealed set, e.g. so that the busiest get
 * the first, most distinct colours once the counts are known.
 */
void
sl_read_set_remap_agencies (SlReadSet    *self,
                            const guint8 *map,
                            guint         n_map)
{
  g_return_if_fail (!self->sealed);
  g_return_if_fail (n_map >= self->n_agencies);

  self->n_agencies = 0;
  for (guint i = 0; i < self->n_reads; i++)
    {
      self->agencies[i] = map[self->agencies[i]];
      self->n_agencies = MAX (self->n_agencies, (guint) self->agencies[i] + 1);
    }
}

/**
 * sl_read_set_seal:
 *
 * Sorts the reads into the grid and computes the count pyramid and hourly
 * histogram. O(n) time; after it the set cannot change.
 */
void
sl_read_set_seal (SlReadSet *self)
{
  g_return_if_fail (!self->sealed);

  build_grid (self);
  build_pyramid (self);
  self->sealed = TRUE;
}

gboolean
sl_read_set_is_sealed (SlReadSet *self)
{
  return self->sealed;
}

guint
sl_read_set_get_n_reads (SlReadSet *self)
{
  return self->n_reads;
}

guint
sl_read_set_get_n_agencies (SlReadSet *self)
{
  return self->n_agencies;
}

const guint32 *
sl_read_set_get_x (SlReadSet *self)
{
  return self->x;
}

const guint32 *
sl_read_set_get_y (SlReadSet *self)
{
  return self->y;
}

const guint32 *
sl_read_set_get_times (SlReadSet *self)
{
  return self->times;
}

const guint8 *
sl_read_set_get_agencies (SlReadSet *self)
{
  return self->agencies;
}

const guint32 *
sl_read_set_get_ids (SlReadSet *self)
{
  return self->ids;
}

gboolean
sl_read_set_get_time_span (SlReadSet *self,
                           gint64    *first,
                           gint64    *last)
{
  g_return_val_if_fail (self->sealed, FALSE);

  if (self->n_reads == 0)
    return FALSE;
  *first = self->first_time;
  *last = self->last_time;
  return TRUE;
}

gboolean
sl_read_set_get_bounds (SlReadSet      *self,
                        SlMercatorRect *bounds)
{
  g_return_val_if_fail (self->sealed, FALSE);

  if (self->n_reads == 0)
    return FALSE;

  *bounds = self->bounds;
  return TRUE;
}

const guint32 *
sl_read_set_get_hourly_counts (SlReadSet *self,
                               gint64    *first_hour,
                               guint     *n_hours)
{
  g_return_val_if_fail (self->sealed, NULL);

  *first_hour = self->first_hour;
  *n_hours = self->n_hours;
  return self->hourly;
}

/* Clamps the rectangle to the grid; FALSE when they do not overlap. */
static gboolean
rect_to_cells (SlReadSet            *self,
               const SlMercatorRect *rect,
               guint                *cx0,
               guint                *cy0,
               guint                *cx1,
               guint                *cy1)
{
  double scale = SL_MERCATOR_FIXED_SCALE / (double) ((guint64) 1 << self->cell_shift);
  double ox = self->origin_x / (double) ((guint64) 1 << self->cell_shift);
  double oy = self->origin_y / (double) ((guint64) 1 << self->cell_shift);
  double size = 1u << self->grid_bits;
  double fx0 = floor (rect->x0 * scale - ox);
  double fy0 = floor (rect->y0 * scale - oy);
  double fx1 = floor (rect->x1 * scale - ox);
  double fy1 = floor (rect->y1 * scale - oy);

  if (self->n_reads == 0 || fx1 < 0 || fy1 < 0 || fx0 >= size || fy0 >= size)
    return FALSE;

  *cx0 = (guint) MAX (fx0, 0);
  *cy0 = (guint) MAX (fy0, 0);
  *cx1 = (guint) MIN (fx1, size - 1);
  *cy1 = (guint) MIN (fy1, size - 1);
  return TRUE;
}

void
sl_read_set_foreach_range (SlReadSet            *self,
                           const SlMercatorRect *rect,
                           SlReadRangeFunc       func,
                           gpointer              user_data)
{
  guint cx0, cy0, cx1, cy1;

  g_return_if_fail (self->sealed);

  if (!rect_to_cells (self, rect, &cx0, &cy0, &cx1, &cy1))
    return;

  /* Cells are row-major, so each grid row of the rectangle is one
   * contiguous run of reads. */
  for (guint cy = cy0; cy <= cy1; cy++)
    {
      guint row = cy << self->grid_bits;
      guint start = self->cell_start[row + cx0];
      guint end = self->cell_start[row + cx1 + 1];

      if (start < end)
        func (start, end, user_data);
    }
}

static void
add_range (guint    start,
           guint    end,
           gpointer user_data)
{
  *(guint *) user_data += end - start;
}

/**
 * sl_read_set_count_in_rect:
 *
 * Returns: the number of reads in the grid cells that the rectangle touches,
 * an upper bound of the reads inside it that costs one lookup per grid row.
 */
guint
sl_read_set_count_in_rect (SlReadSet            *self,
                           const SlMercatorRect *rect)
{
  guint count = 0;

  sl_read_set_foreach_range (self, rect, add_range, &count);
  return count;
}

typedef struct
{
  SlReadSet *set;
  double     x;
  double     y;
  double     best;
  guint      index;
} HitTest;

static void
hit_range (guint    start,
           guint    end,
           gpointer user_data)
{
  HitTest *hit = user_data;

  for (guint i = start; i < end; i++)
    {
      double dx = sl_mercator_from_fixed (hit->set->x[i]) - hit->x;
      double dy = sl_mercator_from_fixed (hit->set->y[i]) - hit->y;
      double d = dx * dx + dy * dy;

      /* Strictly nearer only: of reads at one spot the first sorted wins,
       * which is the earliest inserted. */
      if (d < hit->best)
        {
          hit->best = d;
          hit->index = i;
        }
    }
}

/**
 * sl_read_set_hit_test:
 * @x, @y: a point in normalised Web Mercator
 * @radius: the largest distance that counts as a hit, in the same unit
 *   (pixels divided by 256·2^zoom)
 * @index: (out): the sorted index of the nearest read
 *
 * Returns: TRUE if a read lies within @radius of the point.
 */
gboolean
sl_read_set_hit_test (SlReadSet *self,
                      double     x,
                      double     y,
                      double     radius,
                      guint     *index)
{
  SlMercatorRect rect = { x - radius, y - radius, x + radius, y + radius };
  HitTest hit = { self, x, y, radius * radius, G_MAXUINT };

  g_return_val_if_fail (self->sealed, FALSE);

  /* The boundary counts as a hit. */
  hit.best = nextafter (hit.best, G_MAXDOUBLE);
  sl_read_set_foreach_range (self, &rect, hit_range, &hit);
  if (hit.index == G_MAXUINT)
    return FALSE;

  *index = hit.index;
  return TRUE;
}

/**
 * sl_read_set_collect_sites:
 * @min_reads: sites with fewer reads are left out: a position read only
 *   once or twice is a mobile reader passing by, not a camera site
 *
 * Groups reads by exact position. Reads at one position share a grid cell,
 * so this works cell by cell with a hash table the size of one cell: O(n)
 * time, memory bounded by the busiest cell. A set from the read cache
 * knows its sites already (sl_read_set_set_sites()): then O(sites).
 *
 * Returns: (transfer full) (element-type SlReadSite): the sites, in grid
 * order
 */
GArray *
sl_read_set_collect_sites (SlReadSet *self,
                           guint      min_reads)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cell_sites = g_array_new (FALSE, FALSE, sizeof (SlReadSite));
  GArray *sites = g_array_new (FALSE, FALSE, sizeof (SlReadSite));
  guint n_cells;

  g_return_val_if_fail (self->sealed, sites);

  if (self->sites != NULL && min_reads >= self->sites_min_reads)
    {
      for (guint s = 0; s < self->sites->len; s++)
        if (g_array_index (self->sites, SlReadSite, s).n_reads >= min_reads)
          g_array_append_val (sites, g_array_index (self->sites, SlReadSite, s));
      return sites;
    }

  n_cells = 1u << (2 * self->grid_bits);
  for (guint cell = 0; cell < n_cells; cell++)
    {
      guint start = self->cell_start[cell], end = self->cell_start[cell + 1];
      guint row = cell >> self->grid_bits;

      if ((cell & ((1u << self->grid_bits) - 1)) == 0 && row > 0)
        sl_read_set_release_range (self, self->cell_start[(row - 1) << self->grid_bits], start);
      if (start == end)
        continue;

      /* The table points into keys, which must not move: size it for the
       * whole cell up front. */
      g_hash_table_remove_all (index);
      g_array_set_size (cell_sites, 0);
      g_array_set_size (keys, 0);
      g_array_set_size (keys, end - start);
      g_array_set_size (keys, 0);

      for (guint i = start; i < end; i++)
        {
          gint64 key = ((gint64) self->x[i] << 32) | self->y[i];
          gpointer found;
          SlReadSite *site;

          if (g_hash_table_lookup_extended (index, &key, NULL, &found))
            {
              site = &g_array_index (cell_sites, SlReadSite, GPOINTER_TO_UINT (found));
              site->n_reads++;
              site->first_time = MIN (site->first_time, self->times[i]);
              site->last_time = MAX (site->last_time, self->times[i]);
              continue;
            }

          g_array_append_val (keys, key);
          g_array_set_size (cell_sites, cell_sites->len + 1);
          site = &g_array_index (cell_sites, SlReadSite, cell_sites->len - 1);
          site->x = sl_mercator_from_fixed (self->x[i]);
          site->y = sl_mercator_from_fixed (self->y[i]);
          site->n_reads = 1;
          site->agency = self->agencies[i];
          site->first_time = site->last_time = self->times[i];
          g_hash_table_insert (index, &g_array_index (keys, gint64, keys->len - 1),
                               GUINT_TO_POINTER (cell_sites->len - 1));
        }

      for (guint s = 0; s < cell_sites->len; s++)
        if (g_array_index (cell_sites, SlReadSite, s).n_reads >= min_reads)
          g_array_append_val (sites, g_array_index (cell_sites, SlReadSite, s));
    }

  return sites;
}

/**
 * sl_read_set_set_sites:
 * @sites: (transfer full) (element-type SlReadSite): every site of the set
 *   with at least @min_reads reads, as sl_read_set_collect_sites() gives
 *   them
 *
 * Gives a sealed set its sites, found before (e.g. kept in a file), so
 * that sl_read_set_collect_sites() with as many reads or more need not
 * visit every read.
 */
void
sl_read_set_set_sites (SlReadSet *self,
                       GArray    *sites,
                       guint      min_reads)
{
  g_return_if_fail (self->sealed);

  g_clear_pointer (&self->sites, g_array_unref);
  self->sites = sites;
  self->sites_min_reads = min_reads;
}

guint
sl_read_set_get_n_levels (SlReadSet *self)
{
  return self->n_levels;
}

void
sl_read_set_get_grid (SlReadSet *self,
                      double    *origin_x,
                      double    *origin_y,
                      double    *cell_size,
                      guint     *size)
{
  g_return_if_fail (self->sealed);

  *origin_x = sl_mercator_from_fixed (self->origin_x);
  *origin_y = sl_mercator_from_fixed (self->origin_y);
  *cell_size = ((guint64) 1 << self->cell_shift) / SL_MERCATOR_FIXED_SCALE;
  *size = 1u << self->grid_bits;
}

const guint32 *
sl_read_set_get_level_counts (SlReadSet *self,
                              guint      level)
{
  g_return_val_if_fail (self->sealed, NULL);
  g_return_val_if_fail (level < self->n_levels, NULL);

  return self->levels[level];
}

guint
sl_read_set_get_cell_start (SlReadSet *self,
                            guint      cell)
{
  return self->cell_start[cell];
}

/**
 * sl_read_set_get_layout:
 * @layout: (out): the scalars of the sealed set
 * @arrays: (out): its arrays, valid while the set lives
 */
void
sl_read_set_get_layout (SlReadSet       *self,
                        SlReadSetLayout *layout,
                        SlReadSetArrays *arrays)
{
  g_return_if_fail (self->sealed);

  *layout = (SlReadSetLayout) {
    self->n_reads, self->n_agencies, self->grid_bits, self->cell_shift, self->origin_x, self->origin_y,
    self->bounds, self->first_time, self->last_time, self->first_hour, self->n_hours,
  };
  *arrays = (SlReadSetArrays) {
    self->x, self->y, self->times, self->agencies, self->ids, self->cell_start, self->hourly,
  };
}

/* The number of grid cells, or 0 when the layout's grid is impossible. */
gsize
sl_read_set_layout_n_cells (const SlReadSetLayout *layout)
{
  if (layout->grid_bits < MIN_GRID_BITS || layout->grid_bits > MAX_GRID_BITS)
    return 0;
  return (gsize) 1 << (2 * layout->grid_bits);
}

#ifdef MADV_DONTNEED
static void
release (const void *array,
         gsize       element,
         guint       start,
         guint       end)
{
  static gsize page;
  guintptr first, last;

  if (page == 0)
    page = sysconf (_SC_PAGESIZE);
  /* Whole pages inside the range only: the reads around it may be in use. */
  first = ((guintptr) array + start * element + page - 1) / page * page;
  last = ((guintptr) array + end * element) / page * page;
  if (last > first)
    madvise ((void *) first, last - first, MADV_DONTNEED);
}
#endif

/* Lets the kernel take back the pages of reads [@start, @end) of arrays
 * mapped read-only from a file. */
static void
release_arrays (const SlReadSetArrays *arrays,
                guint                  start,
                guint                  end)
{
#ifdef MADV_DONTNEED
  release (arrays->x, 4, start, end);
  release (arrays->y, 4, start, end);
  release (arrays->times, 4, start, end);
  release (arrays->agencies, 1, start, end);
  release (arrays->ids, 4, start, end);
#endif
}

/**
 * sl_read_set_new_borrowed:
 * @layout: what sl_read_set_get_layout() gave for a sealed set
 * @arrays: its arrays, which the new set uses in place, read-only
 * @owner: (transfer full): what keeps @arrays alive, freed with @owner_free
 *   when the set is (also when this fails)
 *
 * Makes a sealed set from arrays kept elsewhere, in a file mapped
 * read-only and privately (pages are given back to the kernel as they
 * are checked), without sorting again. The index is checked first, so a damaged one
 * cannot make a reader look outside the arrays: the layout must be one a
 * seal makes, the cell starts must rise from 0 to the number of reads, the
 * agencies must be below n_agencies, the times inside the time span and
 * the hourly counts must add up.
 *
 * Returns: (transfer full): the set, or %NULL with @error set
 */
SlReadSet *
sl_read_set_new_borrowed (const SlReadSetLayout *layout,
                          const SlReadSetArrays *arrays,
                          gpointer               owner,
                          GDestroyNotify         owner_free,
                          GError               **error)
{
  gsize n_cells = sl_read_set_layout_n_cells (layout);
  const char *problem = NULL;
  SlReadSet *self;
  guint64 hourly_sum = 0;

  if (n_cells == 0 || layout->cell_shift > 31 || layout->n_agencies > 256)
    problem = "grid";
  else if (arrays->cell_start[0] != 0 || arrays->cell_start[n_cells] != layout->n_reads)
    problem = "cell starts";
  for (gsize c = 0; problem == NULL && c < n_cells; c++)
    if (arrays->cell_start[c] > arrays->cell_start[c + 1])
      problem = "cell starts";
  if (problem == NULL && layout->n_reads > 0 &&
      (layout->first_time > layout->last_time || layout->first_time < 0 ||
       layout->first_hour != layout->first_time / 3600 ||
       layout->n_hours != layout->last_time / 3600 - layout->first_hour + 1))
    problem = "time span";
  /* The time selection indexes hourly tables by a read's hour. Checked a
   * chunk at a time, giving the pages back behind: checking does not hold
   * 5 bytes per read in memory at once. */
  for (guint start = 0; problem == NULL && start < layout->n_reads; start += CHECK_CHUNK)
    {
      guint end = start + MIN (CHECK_CHUNK, layout->n_reads - start);

      for (guint i = start; problem == NULL && i < end; i++)
        if (arrays->agencies[i] >= layout->n_agencies)
          problem = "agencies";
      for (guint i = start; problem == NULL && i < end; i++)
        if (arrays->times[i] < layout->first_time || arrays->times[i] > layout->last_time)
          problem = "times";
      release_arrays (arrays, start, end);
    }
  for (guint h = 0; problem == NULL && h < layout->n_hours; h++)
    hourly_sum += arrays->hourly[h];
  if (problem == NULL && hourly_sum != layout->n_reads)
    problem = "hourly counts";

  if (problem != NULL)
    {
      if (owner_free != NULL)
        owner_free (owner);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The read set’s %s are inconsistent", problem);
      return NULL;
    }

  self = g_atomic_rc_box_new0 (SlReadSet);
  self->owner = owner;
  self->owner_free = owner_free;
  set_layout (self, layout);
  self->capacity = layout->n_reads;
  /* Never written through: the set is sealed. */
  self->x = (guint32 *) arrays->x;
  self->y = (guint32 *) arrays->y;
  self->times = (guint32 *) arrays->times;
  self->agencies = (guint8 *) arrays->agencies;
  self->ids = (guint32 *) arrays->ids;
  self->cell_start = (guint32 *) arrays->cell_start;
  self->hourly = (guint32 *) arrays->hourly;
  build_pyramid (self);
  self->sealed = TRUE;
  return self;
}

/**
 * sl_read_set_release_range:
 *
 * For a set whose arrays are mapped from a file (the read cache): lets the
 * kernel take back the pages of reads [@start, @end), which are read from
 * the file again when next used. A pass over every read calls it behind
 * itself, so it does not leave every read in memory. Nothing happens to a
 * set in the heap.
 */
void
sl_read_set_release_range (SlReadSet *self,
                           guint      start,
                           guint      end)
{
  /* Only the cache lends its arrays, and its mapping is private and never
   * written: dropping a page loses nothing. */
  SlReadSetLayout layout;
  SlReadSetArrays arrays;

  if (self->owner_free == NULL)
    return;
  sl_read_set_get_layout (self, &layout, &arrays);
  release_arrays (&arrays, start, end);
}

/**
 * sl_read_set_release_pages:
 *
 * sl_read_set_release_range() for every read: drawing then brings back
 * only the reads in view.
 */
void
sl_read_set_release_pages (SlReadSet *self)
{
  g_return_if_fail (self->sealed);

  sl_read_set_release_range (self, 0, self->n_reads);
}
