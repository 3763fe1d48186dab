// Measures which ways of sharing judge-owned GPU memory reach a contestant in its own
// user+pid+net namespaces (DESIGN §2 asks this before the CUDA backend commits to one):
//  (a) legacy cudaIpcGetMemHandle / cudaIpcOpenMemHandle
//  (b) cuMemCreate + cuMemExportToShareableHandle(POSIX fd) passed over a socket (SCM_RIGHTS)
// Run on a GPU host: nvcc -O2 ipc_probe.cu -lcuda -o ipc_probe && ./ipc_probe
#include <cuda.h>
#include <cuda_runtime.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#define CK(x) do { auto e_ = (x); if (e_ != 0) { std::printf("  %s failed: %d\n", #x, (int)e_); return 1; } } while (0)

static int send_fd(int sock, int fd, const void* data, size_t n) {
  msghdr m{}; iovec io{const_cast<void*>(data), n}; char c[CMSG_SPACE(sizeof(int))];
  m.msg_iov = &io; m.msg_iovlen = 1; m.msg_control = c; m.msg_controllen = sizeof c;
  cmsghdr* h = CMSG_FIRSTHDR(&m); h->cmsg_level = SOL_SOCKET; h->cmsg_type = SCM_RIGHTS; h->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(h), &fd, sizeof fd);
  return sendmsg(sock, &m, 0) == (ssize_t)n ? 0 : -1;
}
static int recv_fd(int sock, void* data, size_t n) {
  msghdr m{}; iovec io{data, n}; char c[CMSG_SPACE(sizeof(int))];
  m.msg_iov = &io; m.msg_iovlen = 1; m.msg_control = c; m.msg_controllen = sizeof c;
  if (recvmsg(sock, &m, 0) != (ssize_t)n) return -1;
  int fd; std::memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&m)), sizeof fd); return fd;
}

struct Msg { cudaIpcMemHandle_t legacy; size_t size; };

static int child(int sock, bool namespaces) {
  if (namespaces) {
    if (unshare(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS) != 0) { std::perror("  unshare"); return 1; }
    pid_t inner = fork();  // pid 1 of the new pid namespace does the work
    if (inner != 0) { int st; waitpid(inner, &st, 0); return WIFEXITED(st) ? WEXITSTATUS(st) : 1; }
  }
  Msg msg; int fd = recv_fd(sock, &msg, sizeof msg);
  int ok_legacy = 0, ok_fd = 0;
  void* p = nullptr;
  cudaError_t e = cudaIpcOpenMemHandle(&p, msg.legacy, cudaIpcMemLazyEnablePeerAccess);
  if (e == cudaSuccess) { unsigned v = 0; cudaMemcpy(&v, p, 4, cudaMemcpyDeviceToHost); ok_legacy = v == 0xA5A5A5A5u; cudaIpcCloseMemHandle(p); }
  else std::printf("  legacy cudaIpcOpenMemHandle: %s\n", cudaGetErrorString(e));
  CUmemGenericAllocationHandle h;
  CUresult r = cuMemImportFromShareableHandle(&h, (void*)(uintptr_t)fd, CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR);
  if (r == CUDA_SUCCESS) {
    CUdeviceptr d; cuMemAddressReserve(&d, msg.size, 0, 0, 0); cuMemMap(d, msg.size, 0, h, 0);
    CUmemAccessDesc a{}; a.location.type = CU_MEM_LOCATION_TYPE_DEVICE; a.location.id = 0; a.flags = CU_MEM_ACCESS_FLAGS_PROT_READWRITE;
    cuMemSetAccess(d, msg.size, &a, 1);
    unsigned v = 0; cuMemcpyDtoH(&v, d, 4); ok_fd = v == 0x5A5A5A5Au;
  } else std::printf("  cuMemImportFromShareableHandle: %d\n", (int)r);
  std::printf("  %s: legacy cudaIpc %s, cuMem POSIX fd %s\n", namespaces ? "contestant in new user/pid/net/ipc/uts namespaces" : "contestant in the same namespaces",
              ok_legacy ? "WORKS" : "fails", ok_fd ? "WORKS" : "fails");
  return 0;
}

int main() {
  // Both contestants are forked before the judge touches CUDA (a forked CUDA context is unusable).
  int socks[2][2]; pid_t pids[2];
  for (int i = 0; i < 2; ++i) {
    socketpair(AF_UNIX, SOCK_STREAM, 0, socks[i]);
    pids[i] = fork();
    if (pids[i] == 0) { close(socks[i][0]); _exit(child(socks[i][1], i == 1)); }
    close(socks[i][1]);
  }
  for (int i = 0; i < 2; ++i) {
    int sv[2] = {socks[i][0], -1}; pid_t pid = pids[i];
    CK(cuInit(0)); CUdevice dev; CK(cuDeviceGet(&dev, 0)); CUcontext ctx; CK(cuDevicePrimaryCtxRetain(&ctx, dev)); CK(cuCtxSetCurrent(ctx));
    void* legacy; CK(cudaMalloc(&legacy, 1 << 20)); CK(cudaMemset(legacy, 0xA5, 1 << 20));
    CUmemAllocationProp prop{}; prop.type = CU_MEM_ALLOCATION_TYPE_PINNED; prop.location.type = CU_MEM_LOCATION_TYPE_DEVICE;
    prop.location.id = 0; prop.requestedHandleTypes = CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR;
    size_t gran; CK(cuMemGetAllocationGranularity(&gran, &prop, CU_MEM_ALLOC_GRANULARITY_MINIMUM));
    CUmemGenericAllocationHandle h; CK(cuMemCreate(&h, gran, &prop, 0));
    CUdeviceptr d; CK(cuMemAddressReserve(&d, gran, 0, 0, 0)); CK(cuMemMap(d, gran, 0, h, 0));
    CUmemAccessDesc a{}; a.location.type = CU_MEM_LOCATION_TYPE_DEVICE; a.location.id = 0; a.flags = CU_MEM_ACCESS_FLAGS_PROT_READWRITE;
    CK(cuMemSetAccess(d, gran, &a, 1)); CK(cuMemsetD8(d, 0x5A, gran)); CK(cuCtxSynchronize());
    int fd = -1; CK(cuMemExportToShareableHandle(&fd, h, CU_MEM_HANDLE_TYPE_POSIX_FILE_DESCRIPTOR, 0));
    Msg msg; CK(cudaIpcGetMemHandle(&msg.legacy, legacy)); msg.size = gran;
    send_fd(sv[0], fd, &msg, sizeof msg);
    int st; waitpid(pid, &st, 0);
    close(sv[0]); close(fd); cudaFree(legacy);
  }
  return 0;
}
