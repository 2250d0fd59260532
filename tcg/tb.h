/* Translation blocks: their host code, the metadata that maps host code back to guest
 * state, the TB hash table, chaining between TBs, and invalidation.
 * Contract: TBs and their metadata live in arenas that are discarded whole by
 * tb_flush(); nothing is freed one by one. A TB is found by (pc, flags); chaining
 * patches a TB's goto_tb jump to enter another TB directly, and invalidation undoes
 * every such jump into the dead TB. */
#ifndef TCG_TB_H
#define TCG_TB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One guest instruction's start in host code. */
struct insn_rec {
    uint32_t host_off;         /* from tb->code */
    uint32_t pad;
    uint64_t pc, extra;
};

/* A dirty guest register at a fault point: where its current value is. */
struct fault_map {
    int32_t env_off;           /* its home in the CPU state */
    uint8_t size;              /* 4 or 8 */
    uint8_t reg;               /* host register, or FAULT_MAP_CONST */
    uint16_t pad;
    uint64_t val;              /* the constant when reg == FAULT_MAP_CONST */
};
#define FAULT_MAP_CONST 0xff

enum fault_kind {
    FAULT_MEM,                 /* a guest load/store: SIGSEGV/SIGBUS from the host */
    FAULT_ALIGN,               /* ud2 after a failed alignment check: guest SIGBUS */
    FAULT_CALL,                /* return address of a helper that may raise */
};

/* A host instruction that may fault (or a helper call that may raise). */
struct fault_rec {
    uint32_t host_off;         /* the faulting instruction (FAULT_CALL: return address) */
    uint16_t insn;             /* index into the TB's insn records */
    uint8_t kind;
    uint8_t addr_reg;          /* FAULT_ALIGN: host register holding the guest address */
    uint32_t map_first;        /* index into the TB's fault_map array */
    uint32_t map_len;
};

struct tb {
    uint64_t pc;
    uint32_t flags;
    uint32_t guest_size;       /* bytes of guest code */
    uint64_t page[2];          /* guest page addresses covered ([1] = ~0 if one page) */
    uint8_t *code;
    uint32_t code_size;
    uint32_t nb_insns, nb_faults;
    bool invalid;
    struct insn_rec *insns;
    struct fault_rec *faults;
    struct fault_map *maps;

    /* chaining: slot n's jmp rel32 is at code + jmp_off[n]; unchained it targets
     * code + jmp_reset[n] (the exit path right after it) */
    uint32_t jmp_off[2], jmp_reset[2];
    struct tb *jmp_dest[2];
    uintptr_t jmp_in;          /* list of (tb | slot) jumping here */
    uintptr_t jmp_in_next[2];  /* next in the dest's list, for each of our slots */

    struct tb *hash_next;
    uintptr_t page_next[2];    /* per-page TB lists: (tb | n) */
};

#define TB_NO_JUMP UINT32_MAX

/* --- locking: translation, chaining and invalidation are serialized by the TB lock;
 * lookups (tb_lookup, the jump caches) take no lock --- */
void tb_lock(void);
void tb_unlock(void);

/* --- lookup --- */
struct tb *tb_lookup(uint64_t pc, uint32_t flags);
/* Makes a new TB visible: hash table and per-page lists, code pages protected. */
void tb_link(struct tb *tb);
/* Points slot n of tb directly at dest's code. */
void tb_add_jump(struct tb *tb, unsigned n, struct tb *dest);
/* Removes one TB: unhashed, incoming jumps reset, jump caches cleared. TB lock held. */
void tb_invalidate(struct tb *tb);

/* --- storage --- */
int tb_storage_init(size_t code_size);
/* A new zeroed TB and space for code at tb->code; NULL when the cache is full. */
struct tb *tb_alloc(uint64_t pc, uint32_t flags);
uint8_t *tb_code_ptr(void);          /* where the next TB's code starts */
uint8_t *tb_code_end(void);
/* Commits code_size bytes of code and copies the metadata into the arena. */
bool tb_commit(struct tb *tb, uint32_t code_size, const struct insn_rec *insns,
               uint32_t nb_insns, const struct fault_rec *faults, uint32_t nb_faults,
               const struct fault_map *maps, uint32_t nb_maps);
/* Drops every TB and all code (cache full). No thread may be running TB code: the
 * caller stops them first (exec.c runs it in an exclusive section). Takes the TB lock. */
void tb_flush(void);
/* The TB whose code contains host address p, or NULL. */
struct tb *tb_find_by_host_pc(uintptr_t p);
bool in_code_cache(uintptr_t p);

/* Prologue/epilogue area at the start of the code cache. */
uint8_t *tb_reserve_prologue(size_t size);

/* statistics for -d stats */
struct tb_stats {
    uint64_t tbs_translated, host_bytes, guest_insns, flushes, invalidations;
    uint64_t chains_made, loop_exits, lookups_hash, translate_ns;
};
extern struct tb_stats tb_stats;

/* Clears every thread's jump cache entries for this TB (or all when tb == NULL). */
void jc_invalidate(const struct tb *tb);

#endif
