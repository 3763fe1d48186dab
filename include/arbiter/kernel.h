/* arbiter/kernel.h: the C interface between Arbiter's harness and a native kernel.
 *
 * A native submission (C or C++, compiled by the judge into a shared object) defines
 *
 *     ARBITER_KERNEL int arbiter_kernel(const arbiter_args* args);
 *
 * The harness calls it once per iteration. Inputs are read-only (writing them faults);
 * outputs are filled with a poison pattern before every call and must be written in full
 * before the function returns: anything still writing afterwards is rejected. Return 0 on
 * success; any other value is reported as the submission's error code.
 *
 * A problem's reference (reference.cpp in the problem directory) implements the same
 * function, and may also define arbiter_generate() to build inputs its own way.
 */
#ifndef ARBITER_KERNEL_H
#define ARBITER_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#define ARBITER_KERNEL extern "C" __attribute__((visibility("default")))
#else
#define ARBITER_KERNEL __attribute__((visibility("default")))
#endif

#define ARBITER_ABI_VERSION 1
#define ARBITER_MAX_DIMS 8

typedef enum arbiter_dtype {
  ARBITER_F32 = 1,
  ARBITER_F64 = 2,
  ARBITER_I32 = 3,
  ARBITER_I64 = 4,
  ARBITER_U8 = 5,
  ARBITER_F16 = 6, /* IEEE binary16, stored as uint16_t */
  ARBITER_BF16 = 7 /* bfloat16, stored as uint16_t */
} arbiter_dtype;

typedef struct arbiter_tensor {
  void* data;                        /* const for inputs: the pages are mapped read-only */
  int32_t dtype;                     /* an arbiter_dtype */
  int32_t ndim;                      /* 0..ARBITER_MAX_DIMS */
  int64_t shape[ARBITER_MAX_DIMS];   /* row-major, contiguous */
  const char* name;                  /* as declared in problem.toml */
} arbiter_tensor;

typedef struct arbiter_param {
  const char* name; /* a shape parameter of the case, e.g. "n" */
  int64_t value;
} arbiter_param;

typedef struct arbiter_args {
  const arbiter_tensor* inputs;
  size_t n_inputs;
  const arbiter_tensor* outputs; /* the tensors are fixed; their data is the submission's to write */
  size_t n_outputs;
  const arbiter_param* params;
  size_t n_params;
} arbiter_args;

/* Number of elements of a tensor. */
static inline int64_t arbiter_numel(const arbiter_tensor* t) {
  int64_t n = 1;
  for (int32_t i = 0; i < t->ndim; ++i) n *= t->shape[i];
  return n;
}

/* Value of a named parameter, or fallback when absent. */
static inline int64_t arbiter_param_or(const arbiter_args* a, const char* name, int64_t fallback) {
  for (size_t i = 0; i < a->n_params; ++i) {
    const char* p = a->params[i].name;
    const char* q = name;
    while (*p && *p == *q) { ++p; ++q; }
    if (*p == 0 && *q == 0) return a->params[i].value;
  }
  return fallback;
}

typedef int (*arbiter_kernel_fn)(const arbiter_args* args);

/* Optional, references only: fill args->inputs (writable here) for the given seed. */
typedef int (*arbiter_generate_fn)(const arbiter_args* args, uint64_t seed);

#ifdef __cplusplus
}
#endif
#endif /* ARBITER_KERNEL_H */
