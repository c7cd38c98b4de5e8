/* sl-sharing-diff.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-sharing-diff"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-sharing-diff.h"
#include "sl-sharing-io.h"

static const char * const change_names[] = { "gained", "lost", "changed" };

const char *
sl_diff_change_to_string (SlDiffChange change)
{
  g_return_val_if_fail (change < G_N_ELEMENTS (change_names), NULL);
  return change_names[change];
}

/* The node of @network that is @node of @other (same agency, or the same
 * pool's unlisted members). */
static gboolean
same_node (SlSharingNetwork *network,
           SlSharingNetwork *other,
           guint             node,
           guint            *found)
{
  const SlSharingNode *n = sl_sharing_network_get_node (other, node);

  if (n->kind == SL_SHARING_NODE_AGENCY)
    return sl_sharing_network_find_agency (network, n->id, found);

  if (!sl_sharing_network_find_pool (network, n->id, found))
    return FALSE;
  if (n->kind == SL_SHARING_NODE_UNLISTED)
    {
      /* The unlisted node follows its pool's node. */
      guint next = *found + 1;

      if (next >= sl_sharing_network_get_n_nodes (network) ||
          sl_sharing_network_get_node (network, next)->kind != SL_SHARING_NODE_UNLISTED)
        return FALSE;
      *found = next;
    }
  return TRUE;
}

static SlExposure *
find_row (GArray *rows,
          guint   node)
{
  for (guint i = 0; i < rows->len; i++)
    {
      if (g_array_index (rows, SlExposure, i).node == node)
        return &g_array_index (rows, SlExposure, i);
    }
  return NULL;
}

static void
plate_diff_clear (SlPlateDiff *diff)
{
  sl_exposure_clear (&diff->a);
  sl_exposure_clear (&diff->b);
}

static SlExposure
copy_exposure (const SlExposure *row)
{
  SlExposure copy = { 0, };

  if (row != NULL)
    {
      copy = *row;
      copy.path = g_strdup (row->path);
    }
  return copy;
}

/**
 * sl_sharing_diff_plate:
 * @reads: the reads of one plate
 *
 * Returns: (transfer full) (element-type SlPlateDiff): every viewer whose
 *   reads, first or last instant or path differ, A's viewers first
 */
GArray *
sl_sharing_diff_plate (SlVisibility    *a,
                       SlVisibility    *b,
                       const SlVisRead *reads,
                       guint            n_reads)
{
  SlSharingNetwork *net_a = sl_visibility_get_network (a);
  SlSharingNetwork *net_b = sl_visibility_get_network (b);
  g_autoptr(GArray) rows_a = sl_visibility_exposure (a, reads, n_reads, SL_TIME_MAX);
  g_autoptr(GArray) rows_b = sl_visibility_exposure (b, reads, n_reads, SL_TIME_MAX);
  g_autofree gboolean *matched_b = g_new0 (gboolean, rows_b->len + 1);
  GArray *result = g_array_new (FALSE, TRUE, sizeof (SlPlateDiff));

  g_array_set_clear_func (result, (GDestroyNotify) plate_diff_clear);

  for (guint i = 0; i < rows_a->len; i++)
    {
      SlExposure *row_a = &g_array_index (rows_a, SlExposure, i);
      SlExposure *row_b = NULL;
      SlPlateDiff diff = { SL_DIFF_GAINED, NULL, { 0, }, { 0, }, row_a->node, TRUE };
      guint node_b;

      if (same_node (net_b, net_a, row_a->node, &node_b))
        row_b = find_row (rows_b, node_b);
      if (row_b != NULL)
        {
          matched_b[row_b - &g_array_index (rows_b, SlExposure, 0)] = TRUE;
          if (row_a->n_reads == row_b->n_reads && row_a->first == row_b->first &&
              row_a->last == row_b->last && g_strcmp0 (row_a->path, row_b->path) == 0)
            continue;
          diff.change = SL_DIFF_CHANGED;
        }

      diff.name = sl_sharing_network_get_node (net_a, row_a->node)->name;
      diff.a = copy_exposure (row_a);
      diff.b = copy_exposure (row_b);
      g_array_append_val (result, diff);
    }

  for (guint i = 0; i < rows_b->len; i++)
    {
      SlExposure *row_b = &g_array_index (rows_b, SlExposure, i);
      SlPlateDiff diff = { SL_DIFF_LOST, NULL, { 0, }, { 0, }, row_b->node, FALSE };

      if (matched_b[i])
        continue;
      diff.name = sl_sharing_network_get_node (net_b, row_b->node)->name;
      diff.b = copy_exposure (row_b);
      g_array_append_val (result, diff);
    }

  return result;
}

static void
reach_diff_clear (SlReachDiff *diff)
{
  g_clear_pointer (&diff->a, g_array_unref);
  g_clear_pointer (&diff->b, g_array_unref);
}

static gboolean
intervals_equal (GArray *x,
                 GArray *y)
{
  return x->len == y->len && memcmp (x->data, y->data, x->len * sizeof (gint64)) == 0;
}

/**
 * sl_sharing_diff_reach:
 *
 * Compares, for every owner and every viewer (not pools), the instants at
 * which the owner's reads reach the viewer, ignoring retention.
 *
 * Returns: (transfer full) (element-type SlReachDiff): the pairs that
 *   differ, by owner in A's node order; per owner the viewers A reaches
 *   (in node order), then those only B reaches
 */
GArray *
sl_sharing_diff_reach (SlVisibility *a,
                       SlVisibility *b)
{
  SlSharingNetwork *net_a = sl_visibility_get_network (a);
  SlSharingNetwork *net_b = sl_visibility_get_network (b);
  GArray *result = g_array_new (FALSE, TRUE, sizeof (SlReachDiff));
  guint n_a = sl_sharing_network_get_n_nodes (net_a);

  g_array_set_clear_func (result, (GDestroyNotify) reach_diff_clear);

  for (guint owner = 0; owner < n_a; owner++)
    {
      const SlSharingNode *owner_node = sl_sharing_network_get_node (net_a, owner);
      g_autoptr(GArray) viewers = NULL;
      g_autoptr(GArray) viewers_b = NULL;
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      guint owner_b;

      if (owner_node->kind != SL_SHARING_NODE_AGENCY)
        continue;
      if (!same_node (net_b, net_a, owner, &owner_b))
        owner_b = G_MAXUINT;

      /* Only nodes either scenario reaches can differ: A's, then B's
       * mapped to A's nodes. */
      viewers = sl_visibility_reachable_nodes (a, owner_node->id);
      if (owner_b != G_MAXUINT)
        {
          viewers_b = sl_visibility_reachable_nodes (b, owner_node->id);
          for (guint i = 0; i < viewers_b->len; i++)
            {
              guint node;

              if (same_node (net_a, net_b, g_array_index (viewers_b, guint, i), &node))
                g_array_append_val (viewers, node);
            }
        }

      for (guint i = 0; i < viewers->len; i++)
        {
          guint viewer = g_array_index (viewers, guint, i);
          const SlSharingNode *viewer_node = sl_sharing_network_get_node (net_a, viewer);
          SlReachDiff diff = { SL_DIFF_CHANGED, owner_node->name, viewer_node->name, NULL, NULL };
          guint viewer_b;

          if (viewer == owner || viewer_node->kind == SL_SHARING_NODE_POOL ||
              !g_hash_table_add (seen, GUINT_TO_POINTER (viewer + 1)))
            continue;

          diff.a = sl_visibility_reach_intervals (a, owner_node->id, viewer);
          if (owner_b != G_MAXUINT && same_node (net_b, net_a, viewer, &viewer_b))
            diff.b = sl_visibility_reach_intervals (b, owner_node->id, viewer_b);
          else
            diff.b = g_array_new (FALSE, FALSE, sizeof (gint64));

          if (intervals_equal (diff.a, diff.b))
            {
              reach_diff_clear (&diff);
              continue;
            }
          diff.change = diff.b->len == 0 ? SL_DIFF_GAINED : diff.a->len == 0 ? SL_DIFF_LOST : SL_DIFF_CHANGED;
          g_array_append_val (result, diff);
        }
    }

  return result;
}

static int
compare_edges (const SlSharingEdge *x,
               const SlSharingEdge *y)
{
#define CMP(field) if (x->field != y->field) return x->field < y->field ? -1 : 1
  CMP (owner_id);
  CMP (recipient_agency_id);
  CMP (recipient_pool_id);
  CMP (kind);
  CMP (valid_from);
  CMP (valid_to);
#undef CMP
  return 0;
}

static int
compare_edge_pointers (gconstpointer a,
                       gconstpointer b)
{
  return compare_edges (*(SlSharingEdge * const *) a, *(SlSharingEdge * const *) b);
}

static GPtrArray *
sorted_edges (SlSharingNetwork *network)
{
  GPtrArray *edges = g_ptr_array_new ();

  for (guint i = 0; i < sl_sharing_network_get_n_edges (network); i++)
    g_ptr_array_add (edges, (gpointer) sl_sharing_network_get_edge (network, i));
  g_ptr_array_sort (edges, compare_edge_pointers);
  return edges;
}

/**
 * sl_sharing_diff_edges:
 *
 * Edges are the same when owner, recipient, kind and window are; the
 * provenance and notes do not count.
 *
 * Returns: (transfer full) (element-type SlEdgeDiff): in edge order
 */
GArray *
sl_sharing_diff_edges (SlSharingNetwork *a,
                       SlSharingNetwork *b)
{
  g_autoptr(GPtrArray) edges_a = sorted_edges (a);
  g_autoptr(GPtrArray) edges_b = sorted_edges (b);
  GArray *result = g_array_new (FALSE, FALSE, sizeof (SlEdgeDiff));
  guint i = 0, j = 0;

  while (i < edges_a->len || j < edges_b->len)
    {
      int order = i == edges_a->len ? 1 : j == edges_b->len ? -1
        : compare_edges (g_ptr_array_index (edges_a, i), g_ptr_array_index (edges_b, j));
      SlEdgeDiff diff;

      if (order == 0)
        {
          i++;
          j++;
          continue;
        }

      diff.added = order < 0;
      diff.edge = order < 0 ? g_ptr_array_index (edges_a, i++) : g_ptr_array_index (edges_b, j++);
      g_array_append_val (result, diff);
    }

  return result;
}

/**
 * sl_sharing_diff_retention:
 *
 * Returns: (transfer full) (element-type SlRetentionDiff): agencies whose
 *   retention differs (scenario edits), in A's node order
 */
GArray *
sl_sharing_diff_retention (SlSharingNetwork *a,
                           SlSharingNetwork *b)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (SlRetentionDiff));

  for (guint i = 0; i < sl_sharing_network_get_n_nodes (a); i++)
    {
      const SlSharingNode *node = sl_sharing_network_get_node (a, i);
      guint other;

      if (node->kind == SL_SHARING_NODE_AGENCY && same_node (b, a, i, &other) &&
          sl_sharing_network_get_node (b, other)->retention_days != node->retention_days)
        {
          SlRetentionDiff diff = { node->name, node->retention_days,
                                   sl_sharing_network_get_node (b, other)->retention_days };

          g_array_append_val (result, diff);
        }
    }

  return result;
}

static gboolean
edits_equal (const SlScenarioEdit *x,
             const SlScenarioEdit *y)
{
  return x->op == y->op && x->agency_id == y->agency_id &&
         x->recipient_agency_id == y->recipient_agency_id &&
         x->recipient_pool_id == y->recipient_pool_id && x->kind == y->kind &&
         x->valid_from == y->valid_from && x->valid_to == y->valid_to &&
         x->retention_days == y->retention_days;
}

/**
 * sl_sharing_diff_edits:
 *
 * Returns: how many edits A and B share at the start of their edit lists
 *   (their common ancestry); A's edits after those explain how A differs
 */
guint
sl_sharing_diff_edits (SlSharingNetwork *a,
                       SlSharingNetwork *b)
{
  guint n = MIN (sl_sharing_network_get_n_edits (a), sl_sharing_network_get_n_edits (b));
  guint common = 0;

  while (common < n && edits_equal (sl_sharing_network_get_edit (a, common),
                                    sl_sharing_network_get_edit (b, common)))
    common++;
  return common;
}

static const char *
agency_name (SlSharingNetwork *network,
             gint64            id)
{
  guint node;

  return sl_sharing_network_find_agency (network, id, &node) ?
    sl_sharing_network_get_node (network, node)->name : "?";
}

static const char *
pool_name (SlSharingNetwork *network,
           gint64            id)
{
  guint node;

  return sl_sharing_network_find_pool (network, id, &node) ?
    sl_sharing_network_get_node (network, node)->name : "?";
}

static void
append_window (GString *out,
               gint64   from,
               gint64   to)
{
  if (from != SL_TIME_MIN)
    {
      g_autofree char *text = sl_sharing_format_time (from);
      g_string_append_printf (out, _(" from %s"), text);
    }
  if (to != SL_TIME_MAX)
    {
      g_autofree char *text = sl_sharing_format_time (to);
      g_string_append_printf (out, _(" until %s"), text);
    }
}

/**
 * sl_sharing_edge_describe:
 *
 * Returns: (transfer full): e.g. "Westport PD → ICE ERO (reads) until
 *   2019-03-08T00:00:00Z"
 */
char *
sl_sharing_edge_describe (SlSharingNetwork    *network,
                          const SlSharingEdge *edge)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%s → %s (%s)", agency_name (network, edge->owner_id),
                          edge->recipient_agency_id != 0 ? agency_name (network, edge->recipient_agency_id)
                          : pool_name (network, edge->recipient_pool_id),
                          sl_sharing_kind_to_string (edge->kind));
  append_window (out, edge->valid_from, edge->valid_to);
  return g_string_free (out, FALSE);
}

/**
 * sl_scenario_edit_describe:
 *
 * Returns: (transfer full): the edit in words, e.g. "remove Wethersfield PD
 *   → ICE ERO (reads)"
 */
char *
sl_scenario_edit_describe (SlSharingNetwork     *network,
                           const SlScenarioEdit *edit)
{
  SlSharingEdge edge = { edit->agency_id, edit->recipient_agency_id, edit->recipient_pool_id, edit->kind,
                         edit->valid_from, edit->valid_to, 0, NULL, NULL };
  g_autofree char *edge_text = NULL;
  g_autofree char *from = NULL;

  switch (edit->op)
    {
    case SL_SCENARIO_EDIT_REMOVE_EDGE:
      edge.valid_from = SL_TIME_MIN;
      edge.valid_to = SL_TIME_MAX;
      edge_text = sl_sharing_edge_describe (network, &edge);
      return g_strdup_printf (_("remove %s"), edge_text);

    case SL_SCENARIO_EDIT_ADD_EDGE:
      edge_text = sl_sharing_edge_describe (network, &edge);
      return g_strdup_printf (_("add %s"), edge_text);

    case SL_SCENARIO_EDIT_STOP_POOL_SHARING:
      from = sl_sharing_format_time (edit->valid_from);
      if (edit->recipient_pool_id == 0)
        return g_strdup_printf (_("%s stops sharing with every pool from %s"),
                                agency_name (network, edit->agency_id), from);
      return g_strdup_printf (_("%s stops sharing with %s from %s"), agency_name (network, edit->agency_id),
                              pool_name (network, edit->recipient_pool_id), from);

    case SL_SCENARIO_EDIT_SET_RETENTION:
      if (edit->retention_days < 0)
        return g_strdup_printf (_("%s: retention unknown"), agency_name (network, edit->agency_id));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s keeps reads %d day", "%s keeps reads %d days",
                                           edit->retention_days),
                              agency_name (network, edit->agency_id), edit->retention_days);

    default:
      g_return_val_if_reached (NULL);
    }
}
