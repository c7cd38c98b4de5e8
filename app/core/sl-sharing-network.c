/* sl-sharing-network.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-sharing-network"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-project-private.h"
#include "sl-sharing-network.h"

typedef struct
{
  guint   node;
  gint64  declared_size;
  guint   n_listed;
  guint   members_listed : 1;
  /* The node of its unlisted members, or G_MAXUINT. */
  guint   unlisted_node;
  GArray *members;
} Pool;

struct _SlSharingNetwork
{
  GObject     parent_instance;

  char       *scenario;
  GArray     *nodes;
  GHashTable *agency_nodes;
  GHashTable *pool_nodes;
  GArray     *pools;
  GArray     *edges;
  GArray     *edits;

  /* Read-sharing arcs of every node, built on demand (CSR layout). */
  guint      *arc_offsets;
  GArray     *arcs;
  guint       generation;
};

G_DEFINE_FINAL_TYPE (SlSharingNetwork, sl_sharing_network, G_TYPE_OBJECT)

static const char * const kind_names[] = { "reads", "hotlists" };
static const char * const provenance_names[] = { "document", "audit-log", "assumed" };
static const char * const edit_op_names[] = {
  "remove-edge", "add-edge", "stop-pool-sharing", "set-retention"
};

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *string,
             int                *value)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], string) == 0)
        {
          *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
sl_sharing_kind_to_string (SlSharingKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
sl_sharing_kind_from_string (const char    *string,
                             SlSharingKind *kind)
{
  return lookup_name (kind_names, G_N_ELEMENTS (kind_names), string, (int *) kind);
}

const char *
sl_provenance_to_string (SlProvenance provenance)
{
  g_return_val_if_fail (provenance < G_N_ELEMENTS (provenance_names), NULL);
  return provenance_names[provenance];
}

gboolean
sl_provenance_from_string (const char   *string,
                           SlProvenance *provenance)
{
  return lookup_name (provenance_names, G_N_ELEMENTS (provenance_names), string, (int *) provenance);
}

const char *
sl_scenario_edit_op_to_string (SlScenarioEditOp op)
{
  g_return_val_if_fail (op < G_N_ELEMENTS (edit_op_names), NULL);
  return edit_op_names[op];
}

gboolean
sl_scenario_edit_op_from_string (const char       *string,
                                 SlScenarioEditOp *op)
{
  return lookup_name (edit_op_names, G_N_ELEMENTS (edit_op_names), string, (int *) op);
}

void
sl_sharing_edge_clear (SlSharingEdge *edge)
{
  g_clear_pointer (&edge->document, g_free);
  g_clear_pointer (&edge->note, g_free);
}

void
sl_scenario_edit_clear (SlScenarioEdit *edit)
{
  g_clear_pointer (&edit->document, g_free);
  g_clear_pointer (&edit->note, g_free);
}

static void
node_clear (SlSharingNode *node)
{
  g_clear_pointer (&node->name, g_free);
}

static void
pool_clear (Pool *pool)
{
  g_clear_pointer (&pool->members, g_array_unref);
}

static void
sl_sharing_network_finalize (GObject *object)
{
  SlSharingNetwork *self = (SlSharingNetwork *)object;

  g_clear_pointer (&self->scenario, g_free);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->agency_nodes, g_hash_table_unref);
  g_clear_pointer (&self->pool_nodes, g_hash_table_unref);
  g_clear_pointer (&self->pools, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->edits, g_array_unref);
  g_clear_pointer (&self->arc_offsets, g_free);
  g_clear_pointer (&self->arcs, g_array_unref);

  G_OBJECT_CLASS (sl_sharing_network_parent_class)->finalize (object);
}

static void
sl_sharing_network_class_init (SlSharingNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_sharing_network_finalize;
}

static void
sl_sharing_network_init (SlSharingNetwork *self)
{
  self->nodes = g_array_new (FALSE, TRUE, sizeof (SlSharingNode));
  g_array_set_clear_func (self->nodes, (GDestroyNotify) node_clear);
  self->agency_nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pool_nodes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pools = g_array_new (FALSE, TRUE, sizeof (Pool));
  g_array_set_clear_func (self->pools, (GDestroyNotify) pool_clear);
  self->edges = g_array_new (FALSE, TRUE, sizeof (SlSharingEdge));
  g_array_set_clear_func (self->edges, (GDestroyNotify) sl_sharing_edge_clear);
  self->edits = g_array_new (FALSE, TRUE, sizeof (SlScenarioEdit));
  g_array_set_clear_func (self->edits, (GDestroyNotify) sl_scenario_edit_clear);
}

SlSharingNetwork *
sl_sharing_network_new (void)
{
  return g_object_new (SL_TYPE_SHARING_NETWORK, NULL);
}

static void
invalidate (SlSharingNetwork *self)
{
  g_clear_pointer (&self->arc_offsets, g_free);
  g_clear_pointer (&self->arcs, g_array_unref);
  self->generation++;
}

static guint
add_node (SlSharingNetwork  *self,
          SlSharingNodeKind  kind,
          gint64             id,
          char              *name)
{
  SlSharingNode node = { kind, id, name, SL_RETENTION_UNKNOWN, FALSE, 0 };

  g_array_append_val (self->nodes, node);
  invalidate (self);

  return self->nodes->len - 1;
}

static void
insert_id (GHashTable *table,
           gint64      id,
           guint       value)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (value + 1));
}

static gboolean
find_id (GHashTable *table,
         gint64      id,
         guint      *value)
{
  gpointer found = g_hash_table_lookup (table, &id);

  if (found == NULL)
    return FALSE;
  if (value != NULL)
    *value = GPOINTER_TO_UINT (found) - 1;
  return TRUE;
}

void
sl_sharing_network_add_agency (SlSharingNetwork *self,
                               gint64            id,
                               const char       *name,
                               int               retention_days,
                               gboolean          reshares)
{
  SlSharingNode *node;
  guint index;

  g_return_if_fail (SL_IS_SHARING_NETWORK (self));
  g_return_if_fail (id > 0 && !find_id (self->agency_nodes, id, NULL));

  index = add_node (self, SL_SHARING_NODE_AGENCY, id, g_strdup (name));
  node = &g_array_index (self->nodes, SlSharingNode, index);
  node->retention_days = retention_days < 0 ? SL_RETENTION_UNKNOWN : retention_days;
  node->reshares = !!reshares;
  node->members = 1;
  insert_id (self->agency_nodes, id, index);
}

/**
 * sl_sharing_network_add_pool:
 * @declared_size: the size a document claims, or -1 when unknown
 * @members_listed: whether the members added later are the whole membership
 *
 * A pool whose membership is not wholly listed gets one more node standing
 * for its unlisted members: max (0, declared_size - listed members) of them,
 * or an unknown number when the size is unknown.
 */
void
sl_sharing_network_add_pool (SlSharingNetwork *self,
                             gint64            id,
                             const char       *name,
                             gint64            declared_size,
                             gboolean          members_listed)
{
  Pool pool = { 0, declared_size, 0, !!members_listed, G_MAXUINT, NULL };

  g_return_if_fail (SL_IS_SHARING_NETWORK (self));
  g_return_if_fail (id > 0 && !find_id (self->pool_nodes, id, NULL));

  pool.node = add_node (self, SL_SHARING_NODE_POOL, id, g_strdup (name));
  pool.members = g_array_new (FALSE, FALSE, sizeof (guint));
  insert_id (self->pool_nodes, id, self->pools->len);
  g_array_append_val (self->pools, pool);

  if (!members_listed)
    {
      guint unlisted = add_node (self, SL_SHARING_NODE_UNLISTED, id, NULL);

      g_array_index (self->pools, Pool, self->pools->len - 1).unlisted_node = unlisted;
    }
}

void
sl_sharing_network_add_pool_member (SlSharingNetwork *self,
                                    gint64            pool_id,
                                    gint64            agency_id)
{
  guint pool_index;
  guint agency_node;
  Pool *pool;

  g_return_if_fail (SL_IS_SHARING_NETWORK (self));
  g_return_if_fail (find_id (self->pool_nodes, pool_id, &pool_index));
  g_return_if_fail (find_id (self->agency_nodes, agency_id, &agency_node));

  pool = &g_array_index (self->pools, Pool, pool_index);
  g_array_append_val (pool->members, agency_node);
  pool->n_listed++;
  invalidate (self);
}

static void
copy_edge (SlSharingEdge       *dest,
           const SlSharingEdge *src)
{
  *dest = *src;
  dest->document = g_strdup (src->document);
  dest->note = g_strdup (src->note);
}

void
sl_sharing_network_add_edge (SlSharingNetwork    *self,
                             const SlSharingEdge *edge)
{
  SlSharingEdge copy;

  g_return_if_fail (SL_IS_SHARING_NETWORK (self));
  g_return_if_fail (find_id (self->agency_nodes, edge->owner_id, NULL));
  g_return_if_fail ((edge->recipient_agency_id != 0) != (edge->recipient_pool_id != 0));

  copy_edge (&copy, edge);
  g_array_append_val (self->edges, copy);
  invalidate (self);
}

static gboolean
same_recipient (const SlSharingEdge *edge,
                gint64               agency_id,
                gint64               pool_id)
{
  return edge->recipient_agency_id == agency_id && edge->recipient_pool_id == pool_id;
}

/**
 * sl_sharing_network_apply_edit:
 *
 * Applies one scenario edit to the edges (see docs/visibility.md,
 * "Scenarios") and records it, in order, for sl_sharing_network_get_edit().
 */
void
sl_sharing_network_apply_edit (SlSharingNetwork     *self,
                               const SlScenarioEdit *edit)
{
  SlScenarioEdit copy;

  g_return_if_fail (SL_IS_SHARING_NETWORK (self));

  switch (edit->op)
    {
    case SL_SCENARIO_EDIT_REMOVE_EDGE:
      for (guint i = self->edges->len; i > 0; i--)
        {
          SlSharingEdge *edge = &g_array_index (self->edges, SlSharingEdge, i - 1);

          if (edge->owner_id == edit->agency_id && edge->kind == edit->kind &&
              same_recipient (edge, edit->recipient_agency_id, edit->recipient_pool_id))
            g_array_remove_index (self->edges, i - 1);
        }
      break;

    case SL_SCENARIO_EDIT_ADD_EDGE:
      {
        SlSharingEdge edge = {
          edit->agency_id, edit->recipient_agency_id, edit->recipient_pool_id, edit->kind,
          edit->valid_from, edit->valid_to, edit->provenance, edit->document, edit->note
        };
        sl_sharing_network_add_edge (self, &edge);
      }
      break;

    case SL_SCENARIO_EDIT_STOP_POOL_SHARING:
      for (guint i = self->edges->len; i > 0; i--)
        {
          SlSharingEdge *edge = &g_array_index (self->edges, SlSharingEdge, i - 1);

          if (edge->owner_id != edit->agency_id || edge->recipient_pool_id == 0 ||
              edge->kind != SL_SHARING_KIND_READS ||
              (edit->recipient_pool_id != 0 && edge->recipient_pool_id != edit->recipient_pool_id))
            continue;

          if (edge->valid_from >= edit->valid_from)
            g_array_remove_index (self->edges, i - 1);
          else
            edge->valid_to = MIN (edge->valid_to, edit->valid_from);
        }
      break;

    case SL_SCENARIO_EDIT_SET_RETENTION:
      {
        guint node;

        g_return_if_fail (find_id (self->agency_nodes, edit->agency_id, &node));
        g_array_index (self->nodes, SlSharingNode, node).retention_days =
          edit->retention_days < 0 ? SL_RETENTION_UNKNOWN : edit->retention_days;
      }
      break;

    default:
      g_return_if_reached ();
    }

  copy = *edit;
  copy.document = g_strdup (edit->document);
  copy.note = g_strdup (edit->note);
  g_array_append_val (self->edits, copy);
  invalidate (self);
}

/**
 * sl_sharing_network_copy:
 *
 * A deep copy with the same node indices, edges and recorded edits, so a
 * what-if session can go back to a scenario without reloading it.
 *
 * Returns: (transfer full): the copy
 */
SlSharingNetwork *
sl_sharing_network_copy (SlSharingNetwork *self)
{
  SlSharingNetwork *copy;

  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), NULL);

  copy = sl_sharing_network_new ();
  copy->scenario = g_strdup (self->scenario);

  /* Replaying the additions in node order keeps every node index. */
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const SlSharingNode *node = &g_array_index (self->nodes, SlSharingNode, i);
      guint pool_index;

      if (node->kind == SL_SHARING_NODE_AGENCY)
        sl_sharing_network_add_agency (copy, node->id, node->name, node->retention_days, node->reshares);
      else if (node->kind == SL_SHARING_NODE_POOL && find_id (self->pool_nodes, node->id, &pool_index))
        {
          const Pool *pool = &g_array_index (self->pools, Pool, pool_index);

          sl_sharing_network_add_pool (copy, node->id, node->name, pool->declared_size, pool->members_listed);
        }
    }

  for (guint p = 0; p < self->pools->len; p++)
    {
      const Pool *pool = &g_array_index (self->pools, Pool, p);
      gint64 pool_id = g_array_index (self->nodes, SlSharingNode, pool->node).id;

      for (guint m = 0; m < pool->members->len; m++)
        {
          guint member = g_array_index (pool->members, guint, m);

          sl_sharing_network_add_pool_member (copy, pool_id,
                                              g_array_index (self->nodes, SlSharingNode, member).id);
        }
    }

  for (guint i = 0; i < self->edges->len; i++)
    sl_sharing_network_add_edge (copy, &g_array_index (self->edges, SlSharingEdge, i));

  /* The edits are already folded into the edges: record them only. */
  for (guint i = 0; i < self->edits->len; i++)
    {
      SlScenarioEdit edit = g_array_index (self->edits, SlScenarioEdit, i);

      edit.document = g_strdup (edit.document);
      edit.note = g_strdup (edit.note);
      g_array_append_val (copy->edits, edit);
    }

  invalidate (copy);
  return copy;
}

const char *
sl_sharing_network_get_scenario (SlSharingNetwork *self)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), NULL);
  return self->scenario;
}

guint
sl_sharing_network_get_n_edges (SlSharingNetwork *self)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), 0);
  return self->edges->len;
}

const SlSharingEdge *
sl_sharing_network_get_edge (SlSharingNetwork *self,
                             guint             i)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), NULL);
  g_return_val_if_fail (i < self->edges->len, NULL);
  return &g_array_index (self->edges, SlSharingEdge, i);
}

guint
sl_sharing_network_get_n_edits (SlSharingNetwork *self)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), 0);
  return self->edits->len;
}

const SlScenarioEdit *
sl_sharing_network_get_edit (SlSharingNetwork *self,
                             guint             i)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), NULL);
  g_return_val_if_fail (i < self->edits->len, NULL);
  return &g_array_index (self->edits, SlScenarioEdit, i);
}

guint
sl_sharing_network_get_n_nodes (SlSharingNetwork *self)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), 0);
  return self->nodes->len;
}

static void
ensure_unlisted_names (SlSharingNetwork *self)
{
  for (guint i = 0; i < self->pools->len; i++)
    {
      Pool *pool = &g_array_index (self->pools, Pool, i);
      SlSharingNode *node;
      const char *pool_name;

      if (pool->unlisted_node == G_MAXUINT)
        continue;

      node = &g_array_index (self->nodes, SlSharingNode, pool->unlisted_node);
      pool_name = g_array_index (self->nodes, SlSharingNode, pool->node).name;
      node->members = pool->declared_size < 0 ? -1 : MAX (0, pool->declared_size - (gint64) pool->n_listed);
      g_free (node->name);
      if (node->members < 0)
        node->name = g_strdup_printf (_("unlisted members of %s"), pool_name);
      else
        node->name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%lld unlisted member of %s",
                                                   "%lld unlisted members of %s",
                                                   node->members),
                                      (long long) node->members, pool_name);
    }
}

typedef struct
{
  guint         source;
  SlSharingArc  arc;
} SourcedArc;

static int
compare_sourced_arcs (const void *a,
                      const void *b)
{
  const SourcedArc *x = a;
  const SourcedArc *y = b;

  if (x->source != y->source)
    return x->source < y->source ? -1 : 1;
  if (x->arc.target != y->arc.target)
    return x->arc.target < y->arc.target ? -1 : 1;
  if (x->arc.valid_from != y->arc.valid_from)
    return x->arc.valid_from < y->arc.valid_from ? -1 : 1;
  return 0;
}

/* Builds the read-sharing graph: one arc per "reads" edge, and arcs from
 * every pool to its members, always in force. Hot-list edges share no
 * reads and make no arc. */
static void
ensure_graph (SlSharingNetwork *self)
{
  g_autoptr(GArray) sourced = NULL;
  guint n_nodes = self->nodes->len;

  if (self->arcs != NULL)
    return;

  ensure_unlisted_names (self);
  sourced = g_array_sized_new (FALSE, FALSE, sizeof (SourcedArc), self->edges->len);

  for (guint i = 0; i < self->edges->len; i++)
    {
      const SlSharingEdge *edge = &g_array_index (self->edges, SlSharingEdge, i);
      SourcedArc arc = { 0, { 0, edge->valid_from, edge->valid_to } };
      gboolean found;

      if (edge->kind != SL_SHARING_KIND_READS || edge->valid_from >= edge->valid_to)
        continue;

      found = find_id (self->agency_nodes, edge->owner_id, &arc.source);
      if (edge->recipient_agency_id != 0)
        found = found && find_id (self->agency_nodes, edge->recipient_agency_id, &arc.arc.target);
      else
        {
          guint pool_index;

          found = found && find_id (self->pool_nodes, edge->recipient_pool_id, &pool_index);
          if (found)
            arc.arc.target = g_array_index (self->pools, Pool, pool_index).node;
        }

      g_return_if_fail (found);
      g_array_append_val (sourced, arc);
    }

  for (guint i = 0; i < self->pools->len; i++)
    {
      Pool *pool = &g_array_index (self->pools, Pool, i);
      SourcedArc arc = { pool->node, { 0, SL_TIME_MIN, SL_TIME_MAX } };

      for (guint j = 0; j < pool->members->len; j++)
        {
          arc.arc.target = g_array_index (pool->members, guint, j);
          g_array_append_val (sourced, arc);
        }

      if (pool->unlisted_node != G_MAXUINT)
        {
          arc.arc.target = pool->unlisted_node;
          g_array_append_val (sourced, arc);
        }
    }

  /* Sorted by target so closures break ties between equally short paths
   * the same way every time. */
  g_array_sort (sourced, compare_sourced_arcs);

  self->arc_offsets = g_new0 (guint, n_nodes + 1);
  self->arcs = g_array_sized_new (FALSE, FALSE, sizeof (SlSharingArc), sourced->len);
  for (guint i = 0; i < sourced->len; i++)
    {
      SourcedArc *arc = &g_array_index (sourced, SourcedArc, i);

      self->arc_offsets[arc->source + 1]++;
      g_array_append_val (self->arcs, arc->arc);
    }
  for (guint i = 0; i < n_nodes; i++)
    self->arc_offsets[i + 1] += self->arc_offsets[i];
}

const SlSharingNode *
sl_sharing_network_get_node (SlSharingNetwork *self,
                             guint             node)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  ensure_graph (self);
  return &g_array_index (self->nodes, SlSharingNode, node);
}

gboolean
sl_sharing_network_find_agency (SlSharingNetwork *self,
                                gint64            agency_id,
                                guint            *node)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), FALSE);
  return find_id (self->agency_nodes, agency_id, node);
}

gboolean
sl_sharing_network_find_pool (SlSharingNetwork *self,
                              gint64            pool_id,
                              guint            *node)
{
  guint pool_index;

  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), FALSE);

  if (!find_id (self->pool_nodes, pool_id, &pool_index))
    return FALSE;
  if (node != NULL)
    *node = g_array_index (self->pools, Pool, pool_index).node;
  return TRUE;
}

/**
 * sl_sharing_network_find_named:
 * @node: (out) (optional): the node of the agency or pool named @name
 *
 * Looks a node up by its name, as people and lessons give it; the first
 * one in node order when two share it. A walk over the nodes: for one
 * lookup, not for every node of another walk.
 *
 * Returns: whether a node has that name
 */
gboolean
sl_sharing_network_find_named (SlSharingNetwork *self,
                               const char       *name,
                               guint            *node)
{
  guint n_nodes;

  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  n_nodes = sl_sharing_network_get_n_nodes (self);
  for (guint i = 0; i < n_nodes; i++)
    {
      if (g_strcmp0 (sl_sharing_network_get_node (self, i)->name, name) == 0)
        {
          if (node != NULL)
            *node = i;
          return TRUE;
        }
    }
  return FALSE;
}

const SlSharingArc *
sl_sharing_network_get_arcs (SlSharingNetwork *self,
                             guint             node,
                             guint            *n_arcs)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), NULL);
  g_return_val_if_fail (node < self->nodes->len, NULL);

  ensure_graph (self);
  *n_arcs = self->arc_offsets[node + 1] - self->arc_offsets[node];
  return &g_array_index (self->arcs, SlSharingArc, self->arc_offsets[node]);
}

/* Pools always pass reads on to their members; agencies only when they are
 * re-sharers; unlisted members never (nothing is known of their sharing). */
gboolean
sl_sharing_network_node_forwards (SlSharingNetwork *self,
                                  guint             node)
{
  const SlSharingNode *n = sl_sharing_network_get_node (self, node);

  return n->kind == SL_SHARING_NODE_POOL ||
         (n->kind == SL_SHARING_NODE_AGENCY && n->reshares);
}

guint
sl_sharing_network_get_generation (SlSharingNetwork *self)
{
  g_return_val_if_fail (SL_IS_SHARING_NETWORK (self), 0);
  return self->generation;
}

/* Loading from a project */

static gboolean
prepare (SlProject     *project,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }
  return TRUE;
}

static gint64
column_time (sqlite3_stmt *stmt,
             int           column,
             gint64        open_value)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return open_value;
  return sqlite3_column_int64 (stmt, column);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static int
column_retention (sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return SL_RETENTION_UNKNOWN;
  return (int) MIN (sqlite3_column_int64 (stmt, column), G_MAXINT);
}

static gboolean
finish (SlProject     *project,
        sqlite3_stmt  *stmt,
        int            rc,
        const char    *context,
        GError       **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, context);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_nodes (SlSharingNetwork  *self,
            SlProject         *project,
            GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (project, "SELECT id, name, retention_days, reshares FROM agencies ORDER BY id",
                &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    sl_sharing_network_add_agency (self, sqlite3_column_int64 (stmt, 0),
                                   (const char *) sqlite3_column_text (stmt, 1),
                                   column_retention (stmt, 2),
                                   sqlite3_column_int (stmt, 3));
  if (!finish (project, stmt, rc, "agencies", error))
    return FALSE;

  if (!prepare (project, "SELECT id, name, declared_size, members_listed FROM pools ORDER BY id",
                &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    sl_sharing_network_add_pool (self, sqlite3_column_int64 (stmt, 0),
                                 (const char *) sqlite3_column_text (stmt, 1),
                                 column_time (stmt, 2, -1),
                                 sqlite3_column_int (stmt, 3));
  if (!finish (project, stmt, rc, "pools", error))
    return FALSE;

  if (!prepare (project, "SELECT pool_id, agency_id FROM pool_members ORDER BY pool_id, agency_id",
                &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    sl_sharing_network_add_pool_member (self, sqlite3_column_int64 (stmt, 0),
                                        sqlite3_column_int64 (stmt, 1));
  return finish (project, stmt, rc, "pool_members", error);
}

static gboolean
load_scenario_chain (SlProject   *project,
                     const char  *name,
                     GArray      *chain,
                     GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;
  gint64 parent = 0;
  int rc;

  if (!prepare (project, "SELECT id, parent_id FROM scenarios WHERE name = ?1", &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      parent = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: no sharing scenario named “%s”"),
                   sl_project_get_path (project), name);
      return FALSE;
    }

  g_array_prepend_val (chain, id);
  while (parent != 0)
    {
      for (guint i = 0; i < chain->len; i++)
        {
          if (g_array_index (chain, gint64, i) == parent)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("%s: scenario “%s” derives from itself"),
                           sl_project_get_path (project), name);
              return FALSE;
            }
        }

      g_array_prepend_val (chain, parent);
      if (!prepare (project, "SELECT parent_id FROM scenarios WHERE id = ?1", &stmt, error))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, parent);
      rc = sqlite3_step (stmt);
      parent = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_finalize (stmt);
    }

  return TRUE;
}

static gboolean
load_edges (SlSharingNetwork  *self,
            SlProject         *project,
            gint64             scenario_id,
            GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (project,
                "SELECT owner_id, recipient_agency_id, recipient_pool_id, kind, valid_from, "
                "valid_to, provenance, document, note FROM sharing_edges "
                "WHERE scenario_id = ?1 ORDER BY id",
                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlSharingEdge edge = { 0, };

      edge.owner_id = sqlite3_column_int64 (stmt, 0);
      edge.recipient_agency_id = sqlite3_column_int64 (stmt, 1);
      edge.recipient_pool_id = sqlite3_column_int64 (stmt, 2);
      sl_sharing_kind_from_string ((const char *) sqlite3_column_text (stmt, 3), &edge.kind);
      edge.valid_from = column_time (stmt, 4, SL_TIME_MIN);
      edge.valid_to = column_time (stmt, 5, SL_TIME_MAX);
      sl_provenance_from_string ((const char *) sqlite3_column_text (stmt, 6), &edge.provenance);
      edge.document = (char *) sqlite3_column_text (stmt, 7);
      edge.note = (char *) sqlite3_column_text (stmt, 8);
      sl_sharing_network_add_edge (self, &edge);
    }

  return finish (project, stmt, rc, "sharing_edges", error);
}

static gboolean
load_edits (SlSharingNetwork  *self,
            SlProject         *project,
            gint64             scenario_id,
            GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (project,
                "SELECT op, agency_id, recipient_agency_id, recipient_pool_id, kind, valid_from, "
                "valid_to, provenance, document, retention_days, note FROM scenario_edits "
                "WHERE scenario_id = ?1 ORDER BY position",
                &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, scenario_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SlScenarioEdit edit = { 0, };

      sl_scenario_edit_op_from_string ((const char *) sqlite3_column_text (stmt, 0), &edit.op);
      edit.agency_id = sqlite3_column_int64 (stmt, 1);
      edit.recipient_agency_id = sqlite3_column_int64 (stmt, 2);
      edit.recipient_pool_id = sqlite3_column_int64 (stmt, 3);
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        sl_sharing_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &edit.kind);
      edit.valid_from = column_time (stmt, 5, SL_TIME_MIN);
      edit.valid_to = column_time (stmt, 6, SL_TIME_MAX);
      edit.provenance = SL_PROVENANCE_ASSUMED;
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        sl_provenance_from_string ((const char *) sqlite3_column_text (stmt, 7), &edit.provenance);
      edit.document = (char *) sqlite3_column_text (stmt, 8);
      edit.retention_days = column_retention (stmt, 9);
      edit.note = (char *) sqlite3_column_text (stmt, 10);
      sl_sharing_network_apply_edit (self, &edit);
    }

  return finish (project, stmt, rc, "scenario_edits", error);
}

/**
 * sl_sharing_network_dup_default_scenario:
 *
 * Returns: (transfer full) (nullable): the name of the scenario commands use
 *   when none is named: the first one imported. %NULL with @error set when
 *   the project has none.
 */
char *
sl_sharing_network_dup_default_scenario (SlProject  *project,
                                         GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;

  if (!prepare (project, "SELECT name FROM scenarios ORDER BY id LIMIT 1", &stmt, error))
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = column_dup (stmt, 0);
  sqlite3_finalize (stmt);

  if (name == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s: the project has no sharing scenario; import one with import-sharing"),
                 sl_project_get_path (project));
  return name;
}

/**
 * sl_sharing_network_load:
 * @project: a #SlProject
 * @scenario: (nullable): a scenario name, or %NULL for the default one
 * @error: location for a #GError
 *
 * Loads every agency and pool of @project and the edges of @scenario,
 * resolved: the parent's resolved edges, then the scenario's own edges,
 * then its edits in order.
 *
 * Returns: (transfer full): the network, or %NULL with @error set
 */
SlSharingNetwork *
sl_sharing_network_load (SlProject   *project,
                         const char  *scenario,
                         GError     **error)
{
  g_autoptr(SlSharingNetwork) self = sl_sharing_network_new ();
  g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *default_name = NULL;

  g_return_val_if_fail (SL_IS_PROJECT (project), NULL);

  if (scenario == NULL)
    {
      default_name = sl_sharing_network_dup_default_scenario (project, error);
      if (default_name == NULL)
        return NULL;
      scenario = default_name;
    }

  if (!load_scenario_chain (project, scenario, chain, error) ||
      !load_nodes (self, project, error))
    return NULL;

  for (guint i = 0; i < chain->len; i++)
    {
      gint64 id = g_array_index (chain, gint64, i);

      if (!load_edges (self, project, id, error) ||
          !load_edits (self, project, id, error))
        return NULL;
    }

  self->scenario = g_strdup (scenario);
  return g_steal_pointer (&self);
}

/* Editing scenarios */

static gint64
scenario_id (SlProject   *project,
             const char  *name,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (!prepare (project, "SELECT id FROM scenarios WHERE name = ?1", &stmt, error))
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (id == 0)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("%s: no sharing scenario named “%s”"), sl_project_get_path (project), name);
  return id;
}

static gboolean
run (SlProject     *project,
     sqlite3_stmt  *stmt,
     const char    *context,
     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, context);
      return FALSE;
    }
  return TRUE;
}

/**
 * sl_scenario_create:
 * @parent: (nullable): the scenario it derives from
 *
 * Creates an empty scenario; with a parent it starts equal to the parent.
 */
gboolean
sl_scenario_create (SlProject   *project,
                    const char  *name,
                    const char  *parent,
                    const char  *description,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 parent_id = 0;
  int rc;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (parent != NULL && (parent_id = scenario_id (project, parent, error)) == 0)
    return FALSE;

  if (!prepare (project, "INSERT INTO scenarios (name, parent_id, description) VALUES (?1, ?2, ?3)",
                &stmt, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_text (stmt, 3, description, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s: a sharing scenario named “%s” exists already"), sl_project_get_path (project), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "scenarios");
      return FALSE;
    }
  return TRUE;
}

static void
bind_open (sqlite3_stmt *stmt,
           int           index,
           gint64        value,
           gint64        open_value)
{
  if (value != open_value)
    sqlite3_bind_int64 (stmt, index, value);
}

/**
 * sl_scenario_append_edit:
 *
 * Adds @edit after the scenario's last edit.
 */
gboolean
sl_scenario_append_edit (SlProject             *project,
                         const char            *scenario,
                         const SlScenarioEdit  *edit,
                         GError               **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean edge_op = edit->op == SL_SCENARIO_EDIT_REMOVE_EDGE || edit->op == SL_SCENARIO_EDIT_ADD_EDGE;
  gint64 id;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  if ((id = scenario_id (project, scenario, error)) == 0 ||
      !prepare (project,
                "INSERT INTO scenario_edits (scenario_id, position, op, agency_id, recipient_agency_id, "
                "recipient_pool_id, kind, valid_from, valid_to, provenance, document, retention_days, note) "
                "VALUES (?1, (SELECT coalesce (max (position) + 1, 0) FROM scenario_edits WHERE scenario_id = ?1), "
                "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                &stmt, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, sl_scenario_edit_op_to_string (edit->op), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, edit->agency_id);
  bind_open (stmt, 4, edit->recipient_agency_id, 0);
  bind_open (stmt, 5, edit->recipient_pool_id, 0);
  if (edge_op)
    sqlite3_bind_text (stmt, 6, sl_sharing_kind_to_string (edit->kind), -1, SQLITE_STATIC);
  if (edge_op || edit->op == SL_SCENARIO_EDIT_STOP_POOL_SHARING)
    {
      bind_open (stmt, 7, edit->valid_from, SL_TIME_MIN);
      bind_open (stmt, 8, edit->valid_to, SL_TIME_MAX);
    }
  if (edit->op == SL_SCENARIO_EDIT_ADD_EDGE)
    sqlite3_bind_text (stmt, 9, sl_provenance_to_string (edit->provenance), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, edit->document, -1, SQLITE_STATIC);
  if (edit->op == SL_SCENARIO_EDIT_SET_RETENTION && edit->retention_days >= 0)
    sqlite3_bind_int (stmt, 11, edit->retention_days);
  sqlite3_bind_text (stmt, 12, edit->note, -1, SQLITE_STATIC);

  return run (project, stmt, "scenario_edits", error);
}

/**
 * sl_scenario_remove_edit:
 * @position: the edit's place among the scenario's own edits, from 0
 *
 * Undoes one edit: removes it and closes the gap, all or nothing.
 */
gboolean
sl_scenario_remove_edit (SlProject   *project,
                         const char  *scenario,
                         guint        position,
                         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  if ((id = scenario_id (project, scenario, error)) == 0 ||
      !sl_project_exec (project, "SAVEPOINT remove_edit", error))
    return FALSE;

  if (!prepare (project, "DELETE FROM scenario_edits WHERE scenario_id = ?1 AND position = ?2", &stmt, error))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, position);
  if (!run (project, stmt, "scenario_edits", error))
    goto failed;
  if (sqlite3_changes (sl_project_get_db (project)) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: scenario “%s” has no edit %u"), sl_project_get_path (project), scenario, position);
      goto failed;
    }

  /* Two steps, so no moment has two edits in one place. */
  if (!prepare (project,
                "UPDATE scenario_edits SET position = -position WHERE scenario_id = ?1 AND position > ?2",
                &stmt, error))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, position);
  if (!run (project, stmt, "scenario_edits", error) ||
      !prepare (project,
                "UPDATE scenario_edits SET position = -position - 1 WHERE scenario_id = ?1 AND position < 0",
                &stmt, error))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!run (project, stmt, "scenario_edits", error))
    goto failed;

  return sl_project_exec (project, "RELEASE remove_edit", error);

failed:
  sqlite3_exec (sl_project_get_db (project), "ROLLBACK TO remove_edit; RELEASE remove_edit", NULL, NULL, NULL);
  return FALSE;
}

/**
 * sl_scenario_delete:
 *
 * Deletes a scenario with its edges and edits; refused while another
 * scenario derives from it.
 */
gboolean
sl_scenario_delete (SlProject   *project,
                    const char  *scenario,
                    GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);

  if ((id = scenario_id (project, scenario, error)) == 0 ||
      !prepare (project, "DELETE FROM scenarios WHERE id = ?1", &stmt, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("%s: other scenarios derive from “%s”; delete them first"),
                   sl_project_get_path (project), scenario);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "scenarios");
      return FALSE;
    }
  return TRUE;
}
