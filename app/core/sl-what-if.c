/* sl-what-if.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-what-if"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sl-project-private.h"
#include "sl-sharing-reads.h"
#include "sl-what-if.h"

/* A what-if session: a scenario as loaded (never changed), the network with
 * the session's edits applied, and one vehicle's exposure under it. Undo
 * rebuilds from the base, so every state is exactly "base + first n edits". */
struct _SlWhatIf
{
  GObject           parent_instance;

  SlSharingNetwork *base;
  SlSharingNetwork *network;
  SlVisibility     *visibility;

  GArray           *reads;
  gint64            as_of;
  GArray           *exposure;
  /* Exposure row of each node, or G_MAXUINT. */
  guint            *row_of;
  /* Per node, computed when first asked for (NULL until then). */
  char            **collate_keys;

  /* Done edits, then the undone ones redo can apply again. */
  GArray           *edits;
  guint             n_done;
  char             *summary;
  /* The viewer the last change was about, or G_MAXUINT. */
  guint             summary_focus;

  GHashTable       *agency_types;
  /* Node names of the base → node + 1, built on first use. */
  GHashTable       *node_by_name;
};

G_DEFINE_FINAL_TYPE (SlWhatIf, sl_what_if, G_TYPE_OBJECT)

enum
{
  CHANGED,
  EDITED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sl_what_if_finalize (GObject *object)
{
  SlWhatIf *self = (SlWhatIf *)object;

  g_clear_object (&self->base);
  g_clear_object (&self->network);
  g_clear_object (&self->visibility);
  g_clear_pointer (&self->reads, g_array_unref);
  g_clear_pointer (&self->exposure, g_array_unref);
  g_clear_pointer (&self->row_of, g_free);
  g_clear_pointer (&self->edits, g_array_unref);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->agency_types, g_hash_table_unref);
  g_clear_pointer (&self->node_by_name, g_hash_table_unref);
  if (self->collate_keys != NULL)
    g_strfreev (self->collate_keys);

  G_OBJECT_CLASS (sl_what_if_parent_class)->finalize (object);
}

static void
sl_what_if_class_init (SlWhatIfClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_what_if_finalize;

  /**
   * SlWhatIf::changed:
   *
   * The network, the reads or the as-of time changed and the exposure has
   * been recomputed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * SlWhatIf::edited:
   *
   * An edit was applied, undone or redone: the summary is new. Emitted
   * after #SlWhatIf::changed.
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sl_what_if_init (SlWhatIf *self)
{
  self->reads = g_array_new (FALSE, FALSE, sizeof (SlVisRead));
  self->as_of = SL_TIME_MAX;
  self->summary_focus = G_MAXUINT;
  self->edits = g_array_new (FALSE, TRUE, sizeof (SlScenarioEdit));
  g_array_set_clear_func (self->edits, (GDestroyNotify) sl_scenario_edit_clear);
  self->agency_types = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
recompute (SlWhatIf *self)
{
  guint n_nodes = sl_sharing_network_get_n_nodes (self->network);

  g_clear_pointer (&self->exposure, g_array_unref);
  self->exposure = sl_visibility_exposure (self->visibility, (SlVisRead *) self->reads->data,
                                           self->reads->len, self->as_of);

  g_free (self->row_of);
  self->row_of = g_new (guint, n_nodes);
  for (guint i = 0; i < n_nodes; i++)
    self->row_of[i] = G_MAXUINT;
  for (guint i = 0; i < self->exposure->len; i++)
    self->row_of[g_array_index (self->exposure, SlExposure, i).node] = i;
}

static void
set_network (SlWhatIf         *self,
             SlSharingNetwork *network)
{
  g_set_object (&self->network, network);
  g_clear_object (&self->visibility);
  self->visibility = sl_visibility_new (network);
}

/**
 * sl_what_if_new:
 * @network: the scenario to explore; the session works on a copy
 *
 * Returns: (transfer full): a session with no reads yet
 */
SlWhatIf *
sl_what_if_new (SlSharingNetwork *network)
{
  SlWhatIf *self;
  g_autoptr(SlSharingNetwork) current = NULL;

  g_return_val_if_fail (SL_IS_SHARING_NETWORK (network), NULL);

  self = g_object_new (SL_TYPE_WHAT_IF, NULL);
  self->base = sl_sharing_network_copy (network);
  current = sl_sharing_network_copy (network);
  set_network (self, current);
  recompute (self);
  return self;
}

static gboolean
load_agency_types (SlWhatIf   *self,
                   SlProject  *project,
                   GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT id, type FROM agencies",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "agencies");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlAgencyType type = SL_AGENCY_TYPE_OTHER;

      sl_agency_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &type);
      sl_what_if_set_agency_type (self, sqlite3_column_int64 (stmt, 0), type);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "agencies");
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_what_if_new_for_project:
 * @scenario: (nullable): a scenario, or %NULL for the default one
 * @plate: the vehicle, as a user types it
 *
 * Returns: (transfer full): a session over @plate's reads and the agency
 *   types of @project, or %NULL with @error set
 */
SlWhatIf *
sl_what_if_new_for_project (SlProject   *project,
                            const char  *scenario,
                            const char  *plate,
                            GError     **error)
{
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(GArray) reads = NULL;
  g_autoptr(SlWhatIf) self = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (plate != NULL, NULL);

  if ((network = sl_sharing_network_load (project, scenario, error)) == NULL ||
      (reads = sl_sharing_load_plate_reads (project, plate, error)) == NULL)
    return NULL;

  self = sl_what_if_new (network);
  if (!load_agency_types (self, project, error))
    return NULL;
  sl_what_if_set_reads (self, (SlVisRead *) reads->data, reads->len);
  return g_steal_pointer (&self);
}

void
sl_what_if_set_reads (SlWhatIf        *self,
                      const SlVisRead *reads,
                      guint            n_reads)
{
  g_return_if_fail (SL_IS_WHAT_IF (self));

  g_array_set_size (self->reads, 0);
  g_array_append_vals (self->reads, reads, n_reads);
  recompute (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
sl_what_if_set_agency_type (SlWhatIf     *self,
                            gint64        agency_id,
                            SlAgencyType  type)
{
  g_return_if_fail (SL_IS_WHAT_IF (self));

  g_hash_table_insert (self->agency_types, g_memdup2 (&agency_id, sizeof agency_id),
                       GINT_TO_POINTER (type + 1));
}

/**
 * sl_what_if_set_as_of:
 * @as_of: an instant, or SL_TIME_MAX for everything ever visible
 */
void
sl_what_if_set_as_of (SlWhatIf *self,
                      gint64    as_of)
{
  g_return_if_fail (SL_IS_WHAT_IF (self));

  if (self->as_of == as_of)
    return;
  self->as_of = as_of;
  recompute (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gint64
sl_what_if_get_as_of (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), SL_TIME_MAX);
  return self->as_of;
}

SlSharingNetwork *
sl_what_if_get_network (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), NULL);
  return self->network;
}

SlVisibility *
sl_what_if_get_visibility (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), NULL);
  return self->visibility;
}

guint
sl_what_if_get_n_reads (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), 0);
  return self->reads->len;
}

/**
 * sl_what_if_get_exposure:
 *
 * Returns: (transfer none) (element-type SlExposure): every viewer that
 *   sees at least one read, in node order, as sl_visibility_exposure() gives
 */
GArray *
sl_what_if_get_exposure (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), NULL);
  return self->exposure;
}

/**
 * sl_what_if_find_exposure:
 *
 * Returns: (nullable): what @node sees, or %NULL when it sees nothing
 */
const SlExposure *
sl_what_if_find_exposure (SlWhatIf *self,
                          guint     node)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), NULL);

  if (node >= sl_sharing_network_get_n_nodes (self->network) || self->row_of[node] == G_MAXUINT)
    return NULL;
  return &g_array_index (self->exposure, SlExposure, self->row_of[node]);
}

/**
 * sl_what_if_is_immigration:
 *
 * Returns: whether @node is a federal immigration agency (ICE, CBP), the
 *   recipients the 2019 reporting was about
 */
gboolean
sl_what_if_is_immigration (SlWhatIf *self,
                           guint     node)
{
  const char *name;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), FALSE);

  if (sl_what_if_get_agency_type (self, node) != SL_AGENCY_TYPE_FEDERAL)
    return FALSE;
  name = sl_sharing_network_get_node (self->network, node)->name;
  return g_str_has_prefix (name, "ICE ") || strstr (name, "Immigration") != NULL ||
         strstr (name, "Customs and Border") != NULL || g_str_has_prefix (name, "CBP");
}

SlAgencyType
sl_what_if_get_agency_type (SlWhatIf *self,
                            guint     node)
{
  const SlSharingNode *info;
  gpointer type;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), SL_AGENCY_TYPE_OTHER);

  info = sl_sharing_network_get_node (self->network, node);
  if (info == NULL || info->kind != SL_SHARING_NODE_AGENCY ||
      (type = g_hash_table_lookup (self->agency_types, &info->id)) == NULL)
    return SL_AGENCY_TYPE_OTHER;
  return GPOINTER_TO_INT (type) - 1;
}

const char *
sl_viewer_group_to_title (SlViewerGroup group)
{
  switch (group)
    {
    case SL_VIEWER_GROUP_IMMIGRATION: return _("Federal immigration");
    case SL_VIEWER_GROUP_FEDERAL: return _("Federal");
    case SL_VIEWER_GROUP_FUSION_CENTER: return _("Fusion centres");
    case SL_VIEWER_GROUP_STATE_POLICE: return _("State police");
    case SL_VIEWER_GROUP_SHERIFF: return _("Sheriffs");
    case SL_VIEWER_GROUP_MUNICIPAL: return _("Municipal police");
    case SL_VIEWER_GROUP_UNIVERSITY: return _("University police");
    case SL_VIEWER_GROUP_PROSECUTOR: return _("Prosecutors");
    case SL_VIEWER_GROUP_PRIVATE: return _("Private");
    case SL_VIEWER_GROUP_OTHER: return _("Other agencies");
    case SL_VIEWER_GROUP_UNLISTED: return _("Unlisted pool members");
    case SL_N_VIEWER_GROUPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

SlViewerGroup
sl_what_if_get_group (SlWhatIf *self,
                      guint     node)
{
  const SlSharingNode *info;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), SL_VIEWER_GROUP_OTHER);

  info = sl_sharing_network_get_node (self->network, node);
  if (info != NULL && info->kind == SL_SHARING_NODE_UNLISTED)
    return SL_VIEWER_GROUP_UNLISTED;
  if (sl_what_if_is_immigration (self, node))
    return SL_VIEWER_GROUP_IMMIGRATION;

  switch (sl_what_if_get_agency_type (self, node))
    {
    case SL_AGENCY_TYPE_FEDERAL: return SL_VIEWER_GROUP_FEDERAL;
    case SL_AGENCY_TYPE_FUSION_CENTER: return SL_VIEWER_GROUP_FUSION_CENTER;
    case SL_AGENCY_TYPE_STATE_POLICE: return SL_VIEWER_GROUP_STATE_POLICE;
    case SL_AGENCY_TYPE_SHERIFF: return SL_VIEWER_GROUP_SHERIFF;
    case SL_AGENCY_TYPE_MUNICIPAL_POLICE: return SL_VIEWER_GROUP_MUNICIPAL;
    case SL_AGENCY_TYPE_UNIVERSITY_POLICE: return SL_VIEWER_GROUP_UNIVERSITY;
    case SL_AGENCY_TYPE_PROSECUTOR: return SL_VIEWER_GROUP_PROSECUTOR;
    case SL_AGENCY_TYPE_PRIVATE: return SL_VIEWER_GROUP_PRIVATE;
    case SL_AGENCY_TYPE_OTHER:
    default:
      return SL_VIEWER_GROUP_OTHER;
    }
}

/* The node a path names at @index (names joined by " → "), or G_MAXUINT.
 * Paths carry names only; the first node of a name wins, as every copy of
 * the network has the same nodes. */
#define PATH_SEPARATOR " → "

/* How many names @path holds. Views ask this of thousands of rows per
 * vehicle: it scans without allocating. */
static guint
path_length (const char *path)
{
  guint n = 1;

  while ((path = strstr (path, PATH_SEPARATOR)) != NULL)
    {
      path += strlen (PATH_SEPARATOR);
      n++;
    }
  return n;
}

static guint
path_node (SlWhatIf   *self,
           const char *path,
           guint       index)
{
  g_autofree char *name = NULL;
  const char *end;
  gpointer node;

  for (guint i = 0; path != NULL && i < index; i++)
    {
      path = strstr (path, PATH_SEPARATOR);
      if (path != NULL)
        path += strlen (PATH_SEPARATOR);
    }
  if (path == NULL)
    return G_MAXUINT;
  end = strstr (path, PATH_SEPARATOR);
  if (end != NULL)
    path = name = g_strndup (path, end - path);

  if (self->node_by_name == NULL)
    {
      self->node_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = sl_sharing_network_get_n_nodes (self->base); i > 0; i--)
        {
          const SlSharingNode *info = sl_sharing_network_get_node (self->base, i - 1);

          if (info->name != NULL)
            g_hash_table_insert (self->node_by_name, g_strdup (info->name), GUINT_TO_POINTER (i));
        }
    }
  node = g_hash_table_lookup (self->node_by_name, path);
  return node != NULL ? GPOINTER_TO_UINT (node) - 1 : G_MAXUINT;
}

/**
 * sl_what_if_get_path_node:
 * @path: a path as #SlExposure gives it
 * @index: 0 for the owner, 1 for the first hop…
 *
 * Returns: the node @path names at @index, or G_MAXUINT
 */
guint
sl_what_if_get_path_node (SlWhatIf   *self,
                          const char *path,
                          guint       index)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), G_MAXUINT);
  return path_node (self, path, index);
}

/**
 * sl_what_if_get_collate_key:
 * @node: a node of the session's network
 *
 * Views sort thousands of agencies by name on every vehicle; comparing
 * keys made once per node costs a fraction of g_utf8_collate() on every
 * comparison.
 *
 * Returns: the node name's g_utf8_collate_key(), owned by the session
 */
const char *
sl_what_if_get_collate_key (SlWhatIf *self,
                            guint     node)
{
  guint n_nodes;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), "");

  n_nodes = sl_sharing_network_get_n_nodes (self->network);
  g_return_val_if_fail (node < n_nodes, "");
  if (self->collate_keys == NULL)
    self->collate_keys = g_new0 (char *, n_nodes + 1);
  if (self->collate_keys[node] == NULL)
    {
      const char *name = sl_sharing_network_get_node (self->network, node)->name;

      self->collate_keys[node] = g_utf8_collate_key (name != NULL ? name : "", -1);
    }
  return self->collate_keys[node];
}

/**
 * sl_what_if_prepare_collate_keys:
 *
 * Makes every node's sl_what_if_get_collate_key() now, on a thread that
 * owns the session before views get it (5,000 keys take a few
 * milliseconds).
 */
void
sl_what_if_prepare_collate_keys (SlWhatIf *self)
{
  g_return_if_fail (SL_IS_WHAT_IF (self));

  for (guint i = 0; i < sl_sharing_network_get_n_nodes (self->network); i++)
    sl_what_if_get_collate_key (self, i);
}

/**
 * sl_what_if_get_how:
 *
 * Returns: how the viewer of @exposure sees the read its path was
 *   computed for: its own, directly, through a pool, or through a re-sharer
 */
SlExposureHow
sl_what_if_get_how (SlWhatIf         *self,
                    const SlExposure *exposure)
{
  guint hop, n_names;
  const SlSharingNode *node;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), SL_EXPOSURE_DIRECT);

  if (exposure->path == NULL)
    return SL_EXPOSURE_DIRECT;
  n_names = path_length (exposure->path);
  if (n_names <= 1)
    return SL_EXPOSURE_OWN;
  if (n_names == 2)
    return SL_EXPOSURE_DIRECT;

  hop = path_node (self, exposure->path, 1);
  node = hop != G_MAXUINT ? sl_sharing_network_get_node (self->network, hop) : NULL;
  return node != NULL && node->kind == SL_SHARING_NODE_POOL ? SL_EXPOSURE_POOL : SL_EXPOSURE_RESHARER;
}

/**
 * sl_what_if_count_owned:
 *
 * Returns: how many of the vehicle's reads the agency of @node took
 */
guint
sl_what_if_count_owned (SlWhatIf *self,
                        guint     node)
{
  const SlSharingNode *info;
  guint n = 0;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), 0);

  info = sl_sharing_network_get_node (self->network, node);
  if (info == NULL || info->kind != SL_SHARING_NODE_AGENCY)
    return 0;
  for (guint r = 0; r < self->reads->len; r++)
    if (g_array_index (self->reads, SlVisRead, r).owner_id == info->id)
      n++;
  return n;
}

static gboolean
owns_reads (SlWhatIf *self,
            gint64    owner_id)
{
  for (guint r = 0; r < self->reads->len; r++)
    if (g_array_index (self->reads, SlVisRead, r).owner_id == owner_id)
      return TRUE;
  return FALSE;
}

/**
 * sl_what_if_dup_direct_owners:
 *
 * Returns: (transfer full) (element-type gint64): the owners of the
 *   vehicle's reads that share reads with the agency of @node directly (the
 *   boxes that can be unticked), each once, in edge order
 */
GArray *
sl_what_if_dup_direct_owners (SlWhatIf *self,
                              guint     node)
{
  GArray *owners = g_array_new (FALSE, FALSE, sizeof (gint64));
  const SlSharingNode *info;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), owners);

  info = sl_sharing_network_get_node (self->network, node);
  if (info == NULL || info->kind != SL_SHARING_NODE_AGENCY)
    return owners;

  for (guint i = 0; i < sl_sharing_network_get_n_edges (self->network); i++)
    {
      const SlSharingEdge *edge = sl_sharing_network_get_edge (self->network, i);
      gboolean seen = FALSE;

      if (edge->recipient_agency_id != info->id || edge->kind != SL_SHARING_KIND_READS ||
          !owns_reads (self, edge->owner_id))
        continue;
      for (guint j = 0; j < owners->len && !seen; j++)
        seen = g_array_index (owners, gint64, j) == edge->owner_id;
      if (!seen)
        g_array_append_val (owners, edge->owner_id);
    }
  return owners;
}

static int
compare_flows (gconstpointer a,
               gconstpointer b)
{
  const SlFlow *x = a;
  const SlFlow *y = b;

  if (x->owner != y->owner)
    return x->owner < y->owner ? -1 : 1;
  if (x->via != y->via)
    return x->via < y->via ? -1 : 1;
  if (x->recipient != y->recipient)
    return x->recipient < y->recipient ? -1 : 1;
  return 0;
}

/**
 * sl_what_if_dup_flows:
 *
 * How the vehicle's reads reach each viewer other than their owner: per
 * owner, first hop and recipient, the number of reads (the exposure of the
 * owner's reads alone, so the as-of time counts the same way); the hop is
 * that of the path in force at the first visible read.
 *
 * Returns: (transfer full) (element-type SlFlow): sorted by owner, via,
 *   recipient
 */
GArray *
sl_what_if_dup_flows (SlWhatIf *self)
{
  GArray *flows = g_array_new (FALSE, FALSE, sizeof (SlFlow));
  g_autoptr(GArray) owned = NULL;
  g_autoptr(GArray) owners = NULL;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), flows);

  owners = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint r = 0; r < self->reads->len; r++)
    {
      gint64 owner_id = g_array_index (self->reads, SlVisRead, r).owner_id;
      gboolean seen = FALSE;

      for (guint o = 0; o < owners->len && !seen; o++)
        seen = g_array_index (owners, gint64, o) == owner_id;
      if (!seen)
        g_array_append_val (owners, owner_id);
    }

  owned = g_array_new (FALSE, FALSE, sizeof (SlVisRead));
  for (guint o = 0; o < owners->len; o++)
    {
      gint64 owner_id = g_array_index (owners, gint64, o);
      g_autoptr(GArray) rows = NULL;
      guint owner;

      if (!sl_sharing_network_find_agency (self->network, owner_id, &owner))
        continue;

      g_array_set_size (owned, 0);
      for (guint r = 0; r < self->reads->len; r++)
        if (g_array_index (self->reads, SlVisRead, r).owner_id == owner_id)
          g_array_append_val (owned, g_array_index (self->reads, SlVisRead, r));

      rows = sl_visibility_exposure (self->visibility, (SlVisRead *) owned->data, owned->len, self->as_of);
      for (guint i = 0; i < rows->len; i++)
        {
          const SlExposure *row = &g_array_index (rows, SlExposure, i);
          SlFlow flow = { owner, G_MAXUINT, row->node, row->n_reads };

          if (row->node == owner)
            continue;
          if (sl_what_if_get_how (self, row) != SL_EXPOSURE_DIRECT)
            flow.via = path_node (self, row->path, 1);
          g_array_append_val (flows, flow);
        }
    }

  g_array_sort (flows, compare_flows);
  return flows;
}

static guint
percent (guint part,
         guint whole)
{
  return whole == 0 ? 0 : (guint) (((guint64) part * 100 + whole / 2) / whole);
}

/* Reads each node sees, indexed by node. */
static guint *
reads_by_node (GArray *exposure,
               guint   n_nodes)
{
  guint *counts = g_new0 (guint, n_nodes);

  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row = &g_array_index (exposure, SlExposure, i);

      if (row->node < n_nodes)
        counts[row->node] = row->n_reads;
    }
  return counts;
}

/**
 * sl_what_if_describe_change:
 * @before: (element-type SlExposure): exposure before the change
 * @after: (element-type SlExposure): exposure after it, same node indices
 * @n_reads: the vehicle's reads
 * @focus: the node the change is about (e.g. the unticked recipient), or
 *   G_MAXUINT for the viewer whose count changed most
 *
 * Returns: (transfer full): the difference in plain words, e.g. "ICE ERO
 *   sees 190 of 340 reads (56%) instead of 212 (62%); 2 other agencies see
 *   fewer reads."
 */
char *
sl_what_if_describe_change (SlSharingNetwork *network,
                            GArray           *before,
                            GArray           *after,
                            guint             n_reads,
                            guint             focus)
{
  guint n_nodes = sl_sharing_network_get_n_nodes (network);
  g_autofree guint *counts_before = reads_by_node (before, n_nodes);
  g_autofree guint *counts_after = reads_by_node (after, n_nodes);
  GString *text = g_string_new (NULL);
  guint n_fewer = 0, n_more = 0;
  guint was, now;
  const char *name;

  /* Without a focus, the viewer whose count changed most (lowest node on
   * ties). */
  if (focus == G_MAXUINT)
    {
      guint best = 0;

      for (guint node = 0; node < n_nodes; node++)
        {
          guint change = MAX (counts_before[node], counts_after[node]) -
                         MIN (counts_before[node], counts_after[node]);

          if (change > best)
            {
              best = change;
              focus = node;
            }
        }
    }

  if (focus == G_MAXUINT)
    {
      g_string_free (text, TRUE);
      return g_strdup (_("No agency sees more or less of this vehicle."));
    }

  was = counts_before[focus];
  now = counts_after[focus];
  name = sl_sharing_network_get_node (network, focus)->name;

  if (was == now)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%s still sees %u of %u read (%u%%)",
                                               "%s still sees %u of %u reads (%u%%)", n_reads),
                            name, now, n_reads, percent (now, n_reads));
  else if (now == 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%s no longer sees any of the %u read (it saw %u, %u%%)",
                                               "%s no longer sees any of the %u reads (it saw %u, %u%%)",
                                               n_reads),
                            name, n_reads, was, percent (was, n_reads));
  else if (was == 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%s now sees %u of %u read (%u%%)",
                                               "%s now sees %u of %u reads (%u%%)", n_reads),
                            name, now, n_reads, percent (now, n_reads));
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "%s sees %u of %u read (%u%%) instead of %u (%u%%)",
                                               "%s sees %u of %u reads (%u%%) instead of %u (%u%%)",
                                               n_reads),
                            name, now, n_reads, percent (now, n_reads), was, percent (was, n_reads));

  for (guint node = 0; node < n_nodes; node++)
    {
      if (node == focus)
        continue;
      if (counts_after[node] < counts_before[node])
        n_fewer++;
      else if (counts_after[node] > counts_before[node])
        n_more++;
    }

  if (n_fewer > 0)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u other agency sees fewer reads",
                                                 "%u other agencies see fewer reads", n_fewer),
                              n_fewer);
    }
  if (n_more > 0)
    {
      g_string_append (text, "; ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u other agency sees more reads",
                                                 "%u other agencies see more reads", n_more),
                              n_more);
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

/* The viewer an edit is about: the recipient of an edge, else none. */
static guint
edit_focus (SlWhatIf             *self,
            const SlScenarioEdit *edit)
{
  guint node;

  if ((edit->op == SL_SCENARIO_EDIT_REMOVE_EDGE || edit->op == SL_SCENARIO_EDIT_ADD_EDGE) &&
      edit->recipient_agency_id != 0 &&
      sl_sharing_network_find_agency (self->network, edit->recipient_agency_id, &node))
    return node;
  return G_MAXUINT;
}

static void
finish_change (SlWhatIf             *self,
               GArray               *before,
               const SlScenarioEdit *edit)
{
  recompute (self);
  g_free (self->summary);
  self->summary_focus = edit_focus (self, edit);
  self->summary = sl_what_if_describe_change (self->network, before, self->exposure,
                                              self->reads->len, self->summary_focus);
  g_signal_emit (self, signals[CHANGED], 0);
  g_signal_emit (self, signals[EDITED], 0);
}

static gboolean
edit_applies (SlWhatIf             *self,
              const SlScenarioEdit *edit)
{
  if (!sl_sharing_network_find_agency (self->network, edit->agency_id, NULL))
    return FALSE;
  if (edit->op != SL_SCENARIO_EDIT_REMOVE_EDGE && edit->op != SL_SCENARIO_EDIT_STOP_POOL_SHARING)
    return TRUE;

  /* Removing what is not there would be an edit that changes nothing. */
  for (guint i = 0; i < sl_sharing_network_get_n_edges (self->network); i++)
    {
      const SlSharingEdge *edge = sl_sharing_network_get_edge (self->network, i);

      if (edge->owner_id != edit->agency_id)
        continue;
      if (edit->op == SL_SCENARIO_EDIT_REMOVE_EDGE && edge->kind == edit->kind &&
          edge->recipient_agency_id == edit->recipient_agency_id &&
          edge->recipient_pool_id == edit->recipient_pool_id)
        return TRUE;
      if (edit->op == SL_SCENARIO_EDIT_STOP_POOL_SHARING && edge->recipient_pool_id != 0 &&
          edge->kind == SL_SHARING_KIND_READS && edge->valid_to > edit->valid_from &&
          (edit->recipient_pool_id == 0 || edge->recipient_pool_id == edit->recipient_pool_id))
        return TRUE;
    }
  return FALSE;
}

/**
 * sl_what_if_apply:
 *
 * Applies @edit, recomputes the exposure, states the difference (see
 * sl_what_if_get_summary()) and forgets what redo could have applied.
 *
 * Returns: %FALSE, changing nothing, when @edit names an unknown agency or
 *   removes sharing that does not exist
 */
gboolean
sl_what_if_apply (SlWhatIf             *self,
                  const SlScenarioEdit *edit)
{
  g_autoptr(GArray) before = NULL;
  SlScenarioEdit copy;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (!edit_applies (self, edit))
    return FALSE;

  g_array_set_size (self->edits, self->n_done);
  copy = *edit;
  copy.document = g_strdup (edit->document);
  copy.note = g_strdup (edit->note);
  g_array_append_val (self->edits, copy);
  self->n_done++;

  before = g_steal_pointer (&self->exposure);
  sl_sharing_network_apply_edit (self->network, edit);
  finish_change (self, before, edit);
  return TRUE;
}

gboolean
sl_what_if_untick (SlWhatIf *self,
                   gint64    owner_id,
                   gint64    recipient_agency_id)
{
  SlScenarioEdit edit = { SL_SCENARIO_EDIT_REMOVE_EDGE, owner_id, recipient_agency_id, 0,
                          SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX, SL_PROVENANCE_ASSUMED,
                          NULL, SL_RETENTION_UNKNOWN, NULL };

  return sl_what_if_apply (self, &edit);
}

/**
 * sl_what_if_stop_pool_sharing:
 * @pool_id: the pool, or 0 for every pool
 * @from: when the owner stops sharing
 */
gboolean
sl_what_if_stop_pool_sharing (SlWhatIf *self,
                              gint64    owner_id,
                              gint64    pool_id,
                              gint64    from)
{
  SlScenarioEdit edit = { SL_SCENARIO_EDIT_STOP_POOL_SHARING, owner_id, 0, pool_id,
                          SL_SHARING_KIND_READS, from, SL_TIME_MAX, SL_PROVENANCE_ASSUMED,
                          NULL, SL_RETENTION_UNKNOWN, NULL };

  return sl_what_if_apply (self, &edit);
}

/**
 * sl_what_if_set_retention:
 * @retention_days: days, or SL_RETENTION_UNKNOWN
 */
gboolean
sl_what_if_set_retention (SlWhatIf *self,
                          gint64    agency_id,
                          int       retention_days)
{
  SlScenarioEdit edit = { SL_SCENARIO_EDIT_SET_RETENTION, agency_id, 0, 0,
                          SL_SHARING_KIND_READS, SL_TIME_MIN, SL_TIME_MAX, SL_PROVENANCE_ASSUMED,
                          NULL, retention_days, NULL };

  return sl_what_if_apply (self, &edit);
}

gboolean
sl_what_if_can_undo (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), FALSE);
  return self->n_done > 0;
}

gboolean
sl_what_if_can_redo (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), FALSE);
  return self->n_done < self->edits->len;
}

/**
 * sl_what_if_undo:
 *
 * Goes back to the scenario plus all but the last done edit; the summary
 * then states the difference undoing made.
 */
gboolean
sl_what_if_undo (SlWhatIf *self)
{
  g_autoptr(SlSharingNetwork) network = NULL;
  g_autoptr(GArray) before = NULL;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), FALSE);

  if (self->n_done == 0)
    return FALSE;
  self->n_done--;

  network = sl_sharing_network_copy (self->base);
  for (guint i = 0; i < self->n_done; i++)
    sl_sharing_network_apply_edit (network, &g_array_index (self->edits, SlScenarioEdit, i));
  set_network (self, network);

  before = g_steal_pointer (&self->exposure);
  finish_change (self, before, &g_array_index (self->edits, SlScenarioEdit, self->n_done));
  return TRUE;
}

gboolean
sl_what_if_redo (SlWhatIf *self)
{
  g_autoptr(GArray) before = NULL;
  const SlScenarioEdit *edit;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), FALSE);

  if (self->n_done >= self->edits->len)
    return FALSE;
  edit = &g_array_index (self->edits, SlScenarioEdit, self->n_done++);

  before = g_steal_pointer (&self->exposure);
  sl_sharing_network_apply_edit (self->network, edit);
  finish_change (self, before, edit);
  return TRUE;
}

guint
sl_what_if_get_n_edits (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), 0);
  return self->n_done;
}

/**
 * sl_what_if_get_edit:
 * @i: below sl_what_if_get_n_edits()
 *
 * Returns: (transfer none): the @i-th edit in force, oldest first (undone
 *   ones are not)
 */
const SlScenarioEdit *
sl_what_if_get_edit (SlWhatIf *self,
                     guint     i)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), NULL);
  g_return_val_if_fail (i < self->n_done, NULL);
  return &g_array_index (self->edits, SlScenarioEdit, i);
}

/**
 * sl_what_if_get_summary:
 *
 * Returns: (nullable): the last apply, undo or redo's difference in plain
 *   words, %NULL before the first
 */
const char *
sl_what_if_get_summary (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), NULL);
  return self->summary;
}

/**
 * sl_what_if_get_summary_focus:
 *
 * Returns: the node the summary's first sentence is about because the
 *   last edit named it (an unticked recipient), or G_MAXUINT
 */
guint
sl_what_if_get_summary_focus (SlWhatIf *self)
{
  g_return_val_if_fail (SL_IS_WHAT_IF (self), G_MAXUINT);
  return self->summary_focus;
}

static gboolean
step (SlProject     *project,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "scenarios");
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

static gboolean
insert_edits (SlWhatIf   *self,
              SlProject  *project,
              gint64      scenario_id,
              GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = sl_project_get_db (project);

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO scenario_edits (scenario_id, position, op, agency_id, "
                          "recipient_agency_id, recipient_pool_id, kind, valid_from, valid_to, "
                          "provenance, document, retention_days, note) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "scenario_edits");
      return FALSE;
    }

  for (guint i = 0; i < self->n_done; i++)
    {
      const SlScenarioEdit *edit = &g_array_index (self->edits, SlScenarioEdit, i);

      sqlite3_bind_int64 (stmt, 1, scenario_id);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, sl_scenario_edit_op_to_string (edit->op), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, edit->agency_id);
      if (edit->recipient_agency_id != 0)
        sqlite3_bind_int64 (stmt, 5, edit->recipient_agency_id);
      if (edit->recipient_pool_id != 0)
        sqlite3_bind_int64 (stmt, 6, edit->recipient_pool_id);
      if (edit->op == SL_SCENARIO_EDIT_REMOVE_EDGE || edit->op == SL_SCENARIO_EDIT_ADD_EDGE)
        sqlite3_bind_text (stmt, 7, sl_sharing_kind_to_string (edit->kind), -1, SQLITE_STATIC);
      if (edit->valid_from != SL_TIME_MIN)
        sqlite3_bind_int64 (stmt, 8, edit->valid_from);
      if (edit->valid_to != SL_TIME_MAX)
        sqlite3_bind_int64 (stmt, 9, edit->valid_to);
      if (edit->op == SL_SCENARIO_EDIT_ADD_EDGE)
        sqlite3_bind_text (stmt, 10, sl_provenance_to_string (edit->provenance), -1, SQLITE_STATIC);
      if (edit->document != NULL)
        sqlite3_bind_text (stmt, 11, edit->document, -1, SQLITE_STATIC);
      if (edit->op == SL_SCENARIO_EDIT_SET_RETENTION && edit->retention_days >= 0)
        sqlite3_bind_int (stmt, 12, edit->retention_days);
      if (edit->note != NULL)
        sqlite3_bind_text (stmt, 13, edit->note, -1, SQLITE_STATIC);
      if (!step (project, stmt, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/**
 * sl_what_if_save:
 * @name: the new scenario's name
 * @description: (nullable): what it stands for
 *
 * Stores the done edits as a new scenario deriving from the one the
 * session started from, so sl_sharing_network_load (project, name)
 * gives the session's network. All or nothing.
 */
gboolean
sl_what_if_save (SlWhatIf    *self,
                 SlProject   *project,
                 const char  *name,
                 const char  *description,
                 GError     **error)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 parent_id = 0, exists = 0, id;

  g_return_val_if_fail (SL_IS_WHAT_IF (self), FALSE);
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  db = sl_project_get_db (project);
  if (sqlite3_prepare_v2 (db, "SELECT (SELECT id FROM scenarios WHERE name = ?1), "
                          "(SELECT id FROM scenarios WHERE name = ?2)", -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "scenarios");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sl_sharing_network_get_scenario (self->base), -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      exists = sqlite3_column_int64 (stmt, 0);
      parent_id = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);

  if (exists != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s: a scenario named “%s” already exists"), sl_project_get_path (project), name);
      return FALSE;
    }
  if (parent_id == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: no sharing scenario named “%s”"), sl_project_get_path (project),
                   sl_sharing_network_get_scenario (self->base));
      return FALSE;
    }

  if (!sl_project_begin (project, error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, "INSERT INTO scenarios (name, parent_id, description) VALUES (?1, ?2, ?3)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "scenarios");
      sl_project_rollback (project);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, parent_id);
  if (description != NULL)
    sqlite3_bind_text (stmt, 3, description, -1, SQLITE_STATIC);
  if (!step (project, stmt, error))
    {
      sqlite3_finalize (stmt);
      sl_project_rollback (project);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  id = sqlite3_last_insert_rowid (db);

  if (!insert_edits (self, project, id, error) || !sl_project_commit (project, error))
    {
      sl_project_rollback (project);
      return FALSE;
    }
  return TRUE;
}
