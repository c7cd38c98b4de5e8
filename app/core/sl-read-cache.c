/* sl-read-cache.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-read-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "sl-read-cache.h"
#include "sl-read-set-private.h"

/* The file: a header, then sections each starting on a 4 KiB boundary
 * (so a section's pages can be dropped from memory on their own), each
 * with a checksum in the header. Native byte order, which the header
 * records: a file from another machine is refused, not converted. The
 * stamp says which state of which project the reads are (see
 * sl-project-contents.c); a file with another stamp is stale.
 *
 * Errors are not translated: a refused file is scanned again, silently,
 * and the reason only goes to the debug log. */

#define MAGIC "SLREADS"
#define VERSION 1
#define BYTE_ORDER_MARK 0x01020304u
#define ALIGNMENT 4096

enum
{
  SECTION_STAMP,
  SECTION_AGENCIES,
  SECTION_X,
  SECTION_Y,
  SECTION_TIMES,
  SECTION_AGENCY_INDEXES,
  SECTION_IDS,
  SECTION_CELL_START,
  SECTION_HOURLY,
  N_SECTIONS
};

typedef struct
{
  guint64 offset;
  guint64 length;
  guint64 checksum;
} Section;

typedef struct
{
  char            magic[8];
  guint32         version;
  guint32         byte_order;
  guint64         file_size;
  SlReadSetLayout layout;
  Section         sections[N_SECTIONS];
  /* Of everything above. */
  guint64         checksum;
} Header;

/* FNV-1a over 64-bit words in four independent lanes (about 4 GB/s, where
 * one lane waits on each multiplication), then the tail bytes: it catches
 * the torn writes, truncations and flipped bits a cache file meets. */
static guint64
checksum (const void *data,
          gsize       length)
{
  const guint8 *p = data;
  guint64 lane[4] = { 0xcbf29ce484222325u, 0x84222325cbf29ce4u, 0x9e3779b97f4a7c15u, 0xc2b2ae3d27d4eb4fu };
  const guint64 prime = 0x100000001b3u;
  gsize i = 0;
  guint64 sum;

  for (; i + 32 <= length; i += 32)
    for (guint k = 0; k < 4; k++)
      {
        guint64 word;

        memcpy (&word, p + i + 8 * k, 8);
        lane[k] = (lane[k] ^ word) * prime;
      }
  sum = length;
  for (guint k = 0; k < 4; k++)
    sum = (sum ^ lane[k]) * prime;
  for (; i < length; i++)
    sum = (sum ^ p[i]) * prime;
  return sum;
}

static gboolean
write_all (int            fd,
           const void    *data,
           gsize          length,
           const char    *path,
           GError       **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
          return FALSE;
        }
      p += n;
      length -= n;
    }
  return TRUE;
}

/**
 * sl_read_cache_save:
 * @path: where to keep it; written next to it first, then renamed over it,
 *   so a reader never sees half a file
 * @stamp: what the reads are the state of
 * @set: a sealed read set
 * @agencies: (element-type SlReadCacheAgency): the owners of its indexes
 *
 * Returns: %TRUE on success
 */
gboolean
sl_read_cache_save (const char  *path,
                    const char  *stamp,
                    SlReadSet   *set,
                    GArray      *agencies,
                    GError     **error)
{
  static const guint8 zeros[ALIGNMENT] = { 0 };
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  SlReadSetArrays arrays;
  Header header = { MAGIC, VERSION, BYTE_ORDER_MARK };
  const void *data[N_SECTIONS];
  guint64 offset;
  gboolean ok = TRUE;
  int fd;

  g_return_val_if_fail (sl_read_set_is_sealed (set), FALSE);

  sl_read_set_get_layout (set, &header.layout, &arrays);
  data[SECTION_STAMP] = stamp;
  header.sections[SECTION_STAMP].length = strlen (stamp);
  data[SECTION_AGENCIES] = agencies->data;
  header.sections[SECTION_AGENCIES].length = (guint64) agencies->len * sizeof (SlReadCacheAgency);
  data[SECTION_X] = arrays.x;
  data[SECTION_Y] = arrays.y;
  data[SECTION_TIMES] = arrays.times;
  data[SECTION_IDS] = arrays.ids;
  header.sections[SECTION_X].length = header.sections[SECTION_Y].length = header.sections[SECTION_TIMES].length =
    header.sections[SECTION_IDS].length = (guint64) header.layout.n_reads * 4;
  data[SECTION_AGENCY_INDEXES] = arrays.agencies;
  header.sections[SECTION_AGENCY_INDEXES].length = header.layout.n_reads;
  data[SECTION_CELL_START] = arrays.cell_start;
  header.sections[SECTION_CELL_START].length = (sl_read_set_layout_n_cells (&header.layout) + 1) * 4;
  data[SECTION_HOURLY] = arrays.hourly;
  header.sections[SECTION_HOURLY].length = (guint64) header.layout.n_hours * 4;

  offset = ALIGNMENT;
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      header.sections[s].offset = offset;
      header.sections[s].checksum = checksum (data[s], header.sections[s].length);
      offset += (header.sections[s].length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
  header.file_size = offset;
  header.checksum = checksum (&header, G_STRUCT_OFFSET (Header, checksum));

  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp_full (tmp, O_WRONLY, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }

  ok = write_all (fd, &header, sizeof header, tmp, error) &&
       write_all (fd, zeros, ALIGNMENT - sizeof header, tmp, error);
  for (guint s = 0; ok && s < N_SECTIONS; s++)
    {
      guint64 padding = (ALIGNMENT - header.sections[s].length % ALIGNMENT) % ALIGNMENT;

      ok = write_all (fd, data[s], header.sections[s].length, tmp, error) &&
           write_all (fd, zeros, padding, tmp, error);
    }
  ok = g_close (fd, ok ? error : NULL) && ok;
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

static gboolean
refuse (GError     **error,
        const char  *path,
        const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, what);
  return FALSE;
}

static gboolean
is_zero (const guint8 *bytes,
         gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (bytes[i] != 0)
      return FALSE;
  return TRUE;
}

/* Every section inside the file, aligned and of the length the layout
 * needs, its bytes matching the checksum and its padding zero: no byte of
 * the file goes unchecked. */
static gboolean
check_sections (const Header  *header,
                const guint8  *bytes,
                const char    *path,
                GError       **error)
{
  guint64 n = header->layout.n_reads;
  gsize n_cells = sl_read_set_layout_n_cells (&header->layout);
  guint64 expected[N_SECTIONS] = {
    [SECTION_X] = 4 * n, [SECTION_Y] = 4 * n, [SECTION_TIMES] = 4 * n, [SECTION_IDS] = 4 * n,
    [SECTION_AGENCY_INDEXES] = n, [SECTION_CELL_START] = 4 * ((guint64) n_cells + 1),
    [SECTION_HOURLY] = 4 * (guint64) header->layout.n_hours,
  };

  if (n_cells == 0)
    return refuse (error, path, "impossible grid");
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      const Section *section = &header->sections[s];

      if (section->offset % ALIGNMENT != 0 || section->offset < ALIGNMENT ||
          section->offset > header->file_size || section->length > header->file_size - section->offset)
        return refuse (error, path, "a section lies outside the file");
      if (s != SECTION_STAMP && s != SECTION_AGENCIES && section->length != expected[s])
        return refuse (error, path, "a section has the wrong length");
      if (s == SECTION_AGENCIES && section->length % sizeof (SlReadCacheAgency) != 0)
        return refuse (error, path, "a section has the wrong length");
      if (checksum (bytes + section->offset, section->length) != section->checksum ||
          !is_zero (bytes + section->offset + section->length,
                    MIN (header->file_size - section->offset - section->length,
                         (ALIGNMENT - section->length % ALIGNMENT) % ALIGNMENT)))
        return refuse (error, path, "checksum mismatch");
#ifdef MADV_DONTNEED
      /* Checked: its pages may go until a reader needs them (the mapping
       * is private and never written, so they come back from the file),
       * so checking does not put every read in memory at once. */
      if (section->length >= ALIGNMENT)
        madvise ((void *) (bytes + section->offset), section->length / ALIGNMENT * ALIGNMENT, MADV_DONTNEED);
#endif
    }
  return TRUE;
}

/**
 * sl_read_cache_load:
 * @path: a file sl_read_cache_save() wrote
 * @stamp: the state the reads must be of
 * @agencies: (out) (element-type SlReadCacheAgency): the owners of the
 *   set's indexes
 *
 * Maps the file read-only and checks it whole: header, every section's
 * length and checksum, the stamp, and the read set's index
 * (sl_read_set_new_borrowed()). The set then reads its arrays from the
 * mapping; the read ids, needed only when a read is picked on the map,
 * are left out of memory until then.
 *
 * Returns: (transfer full): the sealed set, or %NULL with @error set
 *   (%G_IO_ERROR_NOT_FOUND when there is no file, %G_IO_ERROR_INVALID_DATA
 *   when it is stale or damaged)
 */
SlReadSet *
sl_read_cache_load (const char  *path,
                    const char  *stamp,
                    GArray     **agencies,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &local_error);
  const guint8 *bytes;
  Header header;
  SlReadSetArrays arrays;
  const Section *sections = header.sections;
  SlReadSet *set;
  gsize size;

  if (file == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", local_error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", local_error->message);
      return NULL;
    }

  bytes = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < ALIGNMENT)
    return refuse (error, path, "too short"), NULL;
  memcpy (&header, bytes, sizeof header);
  if (memcmp (header.magic, MAGIC, sizeof header.magic) != 0)
    return refuse (error, path, "not a read cache"), NULL;
  if (header.version != VERSION || header.byte_order != BYTE_ORDER_MARK)
    return refuse (error, path, "another version or byte order"), NULL;
  if (header.checksum != checksum (&header, G_STRUCT_OFFSET (Header, checksum)))
    return refuse (error, path, "checksum mismatch"), NULL;
  if (header.file_size != size)
    return refuse (error, path, "truncated or extended"), NULL;
  if (!is_zero (bytes + sizeof header, ALIGNMENT - sizeof header))
    return refuse (error, path, "checksum mismatch"), NULL;
  if (!check_sections (&header, bytes, path, error))
    return NULL;
  if (sections[SECTION_STAMP].length != strlen (stamp) ||
      memcmp (bytes + sections[SECTION_STAMP].offset, stamp, strlen (stamp)) != 0)
    return refuse (error, path, "stale"), NULL;

  arrays.x = (const guint32 *) (bytes + sections[SECTION_X].offset);
  arrays.y = (const guint32 *) (bytes + sections[SECTION_Y].offset);
  arrays.times = (const guint32 *) (bytes + sections[SECTION_TIMES].offset);
  arrays.agencies = bytes + sections[SECTION_AGENCY_INDEXES].offset;
  arrays.ids = (const guint32 *) (bytes + sections[SECTION_IDS].offset);
  arrays.cell_start = (const guint32 *) (bytes + sections[SECTION_CELL_START].offset);
  arrays.hourly = (const guint32 *) (bytes + sections[SECTION_HOURLY].offset);

  *agencies = g_array_sized_new (FALSE, FALSE, sizeof (SlReadCacheAgency),
                                 sections[SECTION_AGENCIES].length / sizeof (SlReadCacheAgency));
  g_array_append_vals (*agencies, bytes + sections[SECTION_AGENCIES].offset,
                       sections[SECTION_AGENCIES].length / sizeof (SlReadCacheAgency));

  set = sl_read_set_new_borrowed (&header.layout, &arrays, g_steal_pointer (&file),
                                  (GDestroyNotify) g_mapped_file_unref, error);
  if (set == NULL)
    g_clear_pointer (agencies, g_array_unref);
  return set;
}
