/* test-export-ui.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's exports under Xvfb, on a copy of the bundled demo: the map
 * view and the flow diagram as PNG, SVG and PDF, the vehicle report after
 * an untick, and the track, each file parsed back. Argument: the demo
 * project. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include "sl-application.h"
#include "sl-csv-reader.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-window-private.h"
#include "sl-workspace-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

#define PLATE "ZN47301"
#define ICE "ICE Enforcement and Removal Operations"

static SlApplication *app;
static const char *demo_path;

static guint
count_textures (GskRenderNode *node)
{
  guint n = 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      return 1;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_textures (gsk_container_node_get_child (node, i));
      return n;
    case GSK_CLIP_NODE:
      return count_textures (gsk_clip_node_get_child (node));
    case GSK_ROUNDED_CLIP_NODE:
      return count_textures (gsk_rounded_clip_node_get_child (node));
    case GSK_TRANSFORM_NODE:
      return count_textures (gsk_transform_node_get_child (node));
    case GSK_OPACITY_NODE:
      return count_textures (gsk_opacity_node_get_child (node));
    case GSK_DEBUG_NODE:
      return count_textures (gsk_debug_node_get_child (node));
    default:
      return 0;
    }
}

/* Basemap tiles are textures in the map's render node: wait until some are
 * there, so the exported pictures have a basemap to show. */
static void
wait_for_tiles (GtkWidget *map)
{
  for (;;)
    {
      g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (map);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      guint n;

      gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (map), gtk_widget_get_height (map));
      node = gtk_snapshot_free_to_node (snapshot);
      n = node != NULL ? count_textures (node) : 0;
      g_clear_pointer (&node, gsk_render_node_unref);
      if (n > 0)
        return;
      sl_test_wait_for_frame (map);
    }
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  if (!sl_workspace_export_finish (SL_WORKSPACE (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = (GError *) GINT_TO_POINTER (1);
}

/* Exports and waits for the file; returns its path. */
static char *
export (SlWorkspace  *workspace,
        SlExportKind  kind,
        const char   *name)
{
  g_autofree char *path = sl_test_temp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;

  sl_workspace_export_async (workspace, kind, file, NULL, on_exported, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (error != GINT_TO_POINTER (1))
    g_error ("export of %s failed: %s", name, error->message);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return g_steal_pointer (&path);
}

static char *
export_error (SlWorkspace  *workspace,
              SlExportKind  kind,
              const char   *name)
{
  g_autofree char *path = sl_test_temp_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *error = NULL;
  char *message;

  sl_workspace_export_async (workspace, kind, file, NULL, on_exported, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (error != GINT_TO_POINTER (1));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  message = g_strdup (error->message);
  g_error_free (error);
  return message;
}

/* Element names of an SVG, counted; fails unless it is well-formed XML
 * with an <svg> root. */
typedef struct
{
  GHashTable *counts;
  guint       depth;
  char       *root;
} SvgScan;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->depth++ == 0)
    scan->root = g_strdup (element);
  g_hash_table_insert (scan->counts, g_strdup (element),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (scan->counts, element)) + 1));
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  ((SvgScan *) user_data)->depth--;
}

static GHashTable *
parse_svg (const char *path)
{
  static const GMarkupParser parser = { svg_start, svg_end, NULL, NULL, NULL };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  SvgScan scan = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0, NULL };
  GMarkupParseContext *context;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, &error));
  /* GMarkup does not take a DOCTYPE or processing instructions before the
   * root; cairo writes only an XML declaration. */
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &scan, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, length, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_cmpuint (scan.depth, ==, 0);
  g_assert_cmpstr (scan.root, ==, "svg");
  g_free (scan.root);
  return scan.counts;
}

static guint
count_of (GHashTable *counts,
          const char *element)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, element));
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static char *
first_page_text (PopplerDocument *document,
                 double          *width,
                 double          *height)
{
  g_autoptr(PopplerPage) page = poppler_document_get_page (document, 0);

  poppler_page_get_size (page, width, height);
  return poppler_page_get_text (page);
}

/* Kept in the build directory, to look at after a run. */
static void
keep (const char *path,
      const char *name)
{
  g_autofree char *kept = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GFile) from = g_file_new_for_path (path);
  g_autoptr(GFile) to = g_file_new_for_path (kept);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
check_png (const char *path,
           int         width,
           int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);
  /* A map or a diagram, not a blank page. */
  g_assert_cmpuint (sl_test_count_colours (texture), >, 20);
}

static void
test_exports (void)
{
  SlWindow *window = sl_window_new (app);
  g_autofree char *copy = sl_test_temp_path ("demo.sightline");
  g_autoptr(GFile) source = g_file_new_for_path (demo_path);
  g_autoptr(GFile) file = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  SlWorkspace *workspace;
  GtkWidget *map;
  SlWhatIf *what_if;
  guint ice = G_MAXUINT;

  g_assert_true (g_file_copy (source, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  workspace = window->workspace;
  while (sl_workspace_is_loading (workspace))
    g_main_context_iteration (NULL, TRUE);

  /* Nothing about one vehicle before a plate is shown. */
  g_assert_true (sl_workspace_can_export (workspace, SL_EXPORT_MAP));
  g_assert_false (sl_workspace_can_export (workspace, SL_EXPORT_REPORT));
  {
    g_autofree char *message = export_error (workspace, SL_EXPORT_REPORT, "early.pdf");

    g_assert_cmpstr (message, ==, "Find a plate first: the export is about one vehicle");
  }

  sl_workspace_show_plate (workspace, PLATE);
  while (!sl_workspace_can_export (workspace, SL_EXPORT_REPORT))
    g_main_context_iteration (NULL, TRUE);
  sl_test_wait_for_map (workspace->map_view);
  map = GTK_WIDGET (sl_map_view_get_map (workspace->map_view));
  wait_for_tiles (map);
  what_if = sl_exposure_pane_get_what_if (workspace->exposure_pane);
  for (guint i = 0; i < sl_sharing_network_get_n_nodes (sl_what_if_get_network (what_if)); i++)
    if (g_str_equal (sl_sharing_network_get_node (sl_what_if_get_network (what_if), i)->name, ICE))
      ice = i;
  g_assert_cmpuint (ice, !=, G_MAXUINT);

  /* The map view with its legend. */
  {
    g_autofree char *png = export (workspace, SL_EXPORT_MAP, "map.png");
    g_autofree char *svg = export (workspace, SL_EXPORT_MAP, "map.svg");
    g_autofree char *pdf = export (workspace, SL_EXPORT_MAP, "map.pdf");
    g_autoptr(GHashTable) elements = parse_svg (svg);
    g_autoptr(PopplerDocument) document = open_pdf (pdf);
    g_autofree char *text = NULL;
    double width, height;

    check_png (png, gtk_widget_get_width (map), gtk_widget_get_height (map));
    keep (svg, "exported-map.svg");
    /* Basemap tiles are images; the reads, track and legend are drawn. */
    g_assert_cmpuint (count_of (elements, "image"), >, 0);
    g_assert_cmpuint (count_of (elements, "path"), >, 10);
    g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
    text = first_page_text (document, &width, &height);
    g_assert_cmpfloat_with_epsilon (width, gtk_widget_get_width (map), 0.5);
    g_assert_cmpfloat_with_epsilon (height, gtk_widget_get_height (map), 0.5);
    g_assert_nonnull (strstr (text, "Plate reads by agency"));
    g_assert_nonnull (strstr (text, "track of " PLATE));
    g_assert_nonnull (strstr (text, "Synthetic data"));
    keep (png, "exported-map.png");
    keep (pdf, "exported-map.pdf");
  }

  /* The flow diagram. */
  {
    g_autofree char *png = export (workspace, SL_EXPORT_DIAGRAM, "flow.png");
    g_autofree char *svg = export (workspace, SL_EXPORT_DIAGRAM, "flow.svg");
    g_autofree char *pdf = export (workspace, SL_EXPORT_DIAGRAM, "flow.pdf");
    g_autoptr(GHashTable) elements = parse_svg (svg);
    g_autoptr(PopplerDocument) document = open_pdf (pdf);
    g_autofree char *text = NULL;
    double width, height;

    g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (png, &error);

    g_assert_no_error (error);
    /* Laid out at least 900 wide so names are whole. */
    g_assert_cmpint (gdk_texture_get_width (texture), ==, MAX (gtk_widget_get_width (GTK_WIDGET (workspace->flow_diagram)), 900));
    check_png (png, gdk_texture_get_width (texture), gdk_texture_get_height (texture));
    g_assert_cmpuint (count_of (elements, "path"), >, 5);
    g_assert_cmpuint (count_of (elements, "image"), ==, 0);
    g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
    text = first_page_text (document, &width, &height);
    g_assert_nonnull (strstr (text, "Owners of the reads"));
    g_assert_nonnull (strstr (text, "Recipients"));
    /* Whole names, not the pane's ellipsized ones. */
    g_assert_nonnull (strstr (text, ICE));
    keep (png, "exported-flow.png");
  }

  /* Wrong extensions are refused before anything is written. */
  {
    g_autofree char *picture = export_error (workspace, SL_EXPORT_MAP, "map.jpg");
    g_autofree char *report = export_error (workspace, SL_EXPORT_REPORT, "report.geojson");
    g_autofree char *track = export_error (workspace, SL_EXPORT_TRACK, "track.pdf");

    g_assert_cmpstr (picture, ==, "map.jpg: unknown picture format (expected .png, .svg or .pdf)");
    g_assert_cmpstr (report, ==, "A report is written as .pdf, .html or .csv");
    g_assert_cmpstr (track, ==, "A track is written as .geojson or .csv");
  }

  /* The report follows the what-if on screen: untick ICE in Wethersfield. */
  {
    guint before = sl_what_if_find_exposure (what_if, ice)->n_reads, after;
    g_autofree char *pdf = NULL, *html = NULL, *csv = NULL, *geojson = NULL, *track_csv = NULL;
    g_autofree char *text = NULL;
    g_autofree char *expected_edit = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(PopplerDocument) document = NULL;
    gint64 owner = 0, ice_id = sl_sharing_network_get_node (sl_what_if_get_network (what_if), ice)->id;
    guint n_points = 0;

    for (guint i = 0; i < sl_sharing_network_get_n_nodes (sl_what_if_get_network (what_if)); i++)
      if (g_str_equal (sl_sharing_network_get_node (sl_what_if_get_network (what_if), i)->name,
                       "Wethersfield Police Department"))
        owner = sl_sharing_network_get_node (sl_what_if_get_network (what_if), i)->id;
    g_assert_true (sl_what_if_untick (what_if, owner, ice_id));
    after = sl_what_if_find_exposure (what_if, ice)->n_reads;
    g_assert_cmpuint (after, <, before);

    pdf = export (workspace, SL_EXPORT_REPORT, "report.pdf");
    html = export (workspace, SL_EXPORT_REPORT, "report.html");
    csv = export (workspace, SL_EXPORT_REPORT, "report.csv");
    geojson = export (workspace, SL_EXPORT_TRACK, "track.geojson");
    track_csv = export (workspace, SL_EXPORT_TRACK, "track.csv");

    document = open_pdf (pdf);
    g_assert_cmpint (poppler_document_get_n_pages (document), >, 0);
    keep (pdf, "exported-report.pdf");
    g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
    expected_edit = g_strdup_printf ("viewer,%s,reads,%u\r\n", ICE, after);
    g_assert_nonnull (strstr (text, expected_edit));
    g_clear_pointer (&expected_edit, g_free);
    expected_edit = g_strdup_printf ("viewer,%s,reads_before,%u\r\n", ICE, before);
    g_assert_nonnull (strstr (text, expected_edit));
    g_assert_nonnull (strstr (text, "what-if,1,edit,remove Wethersfield Police Department → " ICE " (reads)\r\n"));
    g_clear_pointer (&text, g_free);

    g_assert_true (g_file_get_contents (html, &text, NULL, &error));
    g_assert_nonnull (strstr (text, "<h2>What the what-if changed</h2>"));
    g_clear_pointer (&text, g_free);

    /* The track ICE ERO still sees: one point per read it sees now. */
    g_assert_true (json_parser_load_from_file (parser, geojson, &error));
    g_assert_no_error (error);
    {
      JsonArray *features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                          "features");

      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          JsonObject *geometry = json_object_get_object_member (json_array_get_object_element (features, i),
                                                                "geometry");

          n_points += g_str_equal (json_object_get_string_member (geometry, "type"), "Point");
        }
    }
    g_assert_cmpuint (n_points, ==, after);
    g_assert_true (g_file_get_contents (track_csv, &text, NULL, &error));
    {
      guint n_lines = 0;

      for (const char *p = text; *p != '\0'; p++)
        n_lines += *p == '\n';
      g_assert_cmpuint (n_lines, ==, after + 1);
    }
  }

  /* Cancelled before the worker got to it: an error, and no file. */
  {
    g_autofree char *path = sl_test_temp_path ("cancelled.pdf");
    g_autoptr(GFile) out = g_file_new_for_path (path);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    GError *cancelled = NULL;

    g_cancellable_cancel (cancellable);
    sl_workspace_export_async (workspace, SL_EXPORT_REPORT, out, cancellable, on_exported, &cancelled);
    while (cancelled == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (cancelled != GINT_TO_POINTER (1));
    g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_error_free (cancelled);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }

  /* Through the window, as the Export menu does after its dialog. */
  {
    g_autofree char *path = sl_test_temp_path ("from-window.html");
    g_autoptr(GFile) out = g_file_new_for_path (path);

    sl_window_export (window, SL_EXPORT_REPORT, out);
    while (!g_file_test (path, G_FILE_TEST_EXISTS))
      g_main_context_iteration (NULL, TRUE);
    sl_test_wait_for_idle ();
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sl_test_ui_init (&argc, &argv);
  g_assert_cmpint (argc, ==, 2);
  demo_path = argv[1];

  app = sl_test_ui_new_application ("io.github.sightline.Sightline.ExportTest",
                                    G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/export-ui/exports", test_exports);

  status = g_test_run ();
  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
