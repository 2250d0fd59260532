/* zlib streams kept per thread and reused from one cluster to the next.  Setting up a
 * deflate stream allocates and clears about 270 KiB; doing that for every 64 KiB grain made
 * the allocator hand memory back to the kernel and fault it in again for each one, which
 * cost as much as the compression.
 * Contract: the stream returned is this thread's, reset and ready for a new input with the
 * parameters asked for (NULL when zlib cannot allocate it); it stays valid until the same
 * thread asks for another kind, and is freed when the thread exits. */
#ifndef SYSEMU_BLOCK_ZCACHE_H
#define SYSEMU_BLOCK_ZCACHE_H

#include <zlib.h>

z_stream *zcache_deflate(int level, int window_bits, int mem_level);
z_stream *zcache_inflate(int window_bits);

#endif
