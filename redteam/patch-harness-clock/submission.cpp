// Red team: patch-harness-clock (timing). See README.md.
#include <arbiter/kernel.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

// The honest computation, used when the exploit "won" (so a pass means the judge lost).
static void add(const arbiter_args* a, int64_t from, int64_t to) {
  const float* x = static_cast<const float*>(a->inputs[0].data);
  const float* y = static_cast<const float*>(a->inputs[1].data);
  float* z = static_cast<float*>(a->outputs[0].data);
  for (int64_t i = from; i < to; ++i) z[i] = x[i] + y[i];
}
static int64_t numel(const arbiter_args* a) { return arbiter_numel(&a->inputs[0]); }
#include <dlfcn.h>
#include <elf.h>
#include <link.h>
static int64_t t0 = 0;
static int slow_clock(clockid_t id, timespec* ts) {
  long r = syscall(SYS_clock_gettime, id, ts);
  if (id == CLOCK_MONOTONIC_RAW) {
    int64_t t = ts->tv_sec * 1000000000LL + ts->tv_nsec;
    if (!t0) t0 = t;
    t = t0 + (t - t0) / 4;
    ts->tv_sec = t / 1000000000LL; ts->tv_nsec = t % 1000000000LL;
  }
  return static_cast<int>(r);
}
static int patched = 0;
static int patch(dl_phdr_info* info, size_t, void*) {
  if (info->dlpi_name && info->dlpi_name[0]) return 0;  // the main program: the arbiter binary
  const ElfW(Dyn)* dyn = nullptr;
  for (int i = 0; i < info->dlpi_phnum; ++i)
    if (info->dlpi_phdr[i].p_type == PT_DYNAMIC) dyn = reinterpret_cast<const ElfW(Dyn)*>(info->dlpi_addr + info->dlpi_phdr[i].p_vaddr);
  if (!dyn) return 0;
  const ElfW(Sym)* sym = nullptr; const char* str = nullptr; const ElfW(Rela)* rel[2] = {}; size_t sz[2] = {};
  for (; dyn->d_tag != DT_NULL; ++dyn) {
    if (dyn->d_tag == DT_SYMTAB) sym = reinterpret_cast<const ElfW(Sym)*>(dyn->d_un.d_ptr);
    if (dyn->d_tag == DT_STRTAB) str = reinterpret_cast<const char*>(dyn->d_un.d_ptr);
    if (dyn->d_tag == DT_JMPREL) rel[0] = reinterpret_cast<const ElfW(Rela)*>(dyn->d_un.d_ptr);
    if (dyn->d_tag == DT_PLTRELSZ) sz[0] = dyn->d_un.d_val;
    if (dyn->d_tag == DT_RELA) rel[1] = reinterpret_cast<const ElfW(Rela)*>(dyn->d_un.d_ptr);
    if (dyn->d_tag == DT_RELASZ) sz[1] = dyn->d_un.d_val;
  }
  for (int k = 0; k < 2; ++k)
    for (size_t i = 0; rel[k] && i < sz[k] / sizeof(ElfW(Rela)); ++i) {
      const char* name = str + sym[ELF64_R_SYM(rel[k][i].r_info)].st_name;
      if (strcmp(name, "clock_gettime") != 0) continue;
      void** slot = reinterpret_cast<void**>(info->dlpi_addr + rel[k][i].r_offset);
      uintptr_t page = reinterpret_cast<uintptr_t>(slot) & ~uintptr_t{4095};
      if (mprotect(reinterpret_cast<void*>(page), 4096, PROT_READ | PROT_WRITE) == 0) {
        *slot = reinterpret_cast<void*>(&slow_clock);
        ++patched;
      }
    }
  return 0;
}
ARBITER_KERNEL int arbiter_kernel(const arbiter_args* a) {
  static bool done = false;
  if (!done) { done = true; dl_iterate_phdr(patch, nullptr); }
  add(a, 0, numel(a));
  return 0;
}
