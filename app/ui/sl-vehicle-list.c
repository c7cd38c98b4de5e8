/* sl-vehicle-list.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-vehicle-list"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-vehicle-list-private.h"
#include "sl-vehicle-ranking.h"

/* The project's vehicles ranked by reads, filtered by the plate search's
 * prefix. A project can hold a million plates: the ranking is counted once
 * on the project worker, the model is virtual (a GtkListView asks only for
 * the rows it shows) and plates are read from the project a page at a
 * time, on the worker, when a row of the page is first asked for. */

/* SlVehicleItem */

struct _SlVehicleItem
{
  GObject  parent_instance;

  gint64   plate_id;
  guint    n_reads;
  guint    rank;
  /* NULL until its page is read. */
  char    *plate;
};

G_DEFINE_FINAL_TYPE (SlVehicleItem, sl_vehicle_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_PLATE,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
sl_vehicle_item_finalize (GObject *object)
{
  g_free (SL_VEHICLE_ITEM (object)->plate);
  G_OBJECT_CLASS (sl_vehicle_item_parent_class)->finalize (object);
}

static void
sl_vehicle_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case ITEM_PROP_PLATE:
      g_value_set_string (value, SL_VEHICLE_ITEM (object)->plate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_vehicle_item_class_init (SlVehicleItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_vehicle_item_finalize;
  object_class->get_property = sl_vehicle_item_get_property;

  /**
   * SlVehicleItem:plate:
   *
   * The plate as stored (a pseudonym in a pseudonymised project), %NULL
   * until it has been read.
   */
  item_properties[ITEM_PROP_PLATE] =
    g_param_spec_string ("plate", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
sl_vehicle_item_init (SlVehicleItem *self)
{
}

gint64
sl_vehicle_item_get_plate_id (SlVehicleItem *self)
{
  g_return_val_if_fail (SL_IS_VEHICLE_ITEM (self), 0);
  return self->plate_id;
}

guint
sl_vehicle_item_get_n_reads (SlVehicleItem *self)
{
  g_return_val_if_fail (SL_IS_VEHICLE_ITEM (self), 0);
  return self->n_reads;
}

guint
sl_vehicle_item_get_rank (SlVehicleItem *self)
{
  g_return_val_if_fail (SL_IS_VEHICLE_ITEM (self), 0);
  return self->rank;
}

const char *
sl_vehicle_item_get_plate (SlVehicleItem *self)
{
  g_return_val_if_fail (SL_IS_VEHICLE_ITEM (self), NULL);
  return self->plate;
}

/* SlVehicleModel: the virtual list. */

#define PAGE_SIZE 128

#define SL_TYPE_VEHICLE_MODEL (sl_vehicle_model_get_type ())

G_DECLARE_FINAL_TYPE (SlVehicleModel, sl_vehicle_model, SL, VEHICLE_MODEL, GObject)

struct _SlVehicleModel
{
  GObject          parent_instance;

  /* SlRankedVehicle, in rank order. */
  GArray          *vehicles;
  /* Per page of PAGE_SIZE vehicles: a GPtrArray of its items once a row
   * of it was asked for, else NULL. */
  GPtrArray       *pages;
  /* Counts set_vehicles() calls: page reads for older lists are dropped. */
  guint            generation;
  guint            n_pending_pages;
  /* Borrowed from the list, which clears them before the worker goes. */
  SlProjectWorker *worker;
  GCancellable    *cancellable;
};

static void sl_vehicle_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SlVehicleModel, sl_vehicle_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, sl_vehicle_model_list_model_init))

typedef struct
{
  guint   generation;
  guint   page;
  GArray *vehicles;  /* SlRankedVehicle */
} PageRequest;

static void
page_request_free (PageRequest *request)
{
  g_array_unref (request->vehicles);
  g_free (request);
}

static void
load_page (GTask        *task,
           SlProject    *project,
           gpointer      task_data,
           GCancellable *cancellable)
{
  PageRequest *request = task_data;
  GError *error = NULL;
  GStrv plates;

  plates = sl_vehicle_ranking_load_plates (project, (SlRankedVehicle *) request->vehicles->data,
                                           request->vehicles->len, &error);
  if (plates == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, plates, (GDestroyNotify) g_strfreev);
}

static void
on_page_loaded (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  SlVehicleModel *self = SL_VEHICLE_MODEL (source);
  PageRequest *request = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) plates = NULL;
  GPtrArray *items;

  self->n_pending_pages--;
  plates = g_task_propagate_pointer (G_TASK (res), &error);
  if (plates == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the plates of the vehicle list: %s", error->message);
      return;
    }
  if (request->generation != self->generation)
    return;

  items = self->pages->pdata[request->page];
  for (guint i = 0; i < items->len; i++)
    {
      SlVehicleItem *item = items->pdata[i];

      item->plate = g_steal_pointer (&plates[i]);
      g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_PLATE]);
    }
}

static GType
sl_vehicle_model_get_item_type (GListModel *model)
{
  return SL_TYPE_VEHICLE_ITEM;
}

static guint
sl_vehicle_model_get_n_items (GListModel *model)
{
  return SL_VEHICLE_MODEL (model)->vehicles->len;
}

static gpointer
sl_vehicle_model_get_item (GListModel *model,
                           guint       position)
{
  SlVehicleModel *self = SL_VEHICLE_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->vehicles->len)
    return NULL;

  items = self->pages->pdata[page];
  if (items == NULL)
    {
      guint start = page * PAGE_SIZE;
      guint n = MIN (PAGE_SIZE, self->vehicles->len - start);

      items = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        {
          const SlRankedVehicle *vehicle = &g_array_index (self->vehicles, SlRankedVehicle, start + i);
          SlVehicleItem *item = g_object_new (SL_TYPE_VEHICLE_ITEM, NULL);

          item->plate_id = vehicle->plate_id;
          item->n_reads = vehicle->n_reads;
          item->rank = vehicle->rank;
          g_ptr_array_add (items, item);
        }
      self->pages->pdata[page] = items;

      if (self->worker != NULL)
        {
          g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_page_loaded, NULL);
          PageRequest *request = g_new0 (PageRequest, 1);

          request->generation = self->generation;
          request->page = page;
          request->vehicles = g_array_sized_new (FALSE, FALSE, sizeof (SlRankedVehicle), n);
          g_array_append_vals (request->vehicles, &g_array_index (self->vehicles, SlRankedVehicle, start), n);
          g_task_set_task_data (task, request, (GDestroyNotify) page_request_free);
          self->n_pending_pages++;
          sl_project_worker_queue (self->worker, task, load_page);
        }
    }

  return g_object_ref (items->pdata[position % PAGE_SIZE]);
}

static void
sl_vehicle_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = sl_vehicle_model_get_item_type;
  iface->get_n_items = sl_vehicle_model_get_n_items;
  iface->get_item = sl_vehicle_model_get_item;
}

static void
free_page (gpointer page)
{
  if (page != NULL)
    g_ptr_array_unref (page);
}

static void
sl_vehicle_model_finalize (GObject *object)
{
  SlVehicleModel *self = SL_VEHICLE_MODEL (object);

  g_clear_pointer (&self->vehicles, g_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sl_vehicle_model_parent_class)->finalize (object);
}

static void
sl_vehicle_model_class_init (SlVehicleModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_vehicle_model_finalize;
}

static void
sl_vehicle_model_init (SlVehicleModel *self)
{
  self->vehicles = g_array_new (FALSE, FALSE, sizeof (SlRankedVehicle));
  self->pages = g_ptr_array_new_with_free_func (free_page);
}

/* Takes @vehicles. */
static void
sl_vehicle_model_set_vehicles (SlVehicleModel *self,
                               GArray         *vehicles)
{
  guint n_removed = self->vehicles->len;

  g_array_unref (self->vehicles);
  self->vehicles = vehicles;
  self->generation++;
  g_ptr_array_set_size (self->pages, 0);
  g_ptr_array_set_size (self->pages, (vehicles->len + PAGE_SIZE - 1) / PAGE_SIZE);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_removed, vehicles->len);
}

/* SlVehicleList */

struct _SlVehicleList
{
  GtkWidget          parent_instance;

  GtkWidget         *box;
  GtkLabel          *status_label;
  GtkListView       *list_view;

  SlVehicleModel    *model;
  GtkSingleSelection *selection;
  SlProjectWorker   *worker;
  GCancellable      *cancellable;
  SlVehicleRanking  *ranking;
  char              *prefix;
  /* Counts ranking and filter requests: only the latest one's answer is
   * shown. */
  guint              serial;
  gboolean           loading;
};

G_DEFINE_FINAL_TYPE (SlVehicleList, sl_vehicle_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  VEHICLE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_loading (SlVehicleList *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
update_status (SlVehicleList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *count = g_strdup_printf ("%'u", n);
  g_autofree char *text = NULL;

  if (self->ranking == NULL)
    text = g_strdup (_("Counting each vehicle’s reads…"));
  else if (sl_vehicle_ranking_get_n_vehicles (self->ranking) == 0)
    text = g_strdup (_("No plate reads yet"));
  else if (self->prefix == NULL || *self->prefix == '\0')
    /* Translators: above the vehicle list; %s is a number. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s vehicle, most reads first",
                                         "%s vehicles, most reads first", n), count);
  else if (n == 0)
    /* Translators: %s is what the user typed under Find a plate. */
    text = g_strdup_printf (_("No plate starts with “%s”"), self->prefix);
  else
    /* Translators: the first %s is a number, the second what the user typed. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s plate starts with “%s”",
                                         "%s plates start with “%s”", n), count, self->prefix);
  gtk_label_set_text (self->status_label, text);
}

static void
filter_vehicles (GTask        *task,
                 SlProject    *project,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SlVehicleRanking *ranking = g_object_get_data (G_OBJECT (task), "sl-ranking");
  GError *error = NULL;
  GArray *vehicles = sl_vehicle_ranking_filter (ranking, project, task_data, cancellable, &error);

  if (vehicles == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, vehicles, (GDestroyNotify) g_array_unref);
}

static void
on_filtered (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  SlVehicleList *self = SL_VEHICLE_LIST (source);
  g_autoptr(GError) error = NULL;
  GArray *vehicles;

  vehicles = g_task_propagate_pointer (G_TASK (res), &error);
  if (GPOINTER_TO_UINT (user_data) != self->serial)
    {
      g_clear_pointer (&vehicles, g_array_unref);
      return;
    }
  if (vehicles == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not filter the vehicle list: %s", error->message);
      set_loading (self, FALSE);
      return;
    }
  sl_vehicle_model_set_vehicles (self->model, vehicles);
  update_status (self);
  set_loading (self, FALSE);
}

static void
queue_filter (SlVehicleList *self)
{
  g_autoptr(GTask) task = NULL;

  self->serial++;
  if (self->worker == NULL || self->ranking == NULL)
    return;
  set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, on_filtered, GUINT_TO_POINTER (self->serial));
  g_task_set_task_data (task, g_strdup (self->prefix != NULL ? self->prefix : ""), g_free);
  g_object_set_data_full (G_OBJECT (task), "sl-ranking", sl_vehicle_ranking_ref (self->ranking),
                          (GDestroyNotify) sl_vehicle_ranking_unref);
  sl_project_worker_queue (self->worker, task, filter_vehicles);
}

static void
load_ranking (GTask        *task,
              SlProject    *project,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;
  SlVehicleRanking *ranking = sl_vehicle_ranking_load (project, cancellable, &error);

  if (ranking == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, ranking, (GDestroyNotify) sl_vehicle_ranking_unref);
}

static void
on_ranking_loaded (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  SlVehicleList *self = SL_VEHICLE_LIST (source);
  g_autoptr(GError) error = NULL;
  SlVehicleRanking *ranking;

  ranking = g_task_propagate_pointer (G_TASK (res), &error);
  if (ranking == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->worker != NULL)
        {
          g_warning ("Could not rank the vehicles: %s", error->message);
          set_loading (self, FALSE);
        }
      return;
    }
  /* Cleared or loaded again meanwhile. */
  if (self->worker == NULL || g_task_get_cancellable (G_TASK (res)) != self->cancellable)
    {
      sl_vehicle_ranking_unref (ranking);
      return;
    }
  g_clear_pointer (&self->ranking, sl_vehicle_ranking_unref);
  self->ranking = ranking;
  queue_filter (self);
}

/**
 * sl_vehicle_list_load:
 * @worker: the project's worker, for the pages and the prefix filter
 * @reader: a worker with a read-only connection, for the ranking (seconds
 *   at ten million reads, which selections on @worker need not wait for)
 * @cancellable: cancelled when the project closes
 *
 * Ranks the project's vehicles on @reader, then lists them (filtered by
 * the prefix).
 */
void
sl_vehicle_list_load (SlVehicleList   *self,
                      SlProjectWorker *worker,
                      SlProjectWorker *reader,
                      GCancellable    *cancellable)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SL_IS_VEHICLE_LIST (self));
  g_return_if_fail (SL_IS_PROJECT_WORKER (worker));
  g_return_if_fail (SL_IS_PROJECT_WORKER (reader));

  sl_vehicle_list_clear (self);
  self->worker = g_object_ref (worker);
  g_set_object (&self->cancellable, cancellable);
  self->model->worker = worker;
  g_set_object (&self->model->cancellable, cancellable);
  set_loading (self, TRUE);
  update_status (self);
  task = g_task_new (self, cancellable, on_ranking_loaded, NULL);
  sl_project_worker_queue (reader, task, load_ranking);
}

/**
 * sl_vehicle_list_clear:
 *
 * Empties the list and lets go of the worker (so the project can close).
 */
void
sl_vehicle_list_clear (SlVehicleList *self)
{
  g_return_if_fail (SL_IS_VEHICLE_LIST (self));

  self->serial++;
  self->model->worker = NULL;
  g_clear_object (&self->model->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ranking, sl_vehicle_ranking_unref);
  sl_vehicle_model_set_vehicles (self->model, g_array_new (FALSE, FALSE, sizeof (SlRankedVehicle)));
  set_loading (self, FALSE);
  gtk_label_set_text (self->status_label, "");
}

/**
 * sl_vehicle_list_set_prefix:
 * @prefix: (nullable): the start of the plates to list
 */
void
sl_vehicle_list_set_prefix (SlVehicleList *self,
                            const char    *prefix)
{
  g_return_if_fail (SL_IS_VEHICLE_LIST (self));

  if (g_strcmp0 (prefix, self->prefix) == 0)
    return;
  g_free (self->prefix);
  self->prefix = g_strdup (prefix);
  queue_filter (self);
}

/**
 * sl_vehicle_list_is_loading:
 *
 * Returns: whether the ranking or a filter is being worked out
 */
gboolean
sl_vehicle_list_is_loading (SlVehicleList *self)
{
  g_return_val_if_fail (SL_IS_VEHICLE_LIST (self), FALSE);
  return self->loading;
}

/**
 * sl_vehicle_list_get_model:
 *
 * Returns: (transfer none): the listed vehicles, #SlVehicleItem
 */
GListModel *
sl_vehicle_list_get_model (SlVehicleList *self)
{
  g_return_val_if_fail (SL_IS_VEHICLE_LIST (self), NULL);
  return G_LIST_MODEL (self->model);
}

/**
 * sl_vehicle_list_count_pending_pages:
 *
 * Returns: how many pages of plates are being read
 */
guint
sl_vehicle_list_count_pending_pages (SlVehicleList *self)
{
  return self->model->n_pending_pages;
}

/**
 * sl_vehicle_list_activate:
 *
 * Selects the vehicle at @position as a click on its row does.
 */
void
sl_vehicle_list_activate (SlVehicleList *self,
                          guint          position)
{
  g_signal_emit_by_name (self->list_view, "activate", position);
}

static void
on_activate (SlVehicleList *self,
             guint          position,
             GtkListView   *list_view)
{
  g_autoptr(SlVehicleItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  /* The row shows "…" until its plate is read: nothing to look up yet. */
  if (item == NULL || item->plate == NULL)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_emit (self, signals[VEHICLE_ACTIVATED], 0, item->plate);
}

static void
show_plate (GtkLabel      *label,
            GParamSpec    *pspec,
            SlVehicleItem *item)
{
  gtk_label_set_text (label, item->plate != NULL ? item->plate : "…");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), item->plate);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *rank = gtk_label_new (NULL);
  GtkWidget *plate = gtk_label_new (NULL);
  GtkWidget *reads = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (rank), 1);
  gtk_label_set_width_chars (GTK_LABEL (rank), 4);
  gtk_widget_add_css_class (rank, "numeric");
  gtk_widget_add_css_class (rank, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (plate), 0);
  gtk_widget_set_hexpand (plate, TRUE);
  /* Pseudonyms are 64 hex digits: both ends tell them apart. */
  gtk_label_set_ellipsize (GTK_LABEL (plate), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (plate, "monospace");
  gtk_widget_add_css_class (reads, "numeric");
  gtk_widget_add_css_class (reads, "dim-label");
  gtk_box_append (GTK_BOX (box), rank);
  gtk_box_append (GTK_BOX (box), plate);
  gtk_box_append (GTK_BOX (box), reads);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  SlVehicleItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *rank = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *plate = gtk_widget_get_next_sibling (rank);
  GtkWidget *reads = gtk_widget_get_next_sibling (plate);
  g_autofree char *rank_text = g_strdup_printf ("%'u", item->rank);
  g_autofree char *reads_text = g_strdup_printf ("%'u", item->n_reads);

  gtk_label_set_text (GTK_LABEL (rank), rank_text);
  gtk_label_set_text (GTK_LABEL (reads), reads_text);
  show_plate (GTK_LABEL (plate), NULL, item);
  g_signal_connect_object (item, "notify::plate", G_CALLBACK (show_plate), plate, G_CONNECT_SWAPPED);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  SlVehicleItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *rank = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  g_signal_handlers_disconnect_by_func (item, show_plate, gtk_widget_get_next_sibling (rank));
}

static void
sl_vehicle_list_dispose (GObject *object)
{
  SlVehicleList *self = SL_VEHICLE_LIST (object);

  if (self->model != NULL)
    sl_vehicle_list_clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_VEHICLE_LIST);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_pointer (&self->prefix, g_free);

  G_OBJECT_CLASS (sl_vehicle_list_parent_class)->dispose (object);
}

static void
sl_vehicle_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, SL_VEHICLE_LIST (object)->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_vehicle_list_class_init (SlVehicleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_vehicle_list_dispose;
  object_class->get_property = sl_vehicle_list_get_property;

  /**
   * SlVehicleList:loading:
   *
   * Whether the ranking or a filter is being worked out.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SlVehicleList::vehicle-activated:
   * @plate: the plate as stored
   *
   * The user chose a vehicle.
   */
  signals[VEHICLE_ACTIVATED] = g_signal_new ("vehicle-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-vehicle-list.ui");
  gtk_widget_class_bind_template_child (widget_class, SlVehicleList, box);
  gtk_widget_class_bind_template_child (widget_class, SlVehicleList, status_label);
  gtk_widget_class_bind_template_child (widget_class, SlVehicleList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
sl_vehicle_list_init (SlVehicleList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = g_object_new (SL_TYPE_VEHICLE_MODEL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

GtkWidget *
sl_vehicle_list_new (void)
{
  return g_object_new (SL_TYPE_VEHICLE_LIST, NULL);
}
