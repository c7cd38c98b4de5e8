/* sl-online-tile-source.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-online-tile-source"

#include "config.h"

#include <libsoup/soup.h>

#include "sl-online-tile-source.h"

/* Downloads raster tiles with Sightline's own User-Agent, as the
 * OpenStreetMap tile policy asks (libshumate 1.0.3 with libsoup 3 ignores
 * shumate_set_user_agent()), and keeps them in libshumate's file cache for
 * a week before asking the server again with the ETag.
 *
 * libshumate 1.0.3's raster renderer only decodes tiles inside the
 * ::received-data signal, so it is emitted (on the main thread, where
 * libsoup completes) before the task returns. */

#define USER_AGENT "Sightline/" PACKAGE_VERSION " (" APP_ID_BASE ")"
#define FRESH_SECONDS (7 * 24 * 3600)
/* libshumate's default: 100 MB of tiles. */
#define CACHE_SIZE_LIMIT (100 * 1000 * 1000)

struct _SlOnlineTileSource
{
  ShumateDataSource  parent_instance;

  char              *url_template;
  SoupSession       *session;
  ShumateFileCache  *cache;
};

G_DEFINE_FINAL_TYPE (SlOnlineTileSource, sl_online_tile_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int     x;
  int     y;
  int     zoom;
  GBytes *cached;
  char   *etag;
} Request;

static void
request_free (Request *request)
{
  g_clear_pointer (&request->cached, g_bytes_unref);
  g_free (request->etag);
  g_free (request);
}

/**
 * sl_online_tile_source_dup_url:
 *
 * Returns: the template with {x}, {y} and {z} replaced
 */
char *
sl_online_tile_source_dup_url (SlOnlineTileSource *self,
                               int                 x,
                               int                 y,
                               int                 zoom)
{
  g_autoptr(GString) url = g_string_new (self->url_template);
  char number[16];

  g_snprintf (number, sizeof number, "%d", x);
  g_string_replace (url, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%d", y);
  g_string_replace (url, "{y}", number, 0);
  g_snprintf (number, sizeof number, "%d", zoom);
  g_string_replace (url, "{z}", number, 0);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

static void
deliver (GTask  *task,
         GBytes *bytes)
{
  SlOnlineTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* A full disk only costs the cache, not the tile. */
  if (!shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (source), result, &error))
    g_debug ("Could not cache tile %d/%d/%d: %s", request->zoom, request->x, request->y, error->message);
  deliver (task, request->cached);
}

static void
on_downloaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SlOnlineTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  status = soup_message_get_status (message);
  if (status == SOUP_STATUS_NOT_MODIFIED && request->cached != NULL)
    {
      shumate_file_cache_mark_up_to_date (self->cache, request->x, request->y, request->zoom);
      deliver (task, request->cached);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: HTTP %u %s",
                               soup_message_get_uri (message) ? g_uri_get_host (soup_message_get_uri (message)) : "",
                               status, soup_message_get_reason_phrase (message));
      return;
    }

  /* Delivered once stored, so the next request for the tile finds it. */
  g_clear_pointer (&request->cached, g_bytes_unref);
  request->cached = g_bytes_ref (bytes);
  shumate_file_cache_store_tile_async (self->cache, request->x, request->y, request->zoom, bytes,
                                       soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                                     "ETag"),
                                       NULL, on_stored, g_steal_pointer (&task));
}

static void
download (GTask *task)
{
  SlOnlineTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *url = sl_online_tile_source_dup_url (self, request->x, request->y, request->zoom);
  g_autoptr(SoupMessage) message = soup_message_new (SOUP_METHOD_GET, url);

  if (message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Invalid tile URL %s", url);
      g_object_unref (task);
      return;
    }
  if (request->etag != NULL)
    soup_message_headers_append (soup_message_get_request_headers (message), "If-None-Match", request->etag);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_downloaded, task);
}

static void
on_cache_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  request->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (source), &request->etag,
                                                        &modified, result, NULL);
  if (request->cached != NULL && modified != NULL &&
      g_date_time_difference (now, modified) < FRESH_SECONDS * G_TIME_SPAN_SECOND)
    {
      deliver (task, request->cached);
      g_object_unref (task);
      return;
    }
  download (task);
}

static void
sl_online_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                           int                  x,
                                           int                  y,
                                           int                  zoom,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  SlOnlineTileSource *self = SL_ONLINE_TILE_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->x = x;
  request->y = y;
  request->zoom = zoom;
  g_task_set_source_tag (task, sl_online_tile_source_get_tile_data_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  shumate_file_cache_get_tile_async (self->cache, x, y, zoom, cancellable, on_cache_read, task);
}

static GBytes *
sl_online_tile_source_get_tile_data_finish (ShumateDataSource  *source,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
sl_online_tile_source_finalize (GObject *object)
{
  SlOnlineTileSource *self = SL_ONLINE_TILE_SOURCE (object);

  g_free (self->url_template);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (sl_online_tile_source_parent_class)->finalize (object);
}

static void
sl_online_tile_source_class_init (SlOnlineTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = sl_online_tile_source_finalize;
  source_class->get_tile_data_async = sl_online_tile_source_get_tile_data_async;
  source_class->get_tile_data_finish = sl_online_tile_source_get_tile_data_finish;
}

static void
sl_online_tile_source_init (SlOnlineTileSource *self)
{
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "max-conns-per-host", 2,
                                                 NULL);
}

/**
 * sl_online_tile_source_new:
 * @url_template: e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
 * @cache_key: names the cache directory under $XDG_CACHE_HOME/shumate
 */
SlOnlineTileSource *
sl_online_tile_source_new (const char *url_template,
                           const char *cache_key)
{
  SlOnlineTileSource *self = g_object_new (SL_TYPE_ONLINE_TILE_SOURCE, NULL);

  self->url_template = g_strdup (url_template);
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, cache_key, NULL);
  return self;
}
