/* sl-visibility.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-visibility"

#include "config.h"

#include <string.h>

#include "sl-visibility.h"

/* A stretch of time over which a node is reachable from an owner, with the
 * previous node of a shortest path (fewest edges) in force over it. */
typedef struct
{
  gint64  start;
  gint64  end;
  guint   pred;
  guint   hops;
} Piece;

typedef struct
{
  guint  node;
  guint  first_piece;
  guint  n_pieces;
  guint  klass;
} Entry;

typedef struct
{
  gint64  start;
  gint64  end;
} Interval;

/* The time-dependent closure of one owner: every node reachable at some
 * instant, with when and through whom. Viewers (agencies and unlisted
 * members) with the same reach over time form one class, so work per read
 * is per class, not per agency. */
typedef struct
{
  guint   owner;
  GArray *entries;          /* Entry, sorted by node */
  GArray *pieces;           /* Piece */
  guint   n_classes;
  guint  *class_offsets;    /* n_classes + 1, into class_intervals */
  GArray *class_intervals;  /* Interval, merged */
  guint  *member_offsets;   /* n_classes + 1, into members */
  GArray *members;          /* guint nodes */
  guint   global_class;     /* index of class 0 among all closures */
} Closure;

struct _SlVisibility
{
  GObject           parent_instance;

  SlSharingNetwork *network;
  guint             generation;
  guint             n_nodes;
  Closure         **closures;   /* by owner node, built on demand */
  guint             n_global_classes;
  GPtrArray        *class_closures;

  /* Per node: its kind and whether it passes reads on. */
  guint8           *kinds;
  gboolean         *forwards;

  /* Workspace of the closure computation, by node. */
  GArray          **reached;
  GArray          **fresh;
  GArray          **frontier;
};

G_DEFINE_FINAL_TYPE (SlVisibility, sl_visibility, G_TYPE_OBJECT)

void
sl_exposure_clear (SlExposure *exposure)
{
  g_clear_pointer (&exposure->path, g_free);
}

static void
closure_free (Closure *closure)
{
  if (closure == NULL)
    return;
  g_array_unref (closure->entries);
  g_array_unref (closure->pieces);
  g_free (closure->class_offsets);
  g_array_unref (closure->class_intervals);
  g_free (closure->member_offsets);
  g_array_unref (closure->members);
  g_free (closure);
}

static void
free_closures (SlVisibility *self)
{
  if (self->closures != NULL)
    {
      for (guint i = 0; i < self->n_nodes; i++)
        closure_free (self->closures[i]);
      for (guint i = 0; i < self->n_nodes; i++)
        {
          g_clear_pointer (&self->reached[i], g_array_unref);
          g_clear_pointer (&self->fresh[i], g_array_unref);
          g_clear_pointer (&self->frontier[i], g_array_unref);
        }
    }
  g_clear_pointer (&self->closures, g_free);
  g_clear_pointer (&self->kinds, g_free);
  g_clear_pointer (&self->forwards, g_free);
  g_clear_pointer (&self->reached, g_free);
  g_clear_pointer (&self->fresh, g_free);
  g_clear_pointer (&self->frontier, g_free);
  g_ptr_array_set_size (self->class_closures, 0);
  self->n_global_classes = 0;
}

static void
sl_visibility_finalize (GObject *object)
{
  SlVisibility *self = (SlVisibility *)object;

  free_closures (self);
  g_clear_pointer (&self->class_closures, g_ptr_array_unref);
  g_clear_object (&self->network);

  G_OBJECT_CLASS (sl_visibility_parent_class)->finalize (object);
}

static void
sl_visibility_class_init (SlVisibilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_visibility_finalize;
}

static void
sl_visibility_init (SlVisibility *self)
{
  self->class_closures = g_ptr_array_new ();
}

/**
 * sl_visibility_new:
 * @network: the sharing network of one scenario
 *
 * Closures are computed per owner when first needed and kept until the
 * network changes. A #SlVisibility keeps one workspace for computing
 * them: use it from one thread at a time.
 */
SlVisibility *
sl_visibility_new (SlSharingNetwork *network)
{
  SlVisibility *self;

  g_return_val_if_fail (SL_IS_SHARING_NETWORK (network), NULL);

  self = g_object_new (SL_TYPE_VISIBILITY, NULL);
  self->network = g_object_ref (network);
  self->generation = G_MAXUINT;

  return self;
}

SlSharingNetwork *
sl_visibility_get_network (SlVisibility *self)
{
  g_return_val_if_fail (SL_IS_VISIBILITY (self), NULL);
  return self->network;
}

static void
ensure_current (SlVisibility *self)
{
  guint generation = sl_sharing_network_get_generation (self->network);

  if (generation == self->generation && self->closures != NULL)
    return;

  free_closures (self);
  self->generation = generation;
  self->n_nodes = sl_sharing_network_get_n_nodes (self->network);
  self->closures = g_new0 (Closure *, self->n_nodes);
  self->reached = g_new0 (GArray *, self->n_nodes);
  self->fresh = g_new0 (GArray *, self->n_nodes);
  self->frontier = g_new0 (GArray *, self->n_nodes);
  self->kinds = g_new0 (guint8, self->n_nodes);
  self->forwards = g_new0 (gboolean, self->n_nodes);
  for (guint i = 0; i < self->n_nodes; i++)
    {
      self->kinds[i] = sl_sharing_network_get_node (self->network, i)->kind;
      self->forwards[i] = sl_sharing_network_node_forwards (self->network, i);
    }
}

static GArray *
workspace (GArray **arrays,
           guint    node,
           gsize    element_size)
{
  if (arrays[node] == NULL)
    arrays[node] = g_array_new (FALSE, FALSE, element_size);
  return arrays[node];
}

/* Adds to @reached the parts of [start, end) it does not cover yet, as
 * pieces through @pred, and appends them to @fresh unless it is %NULL.
 * Returns whether anything was added. */
static gboolean
add_uncovered (GArray *reached,
               GArray *fresh,
               gint64  start,
               gint64  end,
               guint   pred,
               guint   hops)
{
  guint lo = 0;
  guint hi = reached->len;
  gint64 cursor = start;
  gboolean added = FALSE;

  /* First piece ending after start. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (reached, Piece, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo; cursor < end;)
    {
      Piece *piece = i < reached->len ? &g_array_index (reached, Piece, i) : NULL;

      if (piece != NULL && piece->start <= cursor)
        {
          cursor = MAX (cursor, piece->end);
          i++;
        }
      else
        {
          gint64 gap_end = piece != NULL ? MIN (end, piece->start) : end;
          Piece *previous = i > 0 ? &g_array_index (reached, Piece, i - 1) : NULL;
          Interval interval = { cursor, gap_end };

          if (previous != NULL && previous->end == cursor &&
              previous->pred == pred && previous->hops == hops)
            previous->end = gap_end;
          else
            {
              Piece gap = { cursor, gap_end, pred, hops };

              g_array_insert_val (reached, i, gap);
              i++;
            }

          if (fresh != NULL)
            g_array_append_val (fresh, interval);
          cursor = gap_end;
          added = TRUE;
        }
    }

  return added;
}

static int
compare_uint (const void *a,
              const void *b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* A run of merged intervals inside an array, hashed by value: the key of a
 * class, looked up without allocating. */
typedef struct
{
  GArray *intervals;
  guint   offset;
  guint   n;
} ReachKey;

static guint
reach_key_hash (gconstpointer data)
{
  const ReachKey *key = data;
  const Interval *intervals = &g_array_index (key->intervals, Interval, key->offset);
  guint64 hash = key->n;

  for (guint i = 0; i < key->n; i++)
    hash = (hash * 1000003) ^ (guint64) intervals[i].start ^ ((guint64) intervals[i].end * 31);
  return (guint) (hash ^ (hash >> 32));
}

static gboolean
reach_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const ReachKey *x = a;
  const ReachKey *y = b;

  return x->n == y->n &&
         memcmp (&g_array_index (x->intervals, Interval, x->offset),
                 &g_array_index (y->intervals, Interval, y->offset),
                 x->n * sizeof (Interval)) == 0;
}

/* Groups the viewers of a finished closure by their merged reach. Each
 * entry's merged intervals are appended to class_intervals and dropped
 * again when an equal class exists. */
static void
build_classes (SlVisibility *self,
               Closure      *closure)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) by_reach = g_hash_table_new_full (reach_key_hash, reach_key_equal, g_free, NULL);
  g_autoptr(GArray) member_counts = g_array_new (FALSE, TRUE, sizeof (guint));
  guint zero = 0;

  closure->class_intervals = g_array_new (FALSE, FALSE, sizeof (Interval));
  g_array_append_val (offsets, zero);

  for (guint i = 0; i < closure->entries->len; i++)
    {
      Entry *entry = &g_array_index (closure->entries, Entry, i);
      GArray *intervals = closure->class_intervals;
      ReachKey key = { intervals, intervals->len, 0 };
      gpointer found;

      entry->klass = G_MAXUINT;
      if (self->kinds[entry->node] == SL_SHARING_NODE_POOL)
        continue;

      for (guint j = 0; j < entry->n_pieces; j++)
        {
          Piece *piece = &g_array_index (closure->pieces, Piece, entry->first_piece + j);
          Interval *last = key.n > 0 ? &g_array_index (intervals, Interval, intervals->len - 1) : NULL;

          if (last != NULL && last->end == piece->start)
            last->end = piece->end;
          else
            {
              Interval interval = { piece->start, piece->end };

              g_array_append_val (intervals, interval);
              key.n++;
            }
        }

      if (g_hash_table_lookup_extended (by_reach, &key, NULL, &found))
        {
          entry->klass = GPOINTER_TO_UINT (found);
          g_array_set_size (intervals, key.offset);
        }
      else
        {
          entry->klass = offsets->len - 1;
          g_hash_table_insert (by_reach, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (entry->klass));
          g_array_append_val (offsets, intervals->len);
          g_array_append_val (member_counts, zero);
        }
      g_array_index (member_counts, guint, entry->klass)++;
    }

  closure->n_classes = offsets->len - 1;
  closure->class_offsets = (guint *) g_array_free (g_steal_pointer (&offsets), FALSE);
  closure->member_offsets = g_new0 (guint, closure->n_classes + 1);
  for (guint k = 0; k < closure->n_classes; k++)
    closure->member_offsets[k + 1] = closure->member_offsets[k] + g_array_index (member_counts, guint, k);

  closure->members = g_array_sized_new (FALSE, FALSE, sizeof (guint), closure->member_offsets[closure->n_classes]);
  g_array_set_size (closure->members, closure->member_offsets[closure->n_classes]);
  g_array_set_size (member_counts, 0);
  g_array_set_size (member_counts, closure->n_classes);
  for (guint i = 0; i < closure->entries->len; i++)
    {
      Entry *entry = &g_array_index (closure->entries, Entry, i);
      guint *fill;

      if (entry->klass == G_MAXUINT)
        continue;
      fill = &g_array_index (member_counts, guint, entry->klass);
      g_array_index (closure->members, guint, closure->member_offsets[entry->klass] + *fill) = entry->node;
      (*fill)++;
    }

  closure->global_class = self->n_global_classes;
  self->n_global_classes += closure->n_classes;
  for (guint k = 0; k < closure->n_classes; k++)
    g_ptr_array_add (self->class_closures, closure);
}

/* The time-dependent closure, level by level (breadth first): level k holds
 * the reach first gained with k edges, so each piece records a shortest
 * path. An edge passes on the part of its source's new reach that falls in
 * its window; only the owner, pools and re-sharers pass anything on. Reach
 * only grows, within the finite set of window ends, so cycles end. */
static Closure *
compute_closure (SlVisibility *self,
                 guint         owner)
{
  g_autoptr(GArray) frontier_nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) next_nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));
  Closure *closure = g_new0 (Closure, 1);
  Piece all_time = { SL_TIME_MIN, SL_TIME_MAX, G_MAXUINT, 0 };
  Interval all_interval = { SL_TIME_MIN, SL_TIME_MAX };
  guint hops = 0;

  closure->owner = owner;
  g_array_append_val (workspace (self->reached, owner, sizeof (Piece)), all_time);
  g_array_append_val (workspace (self->frontier, owner, sizeof (Interval)), all_interval);
  g_array_append_val (frontier_nodes, owner);
  g_array_append_val (touched, owner);

  while (frontier_nodes->len > 0)
    {
      hops++;
      g_array_set_size (next_nodes, 0);

      for (guint f = 0; f < frontier_nodes->len; f++)
        {
          guint u = g_array_index (frontier_nodes, guint, f);
          GArray *source = self->frontier[u];
          const SlSharingArc *arcs;
          guint n_arcs;

          if (u != owner && !self->forwards[u])
            continue;

          arcs = sl_sharing_network_get_arcs (self->network, u, &n_arcs);
          for (guint a = 0; a < n_arcs; a++)
            {
              const SlSharingArc *arc = &arcs[a];
              GArray *reached = workspace (self->reached, arc->target, sizeof (Piece));
              /* What a sink gains goes no further: no frontier for it. */
              GArray *fresh = self->forwards[arc->target] ?
                workspace (self->fresh, arc->target, sizeof (Interval)) : NULL;
              gboolean was_fresh = fresh != NULL && fresh->len > 0;
              gboolean was_reached = reached->len > 0;
              gboolean added = FALSE;

              for (guint s = 0; s < source->len; s++)
                {
                  Interval *interval = &g_array_index (source, Interval, s);
                  gint64 start = MAX (interval->start, arc->valid_from);
                  gint64 end = MIN (interval->end, arc->valid_to);

                  if (start < end)
                    added |= add_uncovered (reached, fresh, start, end, u, hops);
                }

              if (added && fresh != NULL && !was_fresh)
                g_array_append_val (next_nodes, arc->target);
              if (added && !was_reached)
                g_array_append_val (touched, arc->target);
            }
        }

      for (guint f = 0; f < frontier_nodes->len; f++)
        g_array_set_size (self->frontier[g_array_index (frontier_nodes, guint, f)], 0);

      g_array_sort (next_nodes, compare_uint);
      for (guint f = 0; f < next_nodes->len; f++)
        {
          guint v = g_array_index (next_nodes, guint, f);
          GArray *swap = workspace (self->frontier, v, sizeof (Interval));

          self->frontier[v] = self->fresh[v];
          self->fresh[v] = swap;
        }

      g_array_set_size (frontier_nodes, 0);
      g_array_append_vals (frontier_nodes, next_nodes->data, next_nodes->len);
    }

  g_array_sort (touched, compare_uint);
  closure->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), touched->len);
  closure->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  for (guint i = 0; i < touched->len; i++)
    {
      guint node = g_array_index (touched, guint, i);
      GArray *reached = self->reached[node];
      Entry entry = { node, closure->pieces->len, reached->len, 0 };

      g_array_append_vals (closure->pieces, reached->data, reached->len);
      g_array_append_val (closure->entries, entry);
      g_array_set_size (reached, 0);
    }

  build_classes (self, closure);

  return closure;
}

static Closure *
get_closure (SlVisibility *self,
             gint64        owner_id)
{
  guint owner;

  ensure_current (self);
  if (!sl_sharing_network_find_agency (self->network, owner_id, &owner))
    return NULL;

  if (self->closures[owner] == NULL)
    self->closures[owner] = compute_closure (self, owner);

  return self->closures[owner];
}

/**
 * sl_visibility_compute_all:
 *
 * Computes the closure of every agency now rather than on demand.
 */
void
sl_visibility_compute_all (SlVisibility *self)
{
  g_return_if_fail (SL_IS_VISIBILITY (self));

  ensure_current (self);
  for (guint i = 0; i < self->n_nodes; i++)
    {
      const SlSharingNode *node = sl_sharing_network_get_node (self->network, i);

      if (node->kind == SL_SHARING_NODE_AGENCY)
        get_closure (self, node->id);
    }
}

static Entry *
find_entry (Closure *closure,
            guint    node)
{
  guint lo = 0;
  guint hi = closure->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Entry *entry = &g_array_index (closure->entries, Entry, mid);

      if (entry->node == node)
        return entry;
      if (entry->node < node)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

static Piece *
find_piece (Closure *closure,
            Entry   *entry,
            gint64   at)
{
  Piece *pieces = &g_array_index (closure->pieces, Piece, entry->first_piece);
  guint lo = 0;
  guint hi = entry->n_pieces;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (pieces[mid].end <= at)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo < entry->n_pieces && pieces[lo].start <= at)
    return &pieces[lo];
  return NULL;
}

/**
 * sl_visibility_count_reachable:
 *
 * Returns: how many nodes other than the owner (agencies, pools, unlisted
 *   members) the owner's reads can reach at some instant
 */
guint
sl_visibility_count_reachable (SlVisibility *self,
                               gint64        owner_id)
{
  Closure *closure;

  g_return_val_if_fail (SL_IS_VISIBILITY (self), 0);

  closure = get_closure (self, owner_id);
  return closure != NULL ? closure->entries->len - 1 : 0;
}

gboolean
sl_visibility_reachable_at (SlVisibility *self,
                            gint64        owner_id,
                            guint         node,
                            gint64        at)
{
  Closure *closure;
  Entry *entry;

  g_return_val_if_fail (SL_IS_VISIBILITY (self), FALSE);

  closure = get_closure (self, owner_id);
  entry = closure != NULL ? find_entry (closure, node) : NULL;
  return entry != NULL && find_piece (closure, entry, at) != NULL;
}

/**
 * sl_visibility_reachable_nodes:
 *
 * Returns: (transfer full) (element-type guint): the nodes the owner's reads
 *   reach at some instant (the owner and pools included), in node order
 */
GArray *
sl_visibility_reachable_nodes (SlVisibility *self,
                               gint64        owner_id)
{
  GArray *nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  Closure *closure;

  g_return_val_if_fail (SL_IS_VISIBILITY (self), nodes);

  closure = get_closure (self, owner_id);
  for (guint i = 0; closure != NULL && i < closure->entries->len; i++)
    g_array_append_val (nodes, g_array_index (closure->entries, Entry, i).node);
  return nodes;
}

/**
 * sl_visibility_reach_intervals:
 *
 * Returns: (transfer full): the instants at which reads of @owner_id could
 *   reach @node, ignoring retention, as sorted disjoint half-open
 *   [start, end) pairs of gint64 (SL_TIME_MIN/SL_TIME_MAX for open ends)
 */
GArray *
sl_visibility_reach_intervals (SlVisibility *self,
                               gint64        owner_id,
                               guint         node)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (gint64));
  Closure *closure;
  Entry *entry;

  g_return_val_if_fail (SL_IS_VISIBILITY (self), result);

  closure = get_closure (self, owner_id);
  entry = closure != NULL ? find_entry (closure, node) : NULL;
  for (guint i = 0; entry != NULL && i < entry->n_pieces; i++)
    {
      Piece *piece = &g_array_index (closure->pieces, Piece, entry->first_piece + i);

      if (result->len > 0 && g_array_index (result, gint64, result->len - 1) == piece->start)
        g_array_index (result, gint64, result->len - 1) = piece->end;
      else
        {
          g_array_append_val (result, piece->start);
          g_array_append_val (result, piece->end);
        }
    }

  return result;
}

/* [time, time + retention) with saturation; unknown retention never ends. */
static void
retention_window (SlVisibility    *self,
                  Closure         *closure,
                  gint64           time,
                  gint64          *start,
                  gint64          *end,
                  gboolean        *unknown)
{
  const SlSharingNode *owner = sl_sharing_network_get_node (self->network, closure->owner);

  *start = time;
  *unknown = owner->retention_days == SL_RETENTION_UNKNOWN;
  if (*unknown || time > SL_TIME_MAX - (gint64) owner->retention_days * SL_SECONDS_PER_DAY)
    *end = SL_TIME_MAX;
  else
    *end = time + (gint64) owner->retention_days * SL_SECONDS_PER_DAY;
}

/* The first and last second of [start, end) ∩ the entry's reach. */
static gboolean
window_in_entry (Closure *closure,
                 Entry   *entry,
                 gint64   start,
                 gint64   end,
                 gint64  *first,
                 gint64  *last)
{
  Piece *pieces = &g_array_index (closure->pieces, Piece, entry->first_piece);
  gboolean found = FALSE;

  for (guint i = 0; i < entry->n_pieces && pieces[i].start < end; i++)
    {
      gint64 s = MAX (start, pieces[i].start);
      gint64 e = MIN (end, pieces[i].end);

      if (s >= e)
        continue;
      if (!found)
        *first = s;
      *last = e == SL_TIME_MAX ? SL_TIME_MAX : e - 1;
      found = TRUE;
    }

  return found;
}

/**
 * sl_visibility_read_window:
 * @read: the read
 * @node: a node of the network
 * @first: (out): the first second at which @node can see @read
 * @last: (out): the last one, SL_TIME_MAX when it never ends
 *
 * Returns: whether @node can ever see @read
 */
gboolean
sl_visibility_read_window (SlVisibility    *self,
                           const SlVisRead *read,
                           guint            node,
                           gint64          *first,
                           gint64          *last)
{
  Closure *closure;
  Entry *entry;
  gint64 start, end;
  gboolean unknown;

  g_return_val_if_fail (SL_IS_VISIBILITY (self), FALSE);

  closure = get_closure (self, read->owner_id);
  entry = closure != NULL ? find_entry (closure, node) : NULL;
  if (entry == NULL)
    return FALSE;
  if (sl_sharing_network_get_node (self->network, node)->kind == SL_SHARING_NODE_POOL)
    return FALSE;

  retention_window (self, closure, read->time, &start, &end, &unknown);
  return window_in_entry (closure, entry, start, end, first, last);
}

/**
 * sl_visibility_read_viewers:
 *
 * Returns: (transfer full) (element-type guint): the nodes that can ever see
 *   @read (the owner included, pools excluded), in node order
 */
GArray *
sl_visibility_read_viewers (SlVisibility    *self,
                            const SlVisRead *read)
{
  GArray *viewers = g_array_new (FALSE, FALSE, sizeof (guint));
  Closure *closure;

  g_return_val_if_fail (SL_IS_VISIBILITY (self), viewers);

  closure = get_closure (self, read->owner_id);
  for (guint i = 0; closure != NULL && i < closure->entries->len; i++)
    {
      Entry *entry = &g_array_index (closure->entries, Entry, i);
      gint64 first, last;

      if (sl_visibility_read_window (self, read, entry->node, &first, &last))
        g_array_append_val (viewers, entry->node);
    }

  return viewers;
}

static char *
path_in_closure (SlVisibility *self,
                 Closure      *closure,
                 guint         node,
                 gint64        at)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  Entry *entry = find_entry (closure, node);

  while (entry != NULL)
    {
      Piece *piece = find_piece (closure, entry, at);

      if (piece == NULL)
        return NULL;
      g_ptr_array_add (names, sl_sharing_network_get_node (self->network, entry->node)->name);
      if (piece->pred == G_MAXUINT)
        break;
      entry = find_entry (closure, piece->pred);
    }

  if (entry == NULL)
    return NULL;

  for (guint i = names->len; i > 0; i--)
    {
      g_string_append (path, g_ptr_array_index (names, i - 1));
      if (i > 1)
        g_string_append (path, " → ");
    }

  return g_string_free (g_steal_pointer (&path), FALSE);
}

/**
 * sl_visibility_dup_path:
 *
 * Returns: (transfer full) (nullable): a shortest path from the owner to
 *   @node in force at @at, as names joined by " → " (ties go to the
 *   predecessor with the lowest node index), or %NULL when there is none
 */
char *
sl_visibility_dup_path (SlVisibility *self,
                        gint64        owner_id,
                        guint         node,
                        gint64        at)
{
  Closure *closure;

  g_return_val_if_fail (SL_IS_VISIBILITY (self), NULL);

  closure = get_closure (self, owner_id);
  return closure != NULL ? path_in_closure (self, closure, node, at) : NULL;
}

/**
 * sl_visibility_exposure:
 * @reads: reads of one vehicle
 * @as_of: an instant, or SL_TIME_MAX for all time
 *
 * For every viewer that can see at least one of @reads (at @as_of only,
 * when given): how many, the first and last second of visibility over
 * those reads, and the path in force at that first second.
 *
 * Returns: (transfer full) (element-type SlExposure): in node order
 */
GArray *
sl_visibility_exposure (SlVisibility    *self,
                        const SlVisRead *reads,
                        guint            n_reads,
                        gint64           as_of)
{
  GArray *result = g_array_new (FALSE, TRUE, sizeof (SlExposure));
  g_autofree guint *row_of = NULL;
  g_autofree gint64 *first_owner = NULL;

  g_array_set_clear_func (result, (GDestroyNotify) sl_exposure_clear);
  g_return_val_if_fail (SL_IS_VISIBILITY (self), result);

  ensure_current (self);
  row_of = g_new (guint, self->n_nodes);
  memset (row_of, 0xff, self->n_nodes * sizeof (guint));
  first_owner = g_new0 (gint64, self->n_nodes);

  for (guint r = 0; r < n_reads; r++)
    {
      Closure *closure = get_closure (self, reads[r].owner_id);
      gint64 start, end;
      gboolean unknown;

      if (closure == NULL)
        continue;

      retention_window (self, closure, reads[r].time, &start, &end, &unknown);
      if (as_of != SL_TIME_MAX)
        {
          if (as_of < start || as_of >= end)
            continue;
        }

      for (guint i = 0; i < closure->entries->len; i++)
        {
          Entry *entry = &g_array_index (closure->entries, Entry, i);
          SlExposure *row;
          gint64 first, last;

          if (entry->klass == G_MAXUINT ||
              !window_in_entry (closure, entry, start, end, &first, &last))
            continue;
          if (as_of != SL_TIME_MAX && find_piece (closure, entry, as_of) == NULL)
            continue;

          if (row_of[entry->node] == G_MAXUINT)
            {
              SlExposure fresh = { entry->node, 0, first, last, FALSE, NULL };

              row_of[entry->node] = result->len;
              g_array_append_val (result, fresh);
              first_owner[entry->node] = reads[r].owner_id;
            }

          row = &g_array_index (result, SlExposure, row_of[entry->node]);
          row->n_reads++;
          row->retention_unknown |= unknown;
          if (first < row->first)
            {
              row->first = first;
              first_owner[entry->node] = reads[r].owner_id;
            }
          row->last = MAX (row->last, last);
        }
    }

  for (guint i = 0; i < result->len; i++)
    {
      SlExposure *row = &g_array_index (result, SlExposure, i);

      row->path = sl_visibility_dup_path (self, first_owner[row->node], row->node, row->first);
    }

  /* Node order, independent of the order of the reads. */
  for (guint i = 1; i < result->len; i++)
    {
      SlExposure key = g_array_index (result, SlExposure, i);
      guint j = i;

      while (j > 0 && g_array_index (result, SlExposure, j - 1).node > key.node)
        {
          g_array_index (result, SlExposure, j) = g_array_index (result, SlExposure, j - 1);
          j--;
        }
      g_array_index (result, SlExposure, j) = key;
    }

  return result;
}

/* Reach */

struct _SlReach
{
  SlVisibility *visibility;
  guint64       n_reads;
  guint64       n_plates;
  guint64      *class_reads;
  guint         n_classes_allocated;
  guint64      *owner_reads;
  /* The set of classes that saw one plate → how many plates had that set. */
  GHashTable   *class_sets;
  GArray       *plate_classes;
  guint        *stamp;
  guint         stamp_value;
};

SlReach *
sl_reach_new (SlVisibility *visibility)
{
  SlReach *self = g_new0 (SlReach, 1);

  self->visibility = g_object_ref (visibility);
  ensure_current (visibility);
  self->owner_reads = g_new0 (guint64, visibility->n_nodes);
  self->class_sets = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                            (GDestroyNotify) g_bytes_unref, g_free);
  self->plate_classes = g_array_new (FALSE, FALSE, sizeof (guint));

  return self;
}

void
sl_reach_free (SlReach *self)
{
  g_clear_object (&self->visibility);
  g_free (self->class_reads);
  g_free (self->owner_reads);
  g_free (self->stamp);
  g_hash_table_unref (self->class_sets);
  g_array_unref (self->plate_classes);
  g_free (self);
}

static void
ensure_class_counters (SlReach *self)
{
  guint n = self->visibility->n_global_classes;

  if (n <= self->n_classes_allocated)
    return;

  n = MAX (n, self->n_classes_allocated * 2);
  self->class_reads = g_renew (guint64, self->class_reads, n);
  memset (self->class_reads + self->n_classes_allocated, 0,
          (n - self->n_classes_allocated) * sizeof (guint64));
  self->stamp = g_renew (guint, self->stamp, n);
  memset (self->stamp + self->n_classes_allocated, 0,
          (n - self->n_classes_allocated) * sizeof (guint));
  self->n_classes_allocated = n;
}

/**
 * sl_reach_add_plate:
 * @reads: all reads of one plate
 *
 * Counts which classes of viewers see each read; per-agency figures are
 * expanded from the classes once, in sl_reach_get_agencies().
 */
void
sl_reach_add_plate (SlReach         *self,
                    const SlVisRead *reads,
                    guint            n_reads)
{
  SlVisibility *vis = self->visibility;

  g_array_set_size (self->plate_classes, 0);
  self->stamp_value++;

  for (guint r = 0; r < n_reads; r++)
    {
      Closure *closure = get_closure (vis, reads[r].owner_id);
      gint64 start, end;
      gboolean unknown;

      if (closure == NULL)
        continue;

      ensure_class_counters (self);
      self->n_reads++;
      self->owner_reads[closure->owner]++;
      retention_window (vis, closure, reads[r].time, &start, &end, &unknown);

      for (guint k = 0; k < closure->n_classes; k++)
        {
          Interval *intervals = &g_array_index (closure->class_intervals, Interval,
                                                closure->class_offsets[k]);
          guint n = closure->class_offsets[k + 1] - closure->class_offsets[k];
          guint lo = 0, hi = n;
          guint global = closure->global_class + k;

          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (intervals[mid].end <= start)
                lo = mid + 1;
              else
                hi = mid;
            }

          if (lo == n || intervals[lo].start >= end)
            continue;

          self->class_reads[global]++;
          if (self->stamp[global] != self->stamp_value)
            {
              self->stamp[global] = self->stamp_value;
              g_array_append_val (self->plate_classes, global);
            }
        }
    }

  if (n_reads > 0)
    self->n_plates++;

  if (self->plate_classes->len > 0)
    {
      g_autoptr(GBytes) key = NULL;
      guint64 *count;

      g_array_sort (self->plate_classes, compare_uint);
      key = g_bytes_new (self->plate_classes->data, self->plate_classes->len * sizeof (guint));
      count = g_hash_table_lookup (self->class_sets, key);
      if (count == NULL)
        {
          count = g_new0 (guint64, 1);
          g_hash_table_insert (self->class_sets, g_bytes_ref (key), count);
        }
      (*count)++;
    }
}

guint64
sl_reach_get_n_reads (SlReach *self)
{
  return self->n_reads;
}

guint64
sl_reach_get_n_plates (SlReach *self)
{
  return self->n_plates;
}

static Closure *
class_closure (SlVisibility *vis,
               guint         global,
               guint        *local)
{
  Closure *closure = g_ptr_array_index (vis->class_closures, global);

  *local = global - closure->global_class;
  return closure;
}

/**
 * sl_reach_get_agencies:
 *
 * Returns: (transfer full) (element-type SlReachAgency): every viewer that
 *   sees at least one read, in node order
 */
GArray *
sl_reach_get_agencies (SlReach *self)
{
  SlVisibility *vis = self->visibility;
  GArray *result = g_array_new (FALSE, FALSE, sizeof (SlReachAgency));
  g_autofree guint64 *reads = g_new0 (guint64, vis->n_nodes);
  g_autofree guint64 *plates = g_new0 (guint64, vis->n_nodes);
  g_autofree guint *seen = g_new0 (guint, vis->n_nodes);
  GHashTableIter iter;
  gpointer key, value;
  guint set_index = 0;

  for (guint g = 0; g < vis->n_global_classes && g < self->n_classes_allocated; g++)
    {
      guint k;
      Closure *closure = class_closure (vis, g, &k);

      for (guint m = closure->member_offsets[k]; m < closure->member_offsets[k + 1]; m++)
        reads[g_array_index (closure->members, guint, m)] += self->class_reads[g];
    }

  /* A plate counts once per viewer even when several classes (through
   * several owners) contain the viewer. */
  g_hash_table_iter_init (&iter, self->class_sets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gsize size;
      const guint *classes = g_bytes_get_data (key, &size);

      set_index++;
      for (guint c = 0; c < size / sizeof (guint); c++)
        {
          guint k;
          Closure *closure = class_closure (vis, classes[c], &k);

          for (guint m = closure->member_offsets[k]; m < closure->member_offsets[k + 1]; m++)
            {
              guint node = g_array_index (closure->members, guint, m);

              if (seen[node] != set_index)
                {
                  seen[node] = set_index;
                  plates[node] += *(guint64 *) value;
                }
            }
        }
    }

  for (guint node = 0; node < vis->n_nodes; node++)
    {
      SlReachAgency row = { node, reads[node], plates[node] };

      if (reads[node] > 0)
        g_array_append_val (result, row);
    }

  return result;
}

/**
 * sl_reach_get_owners:
 *
 * Returns: (transfer full) (element-type SlReachOwner): every owner with at
 *   least one read, in node order
 */
GArray *
sl_reach_get_owners (SlReach *self)
{
  SlVisibility *vis = self->visibility;
  GArray *result = g_array_new (FALSE, FALSE, sizeof (SlReachOwner));

  for (guint owner = 0; owner < vis->n_nodes; owner++)
    {
      Closure *closure = vis->closures[owner];
      SlReachOwner row = { owner, self->owner_reads[owner], 0, 0 };

      if (closure == NULL || self->owner_reads[owner] == 0)
        continue;

      for (guint k = 0; k < closure->n_classes; k++)
        {
          if (self->class_reads[closure->global_class + k] == 0)
            continue;

          for (guint m = closure->member_offsets[k]; m < closure->member_offsets[k + 1]; m++)
            {
              guint node = g_array_index (closure->members, guint, m);
              const SlSharingNode *n = sl_sharing_network_get_node (vis->network, node);

              if (n->kind == SL_SHARING_NODE_UNLISTED)
                row.n_unlisted = (row.n_unlisted < 0 || n->members < 0) ? -1 : row.n_unlisted + n->members;
              else if (node != owner)
                row.n_agencies++;
            }
        }

      g_array_append_val (result, row);
    }

  return result;
}
