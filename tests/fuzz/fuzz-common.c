/* fuzz-common.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

/* A critical or a warning means a module broke its own contract on some
 * input (a g_return_if_fail() it calls itself, a GObject misuse): for a
 * fuzzer that is a crash like any other. GLib's own fatal logs raise
 * SIGTRAP, which libFuzzer does not catch; abort() it does, and it then
 * saves the input. */
static GLogWriterOutput
abort_on_warnings (GLogLevelFlags   log_level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return output;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (abort_on_warnings, NULL, NULL);

  return 0;
}

/* An input stream that hands out its bytes in small pieces after a first
 * stretch: readers that refill a buffer see a record, a quote or a CRLF cut
 * at every possible place, which a memory stream (one read for
 * everything) never shows them. */
#define SL_TYPE_FUZZ_CHUNKED_STREAM (sl_fuzz_chunked_stream_get_type ())

G_DECLARE_FINAL_TYPE (SlFuzzChunkedStream, sl_fuzz_chunked_stream, SL, FUZZ_CHUNKED_STREAM, GInputStream)

struct _SlFuzzChunkedStream
{
  GInputStream  parent_instance;

  GBytes       *bytes;
  gsize         position;
  gsize         whole_prefix;
  gsize         chunk_size;
};

G_DEFINE_FINAL_TYPE (SlFuzzChunkedStream, sl_fuzz_chunked_stream, G_TYPE_INPUT_STREAM)

static gssize
sl_fuzz_chunked_stream_read (GInputStream  *stream,
                             void          *buffer,
                             gsize          count,
                             GCancellable  *cancellable,
                             GError       **error)
{
  SlFuzzChunkedStream *self = SL_FUZZ_CHUNKED_STREAM (stream);
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gsize n = MIN (count, size - self->position);

  if (self->position >= self->whole_prefix)
    n = MIN (n, self->chunk_size);

  /* Empty GBytes have no data pointer at all. */
  if (n == 0)
    return 0;

  memcpy (buffer, data + self->position, n);
  self->position += n;

  return n;
}

static void
sl_fuzz_chunked_stream_finalize (GObject *object)
{
  SlFuzzChunkedStream *self = SL_FUZZ_CHUNKED_STREAM (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (sl_fuzz_chunked_stream_parent_class)->finalize (object);
}

static void
sl_fuzz_chunked_stream_class_init (SlFuzzChunkedStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  object_class->finalize = sl_fuzz_chunked_stream_finalize;
  stream_class->read_fn = sl_fuzz_chunked_stream_read;
}

static void
sl_fuzz_chunked_stream_init (SlFuzzChunkedStream *self)
{
}

/**
 * sl_fuzz_chunked_stream_new:
 * @bytes: the stream's contents
 * @whole_prefix: how many bytes reads may return in full
 * @chunk_size: the most one read returns after that, at least 1
 *
 * Returns: (transfer full): a new stream
 */
GInputStream *
sl_fuzz_chunked_stream_new (GBytes *bytes,
                            gsize   whole_prefix,
                            gsize   chunk_size)
{
  SlFuzzChunkedStream *self = g_object_new (SL_TYPE_FUZZ_CHUNKED_STREAM, NULL);

  g_assert (chunk_size > 0);

  self->bytes = g_bytes_ref (bytes);
  self->whole_prefix = whole_prefix;
  self->chunk_size = chunk_size;

  return G_INPUT_STREAM (self);
}
