/* sl-vehicle-ranking.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-vehicle-ranking"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-project-private.h"
#include "sl-read-store.h"
#include "sl-vehicle-ranking.h"

/* Every vehicle of a project ranked by its number of reads, most first
 * (ties by plate id, the order of first import). A million plates take
 * 16 MB here and no text: plates are read only for the rows on screen,
 * and a prefix filter asks the plates index, so neither scales with the
 * project. Immutable once loaded, so the worker and the main thread can
 * share it. */
struct _SlVehicleRanking
{
  gatomicrefcount  ref_count;
  /* In rank order. */
  GArray          *vehicles;
  /* (plate_id, rank) in plate id order, for the filter's lookups. */
  GArray          *by_id;
};

typedef struct
{
  gint64 plate_id;
  guint  rank;
} IdRank;

static int
compare_by_reads (gconstpointer a,
                  gconstpointer b)
{
  const SlRankedVehicle *x = a;
  const SlRankedVehicle *y = b;

  if (x->n_reads != y->n_reads)
    return x->n_reads > y->n_reads ? -1 : 1;
  return (x->plate_id > y->plate_id) - (x->plate_id < y->plate_id);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  const IdRank *x = a;
  const IdRank *y = b;

  return (x->plate_id > y->plate_id) - (x->plate_id < y->plate_id);
}

/**
 * sl_vehicle_ranking_load:
 *
 * Counts every plate's reads (one pass over the plate index) and ranks
 * them. Call it on the project worker: ten million reads take seconds.
 *
 * Returns: (transfer full): the ranking, or %NULL with @error set
 */
SlVehicleRanking *
sl_vehicle_ranking_load (SlProject     *project,
                         GCancellable  *cancellable,
                         GError       **error)
{
  /* GROUP BY walks reads_by_plate_time, so rows come in plate id order. */
  const char *sql = "SELECT plate_id, count(*) FROM reads GROUP BY plate_id ORDER BY plate_id";
  g_autoptr(SlVehicleRanking) self = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "reads");
      return NULL;
    }

  self = g_new0 (SlVehicleRanking, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->vehicles = g_array_new (FALSE, FALSE, sizeof (SlRankedVehicle));
  self->by_id = g_array_new (FALSE, FALSE, sizeof (IdRank));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlRankedVehicle vehicle = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1), 0 };

      g_array_append_val (self->vehicles, vehicle);
      if ((++n & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "reads");
      return NULL;
    }

  g_array_set_size (self->by_id, self->vehicles->len);
  g_array_sort (self->vehicles, compare_by_reads);
  for (guint i = 0; i < self->vehicles->len; i++)
    g_array_index (self->vehicles, SlRankedVehicle, i).rank = i + 1;
  /* by_id in id order again: the sort moved the vehicles. */
  for (guint i = 0; i < self->vehicles->len; i++)
    {
      const SlRankedVehicle *vehicle = &g_array_index (self->vehicles, SlRankedVehicle, i);

      g_array_index (self->by_id, IdRank, i) = (IdRank) { vehicle->plate_id, vehicle->rank };
    }
  g_array_sort (self->by_id, compare_by_id);

  return g_steal_pointer (&self);
}

SlVehicleRanking *
sl_vehicle_ranking_ref (SlVehicleRanking *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sl_vehicle_ranking_unref (SlVehicleRanking *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->vehicles, g_array_unref);
  g_clear_pointer (&self->by_id, g_array_unref);
  g_free (self);
}

guint
sl_vehicle_ranking_get_n_vehicles (SlVehicleRanking *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->vehicles->len;
}

/**
 * sl_vehicle_ranking_get_vehicles:
 *
 * Returns: (transfer none): the vehicles in rank order,
 *   sl_vehicle_ranking_get_n_vehicles() of them
 */
const SlRankedVehicle *
sl_vehicle_ranking_get_vehicles (SlVehicleRanking *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const SlRankedVehicle *) self->vehicles->data;
}

static guint
find_rank (SlVehicleRanking *self,
           gint64            plate_id)
{
  guint lo = 0, hi = self->by_id->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const IdRank *entry = &g_array_index (self->by_id, IdRank, mid);

      if (entry->plate_id == plate_id)
        return entry->rank;
      if (entry->plate_id < plate_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* A plate without reads. */
  return 0;
}

/* Adds the ranks of the plates that start with @prefix, byte for byte. */
static gboolean
collect_prefix (SlVehicleRanking  *self,
                SlProject         *project,
                const char        *prefix,
                GArray            *ranks,
                GCancellable      *cancellable,
                GError           **error)
{
  /* No valid UTF-8 text that starts with the prefix sorts at or after the
   * prefix followed by 0xF4 0x90: a range on the plates index. */
  const char *sql = "SELECT id FROM plates WHERE plate >= ?1 AND plate < ?2";
  g_autofree char *upper = g_strconcat (prefix, "\xf4\x90", NULL);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;
  int rc;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "plates");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint rank = find_rank (self, sqlite3_column_int64 (stmt, 0));

      if (rank > 0)
        g_array_append_val (ranks, rank);
      if ((++n & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "plates");
      return FALSE;
    }
  return TRUE;
}

static int
compare_ranks (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

/**
 * sl_vehicle_ranking_filter:
 * @prefix: the start of a plate as the user types it, or of a pseudonym
 *   or hash as stored; "" for every vehicle
 *
 * The vehicles whose plate starts with @prefix, normalised as the plate
 * search does (so "ab-1" finds AB1…) or as typed (pseudonyms and hashes
 * are stored in lower case), in rank order.
 *
 * Returns: (transfer full) (element-type SlRankedVehicle): the vehicles,
 *   or %NULL with @error set
 */
GArray *
sl_vehicle_ranking_filter (SlVehicleRanking  *self,
                           SlProject         *project,
                           const char        *prefix,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (SlRankedVehicle));
  g_autoptr(GArray) ranks = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *trimmed = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  trimmed = g_strstrip (g_strdup (prefix));
  normalized = sl_read_store_normalize_plate (trimmed);
  if (*trimmed == '\0' || *normalized == '\0')
    {
      g_array_append_vals (result, self->vehicles->data, self->vehicles->len);
      return g_steal_pointer (&result);
    }

  if (!collect_prefix (self, project, normalized, ranks, cancellable, error) ||
      (strcmp (normalized, trimmed) != 0 &&
       !collect_prefix (self, project, trimmed, ranks, cancellable, error)))
    return NULL;

  g_array_sort (ranks, compare_ranks);
  for (guint i = 0; i < ranks->len; i++)
    {
      guint rank = g_array_index (ranks, guint, i);

      /* A plate both ways of writing the prefix found. */
      if (i > 0 && g_array_index (ranks, guint, i - 1) == rank)
        continue;
      g_array_append_val (result, g_array_index (self->vehicles, SlRankedVehicle, rank - 1));
    }
  return g_steal_pointer (&result);
}

/**
 * sl_vehicle_ranking_load_plates:
 * @vehicles: (array length=n_vehicles): vehicles of a ranking
 *
 * Reads the plates (pseudonyms in a pseudonymised project) of a page of
 * vehicles, as stored.
 *
 * Returns: (transfer full): one plate per vehicle, or %NULL with @error set
 */
GStrv
sl_vehicle_ranking_load_plates (SlProject              *project,
                                const SlRankedVehicle  *vehicles,
                                guint                   n_vehicles,
                                GError                **error)
{
  g_auto(GStrv) plates = g_new0 (char *, n_vehicles + 1);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  if (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT plate FROM plates WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "plates");
      return NULL;
    }
  for (guint i = 0; i < n_vehicles; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, vehicles[i].plate_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            {
              /* An id, not a count: no digit grouping. */
              g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, vehicles[i].plate_id);

              g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Plate %s is missing from the plates table"), id);
            }
          else
            sl_project_set_error (project, error, "plates");
          sqlite3_finalize (stmt);
          return NULL;
        }
      plates[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&plates);
}
