/* IR optimization passes, run on each TB between translation and code generation.
 * Contract: ir_optimize() rewrites ops in place (replaced ops become IR_nop) keeping
 * semantics, including the guest state visible at every fault point. ir_liveness()
 * then fills each op's dead_args/sync_args for the register allocator and removes ops
 * whose results nobody reads (dead code and dead stores to globals, e.g. unused flags). */
#ifndef TCG_OPT_H
#define TCG_OPT_H

struct ir;

void ir_optimize(struct ir *ir);     /* constant folding/propagation, copy propagation */
void ir_liveness(struct ir *ir);     /* liveness, dead code and dead store elimination */

#endif
