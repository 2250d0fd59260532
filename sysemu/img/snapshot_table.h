/* The snapshot list as qemu-img prints it (info and snapshot -l). */
#ifndef SYSEMU_IMG_SNAPSHOT_TABLE_H
#define SYSEMU_IMG_SNAPSHOT_TABLE_H

#include "sysemu/block/block.h"

void snapshot_table_print(const struct block_snapshot *sn, int n);

#endif
